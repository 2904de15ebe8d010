/**
 * Next calls register() once when a server process starts. On SQLite this process is also the grader: start the
 * in-process queue runner now, so submissions left queued or running by a previous process are graded without
 * waiting for someone to submit. On PostgreSQL grading runs in `npm run worker` processes instead.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { queueEngine } = await import("@/lib/server/grading-queue/config");
  if (queueEngine() !== "in-process") return;
  const { ensureLocalGrader } = await import("@/lib/server/grading-queue/local");
  ensureLocalGrader().catch((e) => console.error("grading queue: the in-process grader could not start", e));
}
