import { describe, expect, it } from "vitest";
import { nextRandom, seedToState } from "./rng";
import {
  advance,
  advanceTo,
  auditState,
  createScenario,
  createSim,
  dispatch,
  hashKey,
  nextEventAtMs,
  partitionForKey,
  SimError,
  type Distribution,
  type SimAction,
  type SimConfig,
  type SimState,
} from "./index";

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

const busyConfig: SimConfig = {
  queues: [
    { id: "jobs", visibilityTimeoutMs: 800, maxAttempts: 3, backoff: { baseMs: 100, factor: 2, maxMs: 1000 }, deadLetterQueueId: "dlq", maxLength: 40, overflow: "drop-oldest" },
    { id: "dlq", role: "dlq" },
  ],
  producers: [{ id: "p", target: "jobs", ratePerSec: 20, arrival: "poisson", poisonEvery: 9 }],
  consumers: [
    { id: "c1", source: "jobs", processing: { kind: "exponential", meanMs: 120 }, failureRate: 0.1, crashRate: 0.05, prefetch: 3, concurrency: 2, restartMs: 300 },
    { id: "c2", source: "jobs", processing: { kind: "uniform", minMs: 50, maxMs: 400 }, idempotent: true, effectId: "c1" },
  ],
  sampleEveryMs: 100,
};

const script: { atMs: number; action: SimAction }[] = [
  { atMs: 200, action: { type: "crash", consumerId: "c2" } },
  { atMs: 500, action: { type: "publish", producerId: "p", count: 5 } },
  { atMs: 900, action: { type: "add-consumer", consumer: { id: "c3", source: "jobs", processing: { kind: "fixed", ms: 90 } } } },
  { atMs: 1500, action: { type: "redrive" } },
  { atMs: 1800, action: { type: "remove-consumer", consumerId: "c1" } },
  { atMs: 2500, action: { type: "set-consumer", consumerId: "c3", patch: { deliveryMode: "at-most-once" } } },
];

function run(seed: number, chunkMs = 250, untilMs = 4000): SimState {
  let s = createSim(busyConfig, seed);
  let i = 0;
  while (s.nowMs < untilMs) {
    const next = Math.min(untilMs, s.nowMs + chunkMs, i < script.length ? script[i].atMs : Infinity);
    s = advanceTo(s, next);
    while (i < script.length && script[i].atMs === s.nowMs) s = dispatch(s, script[i++].action);
  }
  return s;
}

describe("pure API contract", () => {
  it("never mutates the caller's state (deep-frozen input works and is unchanged)", () => {
    let s = createSim(busyConfig, 7);
    s = advance(s, 1000);
    const before = JSON.stringify(s);
    deepFreeze(s);
    const a = advance(s, 1000);
    const b = dispatch(s, { type: "crash", consumerId: "c1" });
    const c = dispatch(s, { type: "publish", producerId: "p", count: 3 });
    const d = dispatch(s, { type: "restart-broker" });
    expect(JSON.stringify(s)).toBe(before);
    expect(a.nowMs).toBe(2000);
    expect(b.consumers.c1.status).toBe("down");
    expect(c.counts.published).toBe(s.counts.published + 3);
    expect(d.counts["broker-restarted"]).toBe(1);
  });

  it("same seed and same actions give an identical state; another seed gives a different run", () => {
    const a = run(11);
    const b = run(11);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = run(12);
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
    expect(auditState(a)).toEqual([]);
  });

  it("the result does not depend on how advance is chunked", () => {
    expect(JSON.stringify(run(5, 37))).toBe(JSON.stringify(run(5, 1000)));
  });

  it("survives JSON.stringify/parse mid-run and continues identically", () => {
    let s = createSim(busyConfig, 3);
    s = advance(s, 1234);
    s = dispatch(s, { type: "crash", consumerId: "c1" });
    const revived = JSON.parse(JSON.stringify(s)) as SimState;
    const cont = (x: SimState) => dispatch(advance(dispatch(advance(x, 777), { type: "redrive" }), 3000), { type: "publish", producerId: "p" });
    expect(JSON.stringify(cont(revived))).toBe(JSON.stringify(cont(s)));
  });

  it("keeps the virtual clock on whole milliseconds", () => {
    const s = run(9);
    for (const e of Object.values(s.envelopes)) expect(Number.isInteger(e.publishedAtMs)).toBe(true);
    for (const t of s.timers) expect(Number.isInteger(t.t)).toBe(true);
  });

  it("rejects invalid configuration with a message naming the component", () => {
    expect(() => createSim({ queues: [{ id: "q", maxLength: 0 }] })).toThrow(/queue "q": maxLength/);
    expect(() => createSim({ queues: [{ id: "q" }], consumers: [{ id: "c", source: "nope" }] })).toThrow(/consumer "c": source "nope"/);
    expect(() => createSim({ queues: [{ id: "q", deadLetterQueueId: "x" }] })).toThrow(/deadLetterQueueId "x"/);
    expect(() => createSim({ queues: [{ id: "q" }, { id: "q" }] })).toThrow(SimError);
    expect(() => createSim({ queues: [{ id: "q" }], consumers: [{ id: "c", source: "q", concurrency: 3, prefetch: 2 }] })).toThrow(/concurrency/);
    expect(() => createSim({ queues: [{ id: "q" }], producers: [{ id: "p", target: "q", ratePerSec: -1 }] })).toThrow(/ratePerSec/);
    expect(() => createSim({ queues: [{ id: "q" }], consumers: [{ id: "c", source: "q", failureRate: 2 }] })).toThrow(/failureRate/);
  });

  it("rejects invalid actions and times", () => {
    const s = createSim({ queues: [{ id: "q" }] });
    expect(() => dispatch(s, { type: "ack", consumerId: "ghost" })).toThrow(/unknown consumer "ghost"/);
    expect(() => dispatch(s, { type: "publish" })).toThrow(/producerId or a target/);
    expect(() => dispatch(s, { type: "request" })).toThrow(/no service/);
    expect(() => advance(s, -5)).toThrow(SimError);
    expect(() => advanceTo(advance(s, 100), 50)).toThrow(/before now/);
  });

  it("reports when the next meaningful event is due", () => {
    let s = createSim({ queues: [{ id: "q", visibilityTimeoutMs: 5000 }], consumers: [{ id: "c", source: "q", processing: { kind: "fixed", ms: 300 } }], sampleEveryMs: 50 });
    expect(nextEventAtMs(s)).toBeNull();
    s = dispatch(s, { type: "publish", to: "q" });
    expect(nextEventAtMs(s)).toBe(300);
    s = advanceTo(s, 300);
    // The acked message's visibility timer at 5000 is stale: nothing meaningful is left.
    expect(nextEventAtMs(s)).toBeNull();
  });
});

describe("seeded RNG and key hashing", () => {
  it("mulberry32 state is a number that reproduces the same sequence", () => {
    const a = { rng: seedToState(42) };
    const b = { rng: seedToState(42) };
    const xs = Array.from({ length: 5 }, () => nextRandom(a));
    expect(Array.from({ length: 5 }, () => nextRandom(b))).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(seedToState("checkout")).toBe(seedToState("checkout"));
    expect(seedToState(1)).not.toBe(seedToState(2));
  });

  it("draws are spread evenly", () => {
    const h = { rng: seedToState(1) };
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) bins[Math.floor(nextRandom(h) * 10)]++;
    for (const b of bins) expect(b).toBeGreaterThan(1800);
  });

  it("hashKey is FNV-1a 32-bit and partitions are stable", () => {
    expect(hashKey("")).toBe(0x811c9dc5);
    expect(hashKey("a")).toBe(0xe40c292c);
    expect(hashKey("foobar")).toBe(0xbf9cf968);
    expect(partitionForKey("alice", 3)).toBe(hashKey("alice") % 3);
    expect(() => partitionForKey("x", 0)).toThrow(RangeError);
  });
});

describe("processing-time distributions", () => {
  /** One consumer, concurrency 1, 2000 messages waiting: the gaps between acks are the processing times. */
  function durations(processing: Distribution): number[] {
    let s = createSim({ queues: [{ id: "q", visibilityTimeoutMs: 1e9 }], consumers: [{ id: "c", source: "q", processing }], limits: { logCapacity: 10_000 } }, 4);
    s = dispatch(s, { type: "publish", to: "q", count: 2000 });
    s = advance(s, 1e9);
    const acks = s.log.items.filter((e) => e.type === "acked").map((e) => e.atMs);
    expect(acks).toHaveLength(2000);
    return acks.map((t, i) => t - (i === 0 ? 0 : acks[i - 1]));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it("fixed, uniform and exponential have the configured range and mean", () => {
    expect(new Set(durations({ kind: "fixed", ms: 40 }))).toEqual(new Set([40]));
    const uni = durations({ kind: "uniform", minMs: 100, maxMs: 300 });
    expect(Math.min(...uni)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...uni)).toBeLessThanOrEqual(300);
    expect(mean(uni)).toBeGreaterThan(190);
    expect(mean(uni)).toBeLessThan(210);
    const exp = durations({ kind: "exponential", meanMs: 200 });
    expect(mean(exp)).toBeGreaterThan(185);
    expect(mean(exp)).toBeLessThan(215);
    expect(Math.max(...exp)).toBeGreaterThan(800); // a long tail, unlike uniform
  });
});

describe("scenario determinism", () => {
  it("a preset with a seed is reproducible", () => {
    const a = advance(createScenario("partitions", "tour"), 20_000);
    const b = advance(createScenario("partitions", "tour"), 20_000);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
