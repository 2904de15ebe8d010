import { z } from "zod";
import { readJson, unauthorized } from "@/lib/server/http";
import { createLabDesign, LAB_DESIGN_BODY_LIMIT, LabDesignError, listLabDesigns } from "@/lib/server/lab-designs";
import { currentUserId } from "@/lib/server/session";

export const dynamic = "force-dynamic";

// The design itself is validated by lib/lab's parseDesign inside createLabDesign (it knows the design's rules).
const createBody = z.strictObject({ name: z.string().max(200), design: z.unknown() });

/** The signed-in user's saved designs: `{ designs: [{ id, name, shareId, updatedAt }] }`, newest first. */
export async function GET() {
  const userId = await currentUserId();
  if (!userId) return unauthorized();
  return Response.json({ designs: await listLabDesigns(userId) });
}

/** Save a new design: `{ name, design }` → 201 `{ design: { id, name, shareId, updatedAt, design } }`. */
export async function POST(req: Request) {
  // 1. authenticate
  const userId = await currentUserId();
  if (!userId) return unauthorized();
  // 2. validate the envelope (size, shape)
  const parsed = await readJson(req, createBody, LAB_DESIGN_BODY_LIMIT);
  if (!parsed.ok) return parsed.response;
  // 3. validate the design and store it, 4. respond
  try {
    const saved = await createLabDesign(userId, { name: parsed.data.name, design: parsed.data.design });
    return Response.json({ design: saved }, { status: 201 });
  } catch (e) {
    if (e instanceof LabDesignError) return Response.json({ error: e.message, problems: e.problems }, { status: e.status });
    throw e;
  }
}

