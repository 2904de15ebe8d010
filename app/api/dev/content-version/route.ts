import fs from "node:fs";
import path from "node:path";
import { contentRoot } from "@/lib/content/paths";

export const dynamic = "force-dynamic";

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Development only: a version stamp of content/ that the lesson page polls to hot-reload MDX edits. */
export function GET() {
  if (process.env.NODE_ENV !== "development") return Response.json({ error: "not found" }, { status: 404 });
  return Response.json({ version: newestMtime(contentRoot()) });
}
