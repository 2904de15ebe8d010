test("a successful message is delivered once and acked", () => {
  const q = new RetryQueue<string>({ maxAttempts: 3 });
  q.send("ok");
  const d = q.receive()!;
  expect(d.body).toBe("ok");
  expect(d.attempt).toBe(1);
  q.ack(d.id);
  expect(q.receive()).toBeNull();
  expect(q.size()).toBe(0);
});

test("a failing message is retried, then dead-lettered", () => {
  const q = new RetryQueue<string>({ maxAttempts: 2 });
  q.send("poison");
  expect(q.nack(q.receive()!.id, "bad json")).toBe("retry");
  const second = q.receive()!;
  expect(second.attempt).toBe(2);
  expect(q.nack(second.id, "bad json")).toBe("dead-lettered");
  expect(q.deadLetters()).toEqual([{ id: second.id, body: "poison", attempts: 2, reason: "bad json" }]);
  expect(q.receive()).toBeNull();
});

test("a retried message goes behind the others", () => {
  const q = new RetryQueue<string>({ maxAttempts: 3 });
  q.send("poison");
  q.send("ok");
  q.nack(q.receive()!.id);
  expect(q.receive()!.body).toBe("ok");
});
