import "server-only";
import { databaseKind, databaseUrl } from "@/lib/db-factory";

/*
 * The grading queue's knobs. Limits a student meets are constants (they are part of what the course promises);
 * operational timings read the environment so tests and operators can tune them without a rebuild.
 */

/** Which engine runs the queue: graphile-worker on PostgreSQL, the in-process runner on SQLite. */
export type QueueEngine = "graphile-worker" | "in-process";

export function queueEngine(url: string = databaseUrl()): QueueEngine {
  return databaseKind(url) === "postgresql" ? "graphile-worker" : "in-process";
}

/** graphile-worker task name for grading one submission; its payload is {@link GradeJobPayload}. */
export const GRADE_TASK = "grade";
export interface GradeJobPayload {
  submissionId: string;
}
/**
 * graphile-worker's own attempt cap for a grade job. Our dead-letter rule (MAX_GRADING_ATTEMPTS starts, counted on
 * the submission row) decides long before this; graphile's cap only stops a job whose handler keeps throwing
 * (database unreachable) from being retried forever.
 */
export const GRAPHILE_MAX_ATTEMPTS = 10;

/** Per author (student or guest address): submissions waiting to start. One more is refused with 429. */
export const MAX_QUEUED_PER_AUTHOR = 2;
/** Per author: submissions grading at once. Enforced by the engine (a named queue per author, or the local picker). */
export const MAX_RUNNING_PER_AUTHOR = 1;
/** The window over which grader time is charged to an author. */
export const CPU_WINDOW_MS = 60_000;
/**
 * Grader time an author may burn per {@link CPU_WINDOW_MS} before further submissions are refused (429) until it
 * decays. Honest submissions cost tens of milliseconds; a submission the watchdog has to stop costs up to ~10 s.
 */
export const CPU_BUDGET_MS = 20_000;
/** Each this many ms of recent grader time moves an author's next job one priority step back (0 runs first). */
export const PRIORITY_STEP_MS = 1_000;
export const MAX_PRIORITY = 1_000;

function envInt(name: string, fallback: number, min = 1): number {
  const v = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(v) && v >= min ? v : fallback;
}

/** Submissions allowed to wait in the whole queue; past it the API answers 503 (`GRADING_QUEUE_LIMIT`, default 500). */
export const queueLimit = () => envInt("GRADING_QUEUE_LIMIT", 500);
/** How often a grader writes its heartbeat and sweeps for dead ones, in ms (`GRADER_HEARTBEAT_MS`, default 1000). */
export const heartbeatMs = () => envInt("GRADER_HEARTBEAT_MS", 1_000, 50);
/**
 * A grader whose heartbeat is older than this is dead, in ms (`GRADER_STALE_MS`, default 5000): its jobs are
 * released to the others. Must be several heartbeats, so a busy but live worker is never declared dead.
 */
export const staleMs = () => Math.max(envInt("GRADER_STALE_MS", 5_000, 100), 3 * heartbeatMs());
