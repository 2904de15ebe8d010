import { createLabDesignRequestSchema, LAB_DESIGN_BODY_LIMIT } from "@/lib/api/lab-designs";
import { clientErrors, readJson, unauthorized } from "@/lib/server/http";
import { createLabDesign, listLabDesigns } from "@/lib/server/lab-designs";
import { currentUserId } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** The signed-in user's saved designs: `{ designs: [{ id, name, shareId, updatedAt }] }`, newest first. */
export async function GET() {
  return clientErrors(async () => {
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    return Response.json({ designs: await listLabDesigns(userId) });
  });
}

/** Save a new design: `{ name, design }` → 201 `{ design: { id, name, shareId, updatedAt, design } }`. */
export async function POST(req: Request) {
  return clientErrors(async () => {
    // 1. authenticate
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    // 2. validate the envelope (type, size, shape)
    const body = await readJson(req, createLabDesignRequestSchema, LAB_DESIGN_BODY_LIMIT);
    if (!body.ok) return body.response;
    // 3. validate the design (lib/lab's parseDesign, 400 with `problems`) and store it, 4. respond
    return Response.json({ design: await createLabDesign(userId, body.data) }, { status: 201 });
  });
}
