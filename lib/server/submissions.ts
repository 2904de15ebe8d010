import "server-only";
import { z } from "zod";
import { MAX_CODE_BYTES, type PublicGradeResult, type SubmissionResponse, type SubmissionSummary } from "@/lib/api/challenges";
import type { GradeResult } from "@/lib/grading/types";
import { loadChallengeSecrets } from "./challenges";
import { prisma } from "./db";
import { issueReceipt } from "./receipts";
import { signToken, verifyToken } from "./signed-token";

/*
 * Challenge submissions: what a stored, graded submission means to the student (verdict, step receipt, attempt
 * record), their history, and when the reference solution may be shown. Grading itself runs in the queue
 * (lib/server/grading-queue), which records the step only on a pass the server itself saw.
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

/** The part of a grader result a student may see (and that is stored): no console output, no test source. */
export function toPublicResult(r: GradeResult): PublicGradeResult {
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

// ---- Following a queued submission ----
//
// Submissions are graded by the queue (lib/server/grading-queue): the API stores them as "queued" and answers 202.
// A signed-in student follows their own rows; a guest presents the token from the 202, which names one submission.

const submissionClaims = z.object({ s: z.string() });
/** How long a guest may follow a submission with the token from the 202. */
const SUBMISSION_TOKEN_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function issueSubmissionToken(submissionId: string): string {
  return signToken("submission", { s: submissionId });
}

/** Whether `token` is one this server signed for following submission `submissionId`. */
export function submissionTokenAllows(token: string | null | undefined, submissionId: string): boolean {
  const claims = verifyToken("submission", token, submissionClaims, { maxChars: 512, maxAgeMs: SUBMISSION_TOKEN_MAX_AGE_MS });
  return claims?.s === submissionId;
}

/** The stored columns a verdict is computed from. */
export interface FinishedSubmission {
  id: string;
  userId: string | null;
  challengeId: string;
  status: string;
  passed: number;
  total: number;
  durationMs: number;
  result: unknown;
  guestAttempts: string | null;
}

/** The stored public result of a finished row (per-test outcomes and the error, if any). */
function storedResult(r: Pick<FinishedSubmission, "status" | "passed" | "total" | "durationMs" | "result">): PublicGradeResult {
  const stored = r.result as Partial<PublicGradeResult> | null;
  return {
    status: r.status as PublicGradeResult["status"],
    passed: r.passed,
    total: r.total,
    durationMs: r.durationMs,
    tests: Array.isArray(stored?.tests) ? stored.tests : [],
    ...(typeof stored?.error === "string" ? { error: stored.error } : {}),
  };
}

/**
 * What the student needs to act on a finished submission: the same answer the synchronous API gave. Signed in:
 * counts from their stored submissions (the step was recorded by the grader). Guest: a step receipt on a pass, and
 * the attempt record they presented with the submission, advanced by this outcome.
 */
export async function submissionVerdict(row: FinishedSubmission, lessonSlug: string): Promise<SubmissionResponse> {
  const result = storedResult(row);
  const passed = result.status === "passed";
  if (row.userId) {
    const state = await attemptState(row.userId, row.challengeId);
    return { ...result, id: row.id, stepCompleted: passed, solutionUnlocked: unlocked(state.passed, state.failed), failedSubmissions: state.failed, hasPassed: state.passed };
  }
  const before = readAttempts(row.guestAttempts, row.challengeId);
  const record: AttemptRecord = { c: row.challengeId, f: before.f + (passed ? 0 : 1), p: before.p || passed };
  return {
    ...result,
    id: row.id,
    stepCompleted: passed,
    ...(passed ? { receipt: issueReceipt({ lessonSlug, stepId: "challenge", subject: `challenge:${row.challengeId}` }) } : {}),
    solutionUnlocked: unlocked(record.p, record.f),
    failedSubmissions: record.f,
    hasPassed: record.p,
    attempts: issueAttempts(record),
  };
}

// ---- History ----

/** Statuses of a graded submission (the others are "queued" and "running"). */
export const FINISHED_STATUSES = ["passed", "failed", "error"] as const;

/** The student's own recent graded submissions to one challenge, newest first. Only ever `userId`'s rows. */
export async function listSubmissions(userId: string, challengeId: string, limit = HISTORY_LIMIT): Promise<SubmissionSummary[]> {
  const rows = await prisma.challengeSubmission.findMany({
    where: { userId, challengeId, status: { in: [...FINISHED_STATUSES] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), code: r.code, ...storedResult(r) }));
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
