import { z } from "zod";
import { readJson, unauthorized } from "@/lib/server/http";
import { deleteLabDesign, getLabDesign, LAB_DESIGN_BODY_LIMIT, LabDesignError, updateLabDesign } from "@/lib/server/lab-designs";
import { currentUserId } from "@/lib/server/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

const updateBody = z
  .strictObject({ name: z.string().max(200).optional(), design: z.unknown().optional() })
  .refine((b) => b.name !== undefined || b.design !== undefined, "send a name, a design or both");

function failure(e: unknown): Response {
  if (e instanceof LabDesignError) return Response.json({ error: e.message, problems: e.problems }, { status: e.status });
  throw e;
}

/** One of the signed-in user's designs, with the design itself; 404 for anyone else's. */
export async function GET(_req: Request, { params }: Ctx) {
  const userId = await currentUserId();
  if (!userId) return unauthorized();
  const { id } = await params;
  try {
    return Response.json({ design: await getLabDesign(userId, id) });
  } catch (e) {
    return failure(e);
  }
}

/** Update the name and/or design of the user's own design: `{ name?, design? }`; 404 for anyone else's. */
export async function PUT(req: Request, { params }: Ctx) {
  // 1. authenticate
  const userId = await currentUserId();
  if (!userId) return unauthorized();
  // 2. validate the envelope
  const parsed = await readJson(req, updateBody, LAB_DESIGN_BODY_LIMIT);
  if (!parsed.ok) return parsed.response;
  // 3. validate the design and write it where the owner matches, 4. respond
  const { id } = await params;
  try {
    return Response.json({ design: await updateLabDesign(userId, id, parsed.data) });
  } catch (e) {
    return failure(e);
  }
}

/** Delete the user's own design; its share link stops working. 204, or 404 for anyone else's. */
export async function DELETE(_req: Request, { params }: Ctx) {
  const userId = await currentUserId();
  if (!userId) return unauthorized();
  const { id } = await params;
  try {
    await deleteLabDesign(userId, id);
    return new Response(null, { status: 204 });
  } catch (e) {
    return failure(e);
  }
}
