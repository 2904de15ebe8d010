import type { ContentVersionResponse } from "@/lib/api/system";
import { contentVersion } from "@/lib/content/version";
import { jsonError } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** Development only: a version stamp of content/ that the lesson page polls to hot-reload MDX edits. */
export function GET() {
  if (process.env.NODE_ENV !== "development") return jsonError(404, "not found");
  return Response.json({ version: contentVersion() } satisfies ContentVersionResponse);
}
