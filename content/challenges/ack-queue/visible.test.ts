test("a received message is hidden until it is acked", () => {
  let now = 0;
  const q = new AckQueue<string>({ visibilityTimeoutMs: 30, clock: () => now });
  q.send("charge card");
  const got = q.receive();
  expect(got?.body).toBe("charge card");
  expect(q.receive()).toBeNull();
  expect(q.ack(got!.receiptId)).toBe(true);
  expect(q.size()).toBe(0);
});

test("an unacked message comes back after the visibility timeout", () => {
  let now = 0;
  const q = new AckQueue<string>({ visibilityTimeoutMs: 30, clock: () => now });
  const id = q.send("charge card");
  q.receive();
  now = 30;
  const again = q.receive();
  expect(again?.messageId).toBe(id);
  expect(again?.receiveCount).toBe(2);
});

test("an expired receipt is rejected", () => {
  let now = 0;
  const q = new AckQueue<string>({ visibilityTimeoutMs: 30, clock: () => now });
  q.send("charge card");
  const first = q.receive()!;
  now = 31;
  expect(q.ack(first.receiptId)).toBe(false);
  expect(q.size()).toBe(1);
});
