import "server-only";

/*
 * An in-memory sliding-window rate limiter: at most `limit` hits per key in any `windowMs` span. It keeps the
 * timestamps of the hits inside the window (a log, not buckets), so a burst at the edge of a fixed minute cannot
 * double the allowance. Memory: at most `limit` numbers per active key; keys whose window has emptied are swept.
 *
 * One process, one memory: behind several server processes each enforces the limit on its own (the budget is
 * per process). That is acceptable for protecting a process's grading pool, which is what it is for.
 */

export interface RateLimitOptions {
  /** Hits allowed per key in any window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Clock in milliseconds (tests pass a fake one). */
  now?: () => number;
  /** Sweep idle keys once the map holds this many (default 10,000). */
  sweepAt?: number;
}

export type RateLimitDecision =
  | { ok: true; remaining: number }
  /** `retryAfterMs`: when the oldest hit in the window leaves it, i.e. the earliest a retry can succeed. */
  | { ok: false; retryAfterMs: number };

export interface RateLimiter {
  /** Count a hit for `key` if it is within the limit; a refused hit is not counted. */
  hit(key: string): RateLimitDecision;
  /** Forget every key (tests). */
  reset(): void;
  /** Keys currently tracked (tests, diagnostics). */
  size(): number;
}

/** A sliding-window limiter. See the module comment for its guarantees. */
export function createRateLimiter({ limit, windowMs, now = Date.now, sweepAt = 10_000 }: RateLimitOptions): RateLimiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a whole number of at least 1");
  if (!(windowMs > 0)) throw new RangeError("windowMs must be positive");
  // Hit times per key, oldest first.
  const hits = new Map<string, number[]>();

  const sweep = (t: number) => {
    for (const [key, times] of hits) if (times[times.length - 1] <= t - windowMs) hits.delete(key);
  };

  return {
    hit(key) {
      const t = now();
      let times = hits.get(key);
      if (!times) {
        if (hits.size >= sweepAt) sweep(t);
        times = [];
        hits.set(key, times);
      }
      // Drop the hits that have slid out of the window.
      let expired = 0;
      while (expired < times.length && times[expired] <= t - windowMs) expired++;
      if (expired) times.splice(0, expired);
      if (times.length >= limit) return { ok: false, retryAfterMs: Math.max(1, times[0] + windowMs - t) };
      times.push(t);
      return { ok: true, remaining: limit - times.length };
    },
    reset() {
      hits.clear();
    },
    size() {
      return hits.size;
    },
  };
}

/** Submissions allowed per student (or per IP address for guests) per minute. */
export const SUBMISSIONS_PER_MINUTE = 30;

const KEY = Symbol.for("decoupled.submissionLimiter");
type Holder = typeof globalThis & { [KEY]?: RateLimiter };

/**
 * The process-wide limiter for challenge submissions: {@link SUBMISSIONS_PER_MINUTE} per key per minute. Kept on
 * globalThis so `next dev` module reloads do not hand out a fresh allowance on every edit.
 */
export function submissionLimiter(): RateLimiter {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= createRateLimiter({ limit: SUBMISSIONS_PER_MINUTE, windowMs: 60_000 }));
}

/**
 * The key a request is limited under: the user id when signed in, else the client address.
 *
 * The address is the LAST entry of X-Forwarded-For: `next start` fills the header with the socket's address when
 * the client sent none, and a reverse proxy appends the address it saw, so the last entry is the one a party we
 * trust wrote. Earlier entries are whatever the client claimed. (Exposed directly, a client can still send its own
 * header to `next start`, which keeps it; deploy behind a proxy that sets the header, as any production setup does.)
 */
export function rateLimitKey(userId: string | null, headers: Headers): string {
  if (userId) return `user:${userId}`;
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return `ip:${last ?? headers.get("x-real-ip") ?? "unknown"}`;
}

/** Seconds for a Retry-After header (whole seconds, at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
