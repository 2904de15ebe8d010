import { z } from "zod";
import { readJson, unauthorized } from "@/lib/server/http";
import { mergeGuestProgress } from "@/lib/server/progress";
import { currentUserId } from "@/lib/server/session";

// `{ progress: { "<lesson-slug>": ["why", ...] }, receipts: ["..."] }`: what a guest completed in this browser,
// plus server-signed receipts for steps only the server can verify (see lib/server/receipts.ts).
const body = z.strictObject({
  progress: z.record(z.string().max(100), z.array(z.string().max(40)).max(20)).refine((r) => Object.keys(r).length <= 100, "too many lessons"),
  receipts: z.array(z.string().max(2048)).max(200).default([]),
});

/** Fold a guest's browser progress into the signed-in account (union; browser-claimable steps only). */
export async function POST(req: Request) {
  const userId = await currentUserId();
  if (!userId) return unauthorized();
  const parsed = await readJson(req, body);
  if (!parsed.ok) return parsed.response;
  return Response.json(await mergeGuestProgress(userId, parsed.data.progress, parsed.data.receipts));
}
