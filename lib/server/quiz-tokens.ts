import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Quiz progress tokens: the server's signed statement "these questions of this quiz were answered correctly".
 *
 * The step is done when every question has been answered correctly at least once, possibly across several attempts
 * ("Retry wrong questions" re-sends only the wrong ones). Guests have no database rows, so after each attempt the
 * server signs the union of the questions verified so far and the browser sends it back with the next attempt. The
 * browser can store and return the token but not change it: a list it wrote itself fails the signature.
 *
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(payload, key)). The key is derived from AUTH_SECRET with
 * its own label, so a step receipt (lib/server/receipts.ts) can never pass as a quiz token or the other way round.
 */
export interface QuizToken {
  quizId: string;
  /** "guest", or the id of the signed-in user it was issued to. */
  sub: string;
  /** Question ids verified correct. */
  solved: string[];
  /** Issued at, ms since epoch. */
  iat: number;
}

export const GUEST_SUBJECT = "guest";
/** Long enough to finish a quiz over several visits; short enough that a copied token does not live forever. */
const MAX_AGE_MS = 90 * 24 * 3600 * 1000;
const MAX_TOKEN_CHARS = 4096;

function key(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: quiz progress tokens cannot be signed");
  return `decoupled-quiz-progress:${secret}`;
}

const sign = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

/** Sign the questions verified correct so far for one quiz and one subject (a user id or {@link GUEST_SUBJECT}). */
export function issueQuizToken(t: Omit<QuizToken, "iat">): string {
  const payload = Buffer.from(JSON.stringify({ quizId: t.quizId, sub: t.sub, solved: [...new Set(t.solved)].sort(), iat: Date.now() })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/**
 * The question ids a token proves for `quizId`, or null when the token is not one this server signed, is for another
 * quiz, has expired, or was issued to a different user. A guest's token is accepted after they sign in too (it is
 * still this server's verdict on answers given in this browser); a user's token is not accepted from anyone else.
 */
export function verifyQuizToken(token: string, quizId: string, userId: string | null): string[] | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_CHARS) return null;
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let t: QuizToken;
  try {
    t = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as QuizToken;
  } catch {
    return null;
  }
  if (t.quizId !== quizId || typeof t.iat !== "number" || !Array.isArray(t.solved)) return null;
  if (Date.now() - t.iat > MAX_AGE_MS || t.iat > Date.now() + 60_000) return null;
  if (t.sub !== GUEST_SUBJECT && t.sub !== userId) return null;
  return t.solved.filter((s): s is string => typeof s === "string");
}
