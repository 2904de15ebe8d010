test("tasks come out in the order they went in", () => {
  const q = new TaskQueue<string>();
  q.enqueue("a");
  q.enqueue("b");
  q.enqueue("c");
  expect(q.dequeue()).toBe("a");
  expect(q.dequeue()).toBe("b");
  expect(q.dequeue()).toBe("c");
});

test("dequeue returns null when the queue is empty", () => {
  const q = new TaskQueue<number>();
  expect(q.dequeue()).toBeNull();
});

test("size counts the waiting tasks", () => {
  const q = new TaskQueue<number>();
  expect(q.size()).toBe(0);
  q.enqueue(1);
  q.enqueue(2);
  expect(q.size()).toBe(2);
  q.dequeue();
  expect(q.size()).toBe(1);
});

test("peek shows the next task without removing it", () => {
  const q = new TaskQueue<string>();
  q.enqueue("first");
  q.enqueue("second");
  expect(q.peek()).toBe("first");
  expect(q.size()).toBe(2);
  expect(q.dequeue()).toBe("first");
});
