/**
 * The narration of every tour step, checked against the engine: each number or claim a step makes
 * is asserted on the state its span ends in (or on the event log that led there). If a preset or
 * the engine changes, these fail and the words must be rewritten.
 */
import { describe, expect, it } from "vitest";
import { groupOffsets, metrics, recentEvents, tokens, type SimEvent, type SimEventType, type SimState } from "@/lib/sim";
import { stepEndState, stepStartState, tours, type Tour } from "./index";

function end(tour: Tour, stepId: string): SimState {
  const i = tour.steps.findIndex((s) => s.id === stepId);
  if (i < 0) throw new Error(`no step ${stepId}`);
  return stepEndState(tour, i);
}
function start(tour: Tour, stepId: string): SimState {
  return stepStartState(tour, tour.steps.findIndex((s) => s.id === stepId));
}
function events(s: SimState, type: SimEventType, where: Partial<Pick<SimEvent, "msgId" | "consumerId" | "queueId">> = {}): SimEvent[] {
  return recentEvents(s).filter(
    (e) =>
      e.type === type &&
      (where.msgId === undefined || e.msgId === where.msgId) &&
      (where.consumerId === undefined || e.consumerId === where.consumerId) &&
      (where.queueId === undefined || e.queueId === where.queueId),
  );
}
/** Seconds as the narration writes them: one decimal. */
const secs = (ms: number) => Math.round(ms / 100) / 10;
const copiesOf = (s: SimState, msgId: string) => tokens(s).filter((t) => t.msgId === msgId);
const depth = (s: SimState, q: string) => metrics(s).queues[q].depth;
const inflight = (s: SimState, q: string) => metrics(s).queues[q].inflight;

describe("message-queue tour", () => {
  const t = tours["message-queue"];
  it("publish: one event becomes a copy per line; the payment event waits in all three", () => {
    const s = end(t, "publish");
    expect(s.envelopes["m1@email-queue"].label).toBe("Order placed #1");
    expect(s.envelopes["m2@email-queue"].label).toBe("Payment captured #1");
    expect(copiesOf(s, "m1")).toHaveLength(3);
    for (const q of ["email-queue", "inventory-queue", "analytics-queue"]) {
      expect(depth(s, q)).toBe(1);
      expect(s.envelopes[`m2@${q}`].status).toBe("queued");
    }
  });
  it("receive: each consumer holds the order event in flight, nothing acked", () => {
    const s = end(t, "receive");
    for (const c of ["email", "inventory", "analytics"]) expect(copiesOf(s, "m1").find((x) => x.place.kind === "consumer" && x.place.consumerId === c)).toBeDefined();
    expect(metrics(s).inFlight).toBe(3);
    expect(metrics(s).acked).toBe(0);
  });
  it("ack: inventory at 1.1 s, email at 1.2 s, analytics at 1.9 s and 3.3 s; all six copies acked", () => {
    const s = end(t, "ack");
    expect(secs(events(s, "acked", { msgId: "m1", consumerId: "inventory" })[0].atMs)).toBe(1.1);
    expect(events(s, "delivered", { msgId: "m2", consumerId: "inventory" })[0].atMs).toBe(events(s, "acked", { msgId: "m1", consumerId: "inventory" })[0].atMs);
    expect(secs(events(s, "acked", { msgId: "m1", consumerId: "email" })[0].atMs)).toBe(1.2);
    expect(secs(events(s, "acked", { msgId: "m1", consumerId: "analytics" })[0].atMs)).toBe(1.9);
    expect(secs(events(s, "acked", { msgId: "m2", consumerId: "analytics" })[0].atMs)).toBe(3.3);
    expect(metrics(s).acked).toBe(6);
  });
  it("malformed: every consumer failed once, the retry waits 0.5 s, and each took the good event meanwhile", () => {
    const s = end(t, "malformed");
    expect(s.envelopes["m3@email-queue"].poison).toBe(true);
    expect(s.envelopes["m3@email-queue"].label).toBe("Order placed #2");
    expect(s.envelopes["m4@email-queue"].label).toBe("Order placed #3");
    for (const c of ["email", "inventory", "analytics"]) {
      const failed = events(s, "failed", { msgId: "m3", consumerId: c });
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(events(s, "delivered", { msgId: "m4", consumerId: c })[0].atMs).toBe(failed[0].atMs);
    }
    const inv = events(s, "redelivered", { msgId: "m3", consumerId: "inventory" });
    expect(inv[0].atMs - events(s, "failed", { msgId: "m3", consumerId: "inventory" })[0].atMs).toBe(500);
    expect(metrics(s).dead).toBe(0);
  });
  it("dead-letter: the second pause is 1 s, three copies parked after 3 attempts each, good events acked", () => {
    const s = end(t, "dead-letter");
    for (const c of ["email", "inventory", "analytics"]) {
      const failed = events(s, "failed", { msgId: "m3", consumerId: c });
      const redelivered = events(s, "redelivered", { msgId: "m3", consumerId: c });
      expect(failed).toHaveLength(3);
      expect(redelivered[1].atMs - failed[1].atMs).toBe(1000);
      expect(events(s, "acked", { msgId: "m4", consumerId: c })).toHaveLength(1);
    }
    expect(metrics(s).dead).toBe(3);
    expect(copiesOf(s, "m3").every((x) => x.place.kind === "dlq" && x.attempts === 3)).toBe(true);
    expect(s.producers["order-service"].published + s.producers["payment-service"].published).toBe(4);
  });
});

describe("point-to-point tour", () => {
  const t = tours["point-to-point"];
  it("one message, one worker: A has #1, B has #2, 2 waiting and 2 in flight", () => {
    const s = end(t, "one-worker");
    expect(s.envelopes["m1@payment-requests"].consumerId).toBe("payment-worker-a");
    expect(s.envelopes["m2@payment-requests"].consumerId).toBe("payment-worker-b");
    expect(depth(s, "payment-requests")).toBe(2);
    expect(inflight(s, "payment-requests")).toBe(2);
    expect(tokens(s)).toHaveLength(4);
  });
  it("ack: A acks #1 at 1.5 s and takes #3; B acks #2 at 2.0 s and takes #4; four charges", () => {
    const s = end(t, "ack");
    const a1 = events(s, "acked", { msgId: "m1", consumerId: "payment-worker-a" })[0].atMs;
    expect(secs(a1)).toBe(1.5);
    expect(events(s, "delivered", { msgId: "m3", consumerId: "payment-worker-a" })[0].atMs).toBe(a1);
    const b2 = events(s, "acked", { msgId: "m2", consumerId: "payment-worker-b" })[0].atMs;
    expect(secs(b2)).toBe(2.0);
    expect(events(s, "delivered", { msgId: "m4", consumerId: "payment-worker-b" })[0].atMs).toBe(b2);
    expect(metrics(s).effects.charges.applied).toBe(4);
    expect(metrics(s).deliveries).toBe(4);
  });
  it("crash: A holds #5 when it crashes at 5.2 s, before charging", () => {
    const s = end(t, "crash");
    expect(s.envelopes["m5@payment-requests"]).toMatchObject({ status: "orphaned", consumerId: "payment-worker-a", effectApplied: 0 });
    expect(s.envelopes["m6@payment-requests"].consumerId).toBe("payment-worker-b");
    expect(s.consumers["payment-worker-a"].status).toBe("down");
    expect(events(s, "crashed", { consumerId: "payment-worker-a" })[0].atMs).toBe(5200);
  });
  it("waiting: #5 is still hidden; A restarted at 7.2 s and took #7 at 9 s", () => {
    const s = end(t, "waiting");
    expect(s.envelopes["m5@payment-requests"].status).toBe("orphaned");
    expect(secs(events(s, "restarted", { consumerId: "payment-worker-a" })[0].atMs)).toBe(7.2);
    expect(events(s, "delivered", { msgId: "m7", consumerId: "payment-worker-a" })[0].atMs).toBe(9000);
  });
  it("redelivery: at 9.5 s #5 goes to B, a second delivery, charged once in total", () => {
    const s = end(t, "redelivery");
    const r = events(s, "redelivered", { msgId: "m5" });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ atMs: 9500, consumerId: "payment-worker-b" });
    expect(r[0].atMs - events(s, "delivered", { msgId: "m5" })[0].atMs).toBe(5000);
    expect(s.envelopes["m5@payment-requests"].effectApplied).toBe(1);
    expect(metrics(s).effects.charges.duplicates).toBe(0);
  });
});

describe("pub-sub tour", () => {
  const t = tours["pub-sub"];
  it("one publish, three copies delivered", () => {
    const s = end(t, "copies");
    expect(metrics(s).published).toBe(1);
    expect(copiesOf(s, "m1").map((x) => x.place.kind)).toEqual(["consumer", "consumer", "consumer"]);
  });
  it("own pace: inventory 0.9 s, email 1.0 s, analytics 1.7 s; three acks", () => {
    const s = end(t, "own-pace");
    expect(secs(events(s, "acked", { consumerId: "inventory" })[0].atMs)).toBe(0.9);
    expect(secs(events(s, "acked", { consumerId: "email" })[0].atMs)).toBe(1.0);
    expect(secs(events(s, "acked", { consumerId: "analytics" })[0].atMs)).toBe(1.7);
    expect(metrics(s).acked).toBe(3);
  });
  it("burst: five orders within 0.6 s; only the analytics line holds a backlog", () => {
    const s = end(t, "burst");
    const pubs = events(s, "published").slice(1);
    expect(pubs).toHaveLength(5);
    expect(pubs[4].atMs - pubs[0].atMs).toBeLessThanOrEqual(600);
    expect(depth(s, "inventory-sub")).toBe(0);
    expect(depth(s, "analytics-sub")).toBeGreaterThanOrEqual(2);
    expect(depth(s, "analytics-sub")).toBeGreaterThan(depth(s, "email-sub"));
    expect(events(s, "acked", { consumerId: "analytics" }).every((e, i, all) => i === 0 || e.atMs - all[i - 1].atMs > 1000)).toBe(true);
  });
  it("crash: analytics crashes at 6 s holding #4; the others already acked all six; back after 2 s", () => {
    const s = end(t, "crash");
    expect(events(s, "crashed", { consumerId: "analytics" })[0].atMs).toBe(6000);
    expect(s.envelopes["m4@analytics-sub"].status).toBe("orphaned");
    const atCrash = tourAt(t, 6000);
    expect(events(atCrash, "acked", { consumerId: "inventory" })).toHaveLength(6);
    expect(events(atCrash, "acked", { consumerId: "email" })).toHaveLength(6);
    expect(depth(s, "analytics-sub")).toBeGreaterThanOrEqual(1);
    expect(events(s, "restarted", { consumerId: "analytics" })[0].atMs).toBe(8000);
  });
  it("everyone: #4 returns after the 5 s timeout; 18 acks, six per subscriber", () => {
    const s = end(t, "everyone");
    expect(events(s, "expired", { msgId: "m4" })[0].atMs - events(s, "delivered", { msgId: "m4", consumerId: "analytics" })[0].atMs).toBe(5000);
    expect(metrics(s).acked).toBe(18);
    for (const c of ["inventory", "email", "analytics"]) expect(metrics(s).effects[c].applied).toBe(6);
  });
});

function tourAt(t: Tour, ms: number): SimState {
  return stepStartState({ ...t, steps: [{ id: "x", title: "", narration: "", fromMs: ms, toMs: ms, highlight: [] }] }, 0);
}

describe("work-queue tour", () => {
  const t = tours["work-queue"];
  it("one job, one worker: no job delivered twice, both workers busy", () => {
    const s = end(t, "one-worker");
    expect(metrics(s).redeliveries).toBe(0);
    const delivered = events(s, "delivered");
    expect(new Set(delivered.map((e) => e.msgId)).size).toBe(delivered.length);
    expect(new Set(delivered.map((e) => e.consumerId))).toEqual(new Set(["worker-1", "worker-2"]));
  });
  it("backlog: about a dozen waiting by 10 s, grown from the start of the step", () => {
    const s = end(t, "backlog");
    expect(depth(s, "resize-jobs")).toBeGreaterThanOrEqual(10);
    expect(depth(s, "resize-jobs")).toBeLessThanOrEqual(14);
    expect(depth(s, "resize-jobs")).toBeGreaterThan(depth(start(t, "backlog"), "resize-jobs") + 4);
  });
  it("add workers: four workers, the new ones busy at once", () => {
    const s = end(t, "add-workers");
    expect(Object.keys(s.consumers)).toHaveLength(4);
    expect(events(s, "delivered", { consumerId: "worker-3" })[0].atMs).toBe(10_000);
    expect(events(s, "delivered", { consumerId: "worker-4" })[0].atMs).toBe(10_000);
  });
  it("drain: almost empty by 17 s", () => {
    const s = end(t, "drain");
    expect(depth(s, "resize-jobs")).toBeLessThanOrEqual(2);
    expect(depth(s, "resize-jobs")).toBeLessThan(depth(start(t, "drain"), "resize-jobs"));
  });
  it("remove a worker: Photo #63 goes back and worker 2 takes it at once; nothing lost", () => {
    const s = end(t, "remove-worker");
    expect(s.envelopes["m63@resize-jobs"].label).toBe("Photo #63");
    expect(events(s, "revoked", { msgId: "m63", consumerId: "worker-4" })[0].atMs).toBe(22_000);
    expect(events(s, "redelivered", { msgId: "m63" })[0]).toMatchObject({ atMs: 22_000, consumerId: "worker-2" });
    expect(metrics(s).counts.lost).toBe(0);
    expect(s.consumers["worker-4"]).toBeUndefined();
  });
});

describe("delivery-guarantees tour", () => {
  const t = tours["delivery-guarantees"];
  const charges = (s: SimState) => metrics(s).effects.charges;
  it("in flight: #1 delivered and hidden with a 3 s timer", () => {
    const s = end(t, "in-flight");
    expect(s.envelopes["m1@payments"]).toMatchObject({ status: "inflight", visibleAtMs: 3500 });
    expect(inflight(s, "payments")).toBe(1);
  });
  it("ack at 2 s: one order, one charge", () => {
    const s = end(t, "ack");
    expect(events(s, "acked", { msgId: "m1" })[0].atMs).toBe(2000);
    expect(charges(s)).toMatchObject({ applied: 1, duplicates: 0 });
  });
  it("crash after charging at 4 s; back at 5 s; #2 still hidden", () => {
    const s = end(t, "crash");
    expect(events(s, "crashed")[0].atMs).toBe(4000);
    expect(events(s, "restarted")[0].atMs).toBe(5000);
    expect(s.envelopes["m2@payments"]).toMatchObject({ status: "orphaned", effectApplied: 1 });
    expect(charges(s).applied).toBe(2);
  });
  it("duplicate: redelivered at 6 s and charged twice", () => {
    const s = end(t, "duplicate");
    expect(events(s, "redelivered", { msgId: "m2" })[0].atMs).toBe(6000);
    expect(s.envelopes["m2@payments"].effectApplied).toBe(2);
    expect(charges(s)).toMatchObject({ applied: 3, duplicates: 1 });
  });
  it("idempotent: #3 crashes after charging, is redelivered, and the charge is skipped", () => {
    const s = end(t, "idempotent");
    expect(s.consumers.payment.settings.idempotent).toBe(true);
    expect(events(s, "redelivered", { msgId: "m3" })).toHaveLength(1);
    expect(events(s, "duplicate-suppressed", { msgId: "m3" })).toHaveLength(1);
    expect(s.envelopes["m3@payments"].effectApplied).toBe(1);
    expect(charges(s)).toMatchObject({ applied: 4, duplicates: 1, suppressed: 1 });
  });
  it("at-most-once: #4 acked on receipt, lost in the crash, never charged", () => {
    const s = end(t, "at-most-once");
    expect(s.consumers.payment.settings.deliveryMode).toBe("at-most-once");
    expect(events(s, "acked", { msgId: "m4" })[0].atMs).toBe(events(s, "delivered", { msgId: "m4" })[0].atMs);
    expect(s.envelopes["m4@payments"]).toMatchObject({ status: "lost", effectApplied: 0 });
    expect(events(s, "redelivered", { msgId: "m4" })).toHaveLength(0);
    expect(charges(s)).toMatchObject({ applied: 4, duplicates: 1 });
  });
});

describe("dead-letter tour", () => {
  const t = tours["dead-letter"];
  it("flow: #1 shipped in 0.6 s", () => {
    const s = end(t, "flow");
    expect(events(s, "acked", { msgId: "m1" })[0].atMs - events(s, "delivered", { msgId: "m1" })[0].atMs).toBe(600);
  });
  it("first failure at 3.1 s, 0.5 s pause, #3 gets through meanwhile", () => {
    const s = end(t, "first-failure");
    expect(s.envelopes["m2@orders"].poison).toBe(true);
    expect(events(s, "failed", { msgId: "m2" })[0].atMs).toBe(3100);
    expect(events(s, "delivered", { msgId: "m3" })[0].atMs).toBe(3100);
    expect(recentEvents(s).some((e) => e.msgId === "m2" && e.type === "redelivered" && e.atMs < 3600)).toBe(false);
    expect(depth(s, "orders")).toBeGreaterThanOrEqual(1);
  });
  it("backoff: attempt 2 fails at 4.3 s, a 1 s pause, #4 shipped meanwhile, third attempt at 5.3 s", () => {
    const s = end(t, "backoff");
    const failed = events(s, "failed", { msgId: "m2" });
    expect(failed[1].atMs).toBe(4300);
    const third = events(s, "redelivered", { msgId: "m2" })[1];
    expect(third.atMs - failed[1].atMs).toBe(1000);
    expect(third.detail).toBe("attempt 3");
    expect(events(s, "acked", { msgId: "m4" })[0].atMs).toBeLessThan(third.atMs);
  });
  it("dead-lettered after 3 attempts; #3 and #4 shipped", () => {
    const s = end(t, "dead-lettered");
    expect(s.envelopes["m2@orders"]).toMatchObject({ status: "dead", attempts: 3, lastError: "poison message" });
    expect(metrics(s).dead).toBe(1);
    expect(metrics(s).acked).toBe(3);
  });
  it("redrive before the fix: three more failures, back in the DLQ", () => {
    const s = end(t, "redrive-early");
    expect(events(s, "redriven", { msgId: "m2" })).toHaveLength(1);
    expect(events(s, "failed", { msgId: "m2" })).toHaveLength(6);
    expect(events(s, "dead-lettered", { msgId: "m2" })).toHaveLength(2);
    expect(metrics(s).dead).toBe(1);
  });
  it("fix, then redrive: shipped, DLQ empty", () => {
    const s = end(t, "redrive-fixed");
    expect(s.consumers.fulfilment.settings.handlesPoison).toBe(true);
    expect(s.envelopes["m2@orders"].status).toBe("acked");
    expect(metrics(s).dead).toBe(0);
    expect(metrics(s).acked).toBe(4);
  });
});

describe("partitions tour", () => {
  const t = tours.partitions;
  const owners = (s: SimState) => groupOffsets(s, "ledger").map((p) => p.owner);
  it("setup: writer 1 owns partitions 0 and 2, writer 2 owns partition 1", () => {
    expect(owners(end(t, "setup"))).toEqual(["ledger-1", "ledger-2", "ledger-1"]);
  });
  it("same lane: Alice's four events are all in partition 2, in publish order", () => {
    const s = end(t, "same-lane");
    const alice = tokens(s).filter((x) => x.key === "alice");
    expect(alice.map((x) => x.msgId)).toEqual(["m1", "m2", "m3", "m4"]);
    expect(alice.every((x) => x.partition === 2)).toBe(true);
    expect(s.envelopes["m1@ledger.p2"].offset).toBe(0);
    expect(s.envelopes["m4@ledger.p2"].offset).toBe(3);
    expect(tokens(s).filter((x) => x.key !== "alice").every((x) => x.partition !== 2)).toBe(true);
  });
  it("one at a time: never two unacked events from one partition; Alice's acked in order", () => {
    const s = end(t, "offsets");
    const delivered = events(s, "delivered", { queueId: "ledger.p2" });
    const acked = events(s, "acked", { queueId: "ledger.p2" });
    expect(acked.map((e) => e.msgId)).toEqual(["m1", "m2", "m3", "m4"]);
    for (let i = 1; i < delivered.length; i++) expect(delivered[i].atMs).toBeGreaterThanOrEqual(acked[i - 1].atMs);
    expect(new Set(events(s, "delivered", { queueId: "ledger.p1" }).map((e) => e.consumerId))).toEqual(new Set(["ledger-2"]));
    expect(events(s, "delivered", { queueId: "ledger.p1" }).map((e) => e.msgId)).toEqual(["m5", "m7"]);
    // Writer 1 serves partition 0 (Ivan) between two of Alice's events.
    const w1 = events(s, "delivered", { consumerId: "ledger-1" }).map((e) => e.queueId);
    const p0 = w1.indexOf("ledger.p0");
    expect(w1.slice(0, p0)).toContain("ledger.p2");
    expect(w1.slice(p0 + 1)).toContain("ledger.p2");
  });
  it("offsets: every partition's committed offset equals its end by 2.5 s", () => {
    const mid = end(t, "one-at-a-time");
    expect(groupOffsets(mid, "ledger")[2].committed).toBeLessThan(4);
    const s = end(t, "offsets");
    for (const p of groupOffsets(s, "ledger")) expect(p.committed).toBe(p.end);
    expect(groupOffsets(s, "ledger")[2].committed).toBe(4);
  });
  it("drift: Dave's later event was applied before the last three of Alice's", () => {
    const s = end(t, "drift");
    expect(events(s, "published", { msgId: "m5" })[0].atMs).toBeGreaterThan(events(s, "published", { msgId: "m4" })[0].atMs);
    const dave = events(s, "acked", { msgId: "m5" })[0].atMs;
    expect(dave).toBeLessThan(events(s, "acked", { msgId: "m2" })[0].atMs);
    expect(dave).toBeGreaterThan(events(s, "acked", { msgId: "m1" })[0].atMs);
  });
  it("rebalance: partition 2 moves to writer 3; one owner each; Alice's new events in order on writer 3", () => {
    const s = end(t, "rebalance");
    expect(owners(s)).toEqual(["ledger-1", "ledger-2", "ledger-3"]);
    const acked = events(s, "acked", { queueId: "ledger.p2" });
    expect(acked.map((e) => e.msgId)).toEqual(["m1", "m2", "m3", "m4", "m8", "m9"]);
    expect(acked.slice(4).every((e) => e.consumerId === "ledger-3")).toBe(true);
  });
});
