import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { MAX_GRADING_ATTEMPTS } from "@/lib/api/challenges";
import { getChallenge } from "@/lib/content/challenges";
import { DEFAULT_LIMITS, errorResult, WALL_CLOCK_FACTOR, type GradeResult } from "@/lib/grading/types";
import { prisma } from "../db";
import { gradeSubmission, UnknownChallengeError } from "../grading";
import { recordVerifiedStep } from "../progress";
import { toPublicResult } from "../submissions";

/*
 * The job handler both engines run: graphile-worker's "grade" task in `npm run worker`, and the in-process runner
 * on SQLite. The submission row is the source of truth; the engine's job is only a wake-up call, so the handler is
 * safe to run twice, late, or concurrently for one submission:
 *
 *   1. finished already → nothing to do (a job that ran twice writes one result);
 *   2. started MAX_GRADING_ATTEMPTS times without finishing → the workers died on it: dead-letter it;
 *   3. otherwise count this start (attempts + 1) with a conditional update, grade, and write the verdict with a
 *      conditional update keyed by id and an unfinished status: of two workers finishing it, one writes.
 */

export const UNFINISHED = ["queued", "running"] as const;

/** What the student reads when a submission is dead-lettered. */
export const DEAD_LETTER_MESSAGE =
  "The grader stopped twice while running this code, so it was set aside instead of being tried again. " +
  "Look for very deep recursion or a huge allocation.";

export type HandlerOutcome =
  /** Graded now; `wrote` is false when another worker's verdict landed first. */
  | { kind: "graded"; status: GradeResult["status"]; wrote: boolean }
  | { kind: "dead-lettered" }
  /** Nothing to do: unknown id, already finished, or another worker started it at the same moment. */
  | { kind: "skipped" };

/**
 * Worst-case grader time of one start of a challenge's submission (its budget on the wall-clock cap plus the
 * watchdog's margin): what a run that never reported back is charged.
 */
function worstCaseRunMs(challengeId: string): number {
  const timeoutMs = getChallenge(challengeId)?.limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  return timeoutMs * WALL_CLOCK_FACTOR + 2_000;
}

/** Grade submission `id` as worker `workerName`. Throws only when the database does (the engine retries then). */
export async function gradeQueuedSubmission(id: string, workerName: string): Promise<HandlerOutcome> {
  const row = await prisma.challengeSubmission.findUnique({
    where: { id },
    select: { status: true, attempts: true, challengeId: true, code: true, userId: true },
  });
  if (!row || !(UNFINISHED as readonly string[]).includes(row.status)) return { kind: "skipped" };

  if (row.attempts >= MAX_GRADING_ATTEMPTS) {
    const result = toPublicResult(errorResult(DEAD_LETTER_MESSAGE));
    const done = await prisma.challengeSubmission.updateMany({
      where: { id, status: { in: [...UNFINISHED] } },
      data: {
        status: "error",
        deadLettered: true,
        finishedAt: new Date(),
        result: result as unknown as Prisma.InputJsonValue,
        // Every start ran until a worker died: charge each as a run the watchdog would have stopped.
        cpuMs: row.attempts * worstCaseRunMs(row.challengeId),
      },
    });
    return done.count ? { kind: "dead-lettered" } : { kind: "skipped" };
  }

  const claimed = await prisma.challengeSubmission.updateMany({
    where: { id, status: { in: [...UNFINISHED] }, attempts: row.attempts },
    data: { status: "running", attempts: row.attempts + 1, workerName, startedAt: new Date() },
  });
  if (!claimed.count) return { kind: "skipped" };

  const started = performance.now();
  let graded: GradeResult;
  try {
    graded = await gradeSubmission(row.challengeId, row.code);
  } catch (e) {
    // Deterministic failures on our side (a challenge removed or broken since it was submitted): retrying cannot
    // help, so they end as an error the student can read rather than as a dead letter.
    if (e instanceof UnknownChallengeError) graded = errorResult(`The challenge "${row.challengeId}" no longer exists.`);
    else {
      console.error(`grading ${id} failed on our side`, e);
      graded = errorResult("The grader could not run this challenge's tests (a problem on our side). Try again later.");
    }
  }
  // The grader's occupancy, a watchdog kill included (its result carries no duration): what the author is charged.
  const cpuMs = Math.max(Math.round(performance.now() - started), graded.cpuMs ?? 0);
  const result = toPublicResult(graded);
  const lesson = getChallenge(row.challengeId)?.lesson;
  // The verdict and the step it earns commit together: a student who sees "passed" finds the step recorded.
  // Progress comes from this verdict only (the browser never tells us it passed); the upsert is idempotent too.
  const wrote = await prisma.$transaction(async (tx) => {
    const written = await tx.challengeSubmission.updateMany({
      where: { id, status: { in: [...UNFINISHED] } },
      data: {
        status: result.status,
        passed: result.passed,
        total: result.total,
        durationMs: result.durationMs,
        cpuMs,
        result: result as unknown as Prisma.InputJsonValue,
        finishedAt: new Date(),
      },
    });
    if (written.count && result.status === "passed" && row.userId && lesson) await recordVerifiedStep(row.userId, lesson, "challenge", tx);
    return written.count > 0;
  });
  return { kind: "graded", status: result.status, wrote };
}
