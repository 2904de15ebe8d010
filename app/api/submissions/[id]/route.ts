import { SUBMISSION_TOKEN_HEADER } from "@/lib/api/challenges";
import { queueEngine } from "@/lib/server/grading-queue/config";
import { ensureLocalGrader } from "@/lib/server/grading-queue/local";
import { submissionStatus } from "@/lib/server/grading-queue/status";
import { clientErrors, jsonError } from "@/lib/server/http";
import { currentUserId } from "@/lib/server/session";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/**
 * Where a submission is in the grading pipeline, and its verdict once graded: SubmissionStatus (lib/api/challenges).
 * The signed-in student's own submissions; a guest's with the token from the 202 in the x-submission-token header.
 * 404 for anything else, whether it exists or not.
 */
export async function GET(req: Request, { params }: Params) {
  return clientErrors(async () => {
    const { id } = await params;
    // On SQLite this process grades: make sure the runner is up (it starts at boot; this covers a failed start).
    if (queueEngine() === "in-process") void ensureLocalGrader().catch(() => {});
    const status = await submissionStatus(id, { userId: await currentUserId(), token: req.headers.get(SUBMISSION_TOKEN_HEADER) });
    if (!status) return jsonError(404, "no such submission (or it is not yours)");
    return Response.json(status, { headers: { "Cache-Control": "no-store" } });
  });
}
