import { z } from "zod";
import { getChallenge } from "@/lib/content/challenges";
import { deleteDraft, getDraft, saveDraft } from "@/lib/server/drafts";
import { jsonError, readJson, unauthorized } from "@/lib/server/http";
import { currentUserId } from "@/lib/server/session";
import { codeSizeProblem, SUBMISSION_BODY_LIMIT } from "@/lib/server/submissions";

export const dynamic = "force-dynamic";

const body = z.strictObject({ code: z.string() });

type Params = { params: Promise<{ id: string }> };

/** Signed-in students only (guests keep drafts in their browser): the caller's id for an existing challenge. */
async function authorize(params: Params["params"]): Promise<{ ok: true; id: string; userId: string } | { ok: false; response: Response }> {
  const { id } = await params;
  if (!getChallenge(id)) return { ok: false, response: jsonError(404, `unknown challenge "${id}"`) };
  const userId = await currentUserId();
  if (!userId) return { ok: false, response: unauthorized() };
  return { ok: true, id, userId };
}

/** The saved draft: `{ draft: { code, updatedAt } | null }`. */
export async function GET(_req: Request, { params }: Params) {
  const who = await authorize(params);
  if (!who.ok) return who.response;
  return Response.json({ draft: await getDraft(who.userId, who.id) });
}

/** Save the editor's contents: `{ code }` → `{ draft: { code, updatedAt } }`. 413 over 64 KB of code. */
export async function PUT(req: Request, { params }: Params) {
  // 1. authenticate
  const who = await authorize(params);
  if (!who.ok) return who.response;
  // 2. validate
  const parsed = await readJson(req, body, SUBMISSION_BODY_LIMIT);
  if (!parsed.ok) return parsed.response;
  const tooLarge = codeSizeProblem(parsed.data.code);
  if (tooLarge) return jsonError(413, tooLarge);
  // 3. save, respond
  return Response.json({ draft: await saveDraft(who.userId, who.id, parsed.data.code) });
}

/** Forget the draft (Reset): 204. */
export async function DELETE(_req: Request, { params }: Params) {
  const who = await authorize(params);
  if (!who.ok) return who.response;
  await deleteDraft(who.userId, who.id);
  return new Response(null, { status: 204 });
}
