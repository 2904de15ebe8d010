/**
 * Server-side grading of one submission: strip TypeScript with esbuild, wrap the student module and the test
 * module for the harness, and run them on a {@link GradingPool}. Node only (esbuild); not `server-only`, so the
 * content checker and benchmarks can use it from the command line.
 */
import { transform } from "esbuild";
import { RESERVED_EXPORT_NAMES, wrapStudentModule, wrapTestModule } from "./harness-source";
import type { GradingPool } from "./pool";
import { DEFAULT_LIMITS, errorResult, type GradeLimits, type GradeResult } from "./types";

/** Largest submission accepted, in UTF-16 code units (about 100 KB of ASCII). */
export const MAX_CODE_LENGTH = 100_000;

export interface GradeInput {
  /** The student's TypeScript module. */
  code: string;
  /** A test file's TypeScript source (hidden or visible tests). */
  tests: string;
  /** Names the tests use as bare identifiers, bound from the student's module. */
  exports: readonly string[];
  limits?: Partial<GradeLimits>;
}

export type CompileOutcome = { ok: true; js: string } | { ok: false; line?: number; column?: number; message: string };

interface EsbuildFailure {
  errors?: Array<{ text: string; location?: { line: number; column: number } | null }>;
}

function compileFailure(e: unknown): CompileOutcome {
  const first = (e as EsbuildFailure).errors?.[0];
  if (!first) return { ok: false, message: e instanceof Error ? e.message : String(e) };
  const loc = first.location;
  return { ok: false, line: loc?.line, column: loc ? loc.column + 1 : undefined, message: first.text };
}

/** Strip types and turn ES module syntax into CommonJS, which the module wrapper understands. */
export async function compileStudentModule(code: string): Promise<CompileOutcome> {
  try {
    const out = await transform(code, {
      loader: "ts",
      format: "cjs",
      target: "es2022",
      sourcefile: "solution.ts",
      logLevel: "silent",
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
    });
    return { ok: true, js: out.code };
  } catch (e) {
    return compileFailure(e);
  }
}

/** Strip types from a test file. Test files may not import or export: the harness passes everything in. */
export async function compileTestModule(source: string): Promise<CompileOutcome> {
  try {
    const out = await transform(source, { loader: "ts", target: "es2022", sourcefile: "tests.ts", logLevel: "silent" });
    const moduleSyntax = /^(?:import|export)\b/m.exec(out.code);
    if (moduleSyntax) {
      const line = source.slice(0, source.search(/^\s*(?:import|export)\b/m) + 1).split("\n").length;
      return { ok: false, line, message: "test files must not import or export: test, expect and the challenge's exports are passed in" };
    }
    return { ok: true, js: out.code };
  } catch (e) {
    return compileFailure(e);
  }
}

/** Export names must be plain identifiers the wrappers can bind. */
export function invalidExportName(name: string): string | null {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `"${name}" is not a JavaScript identifier`;
  if (RESERVED_EXPORT_NAMES.includes(name)) return `"${name}" is reserved by the test harness`;
  return null;
}

// Compiled test modules by source text: the same few suites are graded over and over.
const testCache = new Map<string, Promise<CompileOutcome>>();
const TEST_CACHE_SIZE = 64;

function compileTestsCached(source: string): Promise<CompileOutcome> {
  let hit = testCache.get(source);
  if (hit) {
    testCache.delete(source);
    testCache.set(source, hit);
    return hit;
  }
  hit = compileTestModule(source);
  testCache.set(source, hit);
  if (testCache.size > TEST_CACHE_SIZE) testCache.delete(testCache.keys().next().value!);
  return hit;
}

/**
 * Grade `input.code` against `input.tests` on `pool`. Never throws for anything the student wrote: compile
 * errors, missing exports, timeouts and crashes all come back as results.
 */
export async function gradeWithPool(pool: GradingPool, input: GradeInput): Promise<GradeResult> {
  const started = performance.now();
  const limits: GradeLimits = { ...DEFAULT_LIMITS, ...input.limits };
  const elapsed = () => Math.round(performance.now() - started);
  if (input.code.length > MAX_CODE_LENGTH) {
    return errorResult(`Your code is too long: ${input.code.length} characters, the limit is ${MAX_CODE_LENGTH}.`);
  }
  for (const name of input.exports) {
    const problem = invalidExportName(name);
    if (problem) throw new Error(`invalid export name: ${problem}`);
  }
  const [student, tests] = await Promise.all([compileStudentModule(input.code), compileTestsCached(input.tests)]);
  const compileMs = elapsed();
  if (!student.ok) {
    const where = student.line ? ` (line ${student.line}${student.column ? `, column ${student.column}` : ""})` : "";
    return errorResult(`Your code does not compile: ${student.message}${where}`, elapsed());
  }
  if (!tests.ok) return errorResult(`The challenge's tests failed to compile (a problem on our side): ${tests.message}`, elapsed());
  const result = await pool.run({
    student: wrapStudentModule(student.js, input.exports),
    tests: wrapTestModule(tests.js, input.exports),
    exports: input.exports,
    timeoutMs: limits.timeoutMs,
    memoryMb: limits.memoryMb,
  });
  // Compile plus sandbox time; time spent waiting for a free worker is load, not grading.
  return { ...result, durationMs: compileMs + result.durationMs };
}
