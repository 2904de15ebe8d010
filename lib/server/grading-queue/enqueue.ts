import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { SubmissionAccepted } from "@/lib/api/challenges";
import { prisma } from "../db";
import { retryAfterSeconds } from "../rate-limit";
import { issueSubmissionToken } from "../submissions";
import { CPU_BUDGET_MS, CPU_WINDOW_MS, GRADE_TASK, GRAPHILE_MAX_ATTEMPTS, MAX_QUEUED_PER_AUTHOR, queueEngine, queueLimit } from "./config";
import { wakeLocalGrader } from "./local";
import { cpuRetryAfterMs, priorityFor, queueFullRetryAfterSeconds, recentCpuMs } from "./policy";

/*
 * Accepting a submission: fairness checks, the row, and the job, in ONE transaction, so nothing the API answered
 * 202 for can be lost (on PostgreSQL the graphile-worker job commits with the row or not at all; on SQLite the row
 * is the job). Concurrent submissions from one author are serialised before counting: a transaction-scoped
 * advisory lock on the author on PostgreSQL; on SQLite the driver adapter runs one transaction at a time.
 */

export interface EnqueueInput {
  challengeId: string;
  code: string;
  /** Null for a guest. */
  userId: string | null;
  /** "user:<id>" or "guest:<address>": whom the limits and grader time are charged to. */
  author: string;
  /** Guests: the signed attempt record they presented, kept to compute the next one from the verdict. */
  guestAttempts?: string | null;
}

export type EnqueueOutcome =
  | { ok: true; accepted: SubmissionAccepted }
  /** Refused before anything was stored: 429 (this author) or 503 (the whole queue), with Retry-After in seconds. */
  | { ok: false; status: 429 | 503; retryAfterSeconds: number; error: string };

/** `author` for a signed-in student or a guest's client address. */
export function authorKey(userId: string | null, guestAddress: string): string {
  return userId ? `user:${userId}` : `guest:${guestAddress}`;
}

type Refusal = Extract<EnqueueOutcome, { ok: false }>;
type Tx = Prisma.TransactionClient;

async function admission(tx: Tx, author: string, now: number): Promise<Refusal | { ok: true; priority: number }> {
  const waiting = await tx.challengeSubmission.count({ where: { author, status: "queued" } });
  if (waiting >= MAX_QUEUED_PER_AUTHOR) {
    return {
      ok: false,
      status: 429,
      // A grading run takes well under a second unless the code stalls; by then one of them has usually started.
      retryAfterSeconds: 2,
      error: `You already have ${waiting} submissions waiting to be graded. Wait for one of them to finish, then submit again.`,
    };
  }
  const rows = await tx.challengeSubmission.findMany({
    where: { author, finishedAt: { gt: new Date(now - CPU_WINDOW_MS) } },
    select: { cpuMs: true, finishedAt: true },
  });
  const charges = rows.map((r) => ({ cpuMs: r.cpuMs, finishedAt: r.finishedAt!.getTime() }));
  const recent = recentCpuMs(charges, now);
  const waitMs = cpuRetryAfterMs(charges, now);
  if (waitMs > 0) {
    const seconds = retryAfterSeconds(waitMs);
    return {
      ok: false,
      status: 429,
      retryAfterSeconds: seconds,
      error:
        `Your submissions used ${(recent / 1000).toFixed(1)} s of grading time in the last minute; the limit is ` +
        `${CPU_BUDGET_MS / 1000} s so one student's code cannot hold the graders. Try again in ${seconds} s.`,
    };
  }
  const depth = await tx.challengeSubmission.count({ where: { status: "queued" } });
  const limit = queueLimit();
  // On PostgreSQL two different authors can both pass this count at once: the bound may be exceeded by the number
  // of concurrent requests, which is fine for a bound whose purpose is to keep the wait finite.
  if (depth >= limit) {
    const finished = await tx.challengeSubmission.count({ where: { finishedAt: { gt: new Date(now - 60_000) } } });
    const seconds = queueFullRetryAfterSeconds(depth, finished);
    return {
      ok: false,
      status: 503,
      retryAfterSeconds: seconds,
      error: `The grading queue is full (${depth} submissions are waiting). Nothing was submitted: try again in ${seconds} s.`,
    };
  }
  return { ok: true, priority: priorityFor(recent) };
}

/** Queued submissions that the engine will start before one with this priority, age and id. */
export function aheadOf(db: Tx, row: { id: string; priority: number; createdAt: Date }): Promise<number> {
  return db.challengeSubmission.count({
    where: {
      status: "queued",
      id: { not: row.id },
      OR: [
        { priority: { lt: row.priority } },
        { priority: row.priority, createdAt: { lt: row.createdAt } },
        { priority: row.priority, createdAt: row.createdAt, id: { lt: row.id } },
      ],
    },
  });
}

/** Store a submission as "queued" and enqueue its grading job, or refuse it (429/503) without storing anything. */
export async function enqueueSubmission(input: EnqueueInput, now: number = Date.now()): Promise<EnqueueOutcome> {
  const engine = queueEngine();
  const outcome = await prisma.$transaction(
    async (tx): Promise<EnqueueOutcome> => {
      if (engine === "graphile-worker") await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${input.author}::text))`;
      const admitted = await admission(tx, input.author, now);
      if (!admitted.ok) return admitted;
      const row = await tx.challengeSubmission.create({
        data: {
          userId: input.userId,
          author: input.author,
          challengeId: input.challengeId,
          code: input.code,
          status: "queued",
          priority: admitted.priority,
          guestAttempts: input.userId ? null : (input.guestAttempts ?? null),
          createdAt: new Date(now),
        },
        select: { id: true, priority: true, createdAt: true },
      });
      if (engine === "graphile-worker") {
        // One named queue per author: graphile-worker runs at most one job of a queue at a time.
        await tx.$executeRaw`SELECT graphile_worker.add_job(
          ${GRADE_TASK}::text,
          json_build_object('submissionId', ${row.id}::text),
          queue_name := ${input.author}::text,
          max_attempts := ${GRAPHILE_MAX_ATTEMPTS}::int,
          job_key := ${row.id}::text,
          priority := ${row.priority}::int
        )`;
      }
      const position = await aheadOf(tx, row);
      return {
        ok: true,
        accepted: { id: row.id, status: "queued", position, ...(input.userId ? {} : { token: issueSubmissionToken(row.id) }) },
      };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
  if (outcome.ok && engine === "in-process") wakeLocalGrader();
  return outcome;
}
