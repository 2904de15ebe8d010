/**
 * Internals shared by the broker and service models: cloning, the timer heap, the bounded
 * event log, random draws. Every function here mutates the (already cloned) state it is given.
 */
import { nextRandom } from "./rng";
import type { Distribution, SimEvent, SimEventType, SimState, Timer } from "./types";

/** Thrown for invalid configuration or actions (unknown ids, bad values). */
export class SimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SimError";
  }
}

/** Deep copy of plain JSON data; several times faster than structuredClone for this shape. */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = value[i];
      out[i] = v !== null && typeof v === "object" ? cloneJson(v) : v;
    }
    return out as T;
  }
  const out: Record<string, unknown> = {};
  const src = value as Record<string, unknown>;
  const keys = Object.keys(src);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = src[k];
    out[k] = v !== null && typeof v === "object" ? cloneJson(v) : v;
  }
  return out as T;
}

// ---------------------------------------------------------------------------
// Timer heap: min-heap by (t, sampling last, s). Same-time timers fire in scheduling order, which
// keeps runs deterministic; a sample at time t fires after everything else due at t, so it
// reflects the state at the end of that millisecond.
// ---------------------------------------------------------------------------

function cmp(x: Timer, y: Timer): number {
  return x.t - y.t || (x.k === "sample" ? 1 : 0) - (y.k === "sample" ? 1 : 0) || x.s - y.s;
}

function less(x: Timer, y: Timer): boolean {
  return cmp(x, y) < 0;
}

/** Adds a timer at virtual time `t`; `a`, `b`, `n` identify its subject and make it detectably stale. */
export function schedule(s: SimState, t: number, k: Timer["k"], a = "", b = "", n = 0): void {
  const timer: Timer = { t, s: s.timerSeq++, k, a, b, n };
  const h = s.timers;
  let i = h.length;
  h.push(timer);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(timer, h[p])) break;
    h[i] = h[p];
    i = p;
  }
  h[i] = timer;
}

/** The next timer due, without removing it. */
export function peekTimer(s: SimState): Timer | null {
  return s.timers.length > 0 ? s.timers[0] : null;
}

/** Removes and returns the next timer due (the heap must not be empty). */
export function popTimer(s: SimState): Timer {
  const h = s.timers;
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(h[r], h[l]) ? r : l;
      if (!less(h[c], last)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
  return top;
}

/**
 * Drops timers that can no longer do anything (e.g. visibility timeouts of acked messages),
 * keeping the heap, and so every clone of the state, proportional to live work.
 */
export function compactTimers(s: SimState, isLive: (t: Timer) => boolean): void {
  const kept = s.timers.filter(isLive);
  kept.sort(cmp); // a sorted array is a valid min-heap
  s.timers = kept;
  s.staleTimers = 0;
}

// ---------------------------------------------------------------------------
// Event log: ring buffer of the last `logCapacity` events plus exact totals per type.
// ---------------------------------------------------------------------------

export interface EventFields {
  msgId?: string | null;
  envId?: string | null;
  queueId?: string | null;
  consumerId?: string | null;
  producerId?: string | null;
  requestId?: string | null;
  detail?: string | null;
}

/** Records an event: exact count per type, plus an entry in the bounded ring-buffer log. */
export function emit(s: SimState, type: SimEventType, f: EventFields): void {
  record(s, type, f.msgId ?? null, f.envId ?? null, f.queueId ?? null, f.consumerId ?? null, f.detail ?? null, f.producerId ?? null, f.requestId ?? null);
}

/**
 * Positional form of {@link emit} for hot paths. Once the ring is full, the overwritten slot's object
 * is reused in place: safe because every call works on a private clone, and it keeps long runs free
 * of per-event allocation.
 */
export function record(
  s: SimState,
  type: SimEventType,
  msgId: string | null,
  envId: string | null,
  queueId: string | null,
  consumerId: string | null,
  detail: string | null,
  producerId: string | null = null,
  requestId: string | null = null,
): void {
  s.counts[type]++;
  const cap = s.limits.logCapacity;
  if (cap <= 0) return;
  const seq = s.log.next + 1;
  s.log.next = seq;
  const items = s.log.items;
  if (items.length < cap) {
    items.push({ seq, atMs: s.nowMs, type, msgId, envId, queueId, consumerId, producerId, requestId, detail });
    return;
  }
  const ev: SimEvent = items[(seq - 1) % cap];
  ev.seq = seq;
  ev.atMs = s.nowMs;
  ev.type = type;
  ev.msgId = msgId;
  ev.envId = envId;
  ev.queueId = queueId;
  ev.consumerId = consumerId;
  ev.producerId = producerId;
  ev.requestId = requestId;
  ev.detail = detail;
}

export const EVENT_TYPES: readonly SimEventType[] = [
  "published",
  "delivered",
  "redelivered",
  "duplicated",
  "processed",
  "duplicate-suppressed",
  "acked",
  "ack-rejected",
  "nacked",
  "failed",
  "expired",
  "dead-lettered",
  "dropped",
  "rejected",
  "lost",
  "crashed",
  "restarted",
  "revoked",
  "redriven",
  "rebalanced",
  "consumer-added",
  "consumer-removed",
  "broker-restarted",
  "setting-changed",
  "request-arrived",
  "request-succeeded",
  "request-timeout",
  "request-failed",
  "service-crashed",
  "service-recovered",
  "email-sent",
];

/** A zero counter for every event type. */
export function zeroCounts(): Record<SimEventType, number> {
  const c = {} as Record<SimEventType, number>;
  for (const t of EVENT_TYPES) c[t] = 0;
  return c;
}

// ---------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------

/** Next draw in [0, 1) from the state's seeded RNG. */
export function random(s: SimState): number {
  return nextRandom(s);
}

/** Draws a duration in whole milliseconds (>= 1) so timers stay on an integer clock. */
export function sampleMs(s: SimState, d: Distribution): number {
  let ms: number;
  switch (d.kind) {
    case "fixed":
      ms = d.ms;
      break;
    case "uniform":
      ms = d.minMs + random(s) * (d.maxMs - d.minMs);
      break;
    case "exponential":
      ms = -Math.log(1 - random(s)) * d.meanMs;
      break;
  }
  return Math.max(1, Math.round(ms));
}

/** Throws a `SimError` naming `where` for a malformed distribution. */
export function validateDistribution(d: Distribution, where: string): void {
  const bad = (msg: string) => {
    throw new SimError(`${where}: ${msg}`);
  };
  if (d.kind === "fixed") {
    if (!(d.ms >= 0) || !Number.isFinite(d.ms)) bad(`fixed ms must be a finite number >= 0, got ${d.ms}`);
  } else if (d.kind === "uniform") {
    if (!(d.minMs >= 0 && d.maxMs >= d.minMs && Number.isFinite(d.maxMs))) bad(`uniform needs 0 <= minMs <= maxMs, got ${d.minMs}..${d.maxMs}`);
  } else if (d.kind === "exponential") {
    if (!(d.meanMs > 0 && Number.isFinite(d.meanMs))) bad(`exponential meanMs must be > 0, got ${d.meanMs}`);
  } else {
    bad(`unknown distribution kind ${(d as { kind: string }).kind}`);
  }
}
