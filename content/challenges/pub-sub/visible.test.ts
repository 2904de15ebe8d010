test("every subscriber gets the message, in subscription order", () => {
  const broker = new Broker<string>();
  const log: string[] = [];
  broker.subscribe("orders", (m) => log.push("email " + m));
  broker.subscribe("orders", (m) => log.push("stock " + m));
  expect(broker.publish("orders", "#1")).toBe(2);
  expect(log).toEqual(["email #1", "stock #1"]);
});

test("a topic without subscribers delivers to nobody", () => {
  const broker = new Broker<string>();
  expect(broker.publish("nobody-listens", "hello")).toBe(0);
});

test("unsubscribe stops delivery", () => {
  const broker = new Broker<number>();
  const seen: number[] = [];
  const stop = broker.subscribe("t", (m) => seen.push(m));
  broker.publish("t", 1);
  stop();
  expect(broker.publish("t", 2)).toBe(0);
  expect(seen).toEqual([1]);
});
