import { z } from "zod";

/** A grading worker with a fresh heartbeat. */
export const graderHealthSchema = z.object({
  /** Display name, e.g. "w-2". */
  name: z.string(),
  host: z.string(),
  /** ISO timestamp of its last heartbeat. */
  lastSeen: z.string(),
});

/** The grading queue as /api/health reports it. */
export const queueHealthSchema = z.object({
  /** "graphile-worker" on PostgreSQL (worker processes); "in-process" on SQLite (the web process grades). */
  engine: z.enum(["graphile-worker", "in-process"]),
  /** Submissions waiting to start. */
  depth: z.number().int().nonnegative(),
  /** Submissions being graded. */
  running: z.number().int().nonnegative(),
  /** Age of the oldest waiting submission in ms; null when none waits. */
  oldestQueuedAgeMs: z.number().nonnegative().nullable(),
  /** Graders whose heartbeat is fresh. On PostgreSQL an empty list with a nonzero depth means nothing is grading. */
  workers: z.array(graderHealthSchema),
});
export type QueueHealth = z.infer<typeof queueHealthSchema>;

const databaseKindSchema = z.enum(["sqlite", "postgresql"]);

/**
 * GET /api/health: the database (a real round trip) and the grading queue. 503 with `error` when the database is
 * unreachable.
 */
export const healthResponseSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), database: z.object({ ok: z.literal(true), kind: databaseKindSchema }), queue: queueHealthSchema }),
  z.object({ status: z.literal("error"), error: z.string(), database: z.object({ ok: z.literal(false), kind: databaseKindSchema }) }),
]);
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** GET /api/dev/content-version (development only; 404 otherwise): the stamp the lesson page polls. */
export const contentVersionResponseSchema = z.object({ version: z.number() });
export type ContentVersionResponse = z.infer<typeof contentVersionResponseSchema>;
