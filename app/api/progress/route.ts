import type { ProgressResponse } from "@/lib/api/progress";
import { clientErrors, unauthorized } from "@/lib/server/http";
import { getProgressSummary } from "@/lib/server/progress";
import { currentUserId } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** The signed-in user's progress: `{ lessons: [{ slug, completed, total }] }` in course order. */
export async function GET() {
  return clientErrors(async () => {
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    return Response.json({ lessons: await getProgressSummary(userId) } satisfies ProgressResponse);
  });
}
