import { draftRequestSchema, type Draft, SUBMISSION_BODY_LIMIT } from "@/lib/api/challenges";
import { getChallenge } from "@/lib/content/challenges";
import { deleteDraft, getDraft, saveDraft } from "@/lib/server/drafts";
import { clientErrors, jsonError, readJson, unauthorized } from "@/lib/server/http";
import { currentUserId } from "@/lib/server/session";
import { codeSizeProblem } from "@/lib/server/submissions";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** Signed-in students only (guests keep drafts in their browser): the caller's id for an existing challenge. */
async function authorize(params: Params["params"]): Promise<{ ok: true; id: string; userId: string } | { ok: false; response: Response }> {
  const { id } = await params;
  if (!getChallenge(id)) return { ok: false, response: jsonError(404, `unknown challenge "${id}"`) };
  const userId = await currentUserId();
  if (!userId) return { ok: false, response: unauthorized() };
  return { ok: true, id, userId };
}

const reply = (draft: Draft | null) => Response.json({ draft });

/** The saved draft: `{ draft: { code, updatedAt } | null }`. */
export async function GET(_req: Request, { params }: Params) {
  return clientErrors(async () => {
    const who = await authorize(params);
    if (!who.ok) return who.response;
    return reply(await getDraft(who.userId, who.id));
  });
}

/** Save the editor's contents: `{ code }` → `{ draft: { code, updatedAt } }`. 413 over 64 KB of code. */
export async function PUT(req: Request, { params }: Params) {
  return clientErrors(async () => {
    // 1. authenticate
    const who = await authorize(params);
    if (!who.ok) return who.response;
    // 2. validate
    const body = await readJson(req, draftRequestSchema, SUBMISSION_BODY_LIMIT);
    if (!body.ok) return body.response;
    const tooLarge = codeSizeProblem(body.data.code);
    if (tooLarge) return jsonError(413, tooLarge);
    // 3. save, respond
    return reply(await saveDraft(who.userId, who.id, body.data.code));
  });
}

/** Forget the draft (Reset): 204. */
export async function DELETE(_req: Request, { params }: Params) {
  return clientErrors(async () => {
    const who = await authorize(params);
    if (!who.ok) return who.response;
    await deleteDraft(who.userId, who.id);
    return new Response(null, { status: 204 });
  });
}
