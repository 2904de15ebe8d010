import { LAB_DESIGN_BODY_LIMIT, updateLabDesignRequestSchema } from "@/lib/api/lab-designs";
import { clientErrors, readJson, unauthorized } from "@/lib/server/http";
import { deleteLabDesign, getLabDesign, updateLabDesign } from "@/lib/server/lab-designs";
import { currentUserId } from "@/lib/server/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** One of the signed-in user's designs, with the design itself; 404 for anyone else's. */
export async function GET(_req: Request, { params }: Ctx) {
  return clientErrors(async () => {
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    const { id } = await params;
    return Response.json({ design: await getLabDesign(userId, id) });
  });
}

/** Update the name and/or design of the user's own design: `{ name?, design? }`; 404 for anyone else's. */
export async function PUT(req: Request, { params }: Ctx) {
  return clientErrors(async () => {
    // 1. authenticate
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    // 2. validate the envelope
    const body = await readJson(req, updateLabDesignRequestSchema, LAB_DESIGN_BODY_LIMIT);
    if (!body.ok) return body.response;
    // 3. validate the design and write it where the owner matches, 4. respond
    const { id } = await params;
    return Response.json({ design: await updateLabDesign(userId, id, body.data) });
  });
}

/** Delete the user's own design; its share link stops working. 204, or 404 for anyone else's. */
export async function DELETE(_req: Request, { params }: Ctx) {
  return clientErrors(async () => {
    const userId = await currentUserId();
    if (!userId) return unauthorized();
    const { id } = await params;
    await deleteLabDesign(userId, id);
    return new Response(null, { status: 204 });
  });
}
