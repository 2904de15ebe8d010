import fs from "node:fs";
import path from "node:path";
import { contentRoot } from "@/lib/content/paths";

/** Read an example file from content/examples (ids are checked by the content checker; this guards traversal too). */
export function readExample(exampleId: string, file = "example"): string | null {
  if (!/^[a-z0-9-]+$/.test(exampleId) || !/^[a-z0-9-]+$/.test(file)) return null;
  const abs = path.join(contentRoot(), "examples", exampleId, `${file}.ts`);
  return fs.existsSync(abs) ? fs.readFileSync(abs, "utf8") : null;
}
