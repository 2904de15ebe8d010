import { ATTEMPTS_HEADER, type SolutionResponse } from "@/lib/api/challenges";
import { getChallenge } from "@/lib/content/challenges";
import { clientErrors, jsonError } from "@/lib/server/http";
import { currentUserId } from "@/lib/server/session";
import { FAILURES_TO_UNLOCK_SOLUTION, readReferenceSolution, solutionAccess } from "@/lib/server/submissions";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/**
 * The reference solution, once earned: `{ solution, reason: "passed" | "failures" }`. 403 until the student has
 * passed or failed three submissions (stored submissions when signed in; a guest's signed attempt record).
 */
export async function GET(req: Request, { params }: Params) {
  return clientErrors(async () => {
    const { id } = await params;
    // 1. find the challenge
    if (!getChallenge(id)) return jsonError(404, `unknown challenge "${id}"`);
    // 2. authenticate (optional) and check the unlock condition on the server
    const userId = await currentUserId();
    const access = await solutionAccess(id, { userId, attempts: req.headers.get(ATTEMPTS_HEADER) });
    if (!access.allowed) {
      const left = FAILURES_TO_UNLOCK_SOLUTION - access.failedSubmissions;
      const error = `the solution unlocks after you pass, or after ${left} more failed submission${left === 1 ? "" : "s"}`;
      return jsonError(403, error, { "Cache-Control": "no-store" }, { failedSubmissions: access.failedSubmissions });
    }
    // 3. respond
    const solution = readReferenceSolution(id);
    if (solution === null) return jsonError(404, `challenge "${id}" has no reference solution`);
    return Response.json({ solution, reason: access.reason } satisfies SolutionResponse, { headers: { "Cache-Control": "private, no-store" } });
  });
}
