import fs from "node:fs";
import path from "node:path";
import { contentRoot } from "./paths";

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(/*turbopackIgnore: true*/ dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Development only: a stamp of content/ (its newest modification time) that changes whenever an instructor saves.
 * The lesson page renders with the stamp it was read at, and polls /api/dev/content-version for a newer one.
 */
export function contentVersion(): number {
  return newestMtime(contentRoot());
}
