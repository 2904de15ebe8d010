test("without consumers nothing is dispatched and nothing is lost", () => {
  const q = new WorkQueue<number>();
  q.publish(1);
  q.publish(2);
  expect(q.dispatch()).toEqual([]);
  expect(q.pending()).toBe(2);
  q.addConsumer("late");
  expect(q.dispatch()).toEqual([{ consumerId: "late", message: 1 }]);
  expect(q.pending()).toBe(1);
});

test("adding a consumer id twice throws", () => {
  const q = new WorkQueue<number>();
  q.addConsumer("a");
  expect(() => q.addConsumer("a")).toThrow();
});

test("complete throws for an unknown or idle consumer", () => {
  const q = new WorkQueue<number>();
  q.addConsumer("a");
  expect(() => q.complete("ghost")).toThrow();
  expect(() => q.complete("a")).toThrow();
  q.publish(1);
  q.dispatch();
  expect(q.complete("a")).toBe(1);
  expect(() => q.complete("a")).toThrow();
});

test("a busy consumer is skipped, not queued for more work", () => {
  const q = new WorkQueue<string>();
  q.addConsumer("a");
  q.addConsumer("b");
  q.publish("j1");
  q.publish("j2");
  q.dispatch();
  q.complete("b");
  q.publish("j3");
  q.publish("j4");
  expect(q.dispatch()).toEqual([{ consumerId: "b", message: "j3" }]);
  expect(q.inFlight()).toBe(2);
  expect(q.pending()).toBe(1);
});

test("the cursor wraps around the ring", () => {
  const q = new WorkQueue<string>();
  q.addConsumer("a");
  q.addConsumer("b");
  q.addConsumer("c");
  const served: string[] = [];
  for (let i = 1; i <= 7; i++) {
    q.publish("j" + i);
    const [assignment] = q.dispatch();
    served.push(assignment.consumerId);
    q.complete(assignment.consumerId);
  }
  expect(served).toEqual(["a", "b", "c", "a", "b", "c", "a"]);
});

test("an idle consumer right after the cursor is served before idle ones before it", () => {
  const q = new WorkQueue<string>();
  for (const id of ["a", "b", "c", "d"]) q.addConsumer(id);
  q.publish("j1");
  q.publish("j2");
  q.dispatch(); // a, b
  q.complete("a");
  q.publish("j3");
  q.publish("j4");
  expect(q.dispatch()).toEqual([
    { consumerId: "c", message: "j3" },
    { consumerId: "d", message: "j4" },
  ]);
  q.publish("j5");
  expect(q.dispatch()).toEqual([{ consumerId: "a", message: "j5" }]);
});

test("a removed consumer's unfinished message goes back to the front", () => {
  const q = new WorkQueue<string>();
  q.addConsumer("a");
  q.addConsumer("b");
  q.publish("j1");
  q.publish("j2");
  q.publish("j3");
  q.dispatch(); // a: j1, b: j2
  q.removeConsumer("a");
  expect(q.inFlight()).toBe(1);
  expect(q.pending()).toBe(2);
  q.complete("b");
  expect(q.dispatch()).toEqual([{ consumerId: "b", message: "j1" }]);
  expect(() => q.complete("a")).toThrow();
});

test("removing the consumer at the cursor moves the cursor to the next one", () => {
  const q = new WorkQueue<string>();
  for (const id of ["a", "b", "c"]) q.addConsumer(id);
  q.publish("j1");
  q.dispatch(); // a served, cursor at b
  q.complete("a");
  q.removeConsumer("b");
  q.publish("j2");
  expect(q.dispatch()).toEqual([{ consumerId: "c", message: "j2" }]);
});

test("removing a consumer before the cursor keeps the rotation on track", () => {
  const q = new WorkQueue<string>();
  for (const id of ["a", "b", "c"]) q.addConsumer(id);
  q.publish("j1");
  q.publish("j2");
  q.dispatch(); // a, b served, cursor at c
  q.complete("a");
  q.complete("b");
  q.removeConsumer("a");
  q.publish("j3");
  q.publish("j4");
  expect(q.dispatch()).toEqual([
    { consumerId: "c", message: "j3" },
    { consumerId: "b", message: "j4" },
  ]);
});

test("removing an unknown consumer is ignored", () => {
  const q = new WorkQueue<number>();
  q.addConsumer("a");
  expect(() => q.removeConsumer("nobody")).not.toThrow();
  q.publish(1);
  expect(q.dispatch()).toEqual([{ consumerId: "a", message: 1 }]);
});

test("falsy messages are delivered like any other", () => {
  const q = new WorkQueue<unknown>();
  q.addConsumer("a");
  q.addConsumer("b");
  q.publish(0);
  q.publish("");
  expect(q.dispatch()).toEqual([
    { consumerId: "a", message: 0 },
    { consumerId: "b", message: "" },
  ]);
  expect(q.complete("a")).toBe(0);
  expect(q.complete("b")).toBe("");
});

test("in a long run every message is assigned exactly once and completed", () => {
  const q = new WorkQueue<number>();
  for (const id of ["w1", "w2", "w3"]) q.addConsumer(id);
  const assignedTo = new Map<number, string>();
  const completed: number[] = [];
  let twice = false;
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const busy: string[] = [];
  let next = 0;
  for (let step = 0; step < 400; step++) {
    if (next < 300 && random() < 0.8) q.publish(next++);
    for (const a of q.dispatch()) {
      if (assignedTo.has(a.message)) twice = true;
      assignedTo.set(a.message, a.consumerId);
      busy.push(a.consumerId);
    }
    if (busy.length > 0 && random() < 0.7) {
      const i = Math.floor(random() * busy.length);
      const [id] = busy.splice(i, 1);
      completed.push(q.complete(id));
    }
  }
  while (q.pending() + q.inFlight() > 0) {
    for (const a of q.dispatch()) {
      if (assignedTo.has(a.message)) twice = true;
      assignedTo.set(a.message, a.consumerId);
      busy.push(a.consumerId);
    }
    completed.push(q.complete(busy.shift()!));
  }
  expect(twice).toBe(false);
  expect(completed).toHaveLength(next);
  expect(new Set(completed).size).toBe(next);
});
