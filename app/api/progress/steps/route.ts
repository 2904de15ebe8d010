import { completeStepRequestSchema, type CompleteStepResponse } from "@/lib/api/progress";
import { clientErrors, readJson, unauthorized } from "@/lib/server/http";
import { completeStep } from "@/lib/server/progress";
import { currentUserId } from "@/lib/server/session";

/** Mark one step done for the signed-in user (idempotent). Quiz and challenge steps are refused (403). */
export async function POST(req: Request) {
  return clientErrors(async () => {
    // 1. authenticate
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    // 2. validate
    const body = await readJson(req, completeStepRequestSchema);
    if (!body.ok) return body.response;
    const { lessonSlug, stepId } = body.data;
    // 3. write, 4. respond
    return Response.json({ lessonSlug, completedSteps: await completeStep(userId, lessonSlug, stepId) } satisfies CompleteStepResponse);
  });
}
