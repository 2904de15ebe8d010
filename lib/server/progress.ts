import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { LessonProgress, MergeProgressResponse } from "@/lib/api/progress";
import { listLessons } from "@/lib/content/lessons";
import { isClientCompletable, isStepId, STEP_IDS, TOTAL_STEPS, type StepId } from "@/lib/content/steps";
import { prisma } from "./db";
import { ClientError } from "./http";
import { verifyReceipt } from "./receipts";


/** Completed step ids per lesson slug for one user. */
export async function getCompletedSteps(userId: string): Promise<Record<string, StepId[]>> {
  const rows = await prisma.stepCompletion.findMany({ where: { userId }, select: { lessonSlug: true, stepId: true } });
  const out: Record<string, StepId[]> = {};
  for (const r of rows) if (isStepId(r.stepId)) (out[r.lessonSlug] ??= []).push(r.stepId);
  for (const slug of Object.keys(out)) out[slug].sort((a, b) => STEP_IDS.indexOf(a) - STEP_IDS.indexOf(b));
  return out;
}

/** `{ slug, completed, total }` for every lesson in course order; lessons never touched count 0. */
export async function getProgressSummary(userId: string): Promise<LessonProgress[]> {
  const done = await getCompletedSteps(userId);
  return listLessons().map((l) => ({ slug: l.slug, completed: done[l.slug]?.length ?? 0, total: TOTAL_STEPS }));
}

function assertLesson(slug: string): void {
  if (!listLessons().some((l) => l.slug === slug)) throw new ClientError(`unknown lesson "${slug}"`, 404);
}

async function upsertStep(userId: string, lessonSlug: string, stepId: StepId, db: Prisma.TransactionClient = prisma): Promise<void> {
  try {
    await db.stepCompletion.upsert({
      where: { userId_lessonSlug_stepId: { userId, lessonSlug, stepId } },
      create: { userId, lessonSlug, stepId },
      update: {},
    });
  } catch (e) {
    // Two tabs completing the same step at once: the loser hits the unique index. The row exists, which is the goal.
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
  }
}

/**
 * Mark a step the browser is allowed to complete (reading steps, tours, experiments). Idempotent.
 * Quiz and challenge steps are refused here: only the server's own checks complete them ({@link recordVerifiedStep}).
 */
export async function completeStep(userId: string, lessonSlug: string, stepId: StepId): Promise<StepId[]> {
  assertLesson(lessonSlug);
  if (!isClientCompletable(stepId)) {
    throw new ClientError(`step "${stepId}" is completed by passing it on the server, not by the browser`, 403);
  }
  await upsertStep(userId, lessonSlug, stepId);
  return (await getCompletedSteps(userId))[lessonSlug] ?? [];
}

/**
 * Record a step whose completion the server itself verified (hidden tests passed, every quiz question right).
 * `db`: a transaction to record it in, so it commits with the verdict that earned it.
 */
export async function recordVerifiedStep(userId: string, lessonSlug: string, stepId: StepId, db: Prisma.TransactionClient = prisma): Promise<void> {
  assertLesson(lessonSlug);
  await upsertStep(userId, lessonSlug, stepId, db);
}

/**
 * Merge a guest's browser-kept progress into the account: the union of both, so nothing is lost. Steps the browser
 * may not claim (quiz, challenge) count only with a server-signed receipt; unknown lessons/steps and bad receipts
 * are skipped and reported, not failed.
 */
export async function mergeGuestProgress(
  userId: string,
  guest: Record<string, string[]>,
  receipts: string[] = [],
): Promise<MergeProgressResponse> {
  const known = new Set(listLessons().map((l) => l.slug));
  const skipped: string[] = [];
  const toWrite: Array<[string, StepId]> = [];
  for (const [slug, steps] of Object.entries(guest)) {
    for (const step of new Set(steps)) {
      if (!known.has(slug) || !isStepId(step) || !isClientCompletable(step)) skipped.push(`${slug}/${step}`);
      else toWrite.push([slug, step]);
    }
  }
  // Server-verified steps a guest earned (quiz, challenge) come only with a receipt this server signed.
  for (const token of receipts) {
    const r = verifyReceipt(token);
    if (!r || !known.has(r.lessonSlug)) skipped.push("receipt");
    else toWrite.push([r.lessonSlug, r.stepId]);
  }
  await insertMissingSteps(userId, toWrite);
  return { merged: toWrite.length, skipped };
}

/**
 * Insert the (lesson, step) pairs the user does not have yet, in one statement. Not upserts in a transaction: on
 * PostgreSQL a unique-index race (the same step completed in another tab) aborts the whole transaction, so every
 * later statement fails (25P02). Here a race only fails the one INSERT, which is re-planned from a fresh read; each
 * failure means another request just stored some of these steps, so a few tries always settle it.
 */
async function insertMissingSteps(userId: string, pairs: Array<[string, StepId]>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const have = new Set((await prisma.stepCompletion.findMany({ where: { userId }, select: { lessonSlug: true, stepId: true } })).map((r) => `${r.lessonSlug}/${r.stepId}`));
    const missing = new Map<string, { userId: string; lessonSlug: string; stepId: StepId }>();
    for (const [lessonSlug, stepId] of pairs) if (!have.has(`${lessonSlug}/${stepId}`)) missing.set(`${lessonSlug}/${stepId}`, { userId, lessonSlug, stepId });
    if (missing.size === 0) return;
    try {
      await prisma.stepCompletion.createMany({ data: [...missing.values()] });
      return;
    } catch (e) {
      const raced = e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
      if (!raced || attempt === 5) throw e;
    }
  }
}
