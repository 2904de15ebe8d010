import { describe, expect, it } from "vitest";
import {
  advance,
  advanceTo,
  auditState,
  createSim,
  dispatch,
  metrics,
  queueView,
  recentEvents,
  timeSeries,
  tokens,
  type SimConfig,
  type SimEventType,
  type SimState,
} from "./index";

/** Event log entries of one type, oldest first. */
function events(s: SimState, type: SimEventType) {
  return recentEvents(s).filter((e) => e.type === type);
}

function clean(s: SimState): SimState {
  expect(auditState(s)).toEqual([]);
  return s;
}

const one = (extra: Partial<NonNullable<SimConfig["consumers"]>[number]> = {}, queue: Partial<NonNullable<SimConfig["queues"]>[number]> = {}): SimConfig => ({
  queues: [{ id: "q", visibilityTimeoutMs: 1000, ...queue }, { id: "dlq", role: "dlq" }],
  consumers: [{ id: "c", source: "q", processing: { kind: "fixed", ms: 100 }, ...extra }],
  limits: { logCapacity: 5000 },
});

describe("queues", () => {
  it("delivers FIFO: acks come back in publish order", () => {
    let s = createSim(one());
    s = dispatch(s, { type: "publish", to: "q", count: 5 });
    s = clean(advance(s, 1000));
    expect(events(s, "acked").map((e) => e.msgId)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(metrics(s).backlog).toBe(0);
  });

  it("priority ordering serves higher priority first, FIFO among equals", () => {
    let s = createSim({ queues: [{ id: "q", ordering: "priority" }], consumers: [{ id: "c", source: "q", mode: "manual" }] });
    for (const p of [1, 5, 1, 5, 3]) s = dispatch(s, { type: "publish", to: "q", priority: p });
    expect(queueView(s, "q").ready).toEqual(["m2@q", "m4@q", "m5@q", "m1@q", "m3@q"]);
  });

  it("point-to-point: each message goes to exactly one of two competing consumers, alternating", () => {
    let s = createSim({
      queues: [{ id: "q" }],
      consumers: [
        { id: "a", source: "q", processing: { kind: "fixed", ms: 100 } },
        { id: "b", source: "q", processing: { kind: "fixed", ms: 100 } },
      ],
      limits: { logCapacity: 5000 },
    });
    s = dispatch(s, { type: "publish", to: "q", count: 6 });
    s = clean(advance(s, 1000));
    const deliveries = events(s, "delivered");
    expect(deliveries).toHaveLength(6);
    expect(new Set(deliveries.map((e) => e.msgId)).size).toBe(6);
    expect(deliveries.map((e) => e.consumerId)).toEqual(["a", "b", "a", "b", "a", "b"]);
  });

  it("overflow reject: a full queue refuses new messages", () => {
    let s = createSim({ queues: [{ id: "q", maxLength: 3, overflow: "reject" }] });
    s = clean(dispatch(s, { type: "publish", to: "q", count: 5 }));
    expect(queueView(s, "q").ready).toEqual(["m1@q", "m2@q", "m3@q"]);
    expect(s.envelopes["m4@q"].status).toBe("rejected");
    expect(s.counts.rejected).toBe(2);
    expect(metrics(s).failed).toBe(2);
  });

  it("overflow drop-oldest: a full queue discards its oldest waiting message", () => {
    let s = createSim({ queues: [{ id: "q", maxLength: 3, overflow: "drop-oldest" }] });
    s = clean(dispatch(s, { type: "publish", to: "q", count: 5 }));
    expect(queueView(s, "q").ready).toEqual(["m3@q", "m4@q", "m5@q"]);
    expect(events(s, "dropped").map((e) => e.msgId)).toEqual(["m1", "m2"]);
  });

  it("a broker restart empties a non-durable queue but not a durable one", () => {
    let s = createSim({ queues: [{ id: "keep", durable: true }, { id: "temp", durable: false }], consumers: [{ id: "c", source: "temp", mode: "manual" }] });
    s = dispatch(s, { type: "publish", to: "keep", count: 2 });
    s = dispatch(s, { type: "publish", to: "temp", count: 3 });
    s = dispatch(s, { type: "receive", consumerId: "c" });
    s = clean(dispatch(s, { type: "restart-broker" }));
    expect(queueView(s, "keep").ready).toHaveLength(2);
    expect(queueView(s, "temp").ready).toHaveLength(0);
    expect(s.envelopes["m3@temp"].status).toBe("lost");
    expect(s.consumers.c.held).toHaveLength(0); // its connection dropped with the broker
    expect(s.counts.lost).toBe(3);
  });
});

describe("acks, visibility timeout and redelivery", () => {
  it("an unacked message becomes visible again after the visibility timeout", () => {
    let s = createSim(one({ mode: "manual" }));
    s = dispatch(s, { type: "publish", to: "q" });
    s = dispatch(s, { type: "receive", consumerId: "c" });
    expect(s.envelopes["m1@q"].status).toBe("inflight");
    s = clean(advance(s, 999));
    expect(s.envelopes["m1@q"].status).toBe("inflight");
    s = clean(advance(s, 1));
    expect(s.envelopes["m1@q"].status).toBe("queued");
    expect(events(s, "expired")).toHaveLength(1);
    // The late ack of the stale delivery is refused; a fresh receive gets attempt 2.
    s = dispatch(s, { type: "ack", consumerId: "c" });
    expect(events(s, "ack-rejected")).toHaveLength(1);
    s = dispatch(s, { type: "receive", consumerId: "c" });
    expect(events(s, "redelivered")).toHaveLength(1);
    expect(s.envelopes["m1@q"].attempts).toBe(2);
    s = clean(dispatch(s, { type: "ack", consumerId: "c" }));
    expect(s.envelopes["m1@q"].status).toBe("acked");
  });

  it("processing slower than the visibility timeout processes a message twice and the late ack is rejected", () => {
    let s = createSim({
      queues: [{ id: "q", visibilityTimeoutMs: 500 }],
      consumers: [
        { id: "slow", source: "q", processing: { kind: "fixed", ms: 800 }, effectId: "db" },
        { id: "fast", source: "q", processing: { kind: "fixed", ms: 100 }, effectId: "db" },
      ],
      limits: { logCapacity: 5000 },
    });
    s = dispatch(s, { type: "publish", to: "q" }); // goes to "slow" (first in rotation)
    s = clean(advance(s, 2000));
    expect(s.effects.db.applied).toBe(2);
    expect(s.effects.db.duplicates).toBe(1);
    expect(events(s, "ack-rejected").map((e) => e.consumerId)).toEqual(["slow"]);
    expect(events(s, "acked").map((e) => e.consumerId)).toEqual(["fast"]);
  });

  it("at-least-once: a crash after the side effect but before the ack causes a duplicate charge", () => {
    let s = createSim(one({ processing: { kind: "fixed", ms: 500 }, effectId: "charges", effectLabel: "charges applied", restartMs: 100 }));
    s = dispatch(s, { type: "publish", to: "q" });
    s = advance(s, 200);
    s = clean(dispatch(s, { type: "crash", consumerId: "c", point: "before-ack" }));
    expect(s.envelopes["m1@q"].status).toBe("orphaned");
    expect(s.effects.charges.applied).toBe(1);
    s = clean(advance(s, 2000));
    expect(s.envelopes["m1@q"].status).toBe("acked");
    expect(s.envelopes["m1@q"].effectApplied).toBe(2);
    expect(s.effects.charges.duplicates).toBe(1);
    expect(events(s, "duplicated")).toHaveLength(1);
  });

  it("idempotent consumer: the redelivered message is recognised and the charge is not repeated", () => {
    let s = createSim(one({ processing: { kind: "fixed", ms: 500 }, effectId: "charges", idempotent: true, restartMs: 100 }));
    s = dispatch(s, { type: "publish", to: "q" });
    s = advance(s, 200);
    s = dispatch(s, { type: "crash", consumerId: "c" });
    s = clean(advance(s, 2000));
    expect(s.envelopes["m1@q"].status).toBe("acked");
    expect(s.effects.charges.applied).toBe(1);
    expect(s.effects.charges.suppressed).toBe(1);
    expect(events(s, "duplicate-suppressed")).toHaveLength(1);
  });

  it("crash in the middle of processing: redelivered and applied once", () => {
    let s = createSim(one({ processing: { kind: "fixed", ms: 500 }, effectId: "charges", restartMs: 100 }));
    s = dispatch(s, { type: "publish", to: "q" });
    s = advance(s, 200);
    s = dispatch(s, { type: "crash", consumerId: "c", point: "mid-processing" });
    s = clean(advance(s, 2000));
    expect(s.effects.charges.applied).toBe(1);
    expect(s.counts.redelivered).toBe(1);
    expect(s.counts.duplicated).toBe(0);
  });

  it("at-most-once: acked on receive, so a crash loses the message and it is never redelivered", () => {
    let s = createSim(one({ processing: { kind: "fixed", ms: 500 }, deliveryMode: "at-most-once", effectId: "charges", restartMs: 100 }));
    s = dispatch(s, { type: "publish", to: "q", count: 2 });
    expect(events(s, "acked")).toHaveLength(1); // m1 acked on receive
    s = advance(s, 200);
    s = clean(dispatch(s, { type: "crash", consumerId: "c", point: "mid-processing" }));
    expect(s.envelopes["m1@q"].status).toBe("lost");
    s = clean(advance(s, 5000));
    expect(s.envelopes["m2@q"].status).toBe("acked");
    expect(s.counts.redelivered).toBe(0);
    expect(s.effects.charges.applied).toBe(1);
  });

  it("a consumer restarts after its restart delay and carries on", () => {
    let s = createSim(one({ restartMs: 300 }));
    s = dispatch(s, { type: "crash", consumerId: "c" });
    expect(s.consumers.c.status).toBe("down");
    s = advance(s, 299);
    expect(s.consumers.c.status).toBe("down");
    s = advance(s, 1);
    expect(s.consumers.c.status).toBe("up");
    expect(events(s, "restarted")).toHaveLength(1);
  });

  it("a consumer re-added under a removed one's id is not woken by the old restart timer", () => {
    let s = createSim(one({ restartMs: 1000 }));
    s = dispatch(s, { type: "crash", consumerId: "c" }); // old restart timer due at 1000
    s = dispatch(s, { type: "remove-consumer", consumerId: "c" });
    s = dispatch(s, { type: "add-consumer", consumer: { id: "c", source: "q", restartMs: 5000 } });
    s = advance(s, 500);
    s = dispatch(s, { type: "crash", consumerId: "c" }); // should stay down until 5500
    s = advance(s, 1000);
    expect(s.consumers.c.status).toBe("down");
    s = advanceTo(s, 5500);
    expect(s.consumers.c.status).toBe("up");
  });
});

describe("retries, backoff and the dead-letter queue", () => {
  it("nacked messages back off exponentially, then go to the DLQ after maxAttempts", () => {
    const cfg = one({ mode: "manual" }, { maxAttempts: 3, backoff: { baseMs: 100, factor: 3, maxMs: 250 }, deadLetterQueueId: "dlq" });
    let s = createSim(cfg);
    s = dispatch(s, { type: "publish", to: "q" });
    const visibleAfterNack: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      s = dispatch(s, { type: "receive", consumerId: "c" });
      expect(s.envelopes["m1@q"].attempts).toBe(attempt);
      s = clean(dispatch(s, { type: "nack", consumerId: "c" }));
      if (attempt < 3) {
        expect(s.envelopes["m1@q"].status).toBe("delayed");
        visibleAfterNack.push(s.envelopes["m1@q"].visibleAtMs! - s.nowMs);
        s = advance(s, visibleAfterNack[visibleAfterNack.length - 1]);
        expect(s.envelopes["m1@q"].status).toBe("queued");
      }
    }
    expect(visibleAfterNack).toEqual([100, 250]); // 100, then 300 capped at 250
    expect(s.envelopes["m1@q"].status).toBe("dead");
    expect(s.envelopes["m1@q"].queueId).toBe("dlq");
    expect(queueView(s, "dlq").ready).toEqual(["m1@q"]);
    expect(metrics(s).dead).toBe(1);
  });

  it("redrive returns dead letters to their queue with a fresh attempt count", () => {
    let s = createSim(one({ mode: "manual" }, { maxAttempts: 1, deadLetterQueueId: "dlq" }));
    s = dispatch(s, { type: "publish", to: "q", count: 2 });
    s = dispatch(s, { type: "receive", consumerId: "c" });
    s = dispatch(s, { type: "nack", consumerId: "c" });
    expect(s.envelopes["m1@q"].status).toBe("dead");
    s = clean(dispatch(s, { type: "redrive", dlqId: "dlq" }));
    expect(queueView(s, "q").ready).toEqual(["m2@q", "m1@q"]);
    expect(s.envelopes["m1@q"].attempts).toBe(0);
    expect(events(s, "redriven")).toHaveLength(1);
    expect(metrics(s).dead).toBe(0);
  });

  it("nack without requeue dead-letters at once; out of attempts without a DLQ drops", () => {
    let s = createSim(one({ mode: "manual" }, { maxAttempts: 5, deadLetterQueueId: "dlq" }));
    s = dispatch(s, { type: "publish", to: "q" });
    s = dispatch(s, { type: "receive", consumerId: "c" });
    s = clean(dispatch(s, { type: "nack", consumerId: "c", requeue: false }));
    expect(s.envelopes["m1@q"].status).toBe("dead");

    let t = createSim({ queues: [{ id: "q", maxAttempts: 2 }], consumers: [{ id: "c", source: "q", processing: { kind: "fixed", ms: 10 } }] });
    t = dispatch(t, { type: "publish", to: "q", poison: true });
    t = clean(advance(t, 100));
    expect(t.envelopes["m1@q"].status).toBe("dropped");
    expect(t.envelopes["m1@q"].attempts).toBe(2);
  });

  it("with backoff, messages behind a poison message overtake it while it waits", () => {
    let s = createSim(one({ processing: { kind: "fixed", ms: 50 } }, { maxAttempts: 3, backoff: { baseMs: 500, factor: 2, maxMs: 5000 }, deadLetterQueueId: "dlq" }));
    s = dispatch(s, { type: "publish", to: "q", poison: true });
    s = dispatch(s, { type: "publish", to: "q", count: 3 });
    s = clean(advance(s, 400));
    expect(["m2@q", "m3@q", "m4@q"].map((id) => s.envelopes[id].status)).toEqual(["acked", "acked", "acked"]);
    expect(s.envelopes["m1@q"].status).toBe("delayed");
  });
});

describe("consumers: prefetch, concurrency, manual mode, scaling", () => {
  it("prefetch bounds what a consumer holds; concurrency bounds what it processes", () => {
    let s = createSim(one({ prefetch: 3, concurrency: 2, processing: { kind: "fixed", ms: 100 } }));
    s = dispatch(s, { type: "publish", to: "q", count: 10 });
    expect(s.consumers.c.held).toHaveLength(3);
    expect(s.consumers.c.held.map((h) => h.stage)).toEqual(["processing", "processing", "buffered"]);
    expect(queueView(s, "q").ready).toHaveLength(7);
    s = clean(advance(s, 100));
    expect(events(s, "acked")).toHaveLength(2);
    s = clean(advance(s, 1000));
    expect(metrics(s).acked).toBe(10);
  });

  it("manual consumers receive only on demand; receiving from an empty queue changes nothing", () => {
    let s = createSim(one({ mode: "manual" }));
    const empty = dispatch(s, { type: "receive", consumerId: "c" });
    expect(empty.consumers.c.held).toHaveLength(0);
    s = dispatch(s, { type: "publish", to: "q" });
    s = advance(s, 5000 - 1);
    expect(s.envelopes["m1@q"].status).toBe("queued");
    s = dispatch(s, { type: "receive", consumerId: "c" });
    expect(tokens(s)[0].place).toEqual({ kind: "consumer", consumerId: "c", queueId: "q", stage: "held" });
  });

  it("removing a worker hands its unfinished message back without counting an attempt", () => {
    let s = createSim({
      queues: [{ id: "q", maxAttempts: 1, deadLetterQueueId: "dlq" }, { id: "dlq", role: "dlq" }],
      consumers: [
        { id: "w1", source: "q", processing: { kind: "fixed", ms: 1000 } },
        { id: "w2", source: "q", processing: { kind: "fixed", ms: 1000 } },
      ],
    });
    s = dispatch(s, { type: "publish", to: "q", count: 3 });
    s = advance(s, 500);
    s = clean(dispatch(s, { type: "remove-consumer", consumerId: "w1" }));
    expect(s.consumers.w1).toBeUndefined();
    expect(queueView(s, "q").ready).toEqual(["m1@q", "m3@q"]); // m1 back at the front, before m3
    expect(s.envelopes["m1@q"].attempts).toBe(0);
    s = clean(advance(s, 5000));
    expect(metrics(s).acked).toBe(3);
    expect(metrics(s).dead).toBe(0);
  });

  it("adding a worker raises throughput", () => {
    const cfg: SimConfig = { queues: [{ id: "q" }], producers: [{ id: "p", target: "q", ratePerSec: 10 }], consumers: [{ id: "w1", source: "q", processing: { kind: "fixed", ms: 200 } }] };
    const base = advance(createSim(cfg), 10_000);
    const more = advance(dispatch(createSim(cfg), { type: "add-consumer", consumer: { id: "w2", source: "q", processing: { kind: "fixed", ms: 200 } } }), 10_000);
    expect(metrics(base).acked).toBeLessThan(55);
    expect(metrics(more).acked).toBeGreaterThan(90);
    expect(metrics(base).backlog).toBeGreaterThan(40);
  });

  it("switching a consumer to manual stops automatic processing of buffered messages", () => {
    let s = createSim(one({ prefetch: 2, processing: { kind: "fixed", ms: 100 } }));
    s = dispatch(s, { type: "publish", to: "q", count: 2 });
    s = dispatch(s, { type: "set-consumer", consumerId: "c", patch: { mode: "manual" } });
    s = clean(advance(s, 500));
    expect(metrics(s).acked).toBe(1); // the one already processing finishes; the buffered one waits
    expect(s.consumers.c.held.map((h) => h.stage)).toEqual(["held"]);
  });
});

describe("producers", () => {
  it("steady rate publishes the expected count; limit stops it; pause and resume work", () => {
    const cfg: SimConfig = { queues: [{ id: "q" }], producers: [{ id: "p", target: "q", ratePerSec: 3 }] };
    expect(advance(createSim(cfg), 10_000).counts.published).toBe(30);
    const limited = advance(createSim({ ...cfg, producers: [{ id: "p", target: "q", ratePerSec: 100, limit: 7 }] }), 10_000);
    expect(limited.counts.published).toBe(7);
    let s = advance(createSim(cfg), 1000);
    s = dispatch(s, { type: "pause-producers" });
    s = advance(s, 5000);
    expect(s.counts.published).toBe(3);
    s = dispatch(s, { type: "resume-producers", producerId: "p" });
    s = advance(s, 1000);
    expect(s.counts.published).toBe(6);
    s = dispatch(s, { type: "set-producer", producerId: "p", patch: { ratePerSec: 10 } });
    s = advance(s, 1000);
    expect(s.counts.published).toBe(16);
  });

  it("labels, poison schedule and a hot key", () => {
    let s = createSim({
      queues: [{ id: "q" }],
      producers: [{ id: "p", target: "q", ratePerSec: 100, labelPrefix: "Order", poisonEvery: 4, keys: ["a", "b", "c"], hotKey: { key: "hot", share: 0.6 } }],
    }, 3);
    s = advance(s, 20_000);
    const envs = Object.values(s.envelopes).filter((e) => e.status !== "rejected");
    expect(s.envelopes["m1@q"].label).toBe("Order #1");
    expect(envs.filter((e) => e.poison).length).toBe(Math.floor(s.counts.published / 4));
    const hot = envs.filter((e) => e.key === "hot").length / envs.length;
    expect(hot).toBeGreaterThan(0.55);
    expect(hot).toBeLessThan(0.65);
  });
});

describe("topics (pub/sub)", () => {
  it("each subscription gets its own copy, processed independently of the others", () => {
    let s = createSim({
      topics: [{ id: "t", subscriptions: [{ id: "fast" }, { id: "slow" }] }],
      consumers: [
        { id: "f", source: "fast", processing: { kind: "fixed", ms: 100 } },
        { id: "sl", source: "slow", processing: { kind: "fixed", ms: 1000 } },
      ],
    });
    s = dispatch(s, { type: "publish", to: "t", count: 4 });
    s = clean(advance(s, 500));
    expect(["m1", "m2", "m3", "m4"].map((m) => s.envelopes[`${m}@fast`].status)).toEqual(["acked", "acked", "acked", "acked"]);
    expect(s.envelopes["m1@slow"].status).toBe("inflight");
    expect(metrics(s).queues.slow.depth).toBe(3);
  });
});

describe("bounded log, retention, metrics, series, tokens", () => {
  it("keeps only the newest events but exact totals", () => {
    let s = createSim({ queues: [{ id: "q" }], consumers: [{ id: "c", source: "q", processing: { kind: "fixed", ms: 1 } }], limits: { logCapacity: 50, settledRetention: 20 } });
    s = dispatch(s, { type: "publish", to: "q", count: 500 });
    s = clean(advance(s, 10_000));
    const log = recentEvents(s);
    expect(log).toHaveLength(50);
    expect(log[49].seq).toBe(s.log.next);
    expect(log.every((e, i) => i === 0 || e.seq === log[i - 1].seq + 1)).toBe(true);
    expect(s.counts.published).toBe(500);
    expect(s.counts.acked).toBe(500);
    expect(Object.keys(s.envelopes)).toHaveLength(20); // settled copies pruned
    expect(recentEvents(s, 3).map((e) => e.seq)).toEqual([s.log.next - 2, s.log.next - 1, s.log.next]);
  });

  it("latency percentiles and throughput reflect the run", () => {
    let s = createSim({ queues: [{ id: "q" }], consumers: [{ id: "c", source: "q", processing: { kind: "fixed", ms: 10 } }] });
    s = dispatch(s, { type: "publish", to: "q", count: 100 });
    s = advance(s, 1000);
    const m = metrics(s);
    // Message k waits for the k-1 before it: latency 10k ms.
    expect(m.latency.p50Ms).toBe(500);
    expect(m.latency.p95Ms).toBe(950);
    expect(m.latency.p99Ms).toBe(990);
    expect(m.latency.maxMs).toBe(1000);
  });

  it("throughput is acks per second over the last second", () => {
    let s = createSim({ queues: [{ id: "q" }], producers: [{ id: "p", target: "q", ratePerSec: 50 }], consumers: [{ id: "c", source: "q", processing: { kind: "fixed", ms: 5 } }] });
    s = advance(s, 5000);
    expect(metrics(s).throughputPerSec).toBeGreaterThanOrEqual(49);
    expect(metrics(s).throughputPerSec).toBeLessThanOrEqual(51);
    s = dispatch(s, { type: "pause-producers" });
    expect(metrics(advance(s, 1100)).throughputPerSec).toBe(0);
  });

  it("samples a time series at the configured interval", () => {
    let s = createSim({ queues: [{ id: "q" }], producers: [{ id: "p", target: "q", ratePerSec: 10 }], sampleEveryMs: 500, limits: { maxSamples: 4 } });
    s = advance(s, 3000);
    const series = timeSeries(s);
    expect(series.map((x) => x.tMs)).toEqual([1500, 2000, 2500, 3000]);
    expect(series.map((x) => x.backlog)).toEqual([15, 20, 25, 30]);
  });

  it("tokens say where every copy is", () => {
    let s = createSim({
      queues: [{ id: "q", maxAttempts: 1, deadLetterQueueId: "dlq", maxLength: 3 }, { id: "dlq", role: "dlq" }],
      consumers: [{ id: "c", source: "q", mode: "manual", prefetch: 2, restartMs: null }],
    });
    s = dispatch(s, { type: "publish", to: "q", count: 4 }); // m4 rejected
    s = dispatch(s, { type: "receive", consumerId: "c" }); // m1
    s = dispatch(s, { type: "nack", consumerId: "c" }); // m1 -> dlq
    s = dispatch(s, { type: "receive", consumerId: "c" }); // m2
    s = dispatch(s, { type: "ack", consumerId: "c" }); // m2 done
    s = dispatch(s, { type: "publish", to: "q" }); // m5
    s = dispatch(s, { type: "receive", consumerId: "c" }); // m3
    s = clean(dispatch(s, { type: "crash", consumerId: "c" })); // m3 orphaned
    const place = Object.fromEntries(tokens(s).map((t) => [t.msgId, t.place]));
    expect(place.m1).toEqual({ kind: "dlq", queueId: "dlq", index: 0 });
    expect(place.m2).toMatchObject({ kind: "done", consumerId: "c" });
    expect(place.m3).toEqual({ kind: "orphaned", consumerId: "c", queueId: "q", visibleAtMs: 30_000 });
    expect(place.m4).toMatchObject({ kind: "gone", reason: "rejected" });
    expect(place.m5).toEqual({ kind: "queue", queueId: "q", index: 0 });
  });
});

describe("settings", () => {
  it("set-queue changes limits for later publishes; invalid patches are refused", () => {
    let s = createSim({ queues: [{ id: "q" }] });
    s = dispatch(s, { type: "set-queue", queueId: "q", patch: { maxLength: 2 } });
    s = dispatch(s, { type: "publish", to: "q", count: 3 });
    expect(s.counts.rejected).toBe(1);
    expect(() => dispatch(s, { type: "set-queue", queueId: "q", patch: { visibilityTimeoutMs: 0 } })).toThrow(/visibilityTimeoutMs/);
    expect(() => dispatch(s, { type: "set-consumer", consumerId: "x", patch: {} })).toThrow(/unknown consumer/);
  });

  it("advanceTo lands exactly on the requested time", () => {
    const s = advanceTo(createSim({ queues: [{ id: "q" }] }), 1234);
    expect(s.nowMs).toBe(1234);
  });
});
