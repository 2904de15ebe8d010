import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { isStepId, type StepId } from "@/lib/content/steps";

/**
 * Proof that the SERVER verified a guest's step (all quiz answers right, hidden tests passed). Guests have no
 * account to write to, so the server hands back a signed receipt; the browser keeps it with the guest's progress
 * and presents it at merge time. Without a valid receipt a quiz/challenge step is never accepted from a browser.
 *
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(payload, AUTH_SECRET)).
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

function key(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: receipts cannot be signed");
  return `decoupled-receipt:${secret}`;
}

const sign = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

export function issueReceipt(r: Omit<StepReceipt, "iat">): string {
  const payload = Buffer.from(JSON.stringify({ ...r, iat: Date.now() })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The receipt's content when its signature is valid and it is not older than 180 days; otherwise null. */
export function verifyReceipt(token: string): StepReceipt | null {
  if (typeof token !== "string" || token.length > 2048) return null;
  const [payload, mac] = token.split(".");
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const r = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as StepReceipt;
    if (typeof r.lessonSlug !== "string" || !isStepId(r.stepId) || typeof r.subject !== "string" || typeof r.iat !== "number") return null;
    if (Date.now() - r.iat > MAX_AGE_MS) return null;
    return r;
  } catch {
    return null;
  }
}
