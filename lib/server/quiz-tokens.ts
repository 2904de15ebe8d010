import "server-only";
import { z } from "zod";
import { signToken, verifyToken } from "./signed-token";

/**
 * Quiz progress tokens: the server's signed statement "these questions of this quiz were answered correctly".
 *
 * The step is done when every question has been answered correctly at least once, possibly across several attempts
 * ("Retry wrong questions" re-sends only the wrong ones). Guests have no database rows, so after each attempt the
 * server signs the union of the questions verified so far and the browser sends it back with the next attempt. The
 * browser can store and return the token but not change it: a list it wrote itself fails the signature. It shows
 * the plain `solved` field of the response, never the token's contents.
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
const claims = z.object({ quizId: z.string(), sub: z.string(), solved: z.array(z.string()), iat: z.number() });

/** Sign the questions verified correct so far for one quiz and one subject (a user id or {@link GUEST_SUBJECT}). */
export function issueQuizToken(t: Omit<QuizToken, "iat">): string {
  return signToken("quiz-progress", { quizId: t.quizId, sub: t.sub, solved: [...new Set(t.solved)].sort() });
}

/**
 * The question ids a token proves for `quizId`, or null when the token is not one this server signed, is for another
 * quiz, has expired, or was issued to a different user. A guest's token is accepted after they sign in too (it is
 * still this server's verdict on answers given in this browser); a user's token is not accepted from anyone else.
 */
export function verifyQuizToken(token: string, quizId: string, userId: string | null): string[] | null {
  const t = verifyToken("quiz-progress", token, claims, { maxChars: MAX_TOKEN_CHARS, maxAgeMs: MAX_AGE_MS });
  if (!t || t.quizId !== quizId) return null;
  if (t.sub !== GUEST_SUBJECT && t.sub !== userId) return null;
  return t.solved;
}
