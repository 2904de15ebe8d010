import { describe, expect, it } from "vitest";
import {
  advance,
  auditState,
  cloneConsumerAction,
  createScenario,
  dispatch,
  getScenario,
  groupOffsets,
  metrics,
  recentEvents,
  runScript,
  scenarioIds,
  scenarios,
  tokens,
  type SimState,
} from "./index";

/** Every id a widget can hover: producers, topics, queues (subscriptions, partitions, DLQs), groups, consumers. */
function componentIds(s: SimState): string[] {
  return [...Object.keys(s.producers), ...Object.keys(s.topics), ...Object.keys(s.queues), ...Object.keys(s.groups), ...Object.keys(s.consumers)];
}

describe("presets", () => {
  it("exist for every visual model id the lessons use", () => {
    for (const id of ["message-queue", "point-to-point", "pub-sub", "work-queue", "delivery-guarantees", "dead-letter", "partitions"]) {
      expect(scenarioIds).toContain(id);
      expect(getScenario(id).id).toBe(id);
    }
    expect(() => getScenario("nope")).toThrow(/unknown scenario "nope"/);
  });

  it.each(scenarioIds)("%s: labels every component with a name, what it does and why", (id) => {
    const preset = scenarios[id];
    const s = createScenario(id);
    for (const cid of componentIds(s)) {
      const label = preset.labels[cid];
      expect(label, `${id}: no label for "${cid}"`).toBeDefined();
      for (const text of [label.name, label.does, label.why]) {
        expect(text.trim().length).toBeGreaterThan(2);
        expect(text.length).toBeLessThan(220); // tooltip-sized
      }
    }
    const known = new Set([...componentIds(s), ...Object.keys(s.effects), ...(s.service ? ["service"] : [])]);
    for (const key of Object.keys(preset.labels)) expect(known.has(key), `${id}: label for unknown component "${key}"`).toBe(true);
    expect(preset.title.length).toBeGreaterThan(5);
    expect(preset.summary.length).toBeGreaterThan(20);
  });

  it.each(scenarioIds)("%s: runs a minute of virtual time with consistent bookkeeping", (id) => {
    let s = createScenario(id, 7);
    for (let i = 0; i < 60; i++) {
      s = advance(s, 1000);
      expect(auditState(s), `${id} at ${s.nowMs}`).toEqual([]);
    }
    if (id !== "traffic-spike") {
      expect(metrics(s).published).toBeGreaterThan(10);
      expect(metrics(s).acked).toBeGreaterThan(10);
    }
  });

  it.each(scenarioIds)("%s: every control builds an action that applies cleanly; toggles flip", (id) => {
    let s = advance(createScenario(id, 5), 3000);
    for (const control of scenarios[id].controls) {
      const action = control.build(s);
      if (action === null) continue;
      const before = control.isOn?.(s);
      const next = dispatch(s, action);
      expect(auditState(next), `${id}/${control.id}`).toEqual([]);
      if (control.isOn) expect(control.isOn(next), `${id}/${control.id} toggles`).toBe(!before);
      s = advance(next, 500);
    }
  });

  it("playground options: producers paused and consumers manual", () => {
    let s = createScenario("point-to-point", 1, { pausedProducers: true, manualConsumers: true });
    s = advance(s, 10_000);
    expect(metrics(s).published).toBe(0);
    s = dispatch(s, { type: "publish", producerId: "checkout" });
    s = advance(s, 10_000);
    expect(tokens(s)[0].place).toMatchObject({ kind: "queue", index: 0 });
    s = dispatch(s, { type: "receive", consumerId: "payment-worker-b" });
    expect(tokens(s)[0].place).toMatchObject({ kind: "consumer", consumerId: "payment-worker-b", stage: "held" });
    // The preset itself is untouched.
    expect(scenarios["point-to-point"].config.producers![0].running).toBeUndefined();
  });
});

describe("message-queue preset", () => {
  it("every event reaches Email, Inventory and Analytics; the malformed order ends in the DLQ from all three", () => {
    let s = createScenario("message-queue", 1);
    s = dispatch(advance(s, 30_000), { type: "pause-producers" });
    s = advance(s, 60_000);
    const published = recentEvents(s).filter((e) => e.type === "published").map((e) => e.msgId!);
    expect(published.length).toBeGreaterThan(20);
    for (const m of published) {
      const copies = Object.values(s.envelopes).filter((e) => e.msgId === m);
      expect(copies.map((e) => e.originQueueId).sort()).toEqual(["analytics-queue", "email-queue", "inventory-queue"]);
      const poison = copies[0].poison;
      for (const e of copies) expect(e.status, `${e.id}`).toBe(poison ? "dead" : "acked");
      if (poison) for (const e of copies) expect(e.attempts).toBe(3);
    }
    expect(s.counts["dead-lettered"]).toBeGreaterThan(0);
    expect(Object.values(s.producers).map((p) => p.name)).toEqual(["Order Service", "Payment Service"]);
    expect(Object.values(s.consumers).map((c) => c.name)).toEqual(["Email", "Inventory", "Analytics"]);
  });
});

describe("delivery-guarantees preset", () => {
  const crashDuringCharge = (setup: Parameters<typeof runScript>[2]) =>
    runScript("delivery-guarantees", 1, [...setup, { atMs: 4500, action: { type: "crash", consumerId: "payment", point: "before-ack" } }], { untilMs: 12_000 });

  it("crash after charging, before the ack: the order is redelivered and charged twice", () => {
    const s = crashDuringCharge([]);
    expect(s.envelopes["m1@payments"].effectApplied).toBe(2);
    expect(s.effects.charges.duplicates).toBe(1);
    expect(s.counts.duplicated).toBe(1);
  });

  it("with idempotency on, the redelivered order is recognised and charged once", () => {
    const s = crashDuringCharge([{ atMs: 0, action: { type: "set-consumer", consumerId: "payment", patch: { idempotent: true } } }]);
    expect(s.envelopes["m1@payments"].effectApplied).toBe(1);
    expect(s.effects.charges.duplicates).toBe(0);
    expect(s.effects.charges.suppressed).toBe(1);
  });

  it("at-most-once: a crash before charging loses the order, and nothing is ever redelivered", () => {
    const s = runScript(
      "delivery-guarantees",
      1,
      [
        { atMs: 0, action: { type: "set-consumer", consumerId: "payment", patch: { deliveryMode: "at-most-once" } } },
        { atMs: 4500, action: { type: "crash", consumerId: "payment", point: "mid-processing" } },
      ],
      { untilMs: 20_000 },
    );
    expect(s.envelopes["m1@payments"].status).toBe("lost");
    expect(s.envelopes["m1@payments"].effectApplied).toBe(0);
    expect(s.counts.redelivered).toBe(0);
  });
});

describe("dead-letter preset", () => {
  it("poison orders go to the DLQ while good ones flow; after the fix a redrive processes them", () => {
    let s = createScenario("dead-letter", 1);
    s = dispatch(advance(s, 20_000), { type: "pause-producers" });
    s = advance(s, 10_000);
    const dead = Object.values(s.envelopes).filter((e) => e.status === "dead");
    expect(dead.length).toBeGreaterThanOrEqual(3);
    expect(dead.every((e) => e.poison && e.attempts === 3)).toBe(true);
    expect(Object.values(s.envelopes).filter((e) => !e.poison).every((e) => e.status === "acked")).toBe(true);
    // Redrive before the fix: they fail again.
    const again = advance(dispatch(s, { type: "redrive", dlqId: "orders-dlq" }), 10_000);
    expect(metrics(again).dead).toBe(dead.length);
    s = dispatch(s, { type: "set-consumer", consumerId: "fulfilment", patch: { handlesPoison: true } });
    s = advance(dispatch(s, { type: "redrive", dlqId: "orders-dlq" }), 10_000);
    expect(metrics(s).dead).toBe(0);
    for (const e of dead) expect(s.envelopes[e.id].status).toBe("acked");
  });
});

describe("partitions preset", () => {
  it("the hot key's partition carries the most traffic; a new consumer triggers a rebalance", () => {
    let s = advance(createScenario("partitions", 1), 120_000); // ~300 events: the 60% share is well clear of noise
    const offsets = groupOffsets(s, "ledger");
    const hot = offsets[2];
    expect(hot.end).toBeGreaterThan(offsets[0].end + offsets[1].end);
    expect(Object.values(s.envelopes).filter((e) => e.key === "alice").every((e) => e.partition === 2)).toBe(true);
    const owners = offsets.map((o) => o.owner);
    s = dispatch(s, cloneConsumerAction(s, "ledger-2"));
    expect(Object.keys(s.consumers)).toEqual(["ledger-1", "ledger-2", "ledger-3"]);
    expect(groupOffsets(s, "ledger").map((o) => o.owner)).toEqual(["ledger-1", "ledger-2", "ledger-3"]);
    expect(owners).toEqual(["ledger-1", "ledger-2", "ledger-1"]);
    expect(recentEvents(s).some((e) => e.type === "rebalanced")).toBe(true);
    s = advance(dispatch(s, { type: "remove-consumer", consumerId: "ledger-1" }), 10_000);
    expect(groupOffsets(s, "ledger").map((o) => o.owner)).toEqual(["ledger-2", "ledger-3", "ledger-2"]);
    expect(auditState(s)).toEqual([]);
  });
});

describe("runScript", () => {
  it("replays beats deterministically and in time order regardless of list order", () => {
    const beats = [
      { atMs: 2000, action: { type: "crash" as const, consumerId: "worker-1" } },
      { atMs: 500, action: { type: "add-consumer" as const, consumer: { id: "worker-3", source: "resize-jobs" } } },
    ];
    const a = runScript("work-queue", 9, beats, { untilMs: 8000 });
    const b = runScript("work-queue", 9, [...beats].reverse(), { untilMs: 8000 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.nowMs).toBe(8000);
    expect(a.consumers["worker-3"]).toBeDefined();
    expect(a.counts.crashed).toBe(1);
  });

  it("keeps list order for beats at the same time and accepts a raw config", () => {
    const s = runScript({ queues: [{ id: "q" }] }, 1, [
      { atMs: 100, action: { type: "publish", to: "q", label: "first" } },
      { atMs: 100, action: { type: "publish", to: "q", label: "second" } },
    ]);
    expect(tokens(s).map((t) => t.label)).toEqual(["first", "second"]);
    expect(s.nowMs).toBe(100);
    expect(() => runScript("work-queue", 1, [{ atMs: -1, action: { type: "restart-broker" } }])).toThrow(RangeError);
  });

  it("cloneConsumerAction picks the next free id and copies settings", () => {
    const s = createScenario("work-queue");
    const a = cloneConsumerAction(s, "worker-2");
    expect(a).toMatchObject({ type: "add-consumer", consumer: { id: "worker-3", name: "Worker 3", source: "resize-jobs", effectId: "thumbnails" } });
  });
});
