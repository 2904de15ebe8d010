test("one consumer gets messages one at a time, oldest first", () => {
  const q = new WorkQueue<string>();
  q.addConsumer("a");
  q.publish("j1");
  q.publish("j2");
  expect(q.dispatch()).toEqual([{ consumerId: "a", message: "j1" }]);
  expect(q.dispatch()).toEqual([]);
  expect(q.complete("a")).toBe("j1");
  expect(q.dispatch()).toEqual([{ consumerId: "a", message: "j2" }]);
});

test("idle consumers share the backlog", () => {
  const q = new WorkQueue<string>();
  q.addConsumer("a");
  q.addConsumer("b");
  q.publish("j1");
  q.publish("j2");
  q.publish("j3");
  expect(q.dispatch()).toEqual([
    { consumerId: "a", message: "j1" },
    { consumerId: "b", message: "j2" },
  ]);
  expect(q.pending()).toBe(1);
  expect(q.inFlight()).toBe(2);
});

test("the rotation continues after the last consumer served", () => {
  const q = new WorkQueue<string>();
  q.addConsumer("a");
  q.addConsumer("b");
  q.addConsumer("c");
  q.publish("j1");
  q.dispatch();
  q.complete("a");
  q.publish("j2");
  q.publish("j3");
  expect(q.dispatch()).toEqual([
    { consumerId: "b", message: "j2" },
    { consumerId: "c", message: "j3" },
  ]);
});
