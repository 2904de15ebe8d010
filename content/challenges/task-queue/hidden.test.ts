test("an empty queue peeks null and has size 0", () => {
  const q = new TaskQueue<number>();
  expect(q.peek()).toBeNull();
  expect(q.size()).toBe(0);
  expect(q.dequeue()).toBeNull();
});

test("dequeue on an empty queue does not make size negative", () => {
  const q = new TaskQueue<number>();
  q.dequeue();
  q.dequeue();
  expect(q.size()).toBe(0);
  q.enqueue(7);
  expect(q.size()).toBe(1);
  expect(q.dequeue()).toBe(7);
});

test("falsy values are real tasks", () => {
  const q = new TaskQueue<unknown>();
  q.enqueue(0);
  q.enqueue("");
  q.enqueue(false);
  expect(q.size()).toBe(3);
  expect(q.peek()).toBe(0);
  expect(q.dequeue()).toBe(0);
  expect(q.dequeue()).toBe("");
  expect(q.dequeue()).toBe(false);
  expect(q.dequeue()).toBeNull();
});

test("objects come back as the same objects", () => {
  const q = new TaskQueue<{ id: number }>();
  const a = { id: 1 };
  const b = { id: 2 };
  q.enqueue(a);
  q.enqueue(b);
  expect(q.dequeue()).toBe(a);
  expect(q.peek()).toBe(b);
});

test("interleaved enqueue and dequeue keep FIFO order", () => {
  const q = new TaskQueue<number>();
  const out: number[] = [];
  q.enqueue(1);
  q.enqueue(2);
  out.push(q.dequeue()!);
  q.enqueue(3);
  out.push(q.dequeue()!);
  q.enqueue(4);
  q.enqueue(5);
  out.push(q.dequeue()!, q.dequeue()!, q.dequeue()!);
  expect(out).toEqual([1, 2, 3, 4, 5]);
  expect(q.dequeue()).toBeNull();
});

test("a drained queue can be reused", () => {
  const q = new TaskQueue<string>();
  q.enqueue("x");
  q.dequeue();
  expect(q.dequeue()).toBeNull();
  q.enqueue("y");
  q.enqueue("z");
  expect(q.peek()).toBe("y");
  expect(q.dequeue()).toBe("y");
  expect(q.dequeue()).toBe("z");
  expect(q.size()).toBe(0);
});

test("two queues do not share tasks", () => {
  const a = new TaskQueue<string>();
  const b = new TaskQueue<string>();
  a.enqueue("only-in-a");
  expect(b.size()).toBe(0);
  expect(b.dequeue()).toBeNull();
  expect(a.dequeue()).toBe("only-in-a");
});

test("peek always matches the next dequeue", () => {
  const q = new TaskQueue<number>();
  for (let i = 0; i < 50; i++) q.enqueue(i);
  for (let i = 0; i < 50; i++) {
    const next = q.peek();
    expect(q.dequeue()).toBe(next);
  }
  expect(q.peek()).toBeNull();
});

test("size stays right through a long mixed sequence", () => {
  const q = new TaskQueue<number>();
  let expected = 0;
  for (let round = 0; round < 200; round++) {
    for (let i = 0; i < (round % 7) + 1; i++) {
      q.enqueue(round);
      expected++;
    }
    for (let i = 0; i < (round % 5); i++) {
      if (q.dequeue() !== null) expected--;
    }
  }
  expect(q.size()).toBe(expected);
});

test("200,000 tasks in, 200,000 tasks out, in order", () => {
  const q = new TaskQueue<number>();
  const n = 200_000;
  for (let i = 0; i < n; i++) q.enqueue(i);
  expect(q.size()).toBe(n);
  let inOrder = true;
  for (let i = 0; i < n; i++) if (q.dequeue() !== i) inOrder = false;
  expect(inOrder).toBe(true);
  expect(q.size()).toBe(0);
  expect(q.dequeue()).toBeNull();
});

test("stays fast with a 100,000-task backlog while tasks flow through", () => {
  const q = new TaskQueue<number>();
  const backlog = 100_000;
  for (let i = 0; i < backlog; i++) q.enqueue(i);
  let next = 0;
  let inOrder = true;
  for (let i = backlog; i < backlog + 100_000; i++) {
    q.enqueue(i);
    if (q.dequeue() !== next++) inOrder = false;
  }
  expect(inOrder).toBe(true);
  expect(q.size()).toBe(backlog);
  expect(q.peek()).toBe(next);
});
