/**
 * The broker model: queues, topics, consumer groups, producers and consumers, and every
 * transition a message copy (an {@link Envelope}) goes through. All functions mutate the
 * already-cloned state they are given; `engine.ts` is the pure facade.
 *
 * Counter invariants kept by every transition (tests check them):
 * - `totals.backlog` = envelopes in non-DLQ queues with status queued | delayed | orphaned, or
 *   inflight and not yet acked by the broker.
 * - `totals.inflight` = sum of `queue.inflight` = envelopes orphaned, or inflight and not broker-acked.
 * - `totals.dead` = envelopes with status `dead`; `queue.delayed` = its envelopes with status `delayed`.
 */
import { compactTimers, emit, random, record, sampleMs, schedule, SimError, validateDistribution } from "./core";
import { partitionForKey } from "./hash";
import type {
  ConsumerConfig,
  ConsumerSettings,
  ConsumerState,
  EffectStore,
  Envelope,
  GroupState,
  HeldDelivery,
  ProducerConfig,
  ProducerState,
  PublishFields,
  QueueOptions,
  QueueSettings,
  QueueState,
  SimState,
  Timer,
} from "./types";

// ---------------------------------------------------------------------------
// Construction and validation
// ---------------------------------------------------------------------------

function assertId(id: unknown, what: string): asserts id is string {
  if (typeof id !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
    throw new SimError(`${what} id must be a non-empty string of letters, digits, '.', '_' or '-', got ${JSON.stringify(id)}`);
  }
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 1;
}

function isProbability(n: unknown): n is number {
  return typeof n === "number" && n >= 0 && n <= 1;
}

/** Fills queue defaults (durable FIFO, 30 s visibility timeout, unbounded, retry forever) and validates. */
export function queueSettings(o: QueueOptions, where: string): QueueSettings {
  const st: QueueSettings = {
    maxLength: o.maxLength ?? null,
    overflow: o.overflow ?? "reject",
    durable: o.durable ?? true,
    ordering: o.ordering ?? "fifo",
    visibilityTimeoutMs: o.visibilityTimeoutMs ?? 30_000,
    maxAttempts: o.maxAttempts ?? null,
    backoff: o.backoff ?? null,
    deadLetterQueueId: o.deadLetterQueueId ?? null,
    requeue: o.requeue ?? "front",
  };
  validateQueueSettings(st, where);
  return st;
}

function validateQueueSettings(st: QueueSettings, where: string): void {
  const bad = (msg: string) => {
    throw new SimError(`${where}: ${msg}`);
  };
  if (st.maxLength !== null && !isCount(st.maxLength)) bad(`maxLength must be a positive integer or null, got ${st.maxLength}`);
  if (st.overflow !== "reject" && st.overflow !== "drop-oldest") bad(`overflow must be "reject" or "drop-oldest", got ${st.overflow}`);
  if (st.ordering !== "fifo" && st.ordering !== "priority") bad(`ordering must be "fifo" or "priority", got ${st.ordering}`);
  if (!(st.visibilityTimeoutMs > 0) || !Number.isFinite(st.visibilityTimeoutMs)) bad(`visibilityTimeoutMs must be > 0, got ${st.visibilityTimeoutMs}`);
  if (st.maxAttempts !== null && !isCount(st.maxAttempts)) bad(`maxAttempts must be a positive integer or null, got ${st.maxAttempts}`);
  if (st.backoff !== null) {
    const b = st.backoff;
    if (!(b.baseMs > 0 && b.factor >= 1 && b.maxMs >= b.baseMs && Number.isFinite(b.maxMs))) bad(`backoff needs baseMs > 0, factor >= 1, maxMs >= baseMs`);
  }
  if (st.requeue !== "front" && st.requeue !== "back") bad(`requeue must be "front" or "back", got ${st.requeue}`);
}

/** A fresh, empty queue state. Partition queues (with a group) are strict: one unacked message at a time. */
export function newQueue(
  id: string,
  name: string,
  role: "queue" | "dlq",
  settings: QueueSettings,
  extra: { topicId?: string; groupId?: string; partition?: number } = {},
): QueueState {
  return {
    id,
    name,
    role,
    topicId: extra.topicId ?? null,
    groupId: extra.groupId ?? null,
    partition: extra.partition ?? null,
    strict: extra.groupId !== undefined,
    settings,
    ready: [],
    head: 0,
    delayed: 0,
    inflight: 0,
    consumers: [],
    rr: 0,
    endOffset: 0,
    committed: 0,
    owner: null,
    maxDepth: 0,
  };
}

/** Checks cross-references once every queue exists. */
export function validateTopology(s: SimState): void {
  for (const q of Object.values(s.queues)) {
    const dlq = q.settings.deadLetterQueueId;
    if (dlq === null) continue;
    const target = s.queues[dlq];
    if (!target) throw new SimError(`queue "${q.id}": deadLetterQueueId "${dlq}" is not a queue`);
    if (target.role !== "dlq") throw new SimError(`queue "${q.id}": dead-letter target "${dlq}" must have role "dlq"`);
    if (q.role === "dlq") throw new SimError(`dead-letter queue "${q.id}" cannot itself dead-letter`);
  }
}

/** Validates a producer config against the topology and returns its state (schedule not started). */
export function newProducer(s: SimState, cfg: ProducerConfig): ProducerState {
  assertId(cfg.id, "producer");
  const where = `producer "${cfg.id}"`;
  if (!s.queues[cfg.target] && !s.topics[cfg.target]) throw new SimError(`${where}: target "${cfg.target}" is neither a queue nor a topic`);
  if (s.queues[cfg.target]?.role === "dlq") throw new SimError(`${where}: cannot publish straight into dead-letter queue "${cfg.target}"`);
  if (s.queues[cfg.target]?.groupId) throw new SimError(`${where}: publish to the topic, not to partition "${cfg.target}"`);
  const p: ProducerState = {
    id: cfg.id,
    name: cfg.name ?? cfg.id,
    target: cfg.target,
    ratePerSec: cfg.ratePerSec ?? 0,
    arrival: cfg.arrival ?? "steady",
    running: cfg.running ?? true,
    limit: cfg.limit ?? null,
    keys: cfg.keys ?? null,
    hotKey: cfg.hotKey ?? null,
    poisonEvery: cfg.poisonEvery ?? null,
    labelPrefix: cfg.labelPrefix ?? "Message",
    priority: cfg.priority ?? 0,
    published: 0,
    scheduled: 0,
    generation: 0,
    nextExactMs: 0,
  };
  validateProducer(p, where);
  return p;
}

function validateProducer(p: ProducerState, where: string): void {
  if (!(p.ratePerSec >= 0 && p.ratePerSec <= 100_000)) throw new SimError(`${where}: ratePerSec must be within 0..100000, got ${p.ratePerSec}`);
  if (p.arrival !== "steady" && p.arrival !== "poisson") throw new SimError(`${where}: arrival must be "steady" or "poisson"`);
  if (p.limit !== null && !(Number.isInteger(p.limit) && p.limit >= 0)) throw new SimError(`${where}: limit must be an integer >= 0 or null`);
  if (p.keys !== null && (!Array.isArray(p.keys) || p.keys.length === 0)) throw new SimError(`${where}: keys must be a non-empty array or null`);
  if (p.hotKey !== null && !isProbability(p.hotKey.share)) throw new SimError(`${where}: hotKey.share must be within 0..1`);
  if (p.poisonEvery !== null && !isCount(p.poisonEvery)) throw new SimError(`${where}: poisonEvery must be a positive integer or null`);
}

/** Validates a consumer config, creates its effect store if new, and returns its state (not yet attached). */
export function newConsumer(s: SimState, cfg: ConsumerConfig): ConsumerState {
  assertId(cfg.id, "consumer");
  const where = `consumer "${cfg.id}"`;
  if (s.consumers[cfg.id]) throw new SimError(`${where}: a consumer with this id already exists`);
  const group = s.groups[cfg.source];
  const queue = s.queues[cfg.source];
  if (!group && !queue) throw new SimError(`${where}: source "${cfg.source}" is neither a queue nor a consumer group`);
  if (queue?.role === "dlq") throw new SimError(`${where}: consuming a dead-letter queue is not modelled; redrive it instead`);
  if (queue?.groupId) throw new SimError(`${where}: join group "${queue.groupId}" instead of consuming partition "${queue.id}" directly`);
  const concurrency = cfg.concurrency ?? 1;
  const settings: ConsumerSettings = {
    mode: cfg.mode ?? "auto",
    processing: cfg.processing ?? { kind: "fixed", ms: 500 },
    prefetch: cfg.prefetch ?? concurrency,
    concurrency,
    failureRate: cfg.failureRate ?? 0,
    crashRate: cfg.crashRate ?? 0,
    deliveryMode: cfg.deliveryMode ?? "at-least-once",
    idempotent: cfg.idempotent ?? false,
    effectId: cfg.effectId === undefined ? cfg.id : cfg.effectId,
    restartMs: cfg.restartMs === undefined ? 2000 : cfg.restartMs,
    handlesPoison: cfg.handlesPoison ?? false,
  };
  validateConsumerSettings(settings, where);
  if (settings.effectId !== null) {
    assertId(settings.effectId, "effect store");
    if (!s.effects[settings.effectId]) s.effects[settings.effectId] = newEffectStore(settings.effectId, cfg.effectLabel ?? "side effects applied");
  }
  return {
    id: cfg.id,
    name: cfg.name ?? cfg.id,
    source: cfg.source,
    groupId: group ? group.id : null,
    settings,
    status: "up",
    restartAtMs: null,
    incarnation: 0,
    held: [],
    processing: 0,
    assigned: [],
    rr: 0,
    stats: { received: 0, processed: 0, acked: 0, nacked: 0, crashes: 0, suppressed: 0 },
  };
}

function validateConsumerSettings(st: ConsumerSettings, where: string): void {
  const bad = (msg: string) => {
    throw new SimError(`${where}: ${msg}`);
  };
  if (st.mode !== "auto" && st.mode !== "manual") bad(`mode must be "auto" or "manual"`);
  validateDistribution(st.processing, `${where} processing`);
  if (!isCount(st.prefetch)) bad(`prefetch must be a positive integer, got ${st.prefetch}`);
  if (!isCount(st.concurrency)) bad(`concurrency must be a positive integer, got ${st.concurrency}`);
  if (st.concurrency > st.prefetch) bad(`concurrency (${st.concurrency}) cannot exceed prefetch (${st.prefetch}): it can only work on messages it holds`);
  if (!isProbability(st.failureRate)) bad(`failureRate must be within 0..1`);
  if (!isProbability(st.crashRate)) bad(`crashRate must be within 0..1`);
  if (st.deliveryMode !== "at-least-once" && st.deliveryMode !== "at-most-once") bad(`deliveryMode must be "at-least-once" or "at-most-once"`);
  if (st.restartMs !== null && !(st.restartMs >= 0 && Number.isFinite(st.restartMs))) bad(`restartMs must be >= 0 or null`);
}

function newEffectStore(id: string, label: string): EffectStore {
  return { id, label, applied: 0, duplicates: 0, suppressed: 0, keys: {}, keyOrder: [], keyHead: 0 };
}

/** Attaches a consumer to its queue or group (rebalancing the group) and lets it start pulling. */
export function attachConsumer(s: SimState, c: ConsumerState): void {
  s.consumers[c.id] = c;
  if (c.groupId) {
    const g = s.groups[c.groupId];
    g.members.push(c.id);
    rebalance(s, g);
  } else {
    s.queues[c.source].consumers.push(c.id);
  }
  pumpConsumer(s, c);
}

// ---------------------------------------------------------------------------
// Queue deque helpers
// ---------------------------------------------------------------------------

/** Visible messages waiting in the queue. */
export function readyCount(q: QueueState): number {
  return q.ready.length - q.head;
}

function popHead(q: QueueState): string {
  const id = q.ready[q.head++];
  if (q.head === q.ready.length) {
    q.ready = [];
    q.head = 0;
  } else if (q.head > 1024 && q.head * 2 > q.ready.length) {
    q.ready = q.ready.slice(q.head);
    q.head = 0;
  }
  return id;
}

function removeFromReady(q: QueueState, ids: Set<string>): void {
  q.ready = q.ready.slice(q.head).filter((id) => !ids.has(id));
  q.head = 0;
}

/**
 * Puts an envelope into the visible line.
 * `append`: at the back (of its priority class). `place`: back into its original place, i.e. before every
 * waiting message of the same priority that was appended after it (by offset); a returning failure thus
 * goes first, and several returning messages keep their relative order.
 */
function insertReady(s: SimState, q: QueueState, env: Envelope, how: "append" | "place"): void {
  const prio = q.settings.ordering === "priority";
  const r = q.ready;
  if (how === "append") {
    if (!prio) {
      r.push(env.id);
      return;
    }
    let i = r.length;
    while (i > q.head && s.envelopes[r[i - 1]].priority < env.priority) i--;
    r.splice(i, 0, env.id);
    return;
  }
  const off = env.offset ?? -1;
  let i = q.head;
  while (i < r.length) {
    const other = s.envelopes[r[i]];
    const before = prio && other.priority !== env.priority ? other.priority > env.priority : (other.offset ?? -1) < off;
    if (!before) break;
    i++;
  }
  if (i === q.head && q.head > 0) r[--q.head] = env.id;
  else r.splice(i, 0, env.id);
}

function requeueVisible(s: SimState, q: QueueState, env: Envelope): void {
  env.status = "queued";
  env.consumerId = null;
  env.stage = null;
  env.visibleAtMs = null;
  insertReady(s, q, env, q.strict || q.settings.requeue === "front" ? "place" : "append");
}

// ---------------------------------------------------------------------------
// Settling, pruning, ack bookkeeping
// ---------------------------------------------------------------------------

function settle(s: SimState, env: Envelope, status: "acked" | "lost" | "dropped" | "rejected"): void {
  env.status = status;
  env.stage = null;
  env.visibleAtMs = null;
  env.settledAtMs = s.nowMs;
  s.settled.push(env.id);
  const keep = s.limits.settledRetention;
  while (s.settled.length - s.settledHead > keep) {
    const old = s.settled[s.settledHead++];
    const e = s.envelopes[old];
    if (e && e.settledAtMs !== null) delete s.envelopes[old];
  }
  if (s.settledHead > 1024 && s.settledHead * 2 > s.settled.length) {
    s.settled = s.settled.slice(s.settledHead);
    s.settledHead = 0;
  }
}

/** Broker-side acknowledgement bookkeeping: latency, throughput, series. */
function recordBrokerAck(s: SimState, env: Envelope, q: QueueState): void {
  env.ackedAtMs = s.nowMs;
  q.committed++;
  s.totals.acked++;
  s.totals.backlog--;
  const lat = s.nowMs - env.publishedAtMs;
  const L = s.latency;
  if (L.window.length < s.limits.latencyWindow) L.window.push(lat);
  else L.window[L.next % s.limits.latencyWindow] = lat;
  L.next++;
  L.count++;
  L.sumMs += lat;
  if (lat > L.maxMs) L.maxMs = lat;
  const tp = s.throughput;
  const B = tp.buckets.length;
  const epoch = Math.floor(s.nowMs / 100);
  if (epoch > tp.epoch) {
    const gap = Math.min(epoch - tp.epoch, B);
    for (let i = 1; i <= gap; i++) tp.buckets[(tp.epoch + i) % B] = 0;
    tp.epoch = epoch;
  }
  tp.buckets[epoch % B]++;
  s.series.acc.acked++;
}

function noteBacklog(s: SimState, q: QueueState): void {
  if (s.totals.backlog > s.totals.maxBacklog) s.totals.maxBacklog = s.totals.backlog;
  const depth = readyCount(q) + q.delayed;
  if (depth > q.maxDepth) q.maxDepth = depth;
}

/** The envelope is still out on exactly this delivery, unacked by the broker. */
function isCurrent(env: Envelope | undefined, h: HeldDelivery, c: ConsumerState): env is Envelope {
  return (
    env !== undefined &&
    env.deliveryNo === h.deliveryNo &&
    env.consumerId === c.id &&
    env.ackedAtMs === null &&
    (env.status === "inflight" || env.status === "orphaned")
  );
}

/** A visibility-timeout timer becomes garbage once its delivery is finished; compact when garbage dominates. */
function noteStaleTimer(s: SimState): void {
  s.staleTimers++;
  if (s.staleTimers > 1024 && s.staleTimers * 2 > s.timers.length) compactTimers(s, (t) => isLiveTimer(s, t));
}

/** False for a visibility timer whose delivery has already finished (acked, nacked, revoked, redelivered). */
export function isLiveTimer(s: SimState, t: Timer): boolean {
  if (t.k !== "visibility") return true;
  const env = s.envelopes[t.a];
  return env !== undefined && env.deliveryNo === t.n && env.ackedAtMs === null && (env.status === "inflight" || env.status === "orphaned");
}

// ---------------------------------------------------------------------------
// Publishing
// ---------------------------------------------------------------------------

/** What a producer supplies; the broker adds the ids, clocks and placement of an `Envelope`. */
export type MessageInit = Pick<Envelope, "label" | "key" | "priority" | "payload" | "poison" | "ref" | "producerId">;

/** Publishes one message to a queue or topic; returns its message id. */
export function publish(s: SimState, targetId: string, m: MessageInit): string {
  const queue = s.queues[targetId];
  const topic = s.topics[targetId];
  if (!queue && !topic) throw new SimError(`publish: "${targetId}" is neither a queue nor a topic`);
  if (queue && (queue.role === "dlq" || queue.groupId)) throw new SimError(`publish: "${targetId}" cannot be published to directly`);
  const msgId = `m${++s.nextMessageNo}`;
  s.lastMessageId = msgId;
  record(s, "published", msgId, null, targetId, null, m.poison ? "poison" : null, m.producerId);
  if (queue) {
    enqueueNew(s, queue, msgId, m, null);
    return msgId;
  }
  topic!.published++;
  if (topic!.partitions !== null) {
    const P = topic!.partitions;
    const p = m.key !== null ? partitionForKey(m.key, P) : topic!.rr++ % P;
    topic!.partitionCounts[p]++;
    for (const gid of topic!.subscriptions) enqueueNew(s, s.queues[s.groups[gid].partitions[p]], msgId, m, p);
  } else {
    for (const qid of topic!.subscriptions) enqueueNew(s, s.queues[qid], msgId, m, null);
  }
  return msgId;
}

function enqueueNew(s: SimState, q: QueueState, msgId: string, m: MessageInit, partition: number | null): void {
  const env: Envelope = {
    id: `${msgId}@${q.id}`,
    msgId,
    label: m.label,
    key: m.key,
    priority: m.priority,
    payload: m.payload,
    poison: m.poison,
    ref: m.ref,
    producerId: m.producerId,
    publishedAtMs: s.nowMs,
    originQueueId: q.id,
    queueId: q.id,
    partition,
    offset: null,
    status: "queued",
    consumerId: null,
    stage: null,
    attempts: 0,
    deliveryNo: 0,
    visibleAtMs: null,
    processedCount: 0,
    effectApplied: 0,
    ackedAtMs: null,
    settledAtMs: null,
    lastError: null,
  };
  s.envelopes[env.id] = env;
  const max = q.settings.maxLength;
  if (max !== null && readyCount(q) >= max) {
    if (q.settings.overflow === "reject") {
      s.totals.failed++;
      env.lastError = "queue full";
      settle(s, env, "rejected");
      emit(s, "rejected", { msgId, envId: env.id, queueId: q.id, detail: `queue full (${max})` });
      return;
    }
    const oldId = popHead(q);
    const old = s.envelopes[oldId];
    s.totals.backlog--;
    s.totals.failed++;
    old.lastError = "dropped to make room";
    settle(s, old, "dropped");
    emit(s, "dropped", { msgId: old.msgId, envId: old.id, queueId: q.id, detail: `oldest dropped: queue full (${max})` });
  }
  env.offset = q.endOffset++;
  insertReady(s, q, env, "append");
  s.totals.backlog++;
  noteBacklog(s, q);
  pumpQueue(s, q);
}

function pickKey(s: SimState, p: ProducerState): string | null {
  if (p.hotKey && random(s) < p.hotKey.share) return p.hotKey.key;
  if (p.keys) return p.keys[Math.floor(random(s) * p.keys.length)];
  return null;
}

export interface PublishOverrides extends PublishFields {
  ref?: string | null;
}

/** Publishes as producer `p` (its target, keys, labels, poison schedule) with optional overrides. */
export function publishAs(s: SimState, p: ProducerState, o: PublishOverrides): string {
  const n = p.published + 1;
  p.published = n;
  return publish(s, o.to ?? p.target, {
    label: o.label ?? `${p.labelPrefix} #${n}`,
    key: o.key !== undefined ? o.key : pickKey(s, p),
    priority: o.priority ?? p.priority,
    payload: o.payload ?? null,
    poison: o.poison ?? (p.poisonEvery !== null && n % p.poisonEvery === 0),
    ref: o.ref ?? null,
    producerId: p.id,
  });
}

function producerGap(s: SimState, p: ProducerState): number {
  const mean = 1000 / p.ratePerSec;
  return p.arrival === "poisson" ? -Math.log(1 - random(s)) * mean : mean;
}

/**
 * Ticks fire at whole milliseconds (rounded from an exact running time kept in `nextExactMs`), so
 * the clock stays on integers without the rate drifting, and high rates put several messages in
 * the same millisecond instead of stalling time.
 */
function scheduleNextTick(s: SimState, p: ProducerState, fromMs: number): void {
  p.nextExactMs = fromMs + producerGap(s, p);
  schedule(s, Math.max(s.nowMs, Math.round(p.nextExactMs)), "produce", p.id, "", p.generation);
}

/** (Re)starts a producer's schedule; any earlier pending tick becomes stale. */
export function scheduleProducer(s: SimState, p: ProducerState): void {
  p.generation++;
  if (!p.running || p.ratePerSec <= 0) return;
  if (p.limit !== null && p.scheduled >= p.limit) return;
  scheduleNextTick(s, p, s.nowMs);
}

/** Producer tick: publish one message and schedule the next unless paused, stale or at its limit. */
export function onProduce(s: SimState, t: Timer): void {
  const p = s.producers[t.a];
  if (!p || !p.running || t.n !== p.generation) return;
  p.scheduled++;
  publishAs(s, p, {});
  if (p.limit !== null && p.scheduled >= p.limit) return;
  scheduleNextTick(s, p, p.nextExactMs);
}

// ---------------------------------------------------------------------------
// Delivery and processing
// ---------------------------------------------------------------------------

function canTake(c: ConsumerState): boolean {
  return c.status === "up" && c.held.length < c.settings.prefetch;
}

function deliver(s: SimState, q: QueueState, c: ConsumerState): void {
  const env = s.envelopes[popHead(q)];
  env.attempts++;
  env.deliveryNo++;
  const manual = c.settings.mode === "manual";
  const autoAcked = c.settings.deliveryMode === "at-most-once";
  env.status = "inflight";
  env.consumerId = c.id;
  env.stage = manual ? "held" : "buffered";
  c.stats.received++;
  record(s, env.deliveryNo === 1 ? "delivered" : "redelivered", env.msgId, env.id, q.id, c.id, env.deliveryNo === 1 ? null : `attempt ${env.attempts}`);
  if (env.processedCount > 0) record(s, "duplicated", env.msgId, env.id, q.id, c.id, `already processed ${env.processedCount}x`);
  if (autoAcked) {
    env.visibleAtMs = null;
    recordBrokerAck(s, env, q);
    record(s, "acked", env.msgId, env.id, q.id, c.id, "on receive (at-most-once)");
  } else {
    q.inflight++;
    s.totals.inflight++;
    env.visibleAtMs = s.nowMs + q.settings.visibilityTimeoutMs;
    schedule(s, env.visibleAtMs, "visibility", env.id, "", env.deliveryNo);
  }
  c.held.push({
    envId: env.id,
    msgId: env.msgId,
    deliveryNo: env.deliveryNo,
    stage: manual ? "held" : "buffered",
    poison: env.poison,
    autoAcked,
    doneAtMs: null,
  });
}

/** Starts work on buffered deliveries up to the consumer's concurrency. */
function startProcessing(s: SimState, c: ConsumerState): void {
  if (c.status !== "up" || c.settings.mode === "manual") return;
  for (const h of c.held) {
    if (c.processing >= c.settings.concurrency) break;
    if (h.stage !== "buffered") continue;
    h.stage = "processing";
    c.processing++;
    h.doneAtMs = s.nowMs + sampleMs(s, c.settings.processing);
    const env = s.envelopes[h.envId];
    if (env && env.deliveryNo === h.deliveryNo && env.consumerId === c.id && env.status === "inflight") env.stage = "processing";
    schedule(s, h.doneAtMs, "complete", c.id, h.envId, h.deliveryNo);
  }
}

/** Delivers as much as the consumer can hold from its queue or its assigned partitions, then starts work. */
export function pumpConsumer(s: SimState, c: ConsumerState): void {
  if (c.settings.mode === "auto") {
    if (c.groupId) {
      const parts = c.assigned;
      let progressed = true;
      while (progressed && canTake(c)) {
        progressed = false;
        for (let i = 0; i < parts.length; i++) {
          const idx = (c.rr + i) % parts.length;
          const q = s.queues[parts[idx]];
          if (readyCount(q) > 0 && q.inflight === 0 && q.delayed === 0) {
            deliver(s, q, c);
            c.rr = (idx + 1) % parts.length;
            progressed = true;
            break;
          }
        }
      }
    } else {
      const q = s.queues[c.source];
      while (canTake(c) && readyCount(q) > 0) deliver(s, q, c);
    }
  }
  startProcessing(s, c);
}

/** Hands visible messages to attached consumers in round-robin order while any has room. */
export function pumpQueue(s: SimState, q: QueueState): void {
  if (q.role === "dlq") return;
  if (q.groupId) {
    if (q.owner) pumpConsumer(s, s.consumers[q.owner]);
    return;
  }
  const cs = q.consumers;
  const n = cs.length;
  while (readyCount(q) > 0 && n > 0) {
    let picked = -1;
    for (let i = 0; i < n; i++) {
      const idx = (q.rr + i) % n;
      const c = s.consumers[cs[idx]];
      if (c.settings.mode === "auto" && canTake(c)) {
        picked = idx;
        break;
      }
    }
    if (picked < 0) break;
    q.rr = (picked + 1) % n;
    const c = s.consumers[cs[picked]];
    deliver(s, q, c);
    startProcessing(s, c);
  }
}

/** Manual receive: one delivery from the consumer's source, if it has room and something is visible. */
export function receiveOne(s: SimState, c: ConsumerState): boolean {
  if (!canTake(c)) return false;
  if (c.groupId) {
    for (let i = 0; i < c.assigned.length; i++) {
      const idx = (c.rr + i) % c.assigned.length;
      const q = s.queues[c.assigned[idx]];
      if (readyCount(q) > 0 && q.inflight === 0 && q.delayed === 0) {
        deliver(s, q, c);
        c.rr = (idx + 1) % c.assigned.length;
        startProcessing(s, c);
        return true;
      }
    }
    return false;
  }
  const q = s.queues[c.source];
  if (readyCount(q) === 0) return false;
  deliver(s, q, c);
  startProcessing(s, c);
  return true;
}

/** Processing finished: fail (poison / failure rate) and nack, or apply the side effect and ack (or crash before the ack). */
export function onComplete(s: SimState, t: Timer): void {
  const c = s.consumers[t.a];
  if (!c) return;
  const idx = c.held.findIndex((h) => h.envId === t.b && h.deliveryNo === t.n && h.stage === "processing");
  if (idx < 0) return;
  const h = c.held[idx];
  c.processing--;
  const fails = (h.poison && !c.settings.handlesPoison) || (c.settings.failureRate > 0 && random(s) < c.settings.failureRate);
  if (fails) {
    c.held.splice(idx, 1);
    emit(s, "failed", { msgId: h.msgId, envId: h.envId, consumerId: c.id, queueId: s.envelopes[h.envId]?.queueId ?? null, detail: h.poison ? "poison message" : "processing error" });
    failHeld(s, c, h, h.poison ? "poison message" : "processing error", true);
  } else {
    applyEffect(s, c, h);
    if (c.settings.crashRate > 0 && random(s) < c.settings.crashRate) {
      h.stage = "processed";
      crashConsumer(s, c, "mid-processing", "crashed after the side effect, before the ack");
      return;
    }
    c.held.splice(idx, 1);
    ackHeld(s, c, h);
  }
  pumpConsumer(s, c);
}

/**
 * The consumer finished the work: apply the side effect unless an idempotent consumer finds the
 * message's id already in the effect store (then count a suppressed duplicate instead).
 */
function applyEffect(s: SimState, c: ConsumerState, h: HeldDelivery): void {
  const env = s.envelopes[h.envId];
  c.stats.processed++;
  if (env) env.processedCount++;
  const storeId = c.settings.effectId;
  const queueId = env ? env.queueId : null;
  if (storeId === null) {
    record(s, "processed", h.msgId, h.envId, queueId, c.id, null);
    if (env?.ref) noteEmailSent(s, env.ref);
    return;
  }
  const store = s.effects[storeId];
  const seen = store.keys[h.msgId] ?? 0;
  if (c.settings.idempotent && seen > 0) {
    store.suppressed++;
    c.stats.suppressed++;
    record(s, "duplicate-suppressed", h.msgId, h.envId, queueId, c.id, `${store.label}: already applied for ${h.msgId}`);
    return;
  }
  store.applied++;
  if (seen > 0) store.duplicates++;
  if (seen === 0) {
    store.keyOrder.push(h.msgId);
    if (store.keyOrder.length - store.keyHead > s.limits.dedupWindow) delete store.keys[store.keyOrder[store.keyHead++]];
    if (store.keyHead > 1024 && store.keyHead * 2 > store.keyOrder.length) {
      store.keyOrder = store.keyOrder.slice(store.keyHead);
      store.keyHead = 0;
    }
  }
  store.keys[h.msgId] = seen + 1;
  if (env) env.effectApplied++;
  record(s, "processed", h.msgId, h.envId, queueId, c.id, seen > 0 ? `${store.label}: applied again (${seen + 1}x)` : null);
  if (env?.ref) noteEmailSent(s, env.ref);
}

/** Traffic-spike queue mode: the order's confirmation email went out when its message was processed. */
function noteEmailSent(s: SimState, requestId: string): void {
  const svc = s.service;
  const req = svc?.requests[requestId];
  if (!svc || !req || req.emailAtMs !== null) return;
  req.emailAtMs = s.nowMs;
  svc.stats.emailsSent++;
  svc.stats.lastEmailAtMs = s.nowMs;
  emit(s, "email-sent", { requestId, msgId: req.msgId });
}

/** Acknowledges a finished delivery. An ack for a delivery the broker already took back is rejected. */
function ackHeld(s: SimState, c: ConsumerState, h: HeldDelivery): void {
  const env = s.envelopes[h.envId];
  if (h.autoAcked) {
    c.stats.acked++;
    if (env && env.deliveryNo === h.deliveryNo && env.status === "inflight") settle(s, env, "acked");
    return;
  }
  if (!isCurrent(env, h, c)) {
    emit(s, "ack-rejected", {
      msgId: h.msgId,
      envId: h.envId,
      consumerId: c.id,
      detail: "too late: the visibility timeout expired and the message was handed out again",
    });
    return;
  }
  const q = s.queues[env.queueId];
  c.stats.acked++;
  q.inflight--;
  s.totals.inflight--;
  recordBrokerAck(s, env, q);
  settle(s, env, "acked");
  record(s, "acked", env.msgId, env.id, q.id, c.id, null);
  noteStaleTimer(s);
  if (q.strict) pumpQueue(s, q);
}

/** Negative acknowledgement: retry (with backoff) or dead-letter. Under at-most-once the message is simply gone. */
function failHeld(s: SimState, c: ConsumerState, h: HeldDelivery, reason: string, requeue: boolean): void {
  c.stats.nacked++;
  const env = s.envelopes[h.envId];
  if (h.autoAcked) {
    if (env && env.deliveryNo === h.deliveryNo && env.status === "inflight") {
      s.totals.failed++;
      env.lastError = reason;
      settle(s, env, "lost");
      emit(s, "lost", { msgId: env.msgId, envId: env.id, consumerId: c.id, queueId: env.queueId, detail: `${reason}; at-most-once already acked it, so no retry` });
    }
    return;
  }
  if (!isCurrent(env, h, c)) return;
  const q = s.queues[env.queueId];
  emit(s, "nacked", { msgId: env.msgId, envId: env.id, queueId: q.id, consumerId: c.id, detail: reason });
  q.inflight--;
  s.totals.inflight--;
  noteStaleTimer(s);
  retryOrDeadLetter(s, env, q, reason, true, requeue);
}

function retryOrDeadLetter(s: SimState, env: Envelope, q: QueueState, reason: string, useBackoff: boolean, requeue: boolean): void {
  env.lastError = reason;
  const max = q.settings.maxAttempts;
  if (!requeue || (max !== null && env.attempts >= max)) {
    deadLetter(s, env, q, reason);
    return;
  }
  const b = q.settings.backoff;
  const delay = useBackoff && b ? Math.round(Math.min(b.maxMs, b.baseMs * Math.pow(b.factor, env.attempts - 1))) : 0;
  if (delay > 0) {
    env.status = "delayed";
    env.consumerId = null;
    env.stage = null;
    env.visibleAtMs = s.nowMs + delay;
    q.delayed++;
    schedule(s, env.visibleAtMs, "retry", env.id, "", env.deliveryNo);
    return;
  }
  requeueVisible(s, q, env);
  pumpQueue(s, q);
}

function deadLetter(s: SimState, env: Envelope, q: QueueState, reason: string): void {
  q.committed++;
  s.totals.backlog--;
  s.totals.failed++;
  const dlqId = q.settings.deadLetterQueueId;
  const f = { msgId: env.msgId, envId: env.id };
  if (dlqId !== null) {
    const dlq = s.queues[dlqId];
    env.status = "dead";
    env.queueId = dlqId;
    env.consumerId = null;
    env.stage = null;
    env.visibleAtMs = null;
    dlq.ready.push(env.id);
    dlq.endOffset++;
    if (readyCount(dlq) > dlq.maxDepth) dlq.maxDepth = readyCount(dlq);
    s.totals.dead++;
    emit(s, "dead-lettered", { ...f, queueId: dlqId, detail: `from ${q.id} after ${env.attempts} attempt(s): ${reason}` });
  } else {
    settle(s, env, "dropped");
    emit(s, "dropped", { ...f, queueId: q.id, detail: `out of attempts (${env.attempts}) and no dead-letter queue: ${reason}` });
  }
  if (q.strict) pumpQueue(s, q);
}

/** Visibility timeout of a delivery that was never acked: the broker takes it back (retry or dead-letter). */
export function onVisibility(s: SimState, t: Timer): void {
  const env = s.envelopes[t.a];
  if (!env || env.deliveryNo !== t.n || env.ackedAtMs !== null || (env.status !== "inflight" && env.status !== "orphaned")) return;
  const q = s.queues[env.queueId];
  q.inflight--;
  s.totals.inflight--;
  emit(s, "expired", {
    msgId: env.msgId,
    envId: env.id,
    queueId: q.id,
    consumerId: env.consumerId,
    detail: env.status === "orphaned" ? "consumer crashed before acking; visibility timeout passed" : "not acked within the visibility timeout",
  });
  retryOrDeadLetter(s, env, q, "visibility timeout", false, true);
}

/** Retry backoff elapsed: the message becomes visible again in its place in line. */
export function onRetry(s: SimState, t: Timer): void {
  const env = s.envelopes[t.a];
  if (!env || env.status !== "delayed" || env.deliveryNo !== t.n) return;
  const q = s.queues[env.queueId];
  q.delayed--;
  requeueVisible(s, q, env);
  noteBacklog(s, q);
  pumpQueue(s, q);
}

// ---------------------------------------------------------------------------
// Manual ack / nack, crashes, restarts
// ---------------------------------------------------------------------------

function findHeld(c: ConsumerState, envelopeId: string | undefined): number {
  if (envelopeId === undefined) return c.held.findIndex((h) => h.stage !== "processed");
  return c.held.findIndex((h) => h.envId === envelopeId && h.stage !== "processed");
}

/** Ack action: the consumer reports success now (for an auto consumer this cuts its processing short). */
export function manualAck(s: SimState, c: ConsumerState, envelopeId: string | undefined): void {
  const idx = findHeld(c, envelopeId);
  if (idx < 0) return;
  const h = c.held[idx];
  if (h.stage === "processing") c.processing--;
  c.held.splice(idx, 1);
  applyEffect(s, c, h);
  ackHeld(s, c, h);
  pumpConsumer(s, c);
}

/** Nack action: the consumer reports failure now; `requeue: false` dead-letters at once. */
export function manualNack(s: SimState, c: ConsumerState, envelopeId: string | undefined, requeue: boolean): void {
  const idx = findHeld(c, envelopeId);
  if (idx < 0) return;
  const h = c.held[idx];
  if (h.stage === "processing") c.processing--;
  c.held.splice(idx, 1);
  failHeld(s, c, h, requeue ? "nacked by consumer" : "rejected by consumer", requeue);
  pumpConsumer(s, c);
}

/**
 * The consumer process dies. Unacked deliveries stay invisible until their visibility timeout
 * (status `orphaned`); under at-most-once they are lost. With `before-ack`, work in progress had
 * already applied its side effect: that is how a redelivery turns into a duplicate.
 */
export function crashConsumer(s: SimState, c: ConsumerState, point: "before-ack" | "mid-processing", detail: string): void {
  if (c.status === "down") return;
  for (const h of c.held) {
    if (point === "before-ack" && (h.stage === "processing" || h.stage === "held")) {
      applyEffect(s, c, h);
      h.stage = "processed";
    }
  }
  for (const h of c.held) {
    const env = s.envelopes[h.envId];
    if (h.autoAcked) {
      if (!env || env.deliveryNo !== h.deliveryNo || env.status !== "inflight") continue;
      if (h.stage === "processed") {
        settle(s, env, "acked");
      } else {
        s.totals.failed++;
        env.lastError = "consumer crashed";
        settle(s, env, "lost");
        emit(s, "lost", { msgId: env.msgId, envId: env.id, consumerId: c.id, queueId: env.queueId, detail: "consumer crashed after an at-most-once ack" });
      }
    } else if (isCurrent(env, h, c)) {
      env.status = "orphaned";
      env.stage = null;
    }
  }
  c.held = [];
  c.processing = 0;
  c.status = "down";
  // Unique across consumers (not a per-consumer counter), so a restart timer left by a removed
  // consumer can never wake a new consumer that reuses its id.
  c.incarnation = s.timerSeq;
  c.stats.crashes++;
  emit(s, "crashed", { consumerId: c.id, detail });
  if (c.settings.restartMs !== null) {
    c.restartAtMs = s.nowMs + c.settings.restartMs;
    schedule(s, c.restartAtMs, "restart", c.id, "", c.incarnation);
  }
}

/** Brings a crashed consumer back up; it starts pulling at once. */
export function restartConsumer(s: SimState, c: ConsumerState): void {
  if (c.status !== "down") return;
  c.status = "up";
  c.restartAtMs = null;
  emit(s, "restarted", { consumerId: c.id });
  pumpConsumer(s, c);
}

/** Restart timer of a crashed consumer (ignored if it crashed again or was replaced since). */
export function onRestart(s: SimState, t: Timer): void {
  const c = s.consumers[t.a];
  if (c && c.incarnation === t.n) restartConsumer(s, c);
}

/**
 * Takes a delivery back from a consumer without counting it as a failed attempt (rebalance,
 * scale-down, broker restart): it returns to its place in line at once.
 */
function revoke(s: SimState, c: ConsumerState, h: HeldDelivery, reason: string): void {
  const env = s.envelopes[h.envId];
  if (h.stage === "processing") c.processing--;
  const i = c.held.indexOf(h);
  if (i >= 0) c.held.splice(i, 1);
  if (h.autoAcked) {
    if (env && env.deliveryNo === h.deliveryNo && env.status === "inflight") {
      s.totals.failed++;
      env.lastError = reason;
      settle(s, env, "lost");
      emit(s, "lost", { msgId: env.msgId, envId: env.id, consumerId: c.id, queueId: env.queueId, detail: `${reason} while holding an at-most-once message` });
    }
    return;
  }
  if (!isCurrent(env, h, c)) return;
  const q = s.queues[env.queueId];
  q.inflight--;
  s.totals.inflight--;
  env.attempts--;
  noteStaleTimer(s);
  requeueVisible(s, q, env);
  emit(s, "revoked", { msgId: env.msgId, envId: env.id, queueId: q.id, consumerId: c.id, detail: reason });
}

// ---------------------------------------------------------------------------
// Consumer groups
// ---------------------------------------------------------------------------

/**
 * Eager round-robin assignment: partition i goes to the (i mod n)-th member in join order.
 * Unacked deliveries from a partition that changes owner are handed back uncommitted, so the new
 * owner resumes from the committed offset and per-partition order is kept.
 */
export function rebalance(s: SimState, g: GroupState): void {
  g.generation++;
  const n = g.members.length;
  const moves: string[] = [];
  g.partitions.forEach((pid, i) => {
    const q = s.queues[pid];
    const next = n > 0 ? g.members[i % n] : null;
    if (q.owner === next) return;
    const prev = q.owner !== null ? s.consumers[q.owner] : undefined;
    if (prev) {
      for (const h of [...prev.held].reverse()) {
        if (!h.autoAcked && s.envelopes[h.envId]?.queueId === pid) revoke(s, prev, h, "partition reassigned");
      }
      prev.assigned = prev.assigned.filter((x) => x !== pid);
    }
    q.owner = next;
    if (next !== null) {
      const c = s.consumers[next];
      c.assigned.push(pid);
      c.assigned.sort((x, y) => (s.queues[x].partition ?? 0) - (s.queues[y].partition ?? 0));
    }
    moves.push(`p${i}->${next ?? "nobody"}`);
  });
  emit(s, "rebalanced", { queueId: g.id, detail: `generation ${g.generation}: ${moves.length ? moves.join(", ") : "no change"}` });
  for (const m of g.members) pumpConsumer(s, s.consumers[m]);
}

/** Scale-down: hands back what the consumer holds, detaches it, and rebalances its group if it had one. */
export function removeConsumer(s: SimState, c: ConsumerState): void {
  for (const h of [...c.held].reverse()) revoke(s, c, h, "consumer removed");
  delete s.consumers[c.id];
  emit(s, "consumer-removed", { consumerId: c.id });
  if (c.groupId) {
    const g = s.groups[c.groupId];
    g.members = g.members.filter((m) => m !== c.id);
    rebalance(s, g);
  } else {
    const q = s.queues[c.source];
    const i = q.consumers.indexOf(c.id);
    q.consumers.splice(i, 1);
    if (q.rr > i) q.rr--;
    if (q.rr >= q.consumers.length) q.rr = 0;
    pumpQueue(s, q);
  }
}

// ---------------------------------------------------------------------------
// Settings, redrive, broker restart
// ---------------------------------------------------------------------------

/** Changes consumer settings; held messages switch between auto and manual handling with the mode. */
export function setConsumer(s: SimState, c: ConsumerState, patch: Partial<ConsumerSettings>): void {
  const next = { ...c.settings, ...patch, effectId: c.settings.effectId };
  if (patch.concurrency !== undefined && patch.prefetch === undefined && next.prefetch < next.concurrency) next.prefetch = next.concurrency;
  validateConsumerSettings(next, `consumer "${c.id}"`);
  const wasManual = c.settings.mode === "manual";
  c.settings = next;
  if (wasManual && next.mode === "auto") for (const h of c.held) if (h.stage === "held") h.stage = "buffered";
  if (!wasManual && next.mode === "manual") for (const h of c.held) if (h.stage === "buffered") h.stage = "held";
  for (const h of c.held) {
    const env = s.envelopes[h.envId];
    if (env && env.deliveryNo === h.deliveryNo && env.consumerId === c.id && env.status === "inflight" && h.stage !== "processed") env.stage = h.stage;
  }
  emit(s, "setting-changed", { consumerId: c.id, detail: describePatch(patch) });
  pumpConsumer(s, c);
}

/** Changes queue settings; they apply to future publishes, deliveries and failures. */
export function setQueue(s: SimState, q: QueueState, patch: Partial<QueueSettings>): void {
  const next = { ...q.settings, ...patch };
  validateQueueSettings(next, `queue "${q.id}"`);
  q.settings = next;
  validateTopology(s);
  emit(s, "setting-changed", { queueId: q.id, detail: describePatch(patch) });
  pumpQueue(s, q);
}

/** Changes a producer's rate, arrival pattern, poison schedule or hot key; a rate change restarts its schedule. */
export function setProducer(s: SimState, p: ProducerState, patch: Partial<Pick<ProducerState, "ratePerSec" | "arrival" | "poisonEvery" | "hotKey">>): void {
  const next: ProducerState = { ...p, ...patch };
  validateProducer(next, `producer "${p.id}"`);
  Object.assign(p, patch);
  emit(s, "setting-changed", { producerId: p.id, detail: describePatch(patch) });
  if (patch.ratePerSec !== undefined || patch.arrival !== undefined) scheduleProducer(s, p);
}

/** `key=value, ...` text for the event log. */
export function describePatch(patch: object): string {
  return Object.entries(patch)
    .map(([k, v]) => `${k}=${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(", ");
}

/** Moves dead-lettered messages back to the end of the queue they came from, with a fresh attempt count. */
export function redrive(s: SimState, dlqId: string | undefined, envelopeIds: string[] | undefined): number {
  const dlqs = dlqId !== undefined ? [s.queues[dlqId]] : Object.values(s.queues).filter((q) => q.role === "dlq");
  let moved = 0;
  for (const dlq of dlqs) {
    if (!dlq || dlq.role !== "dlq") throw new SimError(`redrive: "${dlqId}" is not a dead-letter queue`);
    const all = dlq.ready.slice(dlq.head);
    const pick = envelopeIds ? all.filter((id) => envelopeIds.includes(id)) : all;
    if (pick.length === 0) continue;
    removeFromReady(dlq, new Set(pick));
    const touched = new Set<QueueState>();
    for (const id of pick) {
      const env = s.envelopes[id];
      const dest = s.queues[env.originQueueId];
      env.status = "queued";
      env.queueId = dest.id;
      env.attempts = 0;
      env.lastError = null;
      env.offset = dest.endOffset++;
      s.totals.dead--;
      s.totals.backlog++;
      insertReady(s, dest, env, "append");
      noteBacklog(s, dest);
      emit(s, "redriven", { msgId: env.msgId, envId: env.id, queueId: dest.id, detail: `from ${dlq.id}` });
      touched.add(dest);
      moved++;
    }
    for (const q of touched) pumpQueue(s, q);
  }
  return moved;
}

/**
 * Broker restart: every connection drops, so unacked deliveries return to their queues (or are lost
 * with them); a non-durable queue comes back empty, a durable one keeps its messages.
 */
export function restartBroker(s: SimState): void {
  for (const c of Object.values(s.consumers)) {
    for (const h of [...c.held].reverse()) if (!h.autoAcked) revoke(s, c, h, "broker restarted");
  }
  const volatile = new Set(Object.values(s.queues).filter((q) => !q.settings.durable).map((q) => q.id));
  for (const env of Object.values(s.envelopes)) {
    if (env.settledAtMs !== null) continue;
    const q = s.queues[env.queueId];
    if (env.status === "orphaned") {
      // The broker forgot the invisibility window along with the dead connection.
      q.inflight--;
      s.totals.inflight--;
      requeueVisible(s, q, env);
    }
    if (!volatile.has(q.id)) continue;
    if (env.status === "inflight" && env.ackedAtMs !== null) continue; // at-most-once: the consumer has it, not the broker
    if (env.status === "delayed") q.delayed--;
    if (env.status === "dead") s.totals.dead--;
    else s.totals.backlog--;
    s.totals.failed++;
    env.lastError = "broker restarted; queue not durable";
    settle(s, env, "lost");
    emit(s, "lost", { msgId: env.msgId, envId: env.id, queueId: q.id, detail: "non-durable queue emptied by broker restart" });
  }
  for (const id of volatile) {
    const q = s.queues[id];
    q.ready = [];
    q.head = 0;
  }
  emit(s, "broker-restarted", { detail: volatile.size ? `lost the contents of ${[...volatile].join(", ")}` : "all queues durable: nothing lost" });
  for (const q of Object.values(s.queues)) pumpQueue(s, q);
}
