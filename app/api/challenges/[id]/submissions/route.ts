import { SUBMISSION_BODY_LIMIT, submissionRequestSchema } from "@/lib/api/challenges";
import { getChallenge } from "@/lib/content/challenges";
import { UnknownChallengeError } from "@/lib/server/grading";
import { jsonError, readJson, unauthorized } from "@/lib/server/http";
import { hitSubmissionLimit, retryAfterSeconds } from "@/lib/server/rate-limit";
import { currentUserId } from "@/lib/server/session";
import { codeSizeProblem, listSubmissions, submitSolution } from "@/lib/server/submissions";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/**
 * Grade code against the challenge's hidden tests: `{ code, attempts? }` → SubmissionResponse (lib/api/challenges).
 * 404 unknown challenge, 415 not JSON, 400 bad body, 413 over 64 KB of code, 429 (with Retry-After) past 30
 * submissions a minute per student or per guest address.
 */
export async function POST(req: Request, { params }: Params) {
  const { id } = await params;
  // 1. find the challenge
  const challenge = getChallenge(id);
  if (!challenge) return jsonError(404, `unknown challenge "${id}"`);
  // 2. authenticate (optional: guests may submit) and rate-limit before any work
  const userId = await currentUserId();
  const limit = await hitSubmissionLimit(userId, req.headers);
  if (!limit.ok) {
    const seconds = retryAfterSeconds(limit.retryAfterMs);
    return jsonError(429, `too many submissions: try again in ${seconds} s`, { "Retry-After": String(seconds) });
  }
  // 3. validate: the envelope (415/413/400), then the code's own size (413)
  const body = await readJson(req, submissionRequestSchema, SUBMISSION_BODY_LIMIT);
  if (!body.ok) return body.response;
  const tooLarge = codeSizeProblem(body.data.code);
  if (tooLarge) return jsonError(413, tooLarge);
  // 4. grade, store, respond
  try {
    return Response.json(await submitSolution({ challenge, code: body.data.code, userId, attempts: body.data.attempts }));
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
