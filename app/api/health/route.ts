import type { HealthResponse } from "@/lib/api/system";
import { databaseKind, databaseUrl } from "@/lib/db-factory";
import { prisma } from "@/lib/server/db";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/server/http";
import { queueHealth } from "@/lib/server/grading-queue/status";

export const dynamic = "force-dynamic";

/**
 * A real database round trip (so a broken DB file or URL shows up here first) and the grading queue: depth, running,
 * age of the oldest waiting submission, and the workers with a fresh heartbeat.
 */
export async function GET() {
  const kind = databaseKind(databaseUrl());
  try {
    await prisma.user.findFirst({ select: { id: true } });
    const queue = await queueHealth();
    return Response.json({ status: "ok", database: { ok: true, kind }, queue } satisfies HealthResponse, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    console.error("health check: database unreachable", e);
    return Response.json({ status: "error", error: "database unreachable", database: { ok: false, kind } } satisfies HealthResponse, { status: 503, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } });
  }
}
