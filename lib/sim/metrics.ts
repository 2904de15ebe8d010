/**
 * Read-only views of a simulation state for rendering and assertions: metrics, percentiles,
 * the ordered event log, the time series, token positions and the traffic-spike summary.
 * None of these mutate their input.
 */
import { readyCount } from "./broker";
import type { Envelope, Sample, SimEvent, SimEventType, SimState } from "./types";

/** Nearest-rank percentile of an ascending array; `null` for an empty one. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface QueueMetrics {
  id: string;
  name: string;
  role: "queue" | "dlq";
  /** Visible + waiting out a backoff (for a DLQ: parked messages). */
  depth: number;
  ready: number;
  delayed: number;
  inflight: number;
  committed: number;
  endOffset: number;
  maxDepth: number;
}

export interface SimMetrics {
  nowMs: number;
  published: number;
  /** First deliveries + redeliveries. */
  deliveries: number;
  redeliveries: number;
  acked: number;
  backlog: number;
  maxBacklog: number;
  inFlight: number;
  dead: number;
  /** Dead-lettered + lost + dropped + rejected, cumulative. */
  failed: number;
  /** Broker acks over the last second of virtual time (fractional: the oldest 100 ms bucket is pro-rated). */
  throughputPerSec: number;
  /** Publish-to-ack latency over the most recent `limits.latencyWindow` acks; mean and max are over all acks. */
  latency: { count: number; meanMs: number | null; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null; maxMs: number | null };
  queues: Record<string, QueueMetrics>;
  effects: Record<string, { label: string; applied: number; duplicates: number; suppressed: number }>;
  counts: Record<SimEventType, number>;
}

/**
 * Broker acks in the window (now - 1000 ms, now]: the buckets fully inside it, plus the part of the
 * oldest bucket that overlaps it (assuming acks spread evenly within a bucket).
 */
export function throughputPerSec(s: SimState): number {
  const tp = s.throughput;
  const B = tp.buckets.length;
  const nowEpoch = Math.floor(s.nowMs / 100);
  const at = (e: number) => (e >= 0 && e <= tp.epoch && tp.epoch - e < B ? tp.buckets[e % B] : 0);
  let sum = 0;
  for (let e = nowEpoch - 9; e <= nowEpoch; e++) sum += at(e);
  const overlap = (100 - (s.nowMs - nowEpoch * 100)) / 100;
  return sum + overlap * at(nowEpoch - 10);
}

/** Headline numbers for dashboards and assertions. */
export function metrics(s: SimState): SimMetrics {
  const sorted = [...s.latency.window].sort((a, b) => a - b);
  const queues: Record<string, QueueMetrics> = {};
  for (const q of Object.values(s.queues)) {
    queues[q.id] = {
      id: q.id,
      name: q.name,
      role: q.role,
      depth: readyCount(q) + q.delayed,
      ready: readyCount(q),
      delayed: q.delayed,
      inflight: q.inflight,
      committed: q.committed,
      endOffset: q.endOffset,
      maxDepth: q.maxDepth,
    };
  }
  const effects: SimMetrics["effects"] = {};
  for (const e of Object.values(s.effects)) effects[e.id] = { label: e.label, applied: e.applied, duplicates: e.duplicates, suppressed: e.suppressed };
  const n = s.latency.count;
  return {
    nowMs: s.nowMs,
    published: s.counts.published,
    deliveries: s.counts.delivered + s.counts.redelivered,
    redeliveries: s.counts.redelivered,
    acked: s.totals.acked,
    backlog: s.totals.backlog,
    maxBacklog: s.totals.maxBacklog,
    inFlight: s.totals.inflight,
    dead: s.totals.dead,
    failed: s.totals.failed,
    throughputPerSec: throughputPerSec(s),
    latency: {
      count: n,
      meanMs: n ? s.latency.sumMs / n : null,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      maxMs: n ? s.latency.maxMs : null,
    },
    queues,
    effects,
    counts: { ...s.counts },
  };
}

/** The retained event log, oldest first; `limit` keeps only the newest entries. */
export function recentEvents(s: SimState, limit?: number): SimEvent[] {
  const { items, next } = s.log;
  const cap = s.limits.logCapacity;
  const ordered = items.length < cap ? items.slice() : [...items.slice(next % cap), ...items.slice(0, next % cap)];
  return limit !== undefined ? ordered.slice(Math.max(0, ordered.length - limit)) : ordered;
}

/** The retained time-series samples, oldest first. */
export function timeSeries(s: SimState): Sample[] {
  const { samples, next } = s.series;
  const cap = s.limits.maxSamples;
  return samples.length < cap ? samples.slice() : [...samples.slice(next % cap), ...samples.slice(0, next % cap)];
}

/** Records one sample and resets the interval accumulators (called by the sample timer). */
export function takeSample(s: SimState): void {
  const every = s.series.everyMs ?? 1;
  const acc = s.series.acc;
  const svc = s.service;
  const svcFailed = svc ? svc.stats.timedOut + svc.stats.failedFast + svc.stats.failedCrash : 0;
  const sync = svc !== null && svc.mode === "sync";
  const sample: Sample = {
    tMs: s.nowMs,
    backlog: sync ? svc!.waiting.length : s.totals.backlog,
    inFlight: sync ? svc!.active.length : s.totals.inflight,
    dead: s.totals.dead,
    acked: sync ? svc!.stats.succeeded : s.totals.acked,
    failed: s.totals.failed + svcFailed,
    responseMs: acc.responses > 0 ? acc.responseSumMs / acc.responses : null,
    throughputPerSec: (acc.acked * 1000) / every,
  };
  const cap = s.limits.maxSamples;
  if (s.series.samples.length < cap) s.series.samples.push(sample);
  else s.series.samples[s.series.next % cap] = sample;
  s.series.next++;
  s.series.acc = { acked: 0, responses: 0, responseSumMs: 0 };
}

// ---------------------------------------------------------------------------
// Tokens: where each message copy is, for drawing
// ---------------------------------------------------------------------------

export type TokenPlace =
  /** Visible in a queue; `index` 0 is the next to be delivered. */
  | { kind: "queue"; queueId: string; index: number }
  /** In a queue but invisible until `visibleAtMs` (retry backoff). */
  | { kind: "delayed"; queueId: string; visibleAtMs: number }
  /** Delivered to a consumer: waiting in its prefetch buffer, being processed, or held for a manual ack. */
  | { kind: "consumer"; consumerId: string; queueId: string; stage: "buffered" | "processing" | "held" }
  /** Delivered to a consumer that crashed; invisible until the visibility timeout returns it at `visibleAtMs`. */
  | { kind: "orphaned"; consumerId: string; queueId: string; visibleAtMs: number }
  /** Parked in a dead-letter queue. */
  | { kind: "dlq"; queueId: string; index: number }
  /** Acknowledged: finished. */
  | { kind: "done"; queueId: string; consumerId: string | null; atMs: number }
  /** Never processed: lost (crash under at-most-once, non-durable restart), dropped (overflow, out of attempts) or rejected (full queue). */
  | { kind: "gone"; reason: "lost" | "dropped" | "rejected"; queueId: string; atMs: number };

export interface Token {
  /** Stable per copy: use as the React key. */
  id: string;
  msgId: string;
  label: string;
  key: string | null;
  partition: number | null;
  poison: boolean;
  attempts: number;
  processedCount: number;
  effectApplied: number;
  place: TokenPlace;
}

/** Where an envelope is. `index` is filled by {@link tokens}; this returns -1 for positions. */
export function placeOf(env: Envelope): TokenPlace {
  switch (env.status) {
    case "queued":
      return { kind: "queue", queueId: env.queueId, index: -1 };
    case "delayed":
      return { kind: "delayed", queueId: env.queueId, visibleAtMs: env.visibleAtMs ?? 0 };
    case "inflight":
      return { kind: "consumer", consumerId: env.consumerId ?? "", queueId: env.queueId, stage: env.stage ?? "buffered" };
    case "orphaned":
      return { kind: "orphaned", consumerId: env.consumerId ?? "", queueId: env.queueId, visibleAtMs: env.visibleAtMs ?? 0 };
    case "dead":
      return { kind: "dlq", queueId: env.queueId, index: -1 };
    case "acked":
      return { kind: "done", queueId: env.queueId, consumerId: env.consumerId, atMs: env.settledAtMs ?? 0 };
    default:
      return { kind: "gone", reason: env.status, queueId: env.queueId, atMs: env.settledAtMs ?? 0 };
  }
}

/** Every retained message copy with its current place, in publish order. */
export function tokens(s: SimState): Token[] {
  const position = new Map<string, number>();
  for (const q of Object.values(s.queues)) {
    for (let i = q.head; i < q.ready.length; i++) position.set(q.ready[i], i - q.head);
  }
  const out: Token[] = [];
  for (const env of Object.values(s.envelopes)) {
    const place = placeOf(env);
    if (place.kind === "queue" || place.kind === "dlq") place.index = position.get(env.id) ?? -1;
    out.push({
      id: env.id,
      msgId: env.msgId,
      label: env.label,
      key: env.key,
      partition: env.partition,
      poison: env.poison,
      attempts: env.attempts,
      processedCount: env.processedCount,
      effectApplied: env.effectApplied,
      place,
    });
  }
  return out;
}

/** A queue's contents by place: visible line (next first), waiting out backoff, delivered and unacked. */
export function queueView(s: SimState, queueId: string): { ready: string[]; delayed: string[]; inflight: string[] } {
  const q = s.queues[queueId];
  if (!q) throw new RangeError(`unknown queue "${queueId}"`);
  const delayed: string[] = [];
  const inflight: string[] = [];
  for (const env of Object.values(s.envelopes)) {
    if (env.queueId !== queueId) continue;
    if (env.status === "delayed") delayed.push(env.id);
    else if ((env.status === "inflight" && env.ackedAtMs === null) || env.status === "orphaned") inflight.push(env.id);
  }
  return { ready: q.ready.slice(q.head), delayed, inflight };
}

/** Per-partition offsets of a consumer group: committed offset, log end offset, lag and owner. */
export function groupOffsets(s: SimState, groupId: string): { partition: number; queueId: string; committed: number; end: number; lag: number; owner: string | null }[] {
  const g = s.groups[groupId];
  if (!g) throw new RangeError(`unknown consumer group "${groupId}"`);
  return g.partitions.map((qid, partition) => {
    const q = s.queues[qid];
    return { partition, queueId: qid, committed: q.committed, end: q.endOffset, lag: q.endOffset - q.committed, owner: q.owner };
  });
}

export interface SpikeSummary {
  mode: "sync" | "queue";
  orders: number;
  /** Orders whose checkout answered successfully (queue mode: accepted into the queue). */
  succeeded: number;
  /** Orders whose checkout showed an error: timed out, failed fast or failed in a crash. */
  failed: number;
  timedOut: number;
  failedFast: number;
  failedInCrash: number;
  emailsSent: number;
  /** Orders accepted or succeeded whose email has not gone out yet. */
  emailsPending: number;
  firstOrderAtMs: number | null;
  lastEmailAtMs: number | null;
  /** `lastEmailAtMs - firstOrderAtMs`: "last email sent N s after the spike". */
  lastEmailAfterSpikeMs: number | null;
  /** Sync: most requests waiting for a slot. Queue: most unfinished messages in the broker. */
  maxBacklog: number;
  backlogNow: number;
  p50ResponseMs: number | null;
  p95ResponseMs: number | null;
  maxResponseMs: number | null;
  serviceCrashes: number;
  serviceDown: boolean;
}

/** Summary of the traffic-spike model, or `null` if the simulation has no service. */
export function spikeSummary(s: SimState): SpikeSummary | null {
  const svc = s.service;
  if (!svc) return null;
  const st = svc.stats;
  const sorted = [...svc.responseTimes].sort((a, b) => a - b);
  let pending = 0;
  for (const r of Object.values(svc.requests)) if ((r.status === "accepted" || r.status === "succeeded" || r.status === "in-service") && r.emailAtMs === null) pending++;
  const failed = st.timedOut + st.failedFast + st.failedCrash;
  return {
    mode: svc.mode,
    orders: st.orders,
    succeeded: st.succeeded,
    failed,
    timedOut: st.timedOut,
    failedFast: st.failedFast,
    failedInCrash: st.failedCrash,
    emailsSent: st.emailsSent,
    emailsPending: pending,
    firstOrderAtMs: st.firstOrderAtMs,
    lastEmailAtMs: st.lastEmailAtMs,
    lastEmailAfterSpikeMs: st.lastEmailAtMs !== null && st.firstOrderAtMs !== null ? st.lastEmailAtMs - st.firstOrderAtMs : null,
    maxBacklog: svc.mode === "sync" ? st.maxBacklog : s.totals.maxBacklog,
    backlogNow: svc.mode === "sync" ? svc.waiting.length : s.totals.backlog,
    p50ResponseMs: percentile(sorted, 50),
    p95ResponseMs: percentile(sorted, 95),
    maxResponseMs: st.responseCount ? st.maxResponseMs : null,
    serviceCrashes: svc.crashes,
    serviceDown: svc.status === "down",
  };
}
