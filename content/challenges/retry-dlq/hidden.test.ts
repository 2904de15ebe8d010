test("maxAttempts must be a whole number of at least 1", () => {
  expect(() => new RetryQueue({ maxAttempts: 0 })).toThrow(RangeError);
  expect(() => new RetryQueue({ maxAttempts: 1.5 })).toThrow(RangeError);
  expect(() => new RetryQueue({ maxAttempts: -2 })).toThrow(RangeError);
  expect(() => new RetryQueue({ maxAttempts: 1 })).not.toThrow();
});

test("messages are delivered in send order with unique ids", () => {
  const q = new RetryQueue<number>({ maxAttempts: 3 });
  const ids = [q.send(1), q.send(2), q.send(3)];
  expect(new Set(ids).size).toBe(3);
  const got = [q.receive()!, q.receive()!, q.receive()!];
  expect(got.map((d) => d.body)).toEqual([1, 2, 3]);
  expect(got.map((d) => d.id)).toEqual(ids);
  expect(q.receive()).toBeNull();
});

test("with maxAttempts 1 the first failure dead-letters", () => {
  const q = new RetryQueue<string>({ maxAttempts: 1 });
  q.send("x");
  const d = q.receive()!;
  expect(q.nack(d.id)).toBe("dead-lettered");
  expect(q.deadLetters()).toEqual([{ id: d.id, body: "x", attempts: 1, reason: "failed" }]);
});

test("attempt numbers count up across retries", () => {
  const q = new RetryQueue<string>({ maxAttempts: 4 });
  q.send("x");
  const attempts: number[] = [];
  let outcome = "";
  while (outcome !== "dead-lettered") {
    const d = q.receive()!;
    attempts.push(d.attempt);
    outcome = q.nack(d.id, "attempt " + d.attempt);
  }
  expect(attempts).toEqual([1, 2, 3, 4]);
  expect(q.deadLetters()[0].reason).toBe("attempt 4");
  expect(q.deadLetters()[0].attempts).toBe(4);
});

test("a poison message never blocks the messages behind it", () => {
  const q = new RetryQueue<string>({ maxAttempts: 3 });
  q.send("poison");
  q.send("a");
  q.send("b");
  const order: string[] = [];
  for (let d = q.receive(); d; d = q.receive()) {
    order.push(d.body + d.attempt);
    if (d.body === "poison") q.nack(d.id);
    else q.ack(d.id);
  }
  expect(order).toEqual(["poison1", "a1", "b1", "poison2", "poison3"]);
  expect(q.deadLetters().map((d) => d.body)).toEqual(["poison"]);
  expect(q.size()).toBe(0);
});

test("ack and nack reject ids that are not outstanding", () => {
  const q = new RetryQueue<string>({ maxAttempts: 2 });
  q.send("x");
  expect(() => q.ack("nope")).toThrow();
  expect(() => q.nack("nope")).toThrow();
  const d = q.receive()!;
  q.ack(d.id);
  expect(() => q.ack(d.id)).toThrow();
  expect(() => q.nack(d.id)).toThrow();
});

test("a dead letter cannot be acked or nacked again", () => {
  const q = new RetryQueue<string>({ maxAttempts: 1 });
  q.send("x");
  const d = q.receive()!;
  q.nack(d.id);
  expect(() => q.nack(d.id)).toThrow();
  expect(() => q.ack(d.id)).toThrow();
  expect(q.deadLetters()).toHaveLength(1);
});

test("a retried message that is waiting cannot be acked until it is received again", () => {
  const q = new RetryQueue<string>({ maxAttempts: 3 });
  q.send("x");
  const d = q.receive()!;
  q.nack(d.id);
  expect(() => q.ack(d.id)).toThrow();
  const again = q.receive()!;
  expect(again.id).toBe(d.id);
  expect(() => q.ack(again.id)).not.toThrow();
});

test("size counts waiting and outstanding messages but not dead letters", () => {
  const q = new RetryQueue<string>({ maxAttempts: 1 });
  q.send("a");
  q.send("b");
  q.send("c");
  const a = q.receive()!;
  expect(q.size()).toBe(3);
  q.nack(a.id);
  expect(q.size()).toBe(2);
  q.ack(q.receive()!.id);
  expect(q.size()).toBe(1);
});

test("deadLetters returns a copy", () => {
  const q = new RetryQueue<string>({ maxAttempts: 1 });
  q.send("x");
  q.nack(q.receive()!.id);
  const list = q.deadLetters();
  list.pop();
  expect(q.deadLetters()).toHaveLength(1);
});

test("redrive moves dead letters back in order with fresh attempts", () => {
  const q = new RetryQueue<string>({ maxAttempts: 1 });
  q.send("p1");
  q.send("p2");
  q.nack(q.receive()!.id, "bug");
  q.nack(q.receive()!.id, "bug");
  q.send("new");
  expect(q.redrive()).toBe(2);
  expect(q.deadLetters()).toEqual([]);
  const order = [q.receive()!, q.receive()!, q.receive()!];
  expect(order.map((d) => d.body)).toEqual(["new", "p1", "p2"]);
  expect(order[1].attempt).toBe(1);
  expect(q.redrive()).toBe(0);
});

test("messages arrive in the DLQ in the order they died", () => {
  const q = new RetryQueue<string>({ maxAttempts: 2 });
  q.send("slow-poison");
  q.send("fast-poison");
  const s1 = q.receive()!;
  const f1 = q.receive()!;
  q.nack(s1.id);
  q.nack(f1.id);
  const s2 = q.receive()!;
  const f2 = q.receive()!;
  q.nack(f2.id, "second");
  q.nack(s2.id, "first");
  expect(q.deadLetters().map((d) => d.body)).toEqual(["fast-poison", "slow-poison"]);
});
