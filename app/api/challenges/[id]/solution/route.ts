import { getChallenge } from "@/lib/content/challenges";
import { jsonError } from "@/lib/server/http";
import { currentUserId } from "@/lib/server/session";
import { FAILURES_TO_UNLOCK_SOLUTION, readReferenceSolution, solutionAccess } from "@/lib/server/submissions";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** Header in which a guest presents the signed attempt record from their last submission response. */
const ATTEMPTS_HEADER = "x-challenge-attempts";

/**
 * The reference solution, once earned: `{ solution, reason: "passed" | "failures" }`. 403 until the student has
 * passed or failed three submissions (stored submissions when signed in; a guest's signed attempt record).
 */
export async function GET(req: Request, { params }: Params) {
  const { id } = await params;
  // 1. find the challenge
  if (!getChallenge(id)) return jsonError(404, `unknown challenge "${id}"`);
  // 2. authenticate (optional) and check the unlock condition on the server
  const userId = await currentUserId();
  const access = await solutionAccess(id, { userId, attempts: req.headers.get(ATTEMPTS_HEADER) });
  if (!access.allowed) {
    const left = FAILURES_TO_UNLOCK_SOLUTION - access.failedSubmissions;
    return Response.json(
      { error: `the solution unlocks after you pass, or after ${left} more failed submission${left === 1 ? "" : "s"}`, failedSubmissions: access.failedSubmissions },
      { status: 403, headers: { "Cache-Control": "no-store" } },
    );
  }
  // 3. respond
  const solution = readReferenceSolution(id);
  if (solution === null) return jsonError(404, `challenge "${id}" has no reference solution`);
  return Response.json({ solution, reason: access.reason }, { headers: { "Cache-Control": "private, no-store" } });
}
