import "server-only";
import { createHash } from "node:crypto";
import { evaluate } from "@mdx-js/mdx";
import * as runtime from "react/jsx-runtime";
import remarkGfm from "remark-gfm";
import type { ComponentType } from "react";

type MdxContent = ComponentType<{ components?: Record<string, ComponentType<never>> }>;

// Compiled lessons keyed by source hash: in production each lesson compiles once per process; in dev an edit
// changes the hash, so the next request recompiles.
const compiled = new Map<string, Promise<MdxContent>>();

/** Compile a lesson body to a React component (server side; the MDX never reaches the browser as source). */
export function compileLesson(body: string): Promise<MdxContent> {
  const key = createHash("sha256").update(body).digest("hex");
  let p = compiled.get(key);
  if (!p) {
    p = evaluate(body, { ...runtime, remarkPlugins: [remarkGfm] }).then((m) => m.default as MdxContent);
    p.catch(() => compiled.delete(key));
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, p);
  }
  return p;
}
