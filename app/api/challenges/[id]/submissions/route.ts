import { SUBMISSION_BODY_LIMIT, submissionRequestSchema } from "@/lib/api/challenges";
import { getChallenge } from "@/lib/content/challenges";
import { queueEngine } from "@/lib/server/grading-queue/config";
import { authorKey, enqueueSubmission } from "@/lib/server/grading-queue/enqueue";
import { ensureLocalGrader } from "@/lib/server/grading-queue/local";
import { clientErrors, jsonError, readJson, unauthorized } from "@/lib/server/http";
import { hitSubmissionLimit, rateLimitKey, retryAfterSeconds } from "@/lib/server/rate-limit";
import { currentUserId } from "@/lib/server/session";
import { codeSizeProblem, listSubmissions } from "@/lib/server/submissions";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/**
 * Queue code for grading against the challenge's hidden tests: `{ code, attempts? }` → 202 SubmissionAccepted
 * (lib/api/challenges); follow it at GET /api/submissions/<id>. 404 unknown challenge, 415 not JSON, 400 bad body,
 * 413 over 64 KB of code, 429 (with Retry-After) past 30 submissions a minute, past 2 waiting submissions, or past
 * the author's grading-time budget; 503 (with Retry-After) when the whole grading queue is full.
 */
export async function POST(req: Request, { params }: Params) {
  return clientErrors(async () => {
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
    // 4. store and enqueue in one transaction, or refuse (per-author limits 429, full queue 503). On SQLite this
    //    process grades: its runner starts at boot (instrumentation.ts); this covers a start that failed.
    if (queueEngine() === "in-process") await ensureLocalGrader().catch((e) => console.error("grading queue: the in-process grader could not start", e));
    // A guest's limits follow their address: the same one the rate limiter keys on.
    const guestAddress = rateLimitKey(null, req.headers).replace(/^ip:/, "");
    const outcome = await enqueueSubmission({
      challengeId: challenge.id,
      code: body.data.code,
      userId,
      author: authorKey(userId, guestAddress),
      guestAttempts: body.data.attempts,
    });
    if (!outcome.ok) return jsonError(outcome.status, outcome.error, { "Retry-After": String(outcome.retryAfterSeconds) });
    return Response.json(outcome.accepted, { status: 202 });
  });
}

/** The signed-in student's own recent graded submissions to this challenge, newest first: `{ submissions: [...] }`. */
export async function GET(_req: Request, { params }: Params) {
  return clientErrors(async () => {
    const { id } = await params;
    if (!getChallenge(id)) return jsonError(404, `unknown challenge "${id}"`);
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    return Response.json({ submissions: await listSubmissions(userId, id) });
  });
}
