import { z } from "zod";
import type { ContentProblem } from "./errors";
import { parseYamlSource } from "./yaml-source";

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
 * (or the frontmatter's first field for a missing one).
 */
export function parseLessonFrontmatter(
  file: string,
  source: string,
): { data?: LessonFrontmatter; body: string; problems: ContentProblem[]; fieldLines: Record<string, number> } {
  const split = splitFrontmatter(source);
  if (!split) {
    return { body: source, fieldLines: {}, problems: [{ file, line: 1, message: "missing frontmatter: the file must start with a --- fenced YAML block" }] };
  }
  const { doc, errors, lineOf } = parseYamlSource(split.yaml, split.yamlStartLine);
  if (errors.length) {
    return { body: split.body, fieldLines: {}, problems: errors.map((e) => ({ file, line: e.line, message: `frontmatter is not valid YAML: ${e.message}` })) };
  }
  const raw = doc.toJS();
  const fieldLines: Record<string, number> = {};
  if (raw && typeof raw === "object" && !Array.isArray(raw)) for (const key of Object.keys(raw)) fieldLines[key] = lineOf([key]);
  const parsed = lessonFrontmatterSchema.safeParse(raw);
  if (parsed.success) return { data: parsed.data, body: split.body, problems: [], fieldLines };

  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join(".") : "(frontmatter)";
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    if (keys.length) {
      return { file, line: lineOf([keys[0]]), message: `frontmatter has unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}` };
    }
    const missing = issue.code === "invalid_type" && raw && typeof raw === "object" && !(String(issue.path[0]) in raw);
    return { file, line: lineOf(issue.path), message: missing ? `frontmatter field "${field}" is required` : `frontmatter field "${field}": ${issue.message}` };
  });
  return { body: split.body, problems, fieldLines };
}
