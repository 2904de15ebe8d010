import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { RESERVED_EXPORT_NAMES } from "@/lib/grading/harness-source";
import type { GradeResult } from "@/lib/grading/types";
import { ContentError, type ContentProblem } from "./errors";
import { splitFrontmatter } from "./frontmatter";
import { contentRoot, displayPath } from "./paths";
import { parseYamlSource, type YamlPath } from "./yaml-source";

/*
 * Coding challenges (content/challenges/<id>/): the schema, the loader for the PUBLIC parts (prompt, starter,
 * visible tests, hints) that pages may use, and the content checker.
 *
 * Hidden tests and reference solutions are never returned from this module. The app reads them only through
 * lib/server/challenges.ts (server-only); `checkChallenges` below reads them too, privately, to prove every
 * reference solution passes and every starter fails, because it must also run from a plain CLI.
 */

export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** The files of a challenge folder. `hints.md` is optional; the rest are required. */
export const CHALLENGE_FILES = {
  prompt: "challenge.md",
  starter: "starter.ts",
  solution: "solution.ts",
  visibleTests: "visible.test.ts",
  hiddenTests: "hidden.test.ts",
  hints: "hints.md",
} as const;

/** A hidden suite this size covers the edge cases without making grading slow. */
export const MIN_HIDDEN_TESTS = 8;
export const MAX_HIDDEN_TESTS = 15;
/** Progressive hints: each reveals a bit more than the one before. */
export const HINT_COUNT = 3;
/** The reference solution's hidden-suite run must stay under this share of the time budget. */
export const MAX_SOLUTION_BUDGET_SHARE = 0.5;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(RESERVED_EXPORT_NAMES);

export const challengeFrontmatterSchema = z.strictObject({
  title: z.string().trim().min(3).max(80),
  difficulty: z.enum(DIFFICULTIES),
  lesson: z.string().regex(KEBAB, "must be a lesson slug (kebab-case)"),
  /** Names the tests use as bare identifiers; the student's module must define each. */
  exports: z
    .array(
      z
        .string()
        .regex(IDENTIFIER, "must be a JavaScript identifier")
        .refine((n) => !RESERVED.has(n), "is reserved by the test harness"),
    )
    .min(1, "must name at least one export"),
  limits: z
    .strictObject({
      timeoutMs: z.number().int().min(100).max(10_000).default(2000),
      memoryMb: z.number().int().min(8).max(256).default(64),
    })
    .default({ timeoutMs: 2000, memoryMb: 64 }),
});

export type ChallengeFrontmatter = z.infer<typeof challengeFrontmatterSchema>;

/** What a page may show: everything except the hidden tests and the reference solution. */
export interface Challenge {
  id: string;
  title: string;
  difficulty: Difficulty;
  /** Slug of the lesson whose Challenge step shows this challenge. */
  lesson: string;
  /** Names the tests bind from the student's module. */
  exports: string[];
  limits: { timeoutMs: number; memoryMb: number };
  /** The task in Markdown (the body of challenge.md). */
  prompt: string;
  /** Starter TypeScript shown in the editor. */
  starter: string;
  /** Visible tests' TypeScript source, run in the browser with the same harness. */
  visibleTests: string;
  /** Progressive hints in Markdown, first (gentlest) first; empty when the challenge has none. */
  hints: string[];
  /** Project-relative path of challenge.md, for messages. */
  file: string;
}

export type ChallengeSummary = Pick<Challenge, "id" | "title" | "difficulty" | "lesson">;

export function challengesDir(root: string = contentRoot()): string {
  return path.join(root, "challenges");
}

/** Ids of every challenge folder, sorted. */
export function listChallengeIds(root: string = contentRoot()): string[] {
  const dir = challengesDir(root);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function readText(abs: string): string | null {
  try {
    return fs.readFileSync(abs, "utf8");
  } catch {
    return null;
  }
}

/** Parse and validate challenge.md: frontmatter problems name the field and its line. */
export function parseChallengeFile(
  file: string,
  source: string,
): { data?: ChallengeFrontmatter; prompt: string; problems: ContentProblem[]; fieldLine: (keys: YamlPath) => number } {
  const split = splitFrontmatter(source);
  if (!split) {
    return {
      prompt: source,
      fieldLine: () => 1,
      problems: [{ file, line: 1, message: "missing frontmatter: challenge.md must start with a --- fenced YAML block (title, difficulty, lesson, exports, limits)" }],
    };
  }
  const { doc, errors, lineOf: fieldLine } = parseYamlSource(split.yaml, split.yamlStartLine);
  const prompt = split.body.trim();
  if (errors.length) {
    return { prompt, fieldLine, problems: errors.map((e) => ({ file, line: e.line, message: `frontmatter is not valid YAML: ${e.message}` })) };
  }
  const raw = doc.toJS() as unknown;
  const problems: ContentProblem[] = [];
  if (!prompt) problems.push({ file, line: split.body.split("\n").length, message: "the prompt is empty: write the task below the frontmatter" });
  const parsed = challengeFrontmatterSchema.safeParse(raw);
  if (parsed.success) return { data: parsed.data, prompt, problems, fieldLine };
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "(frontmatter)";
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys;
      problems.push({
        file,
        line: fieldLine([...issue.path, keys[0]]),
        message: `frontmatter has unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`,
      });
      continue;
    }
    const missing = issue.code === "invalid_type" && issue.path.length === 1 && raw !== null && typeof raw === "object" && !(String(issue.path[0]) in raw);
    problems.push({
      file,
      line: fieldLine(issue.path),
      message: missing ? `frontmatter field "${field}" is required` : `frontmatter field "${field}": ${issue.message}`,
    });
  }
  return { prompt, problems, fieldLine };
}

/** Split hints.md on lines that are exactly `---`. */
export function parseHints(file: string, source: string): { hints: string[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const hints: string[] = [];
  let line = 1;
  for (const part of source.split(/^---[ \t]*$/m)) {
    const text = part.trim();
    if (!text) problems.push({ file, line, message: "empty hint: remove the extra --- or write the hint" });
    else hints.push(text);
    line += part.split("\n").length - 1;
  }
  return { hints, problems };
}

interface Loaded {
  stamp: string;
  challenge?: Challenge;
  problems: ContentProblem[];
}
const cache = new Map<string, Loaded>();

const PUBLIC_FILES = [CHALLENGE_FILES.prompt, CHALLENGE_FILES.starter, CHALLENGE_FILES.visibleTests, CHALLENGE_FILES.hints];

function stampOf(dir: string): string {
  return PUBLIC_FILES.map((f) => {
    try {
      return `${f}@${fs.statSync(path.join(/*turbopackIgnore: true*/ dir, f)).mtimeMs}`;
    } catch {
      return `${f}@-`;
    }
  }).join("|");
}

/**
 * Read and validate one challenge's public files. Returns problems instead of throwing so the checker can list
 * them all; pages use {@link getChallenge}, which throws. `challenge` is undefined for a folder that does not exist.
 */
export function readChallenge(id: string, root: string = contentRoot()): { challenge?: Challenge; problems: ContentProblem[] } {
  const dir = path.join(challengesDir(root), id);
  if (!KEBAB.test(id) || !fs.existsSync(dir)) return { problems: [] };
  const stamp = `${dir}#${stampOf(dir)}`;
  const hit = cache.get(dir);
  if (hit?.stamp === stamp) return hit;

  const problems: ContentProblem[] = [];
  const at = (name: string) => displayPath(path.join(dir, name));
  const promptFile = at(CHALLENGE_FILES.prompt);
  const mdSource = readText(path.join(dir, CHALLENGE_FILES.prompt));
  const starter = readText(path.join(dir, CHALLENGE_FILES.starter));
  const visibleTests = readText(path.join(dir, CHALLENGE_FILES.visibleTests));
  const hintsSource = readText(path.join(dir, CHALLENGE_FILES.hints));
  for (const [name, text] of [
    [CHALLENGE_FILES.prompt, mdSource],
    [CHALLENGE_FILES.starter, starter],
    [CHALLENGE_FILES.visibleTests, visibleTests],
  ] as const) {
    if (text === null) problems.push({ file: at(name), message: `missing file: every challenge needs ${name}` });
  }
  let data: ChallengeFrontmatter | undefined;
  let prompt = "";
  if (mdSource !== null) {
    const parsed = parseChallengeFile(promptFile, mdSource);
    data = parsed.data;
    prompt = parsed.prompt;
    problems.push(...parsed.problems);
  }
  let hints: string[] = [];
  if (hintsSource !== null) {
    const parsed = parseHints(at(CHALLENGE_FILES.hints), hintsSource);
    hints = parsed.hints;
    problems.push(...parsed.problems);
  }
  const challenge =
    data && starter !== null && visibleTests !== null
      ? { id, ...data, exports: [...data.exports], limits: { ...data.limits }, prompt, starter, visibleTests, hints, file: promptFile }
      : undefined;
  const loaded: Loaded = { stamp, challenge, problems };
  cache.set(dir, loaded);
  return loaded;
}

/** One challenge's public parts, or null for an unknown id. Throws a {@link ContentError} (file:line) when invalid. */
export function getChallenge(id: string, root: string = contentRoot()): Challenge | null {
  const { challenge, problems } = readChallenge(id, root);
  if (problems.length) throw new ContentError(problems);
  return challenge ?? null;
}

/** Every challenge's id, title, difficulty and lesson, sorted by id. Throws a {@link ContentError} when any is invalid. */
export function listChallenges(root: string = contentRoot()): ChallengeSummary[] {
  return listChallengeIds(root).map((id) => {
    const c = getChallenge(id, root)!;
    return { id: c.id, title: c.title, difficulty: c.difficulty, lesson: c.lesson };
  });
}

// ---- The content checker ----

/** Line of `test("name"` in a test file (1 when the name cannot be found). */
function testLine(source: string, name: string): number {
  const quoted = [JSON.stringify(name), `'${name}'`, `\`${name}\``];
  const lines = source.split("\n");
  const index = lines.findIndex((l) => /\btest\s*\(/.test(l) && quoted.some((q) => l.includes(q)));
  return index === -1 ? 1 : index + 1;
}

function challengeReferences(root: string): Map<string, string[]> {
  const dir = path.join(root, "lessons");
  const refs = new Map<string, string[]>();
  if (!fs.existsSync(dir)) return refs;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".mdx"))) {
    const slug = /^\d{2}-(.+)\.mdx$/.exec(name)?.[1];
    if (!slug) continue;
    const source = fs.readFileSync(path.join(dir, name), "utf8");
    refs.set(slug, [...source.matchAll(/<Challenge\s+id="([^"]*)"/g)].map((m) => m[1]));
  }
  return refs;
}

export interface CheckChallengesOptions {
  /** Pool to grade on; by default a private pool is started and closed. */
  pool?: import("@/lib/grading/pool").GradingPool;
  /** Only these challenge ids (default: all). */
  ids?: string[];
}

/**
 * The content checker for challenges. For each folder under content/challenges: the files exist, the frontmatter
 * and hints validate, the lesson exists and shows `<Challenge id>`, the prompt names every export, each TypeScript
 * file compiles, and, through the real sandbox and worker pool, the reference solution passes every visible and
 * hidden test (comfortably inside the time budget), the hidden suite has 8-15 uniquely named tests, and the
 * starter compiles, defines the exports and fails at least one hidden test.
 */
export async function checkChallenges(root: string = contentRoot(), options: CheckChallengesOptions = {}): Promise<ContentProblem[]> {
  const ids = options.ids ?? listChallengeIds(root);
  if (ids.length === 0) return [];
  // Loaded lazily so pages that only read challenges do not pull in esbuild or worker threads.
  const [{ GradingPool }, { gradeWithPool, compileStudentModule, compileTestModule }] = await Promise.all([
    import("@/lib/grading/pool"),
    import("@/lib/grading/grade"),
  ]);
  const pool = options.pool ?? new GradingPool();
  const refs = challengeReferences(root);
  try {
    const perChallenge = await Promise.all(
      ids.map(async (id): Promise<ContentProblem[]> => {
        const dir = path.join(challengesDir(root), id);
        const at = (name: string) => displayPath(path.join(dir, name));
        if (!KEBAB.test(id)) return [{ file: displayPath(dir), message: `challenge folder names are kebab-case ids (e.g. task-queue)` }];
        const { challenge, problems } = readChallenge(id, root);
        // !!! The checker reads the hidden tests and the reference solution here, to run them; it returns only problems.
        const solution = readText(path.join(dir, CHALLENGE_FILES.solution));
        const hidden = readText(path.join(dir, CHALLENGE_FILES.hiddenTests));
        if (solution === null) problems.push({ file: at(CHALLENGE_FILES.solution), message: "missing file: every challenge needs a reference solution.ts" });
        if (hidden === null) problems.push({ file: at(CHALLENGE_FILES.hiddenTests), message: "missing file: every challenge needs hidden.test.ts" });
        if (!challenge) return problems;

        const mdSource = readText(path.join(dir, CHALLENGE_FILES.prompt)) ?? "";
        const { fieldLine } = parseChallengeFile(challenge.file, mdSource);
        const lessonRefs = refs.get(challenge.lesson);
        if (!lessonRefs) problems.push({ file: challenge.file, line: fieldLine(["lesson"]), message: `"lesson" names unknown lesson "${challenge.lesson}"` });
        else if (!lessonRefs.includes(id)) {
          problems.push({ file: challenge.file, line: fieldLine(["lesson"]), message: `lesson "${challenge.lesson}" does not show this challenge: its Challenge step needs <Challenge id="${id}" />` });
        }
        for (const name of challenge.exports) {
          if (!challenge.prompt.includes(name)) problems.push({ file: challenge.file, line: fieldLine(["exports"]), message: `the prompt never mentions the export "${name}"` });
        }
        if (readText(path.join(dir, CHALLENGE_FILES.hints)) !== null && challenge.hints.length !== HINT_COUNT) {
          problems.push({ file: at(CHALLENGE_FILES.hints), message: `has ${challenge.hints.length} hint(s); write ${HINT_COUNT} progressive hints separated by --- lines` });
        }

        // Compile each file on its own first, so a syntax error is reported against the right file and line.
        const sources: Array<[string, string | null, "module" | "tests"]> = [
          [CHALLENGE_FILES.starter, challenge.starter, "module"],
          [CHALLENGE_FILES.solution, solution, "module"],
          [CHALLENGE_FILES.visibleTests, challenge.visibleTests, "tests"],
          [CHALLENGE_FILES.hiddenTests, hidden, "tests"],
        ];
        let compiles = true;
        for (const [name, source, kind] of sources) {
          if (source === null) continue;
          const out = kind === "module" ? await compileStudentModule(source) : await compileTestModule(source);
          if (!out.ok) {
            compiles = false;
            problems.push({ file: at(name), line: out.line, message: `does not compile: ${out.message}` });
          }
        }
        if (!compiles || solution === null || hidden === null) return problems;

        const input = (code: string, tests: string) => ({ code, tests, exports: challenge.exports, limits: challenge.limits });
        const [solVisible, solHidden, starterHidden] = await Promise.all([
          gradeWithPool(pool, input(solution, challenge.visibleTests)),
          gradeWithPool(pool, input(solution, hidden)),
          gradeWithPool(pool, input(challenge.starter, hidden)),
        ]);
        const suiteProblems = (result: GradeResult, testsName: string, source: string, label: string) => {
          if (result.status === "error") {
            problems.push({ file: at(CHALLENGE_FILES.solution), message: `the reference solution cannot run the ${label} tests: ${result.error}` });
            return;
          }
          const seen = new Set<string>();
          for (const t of result.tests) {
            if (seen.has(t.name)) problems.push({ file: at(testsName), line: testLine(source, t.name), message: `two tests are named "${t.name}"` });
            seen.add(t.name);
            if (!t.passed) problems.push({ file: at(testsName), line: testLine(source, t.name), message: `the reference solution fails "${t.name}": ${t.message}` });
          }
        };
        suiteProblems(solVisible, CHALLENGE_FILES.visibleTests, challenge.visibleTests, "visible");
        suiteProblems(solHidden, CHALLENGE_FILES.hiddenTests, hidden, "hidden");
        if (solVisible.status !== "error" && solVisible.total === 0) problems.push({ file: at(CHALLENGE_FILES.visibleTests), line: 1, message: "has no tests: students need at least one example to run" });
        if (solHidden.status !== "error") {
          if (solHidden.total < MIN_HIDDEN_TESTS || solHidden.total > MAX_HIDDEN_TESTS) {
            problems.push({ file: at(CHALLENGE_FILES.hiddenTests), line: 1, message: `has ${solHidden.total} tests; a hidden suite has ${MIN_HIDDEN_TESTS} to ${MAX_HIDDEN_TESTS}` });
          }
          const budget = challenge.limits.timeoutMs * MAX_SOLUTION_BUDGET_SHARE;
          let fastest = solHidden.durationMs;
          // A busy machine slows single runs down: only the best of three counts.
          for (let retry = 0; retry < 2 && solHidden.status === "passed" && fastest > budget; retry++) {
            fastest = Math.min(fastest, (await gradeWithPool(pool, input(solution, hidden))).durationMs);
          }
          if (solHidden.status === "passed" && fastest > budget) {
            problems.push({
              file: at(CHALLENGE_FILES.solution),
              message: `the reference solution took ${fastest} ms of the ${challenge.limits.timeoutMs} ms budget; keep it under ${Math.round(budget)} ms so slower correct solutions pass too`,
            });
          }
        }
        if (starterHidden.status === "error") {
          problems.push({ file: at(CHALLENGE_FILES.starter), message: `the starter code must compile and define the exports: ${starterHidden.error}` });
        } else if (starterHidden.status === "passed") {
          problems.push({ file: at(CHALLENGE_FILES.starter), message: "the starter code already passes every hidden test" });
        }
        return problems;
      }),
    );
    return perChallenge.flat();
  } finally {
    if (!options.pool) await pool.close();
  }
}
