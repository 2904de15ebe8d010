import "server-only";
import { MAX_CODE_BYTES, type Draft } from "@/lib/api/challenges";
import { prisma } from "./db";

/*
 * A signed-in student's editor contents per challenge, one row each (upserted on every save), so the editor comes
 * back as they left it on any device. Guests keep theirs in the browser (components/challenge).
 */

/** Same limit as a submission: a draft is code the student may submit. */
export const MAX_DRAFT_BYTES = MAX_CODE_BYTES;

/** Save (create or replace) the student's draft. The caller has checked the size. */
export async function saveDraft(userId: string, challengeId: string, code: string): Promise<Draft> {
  const row = await prisma.challengeDraft.upsert({
    where: { userId_challengeId: { userId, challengeId } },
    create: { userId, challengeId, code },
    update: { code },
    select: { code: true, updatedAt: true },
  });
  return { code: row.code, updatedAt: row.updatedAt.toISOString() };
}

/** The student's draft, or null when they have none. */
export async function getDraft(userId: string, challengeId: string): Promise<Draft | null> {
  const row = await prisma.challengeDraft.findUnique({
    where: { userId_challengeId: { userId, challengeId } },
    select: { code: true, updatedAt: true },
  });
  return row ? { code: row.code, updatedAt: row.updatedAt.toISOString() } : null;
}

/** Forget the draft (Reset to the starter). Deleting a draft that does not exist is fine. */
export async function deleteDraft(userId: string, challengeId: string): Promise<void> {
  await prisma.challengeDraft.deleteMany({ where: { userId, challengeId } });
}
