import "server-only";
import { MAX_GRADING_ATTEMPTS, type SubmissionStage, type SubmissionStatus } from "@/lib/api/challenges";
import type { QueueHealth } from "@/lib/api/system";
import { getChallenge } from "@/lib/content/challenges";
import { prisma } from "../db";
import { FINISHED_STATUSES, submissionTokenAllows, submissionVerdict } from "../submissions";
import { queueEngine, staleMs } from "./config";
import { aheadOf } from "./enqueue";
import { liveGraders } from "./workers";

/** Who asks about a submission: the signed-in user, and the token a guest got with the 202. */
export interface Viewer {
  userId: string | null;
  token?: string | null;
}

/**
 * Where submission `id` is in the pipeline, and its verdict once graded. Null unless `viewer` owns it (a signed-in
 * student's own row, or a guest's row with the token issued for it), so the route answers 404 alike for "no such
 * submission" and "not yours".
 */
export async function submissionStatus(id: string, viewer: Viewer): Promise<SubmissionStatus | null> {
  const row = await prisma.challengeSubmission.findUnique({ where: { id } });
  if (!row) return null;
  const owns = row.userId !== null ? row.userId === viewer.userId : submissionTokenAllows(viewer.token, row.id);
  if (!owns) return null;
  const finished = (FINISHED_STATUSES as readonly string[]).includes(row.status);
  return {
    id: row.id,
    challengeId: row.challengeId,
    status: row.status as SubmissionStage,
    ahead: row.status === "queued" ? await aheadOf(prisma, row) : null,
    worker: row.workerName,
    attempt: row.attempts,
    maxAttempts: MAX_GRADING_ATTEMPTS,
    deadLettered: row.deadLettered,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    verdict: finished ? await submissionVerdict(row, getChallenge(row.challengeId)?.lesson ?? "") : null,
  };
}

const workerNumber = (name: string) => Number.parseInt(name.replace(/^\D+/, ""), 10) || 0;

/** Depth, running, age of the oldest waiting submission, and the graders alive, for /api/health. */
export async function queueHealth(now: number = Date.now()): Promise<QueueHealth> {
  const [depth, running, oldest, graders] = await Promise.all([
    prisma.challengeSubmission.count({ where: { status: "queued" } }),
    prisma.challengeSubmission.count({ where: { status: "running" } }),
    prisma.challengeSubmission.findFirst({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    liveGraders(staleMs(), now),
  ]);
  return {
    engine: queueEngine(),
    depth,
    running,
    oldestQueuedAgeMs: oldest ? Math.max(0, now - oldest.createdAt.getTime()) : null,
    workers: graders
      .sort((a, b) => workerNumber(a.name) - workerNumber(b.name))
      .map((g) => ({ name: g.name, host: g.host, lastSeen: g.lastSeen.toISOString() })),
  };
}
