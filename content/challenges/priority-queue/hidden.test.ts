function drain<T>(q: PriorityQueue<T>): T[] {
  const out: T[] = [];
  while (q.size() > 0) out.push(q.dequeue() as T);
  return out;
}

test("the example from the prompt", () => {
  const q = new PriorityQueue<string>();
  q.enqueue("newsletter", 1);
  q.enqueue("password-reset", 10);
  q.enqueue("invoice", 5);
  q.enqueue("digest", 1);
  expect(drain(q)).toEqual(["password-reset", "invoice", "newsletter", "digest"]);
  expect(q.dequeue()).toBeNull();
});

test("negative, zero and fractional priorities", () => {
  const q = new PriorityQueue<string>();
  q.enqueue("minus-one", -1);
  q.enqueue("zero", 0);
  q.enqueue("half", 0.5);
  q.enqueue("minus-half", -0.5);
  q.enqueue("big", 1e9);
  expect(drain(q)).toEqual(["big", "half", "zero", "minus-half", "minus-one"]);
});

test("peek shows the next item without removing it", () => {
  const q = new PriorityQueue<string>();
  q.enqueue("a", 1);
  q.enqueue("b", 3);
  expect(q.peek()).toBe("b");
  expect(q.size()).toBe(2);
  expect(q.dequeue()).toBe("b");
  expect(q.peek()).toBe("a");
});

test("falsy items are real items", () => {
  const q = new PriorityQueue<unknown>();
  q.enqueue(0, 2);
  q.enqueue("", 1);
  q.enqueue(false, 3);
  expect(q.size()).toBe(3);
  expect(drain(q)).toEqual([false, 0, ""]);
});

test("ties stay FIFO even when interleaved with other priorities", () => {
  const q = new PriorityQueue<string>();
  const order = [
    ["a1", 1], ["b1", 2], ["a2", 1], ["c1", 3], ["b2", 2], ["a3", 1], ["c2", 3], ["b3", 2], ["a4", 1],
  ] as const;
  for (const [item, p] of order) q.enqueue(item, p);
  expect(drain(q)).toEqual(["c1", "c2", "b1", "b2", "b3", "a1", "a2", "a3", "a4"]);
});

test("a long run of equal priorities stays in order", () => {
  const q = new PriorityQueue<number>();
  for (let i = 0; i < 100; i++) q.enqueue(i, 7);
  const out = drain(q);
  let inOrder = true;
  for (let i = 0; i < 100; i++) if (out[i] !== i) inOrder = false;
  expect(inOrder).toBe(true);
});

test("enqueueing between dequeues keeps the order right", () => {
  const q = new PriorityQueue<string>();
  q.enqueue("m1", 5);
  q.enqueue("l1", 1);
  expect(q.dequeue()).toBe("m1");
  q.enqueue("h1", 9);
  q.enqueue("m2", 5);
  expect(q.dequeue()).toBe("h1");
  q.enqueue("l2", 1);
  expect(drain(q)).toEqual(["m2", "l1", "l2"]);
});

test("objects come back as the same objects", () => {
  const q = new PriorityQueue<{ id: number }>();
  const a = { id: 1 };
  const b = { id: 2 };
  q.enqueue(a, 1);
  q.enqueue(b, 2);
  expect(q.dequeue()).toBe(b);
  expect(q.dequeue()).toBe(a);
});

test("a drained queue can be reused", () => {
  const q = new PriorityQueue<string>();
  q.enqueue("x", 1);
  q.dequeue();
  expect(q.dequeue()).toBeNull();
  q.enqueue("y", 1);
  q.enqueue("z", 2);
  expect(drain(q)).toEqual(["z", "y"]);
});

test("two queues are independent", () => {
  const a = new PriorityQueue<string>();
  const b = new PriorityQueue<string>();
  a.enqueue("only-a", 1);
  expect(b.size()).toBe(0);
  expect(b.peek()).toBeNull();
  expect(a.dequeue()).toBe("only-a");
});

test("10,000 items with many ties come out in priority order, FIFO within each priority", () => {
  const q = new PriorityQueue<number>();
  const n = 10_000;
  const priorities: number[] = [];
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const p = seed % 50;
    priorities.push(p);
    q.enqueue(i, p);
  }
  expect(q.size()).toBe(n);
  let ordered = true;
  let prev = q.dequeue() as number;
  for (let k = 1; k < n; k++) {
    const cur = q.dequeue() as number;
    const pp = priorities[prev];
    const pc = priorities[cur];
    if (pc > pp || (pc === pp && cur < prev)) ordered = false;
    prev = cur;
  }
  expect(ordered).toBe(true);
  expect(q.dequeue()).toBeNull();
});
