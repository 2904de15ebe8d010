import { z } from "zod";
import { STEP_IDS } from "@/lib/content/steps";
import { jsonError, readJson, unauthorized } from "@/lib/server/http";
import { completeStep, ProgressInputError } from "@/lib/server/progress";
import { currentUserId } from "@/lib/server/session";

const body = z.strictObject({ lessonSlug: z.string().min(1).max(100), stepId: z.enum(STEP_IDS as [string, ...string[]]) });

/** Mark one step done for the signed-in user (idempotent). Quiz and challenge steps are refused (403). */
export async function POST(req: Request) {
  // 1. authenticate
  const userId = await currentUserId();
  if (!userId) return unauthorized();
  // 2. validate
  const parsed = await readJson(req, body);
  if (!parsed.ok) return parsed.response;
  // 3. write, 4. respond
  try {
    const steps = await completeStep(userId, parsed.data.lessonSlug, parsed.data.stepId as (typeof STEP_IDS)[number]);
    return Response.json({ lessonSlug: parsed.data.lessonSlug, completedSteps: steps });
  } catch (e) {
    if (e instanceof ProgressInputError) return jsonError(e.status, e.message);
    throw e;
  }
}
