/**
 * Properties that must hold for every seed: each test builds a randomised scenario (consumers,
 * crashes, failures, rebalances, bursts) from the seed, runs it to quiescence and checks the
 * guarantee, plus the engine's own bookkeeping (auditState) along the way.
 */
import { describe, expect, it } from "vitest";
import { nextRandom, seedToState } from "./rng";
import {
  advance,
  advanceTo,
  auditState,
  createScenario,
  createSim,
  dispatch,
  recentEvents,
  spikeSummary,
  type Beat,
  type SimAction,
  type SimConfig,
  type SimState,
} from "./index";

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);
const BIG = { logCapacity: 100_000, settledRetention: 100_000 };

/** Test-side dice, seeded separately from the engine so scenarios vary with the seed. */
function dice(seed: number) {
  const h = { rng: seedToState(`test-${seed}`) };
  const r = () => nextRandom(h);
  return { r, int: (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1)), pick: <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] };
}

/** Runs beats in time order, auditing after every step, then lets the simulation finish. */
function play(config: SimConfig, seed: number, beats: Beat[], untilMs: number): SimState {
  let s = createSim(config, seed);
  for (const b of [...beats].sort((x, y) => x.atMs - y.atMs)) {
    s = advanceTo(s, Math.max(s.nowMs, b.atMs));
    s = dispatch(s, b.action);
    const bad = auditState(s);
    if (bad.length) throw new Error(`seed ${seed} after ${JSON.stringify(b.action)}: ${bad.join("; ")}`);
  }
  s = advanceTo(s, untilMs);
  const bad = auditState(s);
  if (bad.length) throw new Error(`seed ${seed} at end: ${bad.join("; ")}`);
  return s;
}

/** Random crashes, restarts and scaling of a pool of consumers reading `source`. */
function chaos(d: ReturnType<typeof dice>, source: string, initial: string[], count: number, spanMs: number, template: (id: string) => SimAction): Beat[] {
  const beats: Beat[] = [];
  const live = [...initial];
  let next = initial.length + 1;
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += d.int(10, Math.floor((2 * spanMs) / count));
    const roll = d.r();
    if (roll < 0.45 && live.length > 0) {
      beats.push({ atMs: t, action: { type: "crash", consumerId: d.pick(live), point: d.r() < 0.5 ? "before-ack" : "mid-processing" } });
    } else if (roll < 0.7 && live.length < 5) {
      const id = `${source}-extra-${next++}`;
      live.push(id);
      beats.push({ atMs: t, action: template(id) });
    } else if (live.length > 1) {
      const id = d.pick(live);
      live.splice(live.indexOf(id), 1);
      beats.push({ atMs: t, action: { type: "remove-consumer", consumerId: id } });
    }
  }
  return beats;
}

function envelopesOf(s: SimState, msgId: string) {
  return Object.values(s.envelopes).filter((e) => e.msgId === msgId);
}

describe("invariants over 200 seeds", () => {
  it("at-least-once never loses a message: each one is acked or dead-lettered despite crashes, failures and scaling", () => {
    let redeliveries = 0;
    for (const seed of SEEDS) {
      const d = dice(seed);
      const consumer = (id: string) => ({
        id,
        source: "q",
        processing: { kind: "exponential" as const, meanMs: d.int(20, 120) },
        failureRate: d.r() * 0.3,
        crashRate: d.r() * 0.15,
        prefetch: d.int(1, 3),
        restartMs: d.int(50, 500),
      });
      const n = d.int(20, 60);
      const config: SimConfig = {
        queues: [
          { id: "q", visibilityTimeoutMs: d.int(200, 1500), maxAttempts: d.int(2, 6), backoff: d.r() < 0.5 ? { baseMs: 50, factor: 2, maxMs: 800 } : null, deadLetterQueueId: "dlq", requeue: d.pick(["front", "back"] as const) },
          { id: "dlq", role: "dlq" },
        ],
        producers: [{ id: "p", target: "q", ratePerSec: d.int(20, 200), limit: n, arrival: "poisson" }],
        consumers: [consumer("c1"), consumer("c2")],
        limits: BIG,
      };
      const beats = chaos(d, "q", ["c1", "c2"], d.int(3, 12), 2000, (id) => ({ type: "add-consumer", consumer: consumer(id) }));
      const s = play(config, seed, beats, 200_000);
      expect(s.counts.published, `seed ${seed}`).toBe(n);
      for (let i = 1; i <= n; i++) {
        const env = s.envelopes[`m${i}@q`];
        expect(["acked", "dead"], `seed ${seed} m${i} is ${env.status}`).toContain(env.status);
      }
      expect(s.counts.lost + s.counts.dropped + s.counts.rejected, `seed ${seed}`).toBe(0);
      redeliveries += s.counts.redelivered;
    }
    expect(redeliveries).toBeGreaterThan(1000); // the chaos really exercised redelivery
  });

  it("at-most-once may lose messages but never delivers one twice", () => {
    let lost = 0;
    for (const seed of SEEDS) {
      const d = dice(seed);
      const consumer = (id: string) => ({
        id,
        source: "q",
        deliveryMode: "at-most-once" as const,
        processing: { kind: "uniform" as const, minMs: 20, maxMs: 200 },
        failureRate: d.r() * 0.2,
        crashRate: d.r() * 0.1,
        prefetch: d.int(1, 3),
        restartMs: 100,
        effectId: "effects",
      });
      const n = d.int(20, 60);
      const config: SimConfig = {
        queues: [{ id: "q", visibilityTimeoutMs: 300, maxAttempts: 3 }],
        producers: [{ id: "p", target: "q", ratePerSec: 100, limit: n }],
        consumers: [consumer("c1"), consumer("c2")],
        limits: BIG,
      };
      const beats = chaos(d, "q", ["c1", "c2"], d.int(3, 10), 1000, (id) => ({ type: "add-consumer", consumer: consumer(id) }));
      const s = play(config, seed, beats, 100_000);
      expect(s.counts.redelivered, `seed ${seed}`).toBe(0);
      expect(s.counts.duplicated, `seed ${seed}`).toBe(0);
      for (let i = 1; i <= n; i++) {
        const env = s.envelopes[`m${i}@q`];
        expect(env.deliveryNo, `seed ${seed} m${i}`).toBe(1);
        expect(env.effectApplied, `seed ${seed} m${i}`).toBeLessThanOrEqual(1);
        expect(["acked", "lost"], `seed ${seed} m${i}`).toContain(env.status);
        expect(env.effectApplied === 1, `seed ${seed} m${i}: acked iff applied`).toBe(env.status === "acked");
      }
      lost += s.counts.lost;
    }
    expect(lost).toBeGreaterThan(100); // losses do happen: that is the price of at-most-once
  });

  it("a poison message is dead-lettered after exactly maxAttempts deliveries and the messages behind it are processed", () => {
    for (const seed of SEEDS) {
      const d = dice(seed);
      const maxAttempts = d.int(1, 6);
      const before = d.int(0, 5);
      const after = d.int(1, 15);
      const consumers = Array.from({ length: d.int(1, 3) }, (_, i) => ({
        id: `c${i + 1}`,
        source: "q",
        processing: { kind: "uniform" as const, minMs: 10, maxMs: 100 },
        prefetch: d.int(1, 2),
      }));
      const config: SimConfig = {
        queues: [
          { id: "q", maxAttempts, deadLetterQueueId: "dlq", backoff: d.r() < 0.5 ? { baseMs: d.int(10, 300), factor: 2, maxMs: 2000 } : null, requeue: d.pick(["front", "back"] as const) },
          { id: "dlq", role: "dlq" },
        ],
        consumers,
        limits: BIG,
      };
      const beats: Beat[] = [
        ...(before ? [{ atMs: 0, action: { type: "publish", to: "q", count: before } as SimAction }] : []),
        { atMs: 0, action: { type: "publish", to: "q", poison: true, label: "poison" } },
        { atMs: 0, action: { type: "publish", to: "q", count: after } },
      ];
      const s = play(config, seed, beats, 60_000);
      const poison = s.envelopes[`m${before + 1}@q`];
      expect(poison.poison).toBe(true);
      expect(poison.status, `seed ${seed}`).toBe("dead");
      expect(poison.queueId).toBe("dlq");
      expect(poison.attempts, `seed ${seed}`).toBe(maxAttempts);
      const deliveries = recentEvents(s).filter((e) => e.envId === poison.id && (e.type === "delivered" || e.type === "redelivered"));
      expect(deliveries, `seed ${seed}`).toHaveLength(maxAttempts);
      for (let i = 1; i <= before + 1 + after; i++) {
        if (i !== before + 1) expect(s.envelopes[`m${i}@q`].status, `seed ${seed} m${i}`).toBe("acked");
      }
    }
  });

  it("per-partition order holds under crashes and consumer-group rebalancing", () => {
    let rebalances = 0;
    for (const seed of SEEDS) {
      const d = dice(seed);
      const P = d.int(2, 4);
      const keys = ["alice", "bob", "carol", "dave", "erin", "frank"].slice(0, d.int(2, 6));
      const member = (id: string) => ({
        id,
        source: "g",
        processing: { kind: "uniform" as const, minMs: 10, maxMs: 150 },
        failureRate: d.r() * 0.2,
        concurrency: d.int(1, 2),
        prefetch: 2,
        restartMs: 200,
      });
      const n = d.int(30, 80);
      const config: SimConfig = {
        topics: [{ id: "t", partitions: P, subscriptions: [{ id: "g", visibilityTimeoutMs: 2000 }] }],
        producers: [{ id: "p", target: "t", ratePerSec: d.int(20, 100), limit: n, keys, hotKey: d.r() < 0.5 ? { key: keys[0], share: 0.5 } : null }],
        consumers: [member("g-1"), member("g-2")],
        limits: BIG,
      };
      const beats = chaos(d, "g", ["g-1", "g-2"], d.int(4, 12), 1500, (id) => ({ type: "add-consumer", consumer: member(id) }));
      const s = play(config, seed, beats, 300_000);
      rebalances += s.counts.rebalanced;
      const acks = recentEvents(s).filter((e) => e.type === "acked");
      expect(acks, `seed ${seed}`).toHaveLength(n);
      // Within each partition, acks follow the partition offsets exactly.
      const byPartition = new Map<string, number[]>();
      for (const a of acks) {
        const env = s.envelopes[a.envId!];
        byPartition.set(env.queueId, [...(byPartition.get(env.queueId) ?? []), env.offset!]);
      }
      for (const [qid, offsets] of byPartition) {
        expect(offsets, `seed ${seed} ${qid}`).toEqual(offsets.map((_, i) => i));
      }
      // Hence each key's messages are acked in publish order.
      const byKey = new Map<string, number[]>();
      for (const a of acks) {
        const env = s.envelopes[a.envId!];
        byKey.set(env.key!, [...(byKey.get(env.key!) ?? []), Number(env.msgId.slice(1))]);
      }
      for (const [key, nums] of byKey) expect(nums, `seed ${seed} key ${key}`).toEqual([...nums].sort((a, b) => a - b));
    }
    expect(rebalances).toBeGreaterThan(SEEDS.length * 2);
  });

  it("pub/sub delivers every message to every subscription", () => {
    for (const seed of SEEDS) {
      const d = dice(seed);
      const subs = Array.from({ length: d.int(1, 4) }, (_, i) => `s${i}`);
      const n = d.int(10, 40);
      const config: SimConfig = {
        topics: [{ id: "t", subscriptions: subs.map((id) => ({ id, visibilityTimeoutMs: 500 })) }],
        producers: [{ id: "p", target: "t", ratePerSec: 50, limit: n }],
        consumers: subs.map((id) => ({ id: `c-${id}`, source: id, processing: { kind: "exponential" as const, meanMs: d.int(10, 100) }, failureRate: d.r() * 0.3, crashRate: d.r() * 0.1, restartMs: 100 })),
        limits: BIG,
      };
      const s = play(config, seed, [], 200_000);
      for (let i = 1; i <= n; i++) {
        const copies = envelopesOf(s, `m${i}`);
        expect(copies.map((e) => e.queueId).sort(), `seed ${seed} m${i}`).toEqual([...subs].sort());
        for (const e of copies) expect(e.status, `seed ${seed} ${e.id}`).toBe("acked");
      }
    }
  });

  it("same seed and same actions give an identical state, also across a JSON round-trip", () => {
    for (const seed of SEEDS) {
      const d = dice(seed);
      const id = d.pick(["message-queue", "work-queue", "delivery-guarantees", "dead-letter", "partitions", "pub-sub"] as const);
      const actionsFor: Record<typeof id, SimAction[]> = {
        "message-queue": [{ type: "crash", consumerId: "email" }, { type: "publish", producerId: "order-service", poison: true }, { type: "redrive" }],
        "work-queue": [{ type: "add-consumer", consumer: { id: "worker-3", source: "resize-jobs" } }, { type: "remove-consumer", consumerId: "worker-1" }],
        "delivery-guarantees": [{ type: "crash", consumerId: "payment" }, { type: "set-consumer", consumerId: "payment", patch: { idempotent: true } }],
        "dead-letter": [{ type: "set-consumer", consumerId: "fulfilment", patch: { handlesPoison: true } }, { type: "redrive" }],
        partitions: [{ type: "add-consumer", consumer: { id: "ledger-3", source: "ledger" } }, { type: "crash", consumerId: "ledger-1" }],
        "pub-sub": [{ type: "crash", consumerId: "analytics", point: "mid-processing" }, { type: "pause-producers" }],
      };
      const beats = actionsFor[id].map((action) => ({ atMs: d.int(0, 8000), action })).sort((a, b) => a.atMs - b.atMs);
      const cut = d.int(0, 10_000);
      const go = (roundTrip: boolean) => {
        let s = createScenario(id, seed);
        for (const b of beats) {
          s = dispatch(advanceTo(s, b.atMs), b.action);
        }
        s = advanceTo(s, Math.max(s.nowMs, cut));
        if (roundTrip) s = JSON.parse(JSON.stringify(s));
        return JSON.stringify(advance(s, 5000));
      };
      const a = go(false);
      expect(go(false), `seed ${seed} ${id}`).toBe(a);
      expect(go(true), `seed ${seed} ${id} after JSON round-trip`).toBe(a);
    }
  });

  it("an idempotent consumer applies each side effect exactly once despite redeliveries and concurrent duplicates", () => {
    let suppressed = 0;
    for (const seed of SEEDS) {
      const d = dice(seed);
      const prefetch = d.int(1, 3);
      const consumer = (id: string) => ({
        id,
        source: "q",
        processing: { kind: "uniform" as const, minMs: 20, maxMs: 400 },
        crashRate: d.r() * 0.3,
        idempotent: true,
        effectId: "charges",
        restartMs: 100,
        prefetch,
      });
      const n = d.int(15, 40);
      // With prefetch 1 the visibility timeout is shorter than some processing times, so duplicates also
      // arrive while the first copy is still being worked on. (With a deeper prefetch that combination
      // livelocks: buffered messages expire before they are started, as they would on a real broker.)
      const visibilityTimeoutMs = prefetch === 1 ? d.int(150, 600) : d.int(1300, 2000);
      const config: SimConfig = {
        queues: [{ id: "q", visibilityTimeoutMs }],
        producers: [{ id: "p", target: "q", ratePerSec: 40, limit: n }],
        consumers: [consumer("c1"), consumer("c2"), consumer("c3")],
        limits: BIG,
      };
      const beats = chaos(d, "q", ["c1", "c2", "c3"], d.int(2, 6), 1000, (id) => ({ type: "add-consumer", consumer: consumer(id) }));
      const s = play(config, seed, beats, 200_000);
      const store = s.effects.charges;
      expect(store.applied, `seed ${seed}`).toBe(n);
      expect(store.duplicates, `seed ${seed}`).toBe(0);
      for (let i = 1; i <= n; i++) expect(store.keys[`m${i}`], `seed ${seed} m${i}`).toBe(1);
      suppressed += store.suppressed;
    }
    expect(suppressed).toBeGreaterThan(200);
  });

  it("overflow policies: a queue never holds more than maxLength waiting; reject refuses, drop-oldest evicts", () => {
    for (const seed of SEEDS) {
      const d = dice(seed);
      const maxLength = d.int(1, 10);
      const overflow = d.pick(["reject", "drop-oldest"] as const);
      let s = createSim({ queues: [{ id: "q", maxLength, overflow }], consumers: [{ id: "c", source: "q", processing: { kind: "uniform", minMs: 20, maxMs: 200 } }], limits: BIG }, seed);
      let published = 0;
      for (let burst = 0; burst < 8; burst++) {
        const k = d.int(1, 15);
        s = dispatch(s, { type: "publish", to: "q", count: k });
        published += k;
        expect(s.queues.q.ready.length - s.queues.q.head, `seed ${seed}`).toBeLessThanOrEqual(maxLength);
        expect(auditState(s)).toEqual([]);
        s = advance(s, d.int(0, 500));
      }
      s = advance(s, 60_000);
      const refused = overflow === "reject" ? s.counts.rejected : s.counts.dropped;
      const other = overflow === "reject" ? s.counts.dropped : s.counts.rejected;
      expect(other, `seed ${seed}`).toBe(0);
      expect(s.counts.acked + refused, `seed ${seed}`).toBe(published);
      if (overflow === "drop-oldest") {
        // Whatever was dropped had been waiting longer than everything still queued at the time: the newest survive.
        for (const e of recentEvents(s).filter((x) => x.type === "dropped")) {
          const dropped = Number(e.msgId!.slice(1));
          const publishedSince = recentEvents(s).filter((x) => x.type === "published" && x.atMs <= e.atMs && Number(x.msgId!.slice(1)) > dropped).length;
          expect(publishedSince, `seed ${seed}`).toBeGreaterThanOrEqual(maxLength);
        }
      }
    }
  });

  it("a 50-order spike in 2 s breaks the synchronous service; queue mode fails none and drains to zero", () => {
    let syncFailures = 0;
    for (const seed of SEEDS) {
      const spike = (mode: "sync" | "queue") => advance(dispatch(createScenario("traffic-spike", seed, { serviceMode: mode }), { type: "burst", count: 50, overMs: 2000 }), 60_000);
      const sync = spikeSummary(spike("sync"))!;
      const queued = spike("queue");
      const q = spikeSummary(queued)!;
      expect(sync.failed, `seed ${seed}`).toBeGreaterThan(10);
      expect(sync.serviceCrashes, `seed ${seed}`).toBeGreaterThanOrEqual(1);
      expect(q.failed, `seed ${seed}`).toBe(0);
      expect(q.emailsSent, `seed ${seed}`).toBe(50);
      expect(q.backlogNow, `seed ${seed}`).toBe(0);
      expect(q.maxBacklog, `seed ${seed}`).toBeGreaterThan(30);
      expect(auditState(queued)).toEqual([]);
      syncFailures += sync.failed;
    }
    expect(syncFailures / SEEDS.length).toBeGreaterThan(25);
  });
});
