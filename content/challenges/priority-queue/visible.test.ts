test("higher priority comes out first", () => {
  const q = new PriorityQueue<string>();
  q.enqueue("low", 1);
  q.enqueue("high", 10);
  q.enqueue("mid", 5);
  expect(q.dequeue()).toBe("high");
  expect(q.dequeue()).toBe("mid");
  expect(q.dequeue()).toBe("low");
});

test("equal priorities keep their enqueue order", () => {
  const q = new PriorityQueue<string>();
  q.enqueue("first", 1);
  q.enqueue("second", 1);
  q.enqueue("third", 1);
  expect([q.dequeue(), q.dequeue(), q.dequeue()]).toEqual(["first", "second", "third"]);
});

test("an empty queue returns null", () => {
  const q = new PriorityQueue<number>();
  expect(q.dequeue()).toBeNull();
  expect(q.peek()).toBeNull();
  expect(q.size()).toBe(0);
});
