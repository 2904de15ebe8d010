import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { addressKey, clientAddress } from "@/lib/server/client-address";
import { prisma } from "@/lib/server/db";

/*
 * Rate limits kept in the database (RateLimitWindow), so every web instance counts against the same budget.
 *
 * Sliding-window counter: time is cut into fixed windows of `windowMs`, one row per key and window holds the hits
 * counted in it, and a hit at time t is judged by the estimate
 *     previous window's count × (the part of the previous window still inside [t − windowMs, t]) + current count,
 * which assumes the previous window's hits were spread evenly. Unlike a fixed per-minute bucket, a burst at the end
 * of one window still counts at the start of the next; unlike a log of timestamps, it costs one row per window.
 *
 * Per hit: one INSERT … ON CONFLICT DO UPDATE SET count = count + 1 … RETURNING (what Prisma's upsert compiles to on
 * both SQLite and PostgreSQL when `where` is the compound id and `update` an increment; checked in the query log with
 * Prisma 7.10), read beside the previous window's row. The increment is atomic, so concurrent hits on any number of
 * instances each see a distinct count and at most `limit` of a burst pass. A refused hit is taken back with an atomic
 * decrement, so hammering while refused does not push the retry further out; between its increment and decrement a
 * refused hit can make a concurrent one look over the limit (it errs towards refusing, never towards letting through).
 *
 * Old rows are deleted now and then (at most once a minute per window length per process): anything older than the
 * previous window no longer affects an estimate.
 */

export interface RateLimitOptions {
  /** Hits allowed per key in any window-long span (by the estimate above). */
  limit: number;
  /** Window length in milliseconds. One key must always be used with the same window length. */
  windowMs: number;
  /** The time of this hit in milliseconds since the epoch (tests pass a fake clock's reading). Default: now. */
  now?: number;
  /** The database to count in (tests pass a second client to play a second instance). Default: the app's. */
  db?: PrismaClient;
}

export type RateLimitDecision =
  /** `remaining`: hits still allowed right now. */
  | { ok: true; remaining: number }
  /** `retryAfterMs`: the earliest a retry can pass if nothing else is counted meanwhile. */
  | { ok: false; retryAfterMs: number };

/** How often a process deletes expired windows (per window length). */
export const SWEEP_EVERY_MS = 60_000;
const lastSweep = new Map<number, number>();

/** Count a hit for `key` if it is within the limit; a refused hit is not counted. See the module comment. */
export async function hitRateLimit(key: string, { limit, windowMs, now = Date.now(), db = prisma }: RateLimitOptions): Promise<RateLimitDecision> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a whole number of at least 1");
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new RangeError("windowMs must be a whole number of milliseconds");
  // The window length is part of the stored key: the sweep for one length must not delete another's rows.
  const stored = `${windowMs}:${key}`;
  const start = now - (now % windowMs);
  const id = (windowStart: number) => ({ key_windowStart: { key: stored, windowStart: BigInt(windowStart) } });

  await sweepIfDue(db, windowMs, start, now);
  const [current, previous] = await Promise.all([
    db.rateLimitWindow.upsert({
      where: id(start),
      create: { key: stored, windowStart: BigInt(start), count: 1 },
      update: { count: { increment: 1 } },
      select: { count: true },
    }),
    db.rateLimitWindow.findUnique({ where: id(start - windowMs), select: { count: true } }),
  ]);
  const prev = previous?.count ?? 0;
  // In whole milliseconds, so the comparison is exact: estimate × windowMs = prev × (time left in this window) + count × windowMs.
  const left = start + windowMs - now;
  const scaled = prev * left + current.count * windowMs;
  if (scaled <= limit * windowMs) return { ok: true, remaining: Math.floor((limit * windowMs - scaled) / windowMs) };

  await db.rateLimitWindow.update({ where: id(start), data: { count: { decrement: 1 } } });
  return { ok: false, retryAfterMs: Math.max(1, retryAt({ limit, windowMs, start, prev, counted: current.count - 1 }) - now) };
}

/**
 * The first time a hit would pass, given `prev` hits in the previous window and `counted` in the current one (which
 * starts at `start`), if nothing else is counted meanwhile.
 */
function retryAt({ limit, windowMs, start, prev, counted }: { limit: number; windowMs: number; start: number; prev: number; counted: number }): number {
  const end = start + windowMs;
  // Later in this window, as the previous window's weight fades: prev × (end − t) + (counted + 1) × windowMs ≤ limit × windowMs.
  if (prev > 0 && counted < limit) {
    const t = end - Math.floor(((limit - counted - 1) * windowMs) / prev);
    if (t < end) return t;
  }
  // In the next window, where this window's hits are the ones fading: counted × (end + windowMs − t) + windowMs ≤ limit × windowMs.
  if (counted === 0) return end;
  return Math.max(end, end + windowMs - Math.floor(((limit - 1) * windowMs) / counted));
}

async function sweepIfDue(db: PrismaClient, windowMs: number, start: number, now: number): Promise<void> {
  const last = lastSweep.get(windowMs);
  if (last !== undefined && now >= last && now - last < SWEEP_EVERY_MS) return;
  lastSweep.set(windowMs, now);
  try {
    await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: BigInt(start - windowMs) }, key: { startsWith: `${windowMs}:` } } });
  } catch (e) {
    // Housekeeping: a failed sweep is retried by a later one and must not fail the request it rode on.
    console.error("rate limit sweep failed:", e);
  }
}

/** Submissions allowed per student (or per guest address) per minute. */
export const SUBMISSIONS_PER_MINUTE = 30;

/**
 * The key a request is limited under: the user id when signed in, else the client's address (lib/server/client-address.ts:
 * the socket's, or a trusted proxy's X-Forwarded-For when TRUSTED_PROXY is set).
 */
export function rateLimitKey(userId: string | null, headers: Headers): string {
  return userId ? `user:${userId}` : addressKey(clientAddress(headers));
}

/** Count a challenge submission against {@link SUBMISSIONS_PER_MINUTE} for this student or guest address. */
export function hitSubmissionLimit(userId: string | null, headers: Headers): Promise<RateLimitDecision> {
  return hitRateLimit(`submissions:${rateLimitKey(userId, headers)}`, { limit: SUBMISSIONS_PER_MINUTE, windowMs: 60_000 });
}

/** Seconds for a Retry-After header (whole seconds, at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
