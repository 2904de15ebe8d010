import fs from "node:fs";
import path from "node:path";
import { createProcessor } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";
import { transformSync } from "esbuild";
import { COMPONENT_SPECS } from "./components";
import type { ContentProblem } from "./errors";
import { readLessons, type Lesson } from "./lessons";
import { contentRoot, displayPath } from "./paths";
import { STEP_IDS, stepTitle, type StepId } from "./steps";

// Minimal mdast/MDX node shape: enough to walk the tree without pulling in @types/mdast.
interface MdNode {
  type: string;
  name?: string | null;
  url?: string;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: MdNode[];
  position?: { start: { line: number } };
  value?: string;
}

const processor = createProcessor({ remarkPlugins: [remarkGfm] });

/** Parse an MDX body to its syntax tree; a syntax error becomes a problem with the line MDX reports. */
export function parseMdx(file: string, body: string): { tree?: MdNode; problems: ContentProblem[] } {
  try {
    return { tree: processor.parse(body) as unknown as MdNode, problems: [] };
  } catch (e) {
    const err = e as { line?: number; place?: { line?: number; start?: { line?: number } }; reason?: string; message?: string };
    const line = err.line ?? err.place?.line ?? err.place?.start?.line;
    return { problems: [{ file, line, message: `MDX syntax error: ${err.reason ?? err.message}` }] };
  }
}

function literalProps(node: MdNode, file: string, problems: ContentProblem[]): Record<string, string> {
  const props: Record<string, string> = {};
  for (const a of node.attributes ?? []) {
    if (a.type !== "mdxJsxAttribute" || !a.name) {
      problems.push({ file, line: node.position?.start.line, message: `<${node.name}>: spread attributes are not allowed` });
      continue;
    }
    if (typeof a.value === "string") props[a.name] = a.value;
    else if (a.value === null || a.value === undefined) props[a.name] = "true";
    else problems.push({ file, line: node.position?.start.line, message: `<${node.name} ${a.name}>: use a plain string ("..."), not an expression` });
  }
  return props;
}

const INTERNAL_LINK = /^\/(?:learn\/([a-z0-9-]+)(?:#step-([a-z-]+))?|lab)?\/?(?:[?#].*)?$/;

function checkLink(url: string, file: string, line: number | undefined, slugs: Set<string>, problems: ContentProblem[]): void {
  if (!url.startsWith("/") || url.startsWith("//")) return;
  const m = INTERNAL_LINK.exec(url);
  if (!m) problems.push({ file, line, message: `link "${url}" does not resolve: internal links go to /learn/<slug> or /lab` });
  else if (m[1] && !slugs.has(m[1])) problems.push({ file, line, message: `link "${url}" points to unknown lesson "${m[1]}"` });
  else if (m[2] && !(STEP_IDS as readonly string[]).includes(m[2])) problems.push({ file, line, message: `link "${url}" points to unknown step "${m[2]}"` });
}

/** Structure, components, ids and links of one lesson body. */
export function checkLessonBody(lesson: Pick<Lesson, "file" | "body">, slugs: Set<string>, root = contentRoot()): ContentProblem[] {
  const { file } = lesson;
  const { tree, problems } = parseMdx(file, lesson.body);
  if (!tree) return problems;

  const steps: Array<{ id: string; line?: number }> = [];
  for (const node of tree.children ?? []) {
    const line = node.position?.start.line;
    if (node.type === "mdxjsEsm") problems.push({ file, line, message: "import/export is not allowed in lessons: use the registered components" });
    else if (node.type === "mdxJsxFlowElement" && node.name === "Step") steps.push({ id: literalProps(node, file, []).id ?? "", line });
    else if (!(node.type === "html" && /^\s*<!--[\s\S]*-->\s*$/.test(node.value ?? ""))) {
      problems.push({ file, line, message: `content outside a <Step>: every part of a lesson belongs to one of the nine steps` });
    }
  }
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.id)) problems.push({ file, line: s.line, message: `step "${s.id}" appears twice` });
    seen.add(s.id);
  }
  for (const id of STEP_IDS) {
    if (!seen.has(id)) problems.push({ file, line: steps.at(-1)?.line, message: `missing step "${id}" (${stepTitle(id as StepId)}): a lesson has exactly these nine steps: ${STEP_IDS.join(", ")}` });
  }
  const known = steps.filter((s) => (STEP_IDS as readonly string[]).includes(s.id)).map((s) => s.id);
  const expected = STEP_IDS.filter((id) => seen.has(id));
  if (known.length === expected.length && known.some((id, i) => id !== expected[i])) {
    problems.push({ file, line: steps[0]?.line, message: `steps are out of order: expected ${expected.join(", ")}` });
  }

  const walk = (node: MdNode, parent: string | null, depth: number) => {
    const line = node.position?.start.line;
    if (node.type === "link" && node.url) checkLink(node.url, file, line, slugs, problems);
    if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
      const name = node.name ?? "";
      const spec = COMPONENT_SPECS[name];
      if (!name) problems.push({ file, line, message: "fragments (<>) are not allowed" });
      else if (!spec) {
        problems.push({ file, line, message: `unknown component <${name}>: use one of ${Object.keys(COMPONENT_SPECS).join(", ")} (see docs/authoring.md)` });
      } else {
        const props = literalProps(node, file, problems);
        if (spec.topLevel && depth !== 0) problems.push({ file, line, message: `<${name}> must be at the top level of the lesson` });
        if (spec.parent && parent !== spec.parent) problems.push({ file, line, message: `<${name}> must be inside <${spec.parent}>` });
        if (spec.noChildren && (node.children ?? []).length) problems.push({ file, line, message: `<${name}> takes no children: write it self-closing (<${name} ... />)` });
        for (const key of Object.keys(props)) {
          if (!(key in spec.props)) problems.push({ file, line, message: `<${name}> has unknown prop "${key}"; allowed: ${Object.keys(spec.props).join(", ") || "none"}` });
        }
        for (const [key, p] of Object.entries(spec.props)) {
          const v = props[key];
          if (v === undefined) {
            if (p.required) problems.push({ file, line, message: `<${name}> is missing required prop "${key}"` });
            continue;
          }
          if (p.values && !p.values.includes(v)) problems.push({ file, line, message: `<${name} ${key}="${v}">: unknown ${key}; expected one of ${p.values.join(", ")}` });
          else if (!p.values && !v.trim()) problems.push({ file, line, message: `<${name} ${key}>: must not be empty` });
          else if (p.file) {
            const target = p.file(v, props);
            if (!fs.existsSync(path.join(root, target))) problems.push({ file, line, message: `<${name} ${key}="${v}">: unknown id; expected the file content/${target}` });
          }
        }
      }
      for (const c of node.children ?? []) walk(c, name || parent, depth + 1);
      return;
    }
    for (const c of node.children ?? []) walk(c, parent, depth + (node.type === "root" ? 0 : 1));
  };
  for (const c of tree.children ?? []) walk(c, null, 0);
  return problems;
}

/** Every runnable example must at least parse as TypeScript (the browser strips types the same way). */
export function checkExamples(root = contentRoot()): ContentProblem[] {
  const dir = path.join(root, "examples");
  if (!fs.existsSync(dir)) return [];
  const problems: ContentProblem[] = [];
  for (const sub of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!sub.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(dir, sub.name)).filter((n) => n.endsWith(".ts"))) {
      const abs = path.join(dir, sub.name, f);
      try {
        transformSync(fs.readFileSync(abs, "utf8"), { loader: "ts", sourcefile: f });
      } catch (e) {
        const err = (e as { errors?: Array<{ text: string; location?: { line: number } }> }).errors?.[0];
        problems.push({ file: displayPath(abs), line: err?.location?.line, message: `code example does not compile: ${err?.text ?? String(e)}` });
      }
    }
  }
  return problems;
}

export type ContentChecker = (root: string) => ContentProblem[] | Promise<ContentProblem[]>;

/**
 * Run every check over `content/`: lesson frontmatter and structure, components and the ids they reference,
 * internal links, code examples, plus any extra checkers (quizzes, challenges) passed in.
 */
export async function checkContent(extra: ContentChecker[] = []): Promise<ContentProblem[]> {
  const root = contentRoot();
  const { lessons, problems } = readLessons();
  const slugs = new Set(lessons.map((l) => l.slug));
  const all = [...problems];
  for (const lesson of lessons) all.push(...checkLessonBody(lesson, slugs, root));
  all.push(...checkExamples(root));
  for (const c of extra) all.push(...(await c(root)));
  return all.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
