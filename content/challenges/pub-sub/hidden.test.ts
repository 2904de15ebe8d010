test("handlers receive the message and the topic", () => {
  const broker = new Broker<{ id: number }>();
  const message = { id: 7 };
  const calls: unknown[][] = [];
  broker.subscribe("orders.created", (m, t) => calls.push([m, t]));
  broker.publish("orders.created", message);
  expect(calls).toHaveLength(1);
  expect(calls[0][0]).toBe(message);
  expect(calls[0][1]).toBe("orders.created");
});

test("topics match exactly and are independent", () => {
  const broker = new Broker<string>();
  const a: string[] = [];
  const b: string[] = [];
  broker.subscribe("orders", (m) => a.push(m));
  broker.subscribe("orders.created", (m) => b.push(m));
  expect(broker.publish("orders", "x")).toBe(1);
  expect(broker.publish("orders.created", "y")).toBe(1);
  expect(broker.publish("Orders", "z")).toBe(0);
  expect(a).toEqual(["x"]);
  expect(b).toEqual(["y"]);
});

test("subscriberCount follows subscribe and unsubscribe", () => {
  const broker = new Broker<number>();
  expect(broker.subscriberCount("t")).toBe(0);
  const s1 = broker.subscribe("t", () => {});
  const s2 = broker.subscribe("t", () => {});
  expect(broker.subscriberCount("t")).toBe(2);
  s1();
  expect(broker.subscriberCount("t")).toBe(1);
  s2();
  expect(broker.subscriberCount("t")).toBe(0);
});

test("a throwing handler does not stop the others and still counts", () => {
  const broker = new Broker<number>();
  const seen: string[] = [];
  broker.subscribe("t", () => seen.push("first"));
  broker.subscribe("t", () => {
    throw new Error("boom");
  });
  broker.subscribe("t", () => seen.push("third"));
  let delivered = -1;
  expect(() => {
    delivered = broker.publish("t", 1);
  }).not.toThrow();
  expect(delivered).toBe(3);
  expect(seen).toEqual(["first", "third"]);
});

test("a handler that throws a non-Error value is contained too", () => {
  const broker = new Broker<number>();
  let after = 0;
  broker.subscribe("t", () => {
    throw "plain string";
  });
  broker.subscribe("t", () => after++);
  expect(broker.publish("t", 1)).toBe(2);
  expect(after).toBe(1);
});

test("the same handler subscribed twice is called twice, and unsubscribes one at a time", () => {
  const broker = new Broker<number>();
  let calls = 0;
  const handler = () => calls++;
  const first = broker.subscribe("t", handler);
  broker.subscribe("t", handler);
  expect(broker.publish("t", 1)).toBe(2);
  expect(calls).toBe(2);
  first();
  expect(broker.publish("t", 2)).toBe(1);
  expect(calls).toBe(3);
});

test("calling an unsubscribe function twice removes only its own subscription", () => {
  const broker = new Broker<number>();
  const seen: string[] = [];
  const stopA = broker.subscribe("t", () => seen.push("a"));
  broker.subscribe("t", () => seen.push("b"));
  stopA();
  stopA();
  expect(broker.subscriberCount("t")).toBe(1);
  broker.publish("t", 1);
  expect(seen).toEqual(["b"]);
});

test("a handler unsubscribing itself during delivery does not make anyone miss the message", () => {
  const broker = new Broker<number>();
  const seen: string[] = [];
  let stopA: () => void = () => {};
  stopA = broker.subscribe("t", () => {
    seen.push("a");
    stopA();
  });
  broker.subscribe("t", () => seen.push("b"));
  broker.subscribe("t", () => seen.push("c"));
  expect(broker.publish("t", 1)).toBe(3);
  expect(seen).toEqual(["a", "b", "c"]);
  expect(broker.publish("t", 2)).toBe(2);
  expect(seen).toEqual(["a", "b", "c", "b", "c"]);
});

test("unsubscribing a later subscriber during delivery takes effect from the next publish", () => {
  const broker = new Broker<number>();
  const seen: string[] = [];
  let stopC: () => void = () => {};
  broker.subscribe("t", () => {
    seen.push("a");
    stopC();
  });
  broker.subscribe("t", () => seen.push("b"));
  stopC = broker.subscribe("t", () => seen.push("c"));
  expect(broker.publish("t", 1)).toBe(3);
  expect(seen).toEqual(["a", "b", "c"]);
  expect(broker.publish("t", 2)).toBe(2);
  expect(seen).toEqual(["a", "b", "c", "a", "b"]);
});

test("a subscription made during delivery gets the next message, not this one", () => {
  const broker = new Broker<number>();
  const seen: string[] = [];
  let added = false;
  broker.subscribe("t", (m) => {
    seen.push("a" + m);
    if (!added) {
      added = true;
      broker.subscribe("t", (n) => seen.push("late" + n));
    }
  });
  expect(broker.publish("t", 1)).toBe(1);
  expect(broker.publish("t", 2)).toBe(2);
  expect(seen).toEqual(["a1", "a2", "late2"]);
});

test("resubscribing puts the subscriber at the end of the order", () => {
  const broker = new Broker<number>();
  const seen: string[] = [];
  const handlerA = () => seen.push("a");
  const stopA = broker.subscribe("t", handlerA);
  broker.subscribe("t", () => seen.push("b"));
  stopA();
  broker.subscribe("t", handlerA);
  broker.publish("t", 1);
  expect(seen).toEqual(["b", "a"]);
});

test("a handler may publish to another topic while being called", () => {
  const broker = new Broker<string>();
  const audit: string[] = [];
  broker.subscribe("audit", (m) => audit.push(m));
  broker.subscribe("orders", (m) => {
    broker.publish("audit", "saw " + m);
  });
  expect(broker.publish("orders", "#9")).toBe(1);
  expect(audit).toEqual(["saw #9"]);
});
