import { afterAll, describe, expect, test } from "vitest";

/*
 * The database-backed rate limiter against the real database from global setup (SQLite by default; the same tests
 * run on PostgreSQL when DATABASE_URL is a postgresql:// URL). Two Prisma clients stand for two web instances. Time
 * is a fake clock passed per hit, so nothing here waits.
 */
const { prisma } = await import("@/lib/server/db");
const { createPrismaClient } = await import("@/lib/db-factory");
const { hitRateLimit, retryAfterSeconds, SWEEP_EVERY_MS } = await import("@/lib/server/rate-limit");

const MINUTE = 60_000;
/** A fake "now" at the start of a minute (well in the future, so no real window is ever swept by these tests). */
const T0 = 1_800_000_000_000;
const key = (label: string) => `test:${label}:${crypto.randomUUID()}`;
/** The hits stored for a key, whatever the window. */
const stored = async (k: string) => (await prisma.rateLimitWindow.findMany({ where: { key: { endsWith: k } } })).reduce((n, r) => n + r.count, 0);

const instanceA = createPrismaClient();
const instanceB = createPrismaClient();
afterAll(async () => {
  await Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]);
});

describe("hitRateLimit", () => {
  test("allows the limit, then refuses with a Retry-After at which a retry passes; refused hits are not counted", async () => {
    const k = key("limit");
    const opts = { limit: 5, windowMs: MINUTE };
    const at = T0 + 10_000;
    for (let i = 0; i < 5; i++) expect(await hitRateLimit(k, { ...opts, now: at })).toEqual({ ok: true, remaining: 4 - i });
    const refused = await hitRateLimit(k, { ...opts, now: at });
    // Five hits at 0:10 fill the minute; in the next minute they fade linearly, and at 1:12 the estimate is
    // 5 × 48/60 = 4, so one more fits: 62 s from now.
    expect(refused).toEqual({ ok: false, retryAfterMs: 62_000 });
    if (refused.ok) return;
    expect(retryAfterSeconds(refused.retryAfterMs)).toBe(62);

    // Hammering while refused neither passes nor pushes the retry out.
    for (let i = 0; i < 10; i++) expect(await hitRateLimit(k, { ...opts, now: at + 1_000 * i })).toEqual({ ok: false, retryAfterMs: refused.retryAfterMs - 1_000 * i });
    expect(await stored(k)).toBe(5);
    expect((await hitRateLimit(k, { ...opts, now: at + refused.retryAfterMs - 1 })).ok).toBe(false);
    expect(await hitRateLimit(k, { ...opts, now: at + refused.retryAfterMs })).toEqual({ ok: true, remaining: 0 });
  });

  test("the window slides: a burst at the end of one window still counts at the start of the next, then fades", async () => {
    const k = key("slide");
    const opts = { limit: 3, windowMs: MINUTE };
    for (let i = 0; i < 3; i++) expect((await hitRateLimit(k, { ...opts, now: T0 + 59_000 })).ok).toBe(true);
    // A fixed per-minute bucket would hand out three more here, 1 s after the burst.
    expect(await hitRateLimit(k, { ...opts, now: T0 + MINUTE })).toEqual({ ok: false, retryAfterMs: 20_000 });
    // 20 s into the next minute the burst weighs 3 × 40/60 = 2: room for exactly one.
    expect(await hitRateLimit(k, { ...opts, now: T0 + MINUTE + 20_000 })).toEqual({ ok: true, remaining: 0 });
    expect((await hitRateLimit(k, { ...opts, now: T0 + MINUTE + 20_000 })).ok).toBe(false);
    // Two minutes on, the burst is forgotten and only the one hit of the minute before weighs in.
    expect(await hitRateLimit(k, { ...opts, now: T0 + 2 * MINUTE })).toEqual({ ok: true, remaining: 1 });
  });

  test("keys are independent", async () => {
    const [a, b] = [key("a"), key("b")];
    const opts = { limit: 1, windowMs: MINUTE, now: T0 };
    expect((await hitRateLimit(a, opts)).ok).toBe(true);
    expect((await hitRateLimit(a, opts)).ok).toBe(false);
    expect((await hitRateLimit(b, opts)).ok).toBe(true);
  });

  test("two instances (separate database clients) share one budget", async () => {
    const k = key("instances");
    const opts = { limit: 10, windowMs: MINUTE, now: T0 + 1_000 };
    for (let i = 0; i < 10; i++) {
      const r = await hitRateLimit(k, { ...opts, db: i % 2 ? instanceB : instanceA });
      expect(r).toEqual({ ok: true, remaining: 9 - i });
    }
    expect((await hitRateLimit(k, { ...opts, db: instanceA })).ok).toBe(false);
    expect((await hitRateLimit(k, { ...opts, db: instanceB })).ok).toBe(false);
    expect(await stored(k)).toBe(10);
  });

  test("50 concurrent hits on two instances let exactly `limit` through, each with its own remaining count", async () => {
    const k = key("burst");
    const opts = { limit: 30, windowMs: MINUTE, now: T0 + 30_000 };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => hitRateLimit(k, { ...opts, db: i % 2 ? instanceB : instanceA })));
    const passed = results.filter((r) => r.ok);
    expect(passed).toHaveLength(30);
    expect(passed.map((r) => (r.ok ? r.remaining : -1)).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.retryAfterMs > 0 && r.retryAfterMs <= 2 * MINUTE)).toBe(true);
    // The 20 refused hits were taken back.
    expect(await stored(k)).toBe(30);
  });

  test("windows older than the previous one are swept; the previous one is kept", async () => {
    // A window length no other test uses: the sweep is per length and at most once per SWEEP_EVERY_MS per process.
    const windowMs = 45_000;
    const [old, previous, now] = [key("old"), key("previous"), key("now")];
    const start = T0 - (T0 % windowMs);
    await hitRateLimit(old, { limit: 5, windowMs, now: start });
    await hitRateLimit(previous, { limit: 5, windowMs, now: start + windowMs });
    expect(await stored(old)).toBe(1);
    const due = start + 2 * windowMs + 1;
    expect(due - start).toBeGreaterThanOrEqual(SWEEP_EVERY_MS);
    await hitRateLimit(now, { limit: 5, windowMs, now: due });
    expect(await stored(old)).toBe(0);
    expect(await stored(previous)).toBe(1);
    expect(await stored(now)).toBe(1);
  });

  test("refuses nonsense options", async () => {
    await expect(hitRateLimit(key("bad"), { limit: 0, windowMs: MINUTE })).rejects.toThrow(/limit/);
    await expect(hitRateLimit(key("bad"), { limit: 1, windowMs: 0 })).rejects.toThrow(/windowMs/);
  });
});
