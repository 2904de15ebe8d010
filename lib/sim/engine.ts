/**
 * The pure facade of the simulation: `createSim`, `dispatch`, `advance`.
 *
 * Each call clones its input and mutates only the clone, so a caller's state is never changed and
 * any state can be kept for undo, replay or comparison. Mutation inside a call is an
 * implementation detail for speed. Same config + seed + actions (at the same virtual times) give
 * an identical state, and how `advance` is chunked does not change the result.
 */
import {
  attachConsumer,
  crashConsumer,
  isLiveTimer,
  manualAck,
  manualNack,
  newConsumer,
  newProducer,
  newQueue,
  onComplete,
  onProduce,
  onRestart,
  onRetry,
  onVisibility,
  publish,
  publishAs,
  queueSettings,
  receiveOne,
  redrive,
  removeConsumer,
  restartBroker,
  restartConsumer,
  scheduleProducer,
  setConsumer,
  setProducer,
  setQueue,
  validateTopology,
} from "./broker";
import { cloneJson, emit, popTimer, schedule, SimError, zeroCounts } from "./core";
import { takeSample } from "./metrics";
import { seedToState } from "./rng";
import { arrive, newService, onClientTimeout, onOverloadCheck, onRecover, onServed, setService } from "./service";
import type { ConsumerState, SimAction, SimConfig, SimState, Timer } from "./types";

const DEFAULT_LIMITS = {
  logCapacity: 500,
  settledRetention: 300,
  latencyWindow: 2000,
  maxSamples: 600,
  dedupWindow: 1000,
};

/**
 * Builds the initial state at virtual time 0 from a configuration and a seed.
 * Throws {@link SimError} naming the component for an invalid configuration.
 */
export function createSim(config: SimConfig, seed: number | string = 1): SimState {
  const limits = { ...DEFAULT_LIMITS, ...(config.limits ?? {}) };
  for (const [k, v] of Object.entries(limits)) {
    if (!(Number.isInteger(v) && v >= 0)) throw new SimError(`limits.${k} must be an integer >= 0, got ${v}`);
  }
  const s: SimState = {
    version: 1,
    nowMs: 0,
    rng: seedToState(seed),
    timerSeq: 0,
    timers: [],
    staleTimers: 0,
    nextMessageNo: 0,
    lastMessageId: null,
    queues: {},
    topics: {},
    groups: {},
    producers: {},
    consumers: {},
    envelopes: {},
    settled: [],
    settledHead: 0,
    effects: {},
    service: null,
    limits,
    log: { items: [], next: 0 },
    counts: zeroCounts(),
    totals: { backlog: 0, maxBacklog: 0, inflight: 0, dead: 0, acked: 0, failed: 0, timersFired: 0 },
    latency: { window: [], next: 0, count: 0, sumMs: 0, maxMs: 0 },
    throughput: { buckets: new Array(11).fill(0), epoch: 0 },
    series: { everyMs: config.sampleEveryMs ?? null, samples: [], next: 0, acc: { acked: 0, responses: 0, responseSumMs: 0 } },
  };

  const claim = (id: string, what: string) => {
    if (s.queues[id] || s.topics[id] || s.groups[id]) throw new SimError(`${what} "${id}": id already used by another queue, topic or subscription`);
  };
  for (const qc of config.queues ?? []) {
    if (typeof qc.id !== "string" || qc.id === "") throw new SimError(`queue id must be a non-empty string`);
    claim(qc.id, "queue");
    s.queues[qc.id] = newQueue(qc.id, qc.name ?? qc.id, qc.role ?? "queue", queueSettings(qc, `queue "${qc.id}"`));
  }
  for (const tc of config.topics ?? []) {
    claim(tc.id, "topic");
    const P = tc.partitions ?? null;
    if (P !== null && !(Number.isInteger(P) && P >= 1)) throw new SimError(`topic "${tc.id}": partitions must be a positive integer or null`);
    if (!Array.isArray(tc.subscriptions)) throw new SimError(`topic "${tc.id}": subscriptions must be an array`);
    s.topics[tc.id] = {
      id: tc.id,
      name: tc.name ?? tc.id,
      partitions: P,
      subscriptions: tc.subscriptions.map((x) => x.id),
      partitionCounts: P !== null ? new Array(P).fill(0) : [],
      rr: 0,
      published: 0,
    };
    for (const sub of tc.subscriptions) {
      claim(sub.id, "subscription");
      const settings = queueSettings(sub, `subscription "${sub.id}"`);
      if (P === null) {
        s.queues[sub.id] = newQueue(sub.id, sub.name ?? sub.id, "queue", settings, { topicId: tc.id });
        continue;
      }
      const partitions: string[] = [];
      for (let i = 0; i < P; i++) {
        const qid = `${sub.id}.p${i}`;
        claim(qid, "partition");
        s.queues[qid] = newQueue(qid, `${sub.name ?? sub.id} partition ${i}`, "queue", { ...settings }, { topicId: tc.id, groupId: sub.id, partition: i });
        partitions.push(qid);
      }
      s.groups[sub.id] = { id: sub.id, topicId: tc.id, partitions, members: [], generation: 0 };
    }
  }
  validateTopology(s);
  for (const pc of config.producers ?? []) {
    if (s.producers[pc.id]) throw new SimError(`producer "${pc.id}": duplicate id`);
    s.producers[pc.id] = newProducer(s, pc);
  }
  for (const cc of config.consumers ?? []) attachConsumer(s, newConsumer(s, cc));
  if (config.service) s.service = newService(s, config.service);
  for (const p of Object.values(s.producers)) scheduleProducer(s, p);
  const every = s.series.everyMs;
  if (every !== null) {
    if (!(every > 0)) throw new SimError(`sampleEveryMs must be > 0 or null, got ${every}`);
    schedule(s, every, "sample");
  }
  return s;
}

function consumerOf(s: SimState, id: string): ConsumerState {
  const c = s.consumers[id];
  if (!c) throw new SimError(`unknown consumer "${id}"`);
  return c;
}

function applyAction(s: SimState, a: SimAction): void {
  switch (a.type) {
    case "publish": {
      const count = a.count ?? 1;
      if (!(Number.isInteger(count) && count >= 1 && count <= 100_000)) throw new SimError(`publish: count must be an integer 1..100000`);
      const p = a.producerId !== undefined ? s.producers[a.producerId] : undefined;
      if (a.producerId !== undefined && !p) throw new SimError(`unknown producer "${a.producerId}"`);
      if (!p && a.to === undefined) throw new SimError(`publish needs a producerId or a target ("to")`);
      for (let i = 0; i < count; i++) {
        if (p) {
          publishAs(s, p, a);
        } else {
          publish(s, a.to!, {
            label: a.label ?? `Message #${s.nextMessageNo + 1}`,
            key: a.key ?? null,
            priority: a.priority ?? 0,
            payload: a.payload ?? null,
            poison: a.poison ?? false,
            ref: null,
            producerId: null,
          });
        }
      }
      return;
    }
    case "receive":
      receiveOne(s, consumerOf(s, a.consumerId));
      return;
    case "ack":
      manualAck(s, consumerOf(s, a.consumerId), a.envelopeId);
      return;
    case "nack":
      manualNack(s, consumerOf(s, a.consumerId), a.envelopeId, a.requeue ?? true);
      return;
    case "crash": {
      const point = a.point ?? "before-ack";
      crashConsumer(s, consumerOf(s, a.consumerId), point, point === "before-ack" ? "crashed after doing the work, before acking" : "crashed in the middle of processing");
      return;
    }
    case "restart-consumer":
      restartConsumer(s, consumerOf(s, a.consumerId));
      return;
    case "add-consumer": {
      const c = newConsumer(s, a.consumer);
      emit(s, "consumer-added", { consumerId: c.id, queueId: c.source });
      attachConsumer(s, c);
      return;
    }
    case "remove-consumer":
      removeConsumer(s, consumerOf(s, a.consumerId));
      return;
    case "set-consumer":
      setConsumer(s, consumerOf(s, a.consumerId), a.patch);
      return;
    case "set-queue": {
      const q = s.queues[a.queueId];
      if (!q) throw new SimError(`unknown queue "${a.queueId}"`);
      setQueue(s, q, a.patch);
      return;
    }
    case "set-producer": {
      const p = s.producers[a.producerId];
      if (!p) throw new SimError(`unknown producer "${a.producerId}"`);
      setProducer(s, p, a.patch);
      return;
    }
    case "pause-producers":
    case "resume-producers": {
      const list = a.producerId !== undefined ? [s.producers[a.producerId]] : Object.values(s.producers);
      for (const p of list) {
        if (!p) throw new SimError(`unknown producer "${a.producerId}"`);
        const running = a.type === "resume-producers";
        if (p.running === running) continue;
        p.running = running;
        emit(s, "setting-changed", { producerId: p.id, detail: running ? "resumed" : "paused" });
        scheduleProducer(s, p);
      }
      return;
    }
    case "redrive":
      if (a.dlqId !== undefined && !s.queues[a.dlqId]) throw new SimError(`unknown queue "${a.dlqId}"`);
      redrive(s, a.dlqId, a.envelopeIds);
      return;
    case "restart-broker":
      restartBroker(s);
      return;
    case "request":
    case "burst": {
      const svc = s.service;
      if (!svc) throw new SimError(`${a.type}: this simulation has no service`);
      const count = a.count ?? 1;
      if (!(Number.isInteger(count) && count >= 1 && count <= 100_000)) throw new SimError(`${a.type}: count must be an integer 1..100000`);
      if (a.type === "request") {
        for (let i = 0; i < count; i++) arrive(s, svc);
        return;
      }
      if (!(a.overMs >= 0 && Number.isFinite(a.overMs))) throw new SimError(`burst: overMs must be >= 0`);
      arrive(s, svc);
      for (let i = 1; i < count; i++) schedule(s, s.nowMs + Math.round((i * a.overMs) / count), "arrive");
      return;
    }
    case "set-service":
      if (!s.service) throw new SimError(`set-service: this simulation has no service`);
      setService(s, s.service, a.patch);
      return;
    default:
      throw new SimError(`unknown action type ${JSON.stringify((a as { type: unknown }).type)}`);
  }
}

/** Applies one on-demand input at the current virtual time; returns the new state. */
export function dispatch(state: SimState, action: SimAction): SimState {
  const s = cloneJson(state);
  applyAction(s, action);
  return s;
}

function fire(s: SimState, t: Timer): void {
  switch (t.k) {
    case "produce":
      return onProduce(s, t);
    case "complete":
      return onComplete(s, t);
    case "visibility":
      return onVisibility(s, t);
    case "retry":
      return onRetry(s, t);
    case "restart":
      return onRestart(s, t);
    case "sample":
      takeSample(s);
      schedule(s, s.nowMs + (s.series.everyMs ?? 1), "sample");
      return;
    case "arrive":
      if (s.service) arrive(s, s.service);
      return;
    case "served":
      return onServed(s, t);
    case "client-timeout":
      return onClientTimeout(s, t);
    case "overload-check":
      return onOverloadCheck(s, t);
    case "recover":
      return onRecover(s, t);
  }
}

/** Runs every timer due at or before `endMs` in (time, scheduling) order, then sets the clock to `endMs`. */
function runUntil(s: SimState, endMs: number): void {
  // Read s.timers afresh each turn: compaction may replace the array.
  while (s.timers.length > 0 && s.timers[0].t <= endMs) {
    const t = popTimer(s);
    s.nowMs = t.t;
    s.totals.timersFired++;
    fire(s, t);
  }
  s.nowMs = endMs;
}

/** Moves virtual time forward by `dtMs` (>= 0), running producers, completions, timeouts and retries on the way. */
export function advance(state: SimState, dtMs: number): SimState {
  if (!(dtMs >= 0) || !Number.isFinite(dtMs)) throw new SimError(`advance: dtMs must be a finite number >= 0, got ${dtMs}`);
  const s = cloneJson(state);
  runUntil(s, s.nowMs + dtMs);
  return s;
}

/** Moves virtual time forward to exactly `tMs` (not before the current time). */
export function advanceTo(state: SimState, tMs: number): SimState {
  if (!(tMs >= state.nowMs) || !Number.isFinite(tMs)) throw new SimError(`advanceTo: ${tMs} is before now (${state.nowMs}) or not finite`);
  const s = cloneJson(state);
  runUntil(s, tMs);
  return s;
}

/** Time of the next scheduled event that can change something (ignores sampling ticks and stale timers); `null` if none. */
export function nextEventAtMs(state: SimState): number | null {
  let best: number | null = null;
  for (const t of state.timers) {
    if (t.k === "sample" || !isLiveTimer(state, t)) continue;
    if (best === null || t.t < best) best = t.t;
  }
  return best;
}
