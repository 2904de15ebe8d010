import { mergeProgressRequestSchema, type MergeProgressResponse } from "@/lib/api/progress";
import { clientErrors, readJson, unauthorized } from "@/lib/server/http";
import { mergeGuestProgress } from "@/lib/server/progress";
import { currentUserId } from "@/lib/server/session";

/** Fold a guest's browser progress into the signed-in account (union; browser-claimable steps only). */
export async function POST(req: Request) {
  return clientErrors(async () => {
    // 1. authenticate
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    // 2. validate
    const body = await readJson(req, mergeProgressRequestSchema);
    if (!body.ok) return body.response;
    // 3. merge (server-verified steps only with a receipt this server signed, lib/server/receipts.ts), 4. respond
    return Response.json((await mergeGuestProgress(userId, body.data.progress, body.data.receipts)) satisfies MergeProgressResponse);
  });
}
