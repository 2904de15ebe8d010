import fs from "node:fs";
import path from "node:path";
import { ContentError, type ContentProblem } from "./errors";
import { parseLessonFrontmatter, type LessonFrontmatter } from "./frontmatter";
import { contentRoot, displayPath } from "./paths";

export interface LessonMeta extends LessonFrontmatter {
  /** Project-relative path of the source file, for error messages. */
  file: string;
  /** Line of each frontmatter field, for messages about cross-references. */
  fieldLines: Record<string, number>;
}

export interface Lesson extends LessonMeta {
  /** MDX body; frontmatter replaced by blank lines so line numbers match the file. */
  body: string;
}

const FILE_RE = /^(\d{2})-([a-z0-9-]+)\.mdx$/;

interface Loaded {
  stamp: string;
  lessons: Lesson[];
  problems: ContentProblem[];
}
let cache: Loaded | null = null;

function lessonsDir(): string {
  return path.join(contentRoot(), "lessons");
}

/** File names + mtimes: cheap to compute on every request, so edits in `npm run dev` show up on the next load. */
function stampOf(dir: string, files: string[]): string {
  return files.map((f) => `${f}@${fs.statSync(path.join(dir, f)).mtimeMs}`).join("|") + `#${dir}`;
}

/**
 * Read and validate every lesson's frontmatter. Returns problems instead of throwing so the checker can report
 * all of them at once; pages use {@link listLessons}, which throws.
 */
export function readLessons(): { lessons: Lesson[]; problems: ContentProblem[] } {
  const dir = lessonsDir();
  if (!fs.existsSync(dir)) return { lessons: [], problems: [{ file: displayPath(dir), message: "lessons folder is missing" }] };
  // In production content cannot change under a running server: skip the directory scan on every request.
  if (process.env.NODE_ENV === "production" && cache?.stamp.endsWith(`#${dir}`)) return cache;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".mdx")).sort();
  const stamp = stampOf(dir, files);
  if (cache?.stamp === stamp) return cache;

  const lessons: Lesson[] = [];
  const problems: ContentProblem[] = [];
  for (const name of files) {
    const abs = path.join(dir, name);
    const file = displayPath(abs);
    const m = FILE_RE.exec(name);
    if (!m) {
      problems.push({ file, message: `lesson file names look like "NN-slug.mdx" (e.g. 01-message-queues.mdx)` });
      continue;
    }
    const { data, body, problems: fm, fieldLines } = parseLessonFrontmatter(file, fs.readFileSync(abs, "utf8"));
    problems.push(...fm);
    if (!data) continue;
    if (data.slug !== m[2]) problems.push({ file, line: fieldLines.slug, message: `frontmatter field "slug" is "${data.slug}" but the file name says "${m[2]}"` });
    lessons.push({ ...data, file, fieldLines, body });
  }
  lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));

  const bySlug = new Map<string, Lesson>();
  const byOrder = new Map<number, Lesson>();
  for (const l of lessons) {
    const dup = bySlug.get(l.slug);
    if (dup) problems.push({ file: l.file, line: l.fieldLines.slug, message: `slug "${l.slug}" is already used by ${dup.file}` });
    bySlug.set(l.slug, l);
    const same = byOrder.get(l.order);
    if (same) problems.push({ file: l.file, line: l.fieldLines.order, message: `frontmatter field "order": ${l.order} is already used by ${same.file}` });
    byOrder.set(l.order, l);
  }
  for (const l of lessons) {
    for (const field of ["prerequisites", "related"] as const) {
      for (const ref of l[field]) {
        if (ref === l.slug) problems.push({ file: l.file, line: l.fieldLines[field], message: `frontmatter field "${field}" lists the lesson itself` });
        else if (!bySlug.has(ref)) problems.push({ file: l.file, line: l.fieldLines[field], message: `frontmatter field "${field}" names unknown lesson "${ref}"` });
      }
    }
  }
  cache = { stamp, lessons, problems };
  return cache;
}

/** Every lesson in course order. Throws a {@link ContentError} naming file and field when any frontmatter is invalid. */
export function listLessons(): LessonMeta[] {
  const { lessons, problems } = readLessons();
  if (problems.length) throw new ContentError(problems);
  return lessons.map(({ body: _body, ...meta }) => meta);
}

/** One lesson with its body, or null for an unknown slug. */
export function getLesson(slug: string): Lesson | null {
  const { lessons, problems } = readLessons();
  if (problems.length) throw new ContentError(problems);
  return lessons.find((l) => l.slug === slug) ?? null;
}
