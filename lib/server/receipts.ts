import "server-only";
import { z } from "zod";
import { STEP_IDS, type StepId } from "@/lib/content/steps";
import { signToken, verifyToken } from "./signed-token";

/**
 * Proof that the SERVER verified a guest's step (all quiz answers right, hidden tests passed). Guests have no
 * account to write to, so the server hands back a signed receipt; the browser keeps it with the guest's progress
 * and presents it at merge time. Without a valid receipt a quiz/challenge step is never accepted from a browser.
 */
export interface StepReceipt {
  lessonSlug: string;
  stepId: StepId;
  /** What was verified, e.g. "quiz:message-queues" or "challenge:task-queue". */
  subject: string;
  /** Issued at, ms since epoch. */
  iat: number;
}

const MAX_AGE_MS = 180 * 24 * 3600 * 1000;
const claims = z.object({ lessonSlug: z.string(), stepId: z.enum(STEP_IDS as [StepId, ...StepId[]]), subject: z.string(), iat: z.number() });

export function issueReceipt(r: Omit<StepReceipt, "iat">): string {
  return signToken("receipt", { lessonSlug: r.lessonSlug, stepId: r.stepId, subject: r.subject });
}

/** The receipt's content when its signature is valid and it is not older than 180 days; otherwise null. */
export function verifyReceipt(token: string): StepReceipt | null {
  return verifyToken("receipt", token, claims, { maxChars: 2048, maxAgeMs: MAX_AGE_MS });
}
