import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { z } from "zod";
import type { ContentProblem } from "./errors";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, single hyphens)");

export const CATEGORIES = ["Foundations", "Patterns", "Reliability", "Architecture"] as const;

/** Lesson frontmatter. Unknown keys are rejected so a typo (`summery:`) is caught rather than ignored. */
export const lessonFrontmatterSchema = z.strictObject({
  slug,
  title: z.string().trim().min(3).max(80),
  summary: z.string().trim().min(20).max(400),
  category: z.enum(CATEGORIES),
  minutes: z.number().int().min(5).max(180),
  order: z.number().int().min(1),
  prerequisites: z.array(slug).default([]),
  related: z.array(slug).default([]),
});

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

export interface SplitSource {
  /** Raw YAML between the `---` fences. */
  yaml: string;
  /** The MDX body with the frontmatter replaced by blank lines, so body line numbers match the file. */
  body: string;
  /** 1-based line of the first YAML line. */
  yamlStartLine: number;
}

/** Separate `---` frontmatter from the MDX body, keeping line numbers stable. */
export function splitFrontmatter(source: string): SplitSource | null {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!m) return null;
  const blank = "\n".repeat(m[0].split("\n").length - 1);
  return { yaml: m[1], body: blank + source.slice(m[0].length), yamlStartLine: 2 };
}

/**
 * Parse and validate lesson frontmatter. Problems name the field and the line it is on
 * (or the frontmatter's first line for a missing field).
 */
export function parseLessonFrontmatter(
  file: string,
  source: string,
): { data?: LessonFrontmatter; body: string; problems: ContentProblem[]; fieldLines: Record<string, number> } {
  const split = splitFrontmatter(source);
  if (!split) {
    return { body: source, fieldLines: {}, problems: [{ file, line: 1, message: "missing frontmatter: the file must start with a --- fenced YAML block" }] };
  }
  const lc = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: lc, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? split.yamlStartLine : lc.linePos(offset).line + split.yamlStartLine - 1);
  if (doc.errors.length) {
    return { body: split.body, fieldLines: {}, problems: doc.errors.map((e) => ({ file, line: lineOf(e.pos[0]), message: `frontmatter is not valid YAML: ${e.message.split("\n")[0]}` })) };
  }
  const raw = doc.toJS();
  const fieldLines: Record<string, number> = {};
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) if (isScalar(pair.key)) fieldLines[String(pair.key.value)] = lineOf(pair.key.range?.[0]);
  }
  const parsed = lessonFrontmatterSchema.safeParse(raw);
  if (parsed.success) return { data: parsed.data, body: split.body, problems: [], fieldLines };

  const fieldLine = (path: PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = split.yamlStartLine;
    for (const key of path) {
      if (!isMap(node)) break;
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      line = lineOf((pair.key as YamlNode).range?.[0]);
      node = pair.value;
    }
    return line;
  };
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join(".") : "(frontmatter)";
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    if (keys.length) {
      return { file, line: fieldLine([keys[0]]), message: `frontmatter has unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}` };
    }
    const missing = issue.code === "invalid_type" && raw && typeof raw === "object" && !(String(issue.path[0]) in raw);
    return { file, line: fieldLine(issue.path), message: missing ? `frontmatter field "${field}" is required` : `frontmatter field "${field}": ${issue.message}` };
  });
  return { body: split.body, problems, fieldLines };
}
