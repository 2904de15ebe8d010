import { contentVersion } from "@/lib/content/version";

export const dynamic = "force-dynamic";

/** Development only: a version stamp of content/ that the lesson page polls to hot-reload MDX edits. */
export function GET() {
  if (process.env.NODE_ENV !== "development") return Response.json({ error: "not found" }, { status: 404 });
  return Response.json({ version: contentVersion() });
}
