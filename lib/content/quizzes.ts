import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { VISUAL_MODEL_IDS } from "./components";
import type { ContentProblem } from "./errors";
import { parseLessonFrontmatter } from "./frontmatter";
import { contentRoot, displayPath } from "./paths";
import { parseYamlSource, type YamlPath } from "./yaml-source";

/*
 * Quiz files (content/quizzes/<id>.yaml): the schema, the loader that keeps YAML line numbers, and the content
 * checker. This module parses the WHOLE file, correct answers included, so the app must only reach it through
 * lib/server/quizzes.ts (server-only). Client code may import the `Public*` types below and nothing else.
 */

export const QUESTION_KINDS = ["single", "multiple", "ordering", "predict"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A quiz has this many questions: enough to cover the lesson's misconceptions, few enough to finish in minutes. */
export const MIN_QUESTIONS = 4;
export const MAX_QUESTIONS = 6;
/** Fewer than three items would make "put these in order" a coin toss. */
export const MIN_ORDERING_ITEMS = 3;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = z.string().regex(KEBAB, "must be kebab-case (a-z, 0-9, single hyphens)").max(60);
// Markdown fields: non-empty after trimming; the renderer (lib/server/quiz-markdown.ts) decides what is supported.
const markdown = z.string().trim().min(1, "must not be empty");

const choiceSchema = z.strictObject({
  id,
  text: markdown,
  correct: z.boolean().optional(),
  explanation: markdown,
});

const itemSchema = z.strictObject({ id, text: markdown });

const choicesField = z.array(choiceSchema).min(2, "needs at least 2 choices");
const singleSchema = z.strictObject({ id, kind: z.literal("single"), prompt: markdown, choices: choicesField });
const multipleSchema = z.strictObject({ id, kind: z.literal("multiple"), prompt: markdown, choices: choicesField });
const predictSchema = z.strictObject({
  id,
  kind: z.literal("predict"),
  scenario: markdown,
  visual: z.enum(VISUAL_MODEL_IDS, { error: `must be a visual model id: one of ${VISUAL_MODEL_IDS.join(", ")}` }).optional(),
  prompt: markdown,
  choices: choicesField,
});
const orderingSchema = z.strictObject({
  id,
  kind: z.literal("ordering"),
  prompt: markdown,
  items: z.array(itemSchema).min(MIN_ORDERING_ITEMS, `needs at least ${MIN_ORDERING_ITEMS} items`),
  explanation: markdown,
});

const questionSchema = z.discriminatedUnion("kind", [singleSchema, multipleSchema, predictSchema, orderingSchema]);

// Questions are validated one by one (see parseQuiz) so one broken question does not hide problems in the others.
const quizShellSchema = z.strictObject({
  id,
  lesson: id,
  questions: z
    .array(z.unknown())
    .min(MIN_QUESTIONS, `a quiz has ${MIN_QUESTIONS}–${MAX_QUESTIONS} questions`)
    .max(MAX_QUESTIONS, `a quiz has ${MIN_QUESTIONS}–${MAX_QUESTIONS} questions`),
});

export type QuizChoice = z.infer<typeof choiceSchema>;
export type OrderingItem = z.infer<typeof itemSchema>;
export type ChoiceQuestion = z.infer<typeof singleSchema> | z.infer<typeof multipleSchema> | z.infer<typeof predictSchema>;
export type OrderingQuestion = z.infer<typeof orderingSchema>;
export type QuizQuestion = z.infer<typeof questionSchema>;

/** A quiz as authored, WITH the correct answers and explanations. Server code only. */
export interface Quiz {
  id: string;
  /** Slug of the lesson whose Quick Quiz step this is. */
  lesson: string;
  questions: QuizQuestion[];
  /** Project-relative source path, for messages. */
  file: string;
}

// ---- The client's view (no answers): produced by lib/server/quizzes.ts `toPublicQuiz` ----

export interface PublicOption {
  id: string;
  /** Inline HTML rendered on the server from the author's Markdown. */
  html: string;
  /** The same text without markup, for accessible names ("Move up: …"). */
  label: string;
}

export type PublicQuestion =
  | { id: string; kind: "single" | "multiple"; promptHtml: string; choices: PublicOption[] }
  | { id: string; kind: "predict"; promptHtml: string; scenarioHtml: string; visual?: string; choices: PublicOption[] }
  /** `items` are shuffled and never in the correct order. */
  | { id: string; kind: "ordering"; promptHtml: string; items: PublicOption[] };

export interface PublicQuiz {
  id: string;
  lessonSlug: string;
  questions: PublicQuestion[];
}

// ---- Loading with line numbers ----

const FIELD_HELP: Record<string, string> = {
  "choice.explanation": "say why this choice is right or wrong; students see it after choosing it",
  explanation: "say why this order is right; students see it once they get the order right",
  scenario: "a predict question needs a scenario: the concrete setup the student reasons about",
  choices: "list the answer choices",
  items: "list the items in the correct order; the app shuffles them",
  prompt: "the question itself",
  kind: `one of ${QUESTION_KINDS.join(", ")}`,
};

/** `question "sync-chain" choice "b"` for a zod path inside one question, using ids where the author gave them. */
function describe(raw: unknown, p: YamlPath): { where: string; field?: string } {
  const parts: string[] = [];
  let node: unknown = raw;
  let field: string | undefined;
  for (let i = 0; i < p.length; i++) {
    const key = p[i];
    const next = node && typeof node === "object" ? (node as Record<string | number, unknown>)[key as never] : undefined;
    if (typeof key === "number") {
      const label = parts.length === 0 ? "question" : p[i - 1] === "items" ? "item" : "choice";
      const itemId = next && typeof next === "object" ? (next as { id?: unknown }).id : undefined;
      parts.push(`${label} ${typeof itemId === "string" ? `"${itemId}"` : `#${key + 1}`}`);
    } else if (!(typeof p[i + 1] === "number")) {
      field = String(key);
    }
    node = next;
  }
  return { where: parts.join(" "), field };
}

function issueMessage(raw: unknown, issue: z.core.$ZodIssue, prefix: YamlPath): string {
  const fullPath = [...prefix, ...issue.path] as YamlPath;
  const { where, field } = describe(raw, fullPath);
  const head = where ? `${where}: ` : "";
  if (issue.code === "unrecognized_keys") {
    return `${head}unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  if (issue.code === "invalid_union" && field === "kind") {
    return `${head}"kind" must be one of ${QUESTION_KINDS.join(", ")}`;
  }
  // A missing field: zod says "expected string, received undefined"; say which field and what it is for.
  let parent: unknown = raw;
  for (const k of fullPath.slice(0, -1)) parent = parent && typeof parent === "object" ? (parent as Record<string, unknown>)[k as never] : undefined;
  const last = fullPath.at(-1);
  const missing = issue.code === "invalid_type" && parent && typeof parent === "object" && typeof last === "string" && !(last in parent);
  if (missing && field) {
    const help = FIELD_HELP[where.includes("choice ") ? `choice.${field}` : field] ?? FIELD_HELP[field];
    return `${head}"${field}" is required${help ? ` (${help})` : ""}`;
  }
  return `${head}${field ? `"${field}" ` : ""}${issue.message}`;
}

/** Problems that only need the question itself: correct-answer counts, unique ids and texts. */
function checkQuestion(q: QuizQuestion, at: (p: YamlPath) => number, qi: number, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const base = ["questions", qi] as const;
  const where = `question "${q.id}"`;
  const unique = (list: Array<{ id: string; text: string }>, field: "choices" | "items", label: string) => {
    const ids = new Set<string>();
    const texts = new Set<string>();
    list.forEach((c, i) => {
      if (ids.has(c.id)) problems.push({ file, line: at([...base, field, i]), message: `${where}: ${label} id "${c.id}" is used twice` });
      const norm = c.text.replace(/\s+/g, " ").trim().toLowerCase();
      if (texts.has(norm)) problems.push({ file, line: at([...base, field, i]), message: `${where}: ${label} "${c.id}" has the same text as an earlier ${label}` });
      ids.add(c.id);
      texts.add(norm);
    });
  };
  if (q.kind === "ordering") {
    unique(q.items, "items", "item");
    return problems;
  }
  unique(q.choices, "choices", "choice");
  const correct = q.choices.flatMap((c, i) => (c.correct ? [i] : []));
  if (correct.length === 0) {
    const need = q.kind === "multiple" ? "at least one" : "exactly one";
    problems.push({ file, line: at(base), message: `${where} has no correct choice: mark ${need} with "correct: true"` });
  } else if (q.kind !== "multiple" && correct.length > 1) {
    problems.push({
      file,
      line: at([...base, "choices", correct[1]]),
      message: `${where} (${q.kind}) has ${correct.length} correct choices but needs exactly one; use kind: multiple for "select all that apply"`,
    });
  }
  return problems;
}

/** Messages for the file's top level (id, lesson, questions). */
function shellIssueMessage(raw: unknown, issue: z.core.$ZodIssue): string {
  const top = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const field = issue.path[0] === undefined ? undefined : String(issue.path[0]);
  if (issue.code === "unrecognized_keys") {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}: a quiz file has id, lesson and questions`;
  }
  if (!field) return issue.message;
  if (issue.code === "invalid_type" && !(field in top)) return `"${field}" is required`;
  const value = top[field];
  return `"${field}": ${issue.message}${Array.isArray(value) ? ` (this one has ${value.length})` : ""}`;
}

/**
 * Parse and validate one quiz file's text. Every problem carries the line of the offending question, choice or
 * field. The quiz is returned only when there are no problems.
 */
export function parseQuiz(file: string, source: string): { quiz?: Quiz; problems: ContentProblem[] } {
  const { doc, errors, lineOf: at } = parseYamlSource(source);
  if (errors.length) {
    // The first syntax error is the one to fix; the rest are usually the parser losing its footing after it.
    return { problems: [{ file, line: errors[0].line, message: `not valid YAML: ${errors[0].message}` }] };
  }
  const raw: unknown = doc.toJS();
  const problems: ContentProblem[] = [];
  const shell = quizShellSchema.safeParse(raw);
  if (!shell.success) {
    for (const issue of shell.error.issues) {
      // Per-question issues are reported below, question by question.
      if (issue.path[0] === "questions" && issue.path.length > 1) continue;
      problems.push({ file, line: at(issue.code === "unrecognized_keys" ? [issue.keys[0]] : (issue.path as YamlPath)), message: shellIssueMessage(raw, issue) });
    }
  }
  const rawQuestions = raw && typeof raw === "object" && Array.isArray((raw as { questions?: unknown }).questions) ? ((raw as { questions: unknown[] }).questions) : [];
  const questions: QuizQuestion[] = [];
  const seenIds = new Map<string, number>();
  rawQuestions.forEach((rq, qi) => {
    const parsed = questionSchema.safeParse(rq);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ file, line: at(["questions", qi, ...(issue.path as YamlPath)]), message: issueMessage(raw, issue, ["questions", qi]) });
      }
      return;
    }
    const q = parsed.data;
    const dup = seenIds.get(q.id);
    if (dup !== undefined) problems.push({ file, line: at(["questions", qi]), message: `question id "${q.id}" is used twice (first at line ${at(["questions", dup])})` });
    else seenIds.set(q.id, qi);
    problems.push(...checkQuestion(q, at, qi, file));
    questions.push(q);
  });
  if (problems.length || !shell.success) return { problems };
  return { quiz: { id: shell.data.id, lesson: shell.data.lesson, questions, file }, problems };
}

/** Absolute path of a quiz file; null for an id that could not be a quiz id (no path tricks reach the disk). */
export function quizPath(root: string, quizId: string): string | null {
  return KEBAB.test(quizId) && quizId.length <= 60 ? path.join(root, "quizzes", `${quizId}.yaml`) : null;
}

/** Lesson slug -> quiz ids its MDX references, read cheaply (frontmatter + a scan for `<Quiz id="…" />`). */
function quizReferences(root: string): Map<string, string[]> {
  const dir = path.join(root, "lessons");
  const refs = new Map<string, string[]>();
  if (!fs.existsSync(dir)) return refs;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".mdx"))) {
    const source = fs.readFileSync(path.join(dir, name), "utf8");
    const slug = parseLessonFrontmatter(name, source).data?.slug ?? /^\d{2}-(.+)\.mdx$/.exec(name)?.[1];
    if (!slug) continue;
    refs.set(slug, [...source.matchAll(/<Quiz\s+id="([^"]*)"/g)].map((m) => m[1]));
  }
  return refs;
}

/**
 * The content checker for quizzes: every `content/quizzes/*.yaml` parses and validates, its id matches its file
 * name, its `lesson` exists and that lesson's Quick Quiz step shows this quiz.
 */
export function checkQuizzes(root: string = contentRoot()): ContentProblem[] {
  const dir = path.join(root, "quizzes");
  if (!fs.existsSync(dir)) return [];
  const refs = quizReferences(root);
  const problems: ContentProblem[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    const file = displayPath(abs);
    if (!name.endsWith(".yaml")) {
      problems.push({ file, message: `quiz files are named <quiz-id>.yaml` });
      continue;
    }
    const source = fs.readFileSync(abs, "utf8");
    const { quiz, problems: own } = parseQuiz(file, source);
    problems.push(...own);
    // Cross-file checks need id and lesson only, so run them even when a question is broken.
    const { doc, lineOf: at } = parseYamlSource(source);
    const raw = (quiz ?? doc.toJS()) as { id?: unknown; lesson?: unknown } | null;
    const fileId = name.slice(0, -".yaml".length);
    if (typeof raw?.id === "string" && raw.id !== fileId) {
      problems.push({ file, line: at(["id"]), message: `"id" is "${raw.id}" but the file name says "${fileId}"` });
    }
    if (typeof raw?.lesson === "string") {
      const quizId = typeof raw.id === "string" ? raw.id : fileId;
      const lessonRefs = refs.get(raw.lesson);
      if (!lessonRefs) problems.push({ file, line: at(["lesson"]), message: `"lesson" names unknown lesson "${raw.lesson}"` });
      else if (!lessonRefs.includes(quizId)) {
        problems.push({ file, line: at(["lesson"]), message: `lesson "${raw.lesson}" does not show this quiz: its Quick Quiz step needs <Quiz id="${quizId}" />` });
      }
    }
  }
  return problems;
}
