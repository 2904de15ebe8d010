import { z } from "zod";
import { getChallenge } from "@/lib/content/challenges";
import { UnknownChallengeError } from "@/lib/server/grading";
import { jsonError, readJson, unauthorized } from "@/lib/server/http";
import { rateLimitKey, retryAfterSeconds, submissionLimiter } from "@/lib/server/rate-limit";
import { currentUserId } from "@/lib/server/session";
import { codeSizeProblem, listSubmissions, submitSolution, SUBMISSION_BODY_LIMIT } from "@/lib/server/submissions";

export const dynamic = "force-dynamic";

const body = z.strictObject({
  code: z.string(),
  /** Guests: the signed `attempts` record from the previous response. */
  attempts: z.string().max(1024).optional(),
});

type Params = { params: Promise<{ id: string }> };

/**
 * Grade code against the challenge's hidden tests: `{ code }` → `{ status, passed, total, durationMs, tests, error?,
 * stepCompleted, receipt?, solutionUnlocked, failedSubmissions, attempts? }`. 404 unknown challenge, 400 bad body,
 * 413 over 64 KB of code, 429 (with Retry-After) past 30 submissions a minute per student or per guest address.
 */
export async function POST(req: Request, { params }: Params) {
  const { id } = await params;
  // 1. find the challenge
  const challenge = getChallenge(id);
  if (!challenge) return jsonError(404, `unknown challenge "${id}"`);
  // 2. authenticate (optional: guests may submit) and rate-limit before any work
  const userId = await currentUserId();
  const limit = submissionLimiter().hit(rateLimitKey(userId, req.headers));
  if (!limit.ok) {
    const seconds = retryAfterSeconds(limit.retryAfterMs);
    return jsonError(429, `too many submissions: try again in ${seconds} s`, { "Retry-After": String(seconds) });
  }
  // 3. validate: the envelope (400/413), then the code's own size (413)
  const parsed = await readJson(req, body, SUBMISSION_BODY_LIMIT);
  if (!parsed.ok) return parsed.response;
  const tooLarge = codeSizeProblem(parsed.data.code);
  if (tooLarge) return jsonError(413, tooLarge);
  // 4. grade, store, respond
  try {
    return Response.json(await submitSolution({ challenge, code: parsed.data.code, userId, attempts: parsed.data.attempts }));
  } catch (e) {
    if (e instanceof UnknownChallengeError) return jsonError(404, `unknown challenge "${id}"`);
    throw e;
  }
}

/** The signed-in student's own recent submissions to this challenge, newest first: `{ submissions: [...] }`. */
export async function GET(_req: Request, { params }: Params) {
  const { id } = await params;
  if (!getChallenge(id)) return jsonError(404, `unknown challenge "${id}"`);
  const userId = await currentUserId();
  if (!userId) return unauthorized();
  return Response.json({ submissions: await listSubmissions(userId, id) });
}
