import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Challenge } from "@/lib/content/challenges";
import { MAX_CODE_BYTES, type PublicGradeResult, type SubmissionResponse, type SubmissionSummary } from "@/lib/api/challenges";
import type { GradeResult } from "@/lib/grading/types";
import { loadChallengeSecrets } from "./challenges";
import { prisma } from "./db";
import { gradeSubmission } from "./grading";
import { recordVerifiedStep } from "./progress";
import { issueReceipt } from "./receipts";
import { signToken, verifyToken } from "./signed-token";

/*
 * Challenge submissions: grade on the server, store for signed-in students, record the step only on a pass the
 * server itself saw, and decide when the reference solution may be shown.
 *
 * What a browser ever receives about the hidden tests: each test's name, pass/fail and failure message (never the
 * test source, which the harness keeps out of messages). The console output of the hidden run is NOT returned or
 * stored: printing the arguments the hidden tests pass would read the hidden cases out one by one.
 */

/** Failed submissions after which the reference solution may be shown without a pass. */
export const FAILURES_TO_UNLOCK_SOLUTION = 3;
/** Submissions listed in a student's history. */
export const HISTORY_LIMIT = 20;

/** Null when `code` is within the limit, else the message for a 413. */
export function codeSizeProblem(code: string): string | null {
  const bytes = Buffer.byteLength(code, "utf8");
  if (bytes <= MAX_CODE_BYTES) return null;
  return `your code is ${(bytes / 1024).toFixed(1)} KB; submissions are limited to ${MAX_CODE_BYTES / 1024} KB`;
}

function toPublic(r: GradeResult): PublicGradeResult {
  return {
    status: r.status,
    passed: r.passed,
    total: r.total,
    durationMs: Math.round(r.durationMs),
    tests: r.tests.map((t) => ({ name: t.name, passed: t.passed, ...(t.message ? { message: t.message } : {}) })),
    ...(r.error ? { error: r.error } : {}),
  };
}

// ---- Guests' attempt record ----
//
// Guests have no rows to count, so the server signs a small record of their attempts at one challenge and the
// browser keeps it. It can only grow by submitting: the count in a new record is the count in the presented one
// plus this submission's outcome. Deliberately NOT a step receipt (lib/server/receipts.ts): receipts complete
// steps at merge time, and a record of failures must never do that.

interface AttemptRecord {
  /** Challenge id. */
  c: string;
  /** Failed submissions. */
  f: number;
  /** Passed at least once. */
  p: boolean;
}

const attemptClaims = z.object({ c: z.string(), f: z.int().nonnegative(), p: z.boolean() });

function issueAttempts(r: AttemptRecord): string {
  return signToken("challenge-attempts", r);
}

/** The guest's record for `challengeId` if `token` is one this server signed for it; otherwise a fresh record. */
export function readAttempts(token: string | null | undefined, challengeId: string): AttemptRecord {
  const r = verifyToken("challenge-attempts", token, attemptClaims, { maxChars: 1024 });
  return r && r.c === challengeId ? { c: r.c, f: r.f, p: r.p } : { c: challengeId, f: 0, p: false };
}

const unlocked = (passed: boolean, failed: number) => passed || failed >= FAILURES_TO_UNLOCK_SOLUTION;

// ---- Submitting ----

export interface SubmitInput {
  challenge: Challenge;
  code: string;
  /** Null for a guest. */
  userId: string | null;
  /** Guests: the `attempts` record from their previous response, if any. */
  attempts?: string | null;
}

/**
 * Grade `code` against the challenge's hidden tests and act on the verdict. Signed in: the submission is stored and
 * a pass records the lesson's challenge step. Guest: nothing is stored; a pass comes with a step receipt, and every
 * response carries an updated signed attempt record. The caller has checked the code size.
 */
export async function submitSolution({ challenge, code, userId, attempts }: SubmitInput): Promise<SubmissionResponse> {
  const result = toPublic(await gradeSubmission(challenge.id, code));
  const passed = result.status === "passed";

  if (userId) {
    const row = await prisma.challengeSubmission.create({
      data: {
        userId,
        author: `user:${userId}`,
        challengeId: challenge.id,
        code,
        status: result.status,
        cpuMs: result.durationMs,
        attempts: 1,
        finishedAt: new Date(),
        passed: result.passed,
        total: result.total,
        durationMs: result.durationMs,
        result: result as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    // Progress comes from this verdict only: the browser never tells us it passed.
    if (passed) await recordVerifiedStep(userId, challenge.lesson, "challenge");
    const state = await attemptState(userId, challenge.id);
    return { ...result, id: row.id, stepCompleted: passed, solutionUnlocked: unlocked(state.passed, state.failed), failedSubmissions: state.failed, hasPassed: state.passed };
  }

  const before = readAttempts(attempts, challenge.id);
  const record: AttemptRecord = { c: challenge.id, f: before.f + (passed ? 0 : 1), p: before.p || passed };
  return {
    ...result,
    stepCompleted: passed,
    ...(passed ? { receipt: issueReceipt({ lessonSlug: challenge.lesson, stepId: "challenge", subject: `challenge:${challenge.id}` }) } : {}),
    solutionUnlocked: unlocked(record.p, record.f),
    failedSubmissions: record.f,
    hasPassed: record.p,
    attempts: issueAttempts(record),
  };
}

// ---- History ----

/** The student's own recent submissions to one challenge, newest first. Only ever `userId`'s rows. */
export async function listSubmissions(userId: string, challengeId: string, limit = HISTORY_LIMIT): Promise<SubmissionSummary[]> {
  const rows = await prisma.challengeSubmission.findMany({
    where: { userId, challengeId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((r) => {
    const stored = r.result as unknown as Partial<PublicGradeResult> | null;
    return {
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      code: r.code,
      status: r.status as PublicGradeResult["status"],
      passed: r.passed,
      total: r.total,
      durationMs: r.durationMs,
      tests: Array.isArray(stored?.tests) ? stored.tests : [],
      ...(typeof stored?.error === "string" ? { error: stored.error } : {}),
    };
  });
}

/** Whether the student has passed this challenge, and how many submissions failed (or errored). */
export async function attemptState(userId: string, challengeId: string): Promise<{ passed: boolean; failed: number }> {
  const groups = await prisma.challengeSubmission.groupBy({ by: ["status"], where: { userId, challengeId }, _count: { _all: true } });
  const count = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
  return { passed: count("passed") > 0, failed: count("failed") + count("error") };
}

// ---- The reference solution ----

export type SolutionAccess =
  | { allowed: true; reason: "passed" | "failures"; failedSubmissions: number }
  | { allowed: false; failedSubmissions: number };

/**
 * May this student see the reference solution? After a pass, or after {@link FAILURES_TO_UNLOCK_SOLUTION} failed
 * submissions: counted from stored submissions when signed in, from the signed attempt record for a guest.
 */
export async function solutionAccess(challengeId: string, who: { userId: string | null; attempts?: string | null }): Promise<SolutionAccess> {
  const state = who.userId ? await attemptState(who.userId, challengeId) : (({ p, f }) => ({ passed: p, failed: f }))(readAttempts(who.attempts, challengeId));
  if (state.passed) return { allowed: true, reason: "passed", failedSubmissions: state.failed };
  if (state.failed >= FAILURES_TO_UNLOCK_SOLUTION) return { allowed: true, reason: "failures", failedSubmissions: state.failed };
  return { allowed: false, failedSubmissions: state.failed };
}

/**
 * !!! THE REFERENCE SOLUTION LEAVES THE SERVER ONLY HERE, and only after {@link solutionAccess} allowed it. !!!
 * Null when the challenge has no solution file (unknown id).
 */
export function readReferenceSolution(challengeId: string): string | null {
  return loadChallengeSecrets(challengeId)?.solution ?? null;
}
