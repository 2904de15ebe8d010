/** Result shapes shared by the server grader, the API and the browser runner. Browser-safe. */

export type GradeStatus = "passed" | "failed" | "error";

export interface TestOutcome {
  /** The test's name as written in the test file. */
  name: string;
  passed: boolean;
  /** Why it failed, for the student: "expected 3, received 2", "timed out after 2 s", ... Never test source. */
  message?: string;
}

/**
 * The verdict on one submission.
 * - `passed`: every test passed.
 * - `failed`: the code ran and at least one test failed (including timeouts and out-of-memory inside a test).
 * - `error`: the tests could not run at all: compile error, an exception or endless loop while the module loaded,
 *   a missing export, or a grader crash. `error` says which, in words meant for the student.
 */
export interface GradeResult {
  status: GradeStatus;
  passed: number;
  total: number;
  /** Wall-clock time of the sandbox run (and compile, on the server), in milliseconds. */
  durationMs: number;
  /**
   * CPU time the sandbox thread spent on the code and its tests, in milliseconds (10 ms steps), where the platform
   * can measure it (Linux). This, not the wall clock, is what the time budget counts on the server.
   */
  cpuMs?: number;
  tests: TestOutcome[];
  error?: string;
  /** What the code printed with console.*, capped (a note at the end marks truncation). Omitted when empty. */
  output?: string;
}

/** Per-challenge limits, from the challenge's frontmatter. */
export interface GradeLimits {
  /**
   * Time budget for the whole submission, loading the module plus every test, in milliseconds. On the server it is
   * CPU time (a busy server does not fail correct code), with a wall-clock cap of WALL_CLOCK_FACTOR times it; where
   * CPU time cannot be measured, and in the browser, it is wall-clock time.
   */
  timeoutMs: number;
  /** QuickJS heap limit in MiB. */
  memoryMb: number;
}

export const DEFAULT_LIMITS: GradeLimits = { timeoutMs: 2000, memoryMb: 64 };

/**
 * However busy the server, a submission is stopped once this many times its budget has passed on the wall clock,
 * whatever CPU time it was given: a student waits at most that long for an answer.
 */
export const WALL_CLOCK_FACTOR = 4;

/** Console output kept per submission, in characters. */
export const OUTPUT_LIMIT_CHARS = 16 * 1024;

/** A result for a submission that never reached the tests. */
export function errorResult(error: string, durationMs = 0): GradeResult {
  return { status: "error", passed: 0, total: 0, durationMs, tests: [], error };
}

/** "2 s", "1.5 s", "800 ms": budgets in messages. */
export function formatBudget(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}
