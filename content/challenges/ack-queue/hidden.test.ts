function setup(timeout = 100, start = 0) {
  const clock = { now: start };
  const q = new AckQueue<string>({ visibilityTimeoutMs: timeout, clock: () => clock.now });
  return { q, clock };
}

test("an empty queue receives null", () => {
  const { q } = setup();
  expect(q.receive()).toBeNull();
  expect(q.size()).toBe(0);
  expect(q.inFlight()).toBe(0);
});

test("messages are received in send order, each with its own id", () => {
  const { q } = setup();
  const a = q.send("a");
  const b = q.send("b");
  expect(a).not.toBe(b);
  const first = q.receive()!;
  const second = q.receive()!;
  expect([first.body, first.messageId]).toEqual(["a", a]);
  expect([second.body, second.messageId]).toEqual(["b", b]);
  expect(first.receiveCount).toBe(1);
  expect(q.receive()).toBeNull();
  expect(q.inFlight()).toBe(2);
});

test("the timeout boundary: hidden at t + timeout - 1, visible at t + timeout", () => {
  const { q, clock } = setup(100, 1000);
  q.send("x");
  q.receive();
  clock.now = 1099;
  expect(q.receive()).toBeNull();
  clock.now = 1100;
  expect(q.receive()?.body).toBe("x");
});

test("time comes only from the injected clock", () => {
  const { q, clock } = setup(50, 5_000_000_000_000);
  q.send("x");
  const got = q.receive()!;
  clock.now += 10;
  expect(q.receive()).toBeNull();
  expect(q.ack(got.receiptId)).toBe(true);
});

test("an acked message never comes back", () => {
  const { q, clock } = setup(100);
  q.send("x");
  const got = q.receive()!;
  expect(q.ack(got.receiptId)).toBe(true);
  clock.now = 10_000;
  expect(q.receive()).toBeNull();
  expect(q.size()).toBe(0);
});

test("receive counts go up with each redelivery, and receipts are new each time", () => {
  const { q, clock } = setup(10);
  q.send("x");
  const receipts = new Set<string>();
  for (let i = 1; i <= 4; i++) {
    const got = q.receive()!;
    expect(got.receiveCount).toBe(i);
    receipts.add(got.receiptId);
    clock.now += 10;
  }
  expect(receipts.size).toBe(4);
});

test("acking twice, or with an unknown receipt, is rejected", () => {
  const { q } = setup();
  q.send("x");
  q.send("y");
  const got = q.receive()!;
  expect(q.ack("no-such-receipt")).toBe(false);
  expect(q.ack(got.receiptId)).toBe(true);
  expect(q.ack(got.receiptId)).toBe(false);
  expect(q.size()).toBe(1);
});

test("an old receipt stays invalid after redelivery, the new one works", () => {
  const { q, clock } = setup(100);
  q.send("x");
  const first = q.receive()!;
  clock.now = 100;
  const second = q.receive()!;
  clock.now = 150;
  expect(q.ack(first.receiptId)).toBe(false);
  expect(q.size()).toBe(1);
  expect(q.ack(second.receiptId)).toBe(true);
  expect(q.size()).toBe(0);
});

test("an expired receipt cannot delete the message even before anyone receives it again", () => {
  const { q, clock } = setup(100);
  q.send("x");
  const got = q.receive()!;
  clock.now = 100;
  expect(q.ack(got.receiptId)).toBe(false);
  const again = q.receive()!;
  expect(again.body).toBe("x");
  expect(again.receiveCount).toBe(2);
});

test("a message that reappears keeps its place ahead of newer ones", () => {
  const { q, clock } = setup(100);
  q.send("old");
  q.receive();
  clock.now = 50;
  q.send("new");
  clock.now = 100;
  expect(q.receive()?.body).toBe("old");
  expect(q.receive()?.body).toBe("new");
});

test("extend hides the message for a full timeout from now", () => {
  const { q, clock } = setup(100);
  q.send("slow job");
  const got = q.receive()!;
  clock.now = 80;
  expect(q.extend(got.receiptId)).toBe(true);
  clock.now = 179;
  expect(q.receive()).toBeNull();
  expect(q.inFlight()).toBe(1);
  expect(q.ack(got.receiptId)).toBe(true);
});

test("extend is rejected for expired, used or unknown receipts", () => {
  const { q, clock } = setup(100);
  q.send("a");
  q.send("b");
  const a = q.receive()!;
  const b = q.receive()!;
  expect(q.extend("nope")).toBe(false);
  q.ack(b.receiptId);
  expect(q.extend(b.receiptId)).toBe(false);
  clock.now = 100;
  expect(q.extend(a.receiptId)).toBe(false);
  expect(q.receive()?.body).toBe("a");
});

test("size and inFlight track visible, hidden and deleted messages", () => {
  const { q, clock } = setup(100);
  q.send("a");
  q.send("b");
  q.send("c");
  const a = q.receive()!;
  q.receive();
  expect(q.size()).toBe(3);
  expect(q.inFlight()).toBe(2);
  q.ack(a.receiptId);
  expect(q.size()).toBe(2);
  expect(q.inFlight()).toBe(1);
  clock.now = 100;
  expect(q.inFlight()).toBe(0);
  expect(q.size()).toBe(2);
});
