function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

test("windowSize must be a whole number of at least 1", () => {
  const noop = () => {};
  expect(() => new IdempotentConsumer(noop, 0)).toThrow(RangeError);
  expect(() => new IdempotentConsumer(noop, 2.5)).toThrow(RangeError);
  expect(() => new IdempotentConsumer(noop, -1)).toThrow(RangeError);
  expect(() => new IdempotentConsumer(noop, 1)).not.toThrow();
});

test("the handler receives the id and the message", async () => {
  const calls: unknown[][] = [];
  const message = { cents: 500 };
  const consumer = new IdempotentConsumer<{ cents: number }>((id, m) => {
    calls.push([id, m]);
  }, 5);
  await consumer.handle("order-1", message);
  expect(calls).toHaveLength(1);
  expect(calls[0][0]).toBe("order-1");
  expect(calls[0][1]).toBe(message);
});

test("an async handler is awaited before handle resolves", async () => {
  const log: string[] = [];
  const consumer = new IdempotentConsumer<number>(async (id) => {
    await null;
    await null;
    log.push("done " + id);
  }, 5);
  const result = await consumer.handle("x", 1);
  log.push("handle resolved");
  expect(result).toBe(true);
  expect(log).toEqual(["done x", "handle resolved"]);
});

test("a duplicate arriving while the first delivery is in progress does not run the handler", async () => {
  const gate = deferred();
  let calls = 0;
  const consumer = new IdempotentConsumer<number>(async () => {
    calls++;
    await gate.promise;
  }, 5);
  const first = consumer.handle("pay-1", 1);
  const second = consumer.handle("pay-1", 1);
  expect(await second).toBe(false);
  gate.resolve();
  expect(await first).toBe(true);
  expect(calls).toBe(1);
  expect(await consumer.handle("pay-1", 1)).toBe(false);
});

test("different ids run concurrently", async () => {
  const gate = deferred();
  const started: string[] = [];
  const consumer = new IdempotentConsumer<number>(async (id) => {
    started.push(id);
    await gate.promise;
  }, 5);
  const a = consumer.handle("a", 1);
  const b = consumer.handle("b", 2);
  await null;
  expect(started).toEqual(["a", "b"]);
  gate.resolve();
  expect(await a).toBe(true);
  expect(await b).toBe(true);
});

test("a failed handler rejects with its error and the id is not remembered", async () => {
  let attempts = 0;
  const consumer = new IdempotentConsumer<number>((id) => {
    attempts++;
    if (attempts === 1) throw new Error("card declined");
  }, 5);
  let caught: unknown = null;
  try {
    await consumer.handle("pay-2", 1);
  } catch (e) {
    caught = e;
  }
  expect(caught instanceof Error && caught.message).toBe("card declined");
  expect(consumer.remembered()).toBe(0);
  expect(await consumer.handle("pay-2", 1)).toBe(true);
  expect(attempts).toBe(2);
});

test("a rejected async handler is retried on redelivery", async () => {
  let attempts = 0;
  const consumer = new IdempotentConsumer<number>(async () => {
    attempts++;
    await null;
    if (attempts < 3) throw new Error("timeout " + attempts);
  }, 5);
  const outcomes: string[] = [];
  for (let i = 0; i < 4; i++) {
    try {
      outcomes.push(String(await consumer.handle("job", 0)));
    } catch (e) {
      outcomes.push((e as Error).message);
    }
  }
  expect(outcomes).toEqual(["timeout 1", "timeout 2", "true", "false"]);
});

test("a duplicate of a failed in-progress delivery is skipped, a later one is processed", async () => {
  const gate = deferred();
  let calls = 0;
  const consumer = new IdempotentConsumer<number>(async () => {
    calls++;
    if (calls === 1) await gate.promise;
  }, 5);
  const first = consumer.handle("m", 1);
  expect(await consumer.handle("m", 1)).toBe(false);
  gate.reject(new Error("crash"));
  let failed = false;
  try {
    await first;
  } catch {
    failed = true;
  }
  expect(failed).toBe(true);
  expect(await consumer.handle("m", 1)).toBe(true);
  expect(calls).toBe(2);
});

test("the oldest id is forgotten first, and duplicates do not refresh it", async () => {
  const processed: string[] = [];
  const consumer = new IdempotentConsumer<number>((id) => {
    processed.push(id);
  }, 3);
  for (const id of ["a", "b", "c"]) await consumer.handle(id, 0);
  expect(await consumer.handle("a", 0)).toBe(false);
  await consumer.handle("d", 0);
  expect(await consumer.handle("b", 0)).toBe(false);
  expect(await consumer.handle("c", 0)).toBe(false);
  expect(await consumer.handle("a", 0)).toBe(true);
  expect(processed).toEqual(["a", "b", "c", "d", "a"]);
});

test("the window follows finishing order, not arrival order", async () => {
  const slow = deferred();
  const consumer = new IdempotentConsumer<number>(async (id) => {
    if (id === "slow") await slow.promise;
  }, 2);
  const s = consumer.handle("slow", 0);
  await consumer.handle("fast", 0);
  slow.resolve();
  await s;
  await consumer.handle("third", 0);
  expect(await consumer.handle("slow", 0)).toBe(false);
  expect(await consumer.handle("fast", 0)).toBe(true);
});

test("remembered never exceeds the window", async () => {
  const consumer = new IdempotentConsumer<number>(() => {}, 50);
  let max = 0;
  for (let i = 0; i < 500; i++) {
    await consumer.handle("id-" + (i % 120), i);
    if (consumer.remembered() > max) max = consumer.remembered();
  }
  expect(max).toBe(50);
  expect(consumer.remembered()).toBe(50);
});

test("ids that look alike are still different", async () => {
  const processed: string[] = [];
  const consumer = new IdempotentConsumer<number>((id) => {
    processed.push(id);
  }, 10);
  for (const id of ["1", "01", " 1", "constructor", "toString", "__proto__"]) await consumer.handle(id, 0);
  expect(processed).toEqual(["1", "01", " 1", "constructor", "toString", "__proto__"]);
  expect(await consumer.handle("constructor", 0)).toBe(false);
});
