import "server-only";
import { createHash } from "node:crypto";
import { evaluate } from "@mdx-js/mdx";
import * as runtime from "react/jsx-runtime";
import remarkGfm from "remark-gfm";
import type { ComponentType } from "react";

/*
 * Challenge prompts and hints are plain Markdown (challenge.md, hints.md), rendered here on the server so the
 * browser receives finished elements and no Markdown parser. `format: "md"` parses CommonMark + GFM, not MDX:
 * `TaskQueue<T>` in prose is text, and raw HTML is dropped (never passed through).
 */

type Content = ComponentType<{ components?: Record<string, ComponentType<never>> }>;

const compiled = new Map<string, Promise<Content>>();

function compile(md: string): Promise<Content> {
  const key = createHash("sha256").update(md).digest("hex");
  let p = compiled.get(key);
  if (!p) {
    p = evaluate(md, { ...runtime, format: "md", remarkPlugins: [remarkGfm] }).then((m) => m.default as Content);
    p.catch(() => compiled.delete(key));
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, p);
  }
  return p;
}

// The challenge sits under the step's h2 and its own h3 title, so the prompt's headings start at h4.
const heading = (Tag: "h4" | "h5" | "h6") =>
  function Heading(props: React.ComponentProps<"h4">) {
    return <Tag {...props} />;
  };
const COMPONENTS = { h1: heading("h4"), h2: heading("h4"), h3: heading("h5"), h4: heading("h6") };

/** Markdown rendered to React elements on the server. */
export async function Markdown({ source }: { source: string }) {
  const Content = await compile(source);
  return <Content components={COMPONENTS as never} />;
}
