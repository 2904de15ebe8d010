import type { HealthResponse } from "@/lib/api/system";
import { prisma } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Liveness plus a real database round trip, so a broken DB file or URL shows up here first. */
export async function GET() {
  try {
    await prisma.user.findFirst({ select: { id: true } });
    return Response.json({ status: "ok" } satisfies HealthResponse);
  } catch (e) {
    console.error("health check: database unreachable", e);
    return Response.json({ status: "error", error: "database unreachable" } satisfies HealthResponse, { status: 503 });
  }
}
