/**
 * Visible tests in the browser: the same harness, test API and messages as server grading, run in the current
 * realm (a dedicated Web Worker). Browser-safe: sucrase for TypeScript, no Node imports.
 *
 * What the browser cannot do is interrupt a synchronous endless loop; the page must terminate the worker when it
 * overruns (as the Run button's worker already does). Everything else matches the server:
 * - the module and test wrappers, `test`/`expect`, failure messages and the console cap are shared code;
 * - lockdown (on by default) freezes the worker's built-ins exactly as in QuickJS, so patching `Array.prototype`
 *   fails the same way in both places. Run each submission in a fresh worker when lockdown is on;
 * - a test's promise that is still pending once the microtask queue is empty fails as "did not settle", as on the
 *   server, where no timers exist. (If the worker exposes `setTimeout` to student code, code that relies on it
 *   can pass here and fail on the server: remove timers from the worker's global scope before running.)
 */
import { transform } from "sucrase";
import { HARNESS_SOURCE, TEST_PASSED, TEST_PENDING, wrapStudentModule, wrapTestModule, type HarnessRunner } from "./harness-source";
import { errorResult, formatBudget, OUTPUT_LIMIT_CHARS, type GradeResult, type TestOutcome } from "./types";

export interface CompiledSuite {
  /** Wrapped student module for the harness. */
  student: string;
  /** Wrapped test module for the harness. */
  tests: string;
}

function sucraseError(e: unknown): string {
  const err = e as Error & { loc?: { line: number; column: number } };
  const message = (err.message ?? String(e)).replace(/\s*\(\d+:\d+\)\s*$/, "");
  return err.loc ? `${message} (line ${err.loc.line}, column ${err.loc.column + 1})` : message;
}

/** Strip types (sucrase) and wrap both modules. A compile error comes back as an `error` result. */
export function compileSuite(code: string, tests: string, exportNames: readonly string[]): { ok: true; suite: CompiledSuite } | { ok: false; result: GradeResult } {
  let student: string;
  try {
    student = transform(code, { transforms: ["typescript", "imports"], disableESTransforms: true }).code;
  } catch (e) {
    return { ok: false, result: errorResult(`Your code does not compile: ${sucraseError(e)}`) };
  }
  let testJs: string;
  try {
    testJs = transform(tests, { transforms: ["typescript"], disableESTransforms: true }).code;
  } catch (e) {
    return { ok: false, result: errorResult(`The tests failed to compile: ${sucraseError(e)}`) };
  }
  return { ok: true, suite: { student: wrapStudentModule(student, exportNames), tests: wrapTestModule(testJs, exportNames) } };
}

export interface RealmRunOptions {
  /** Budget for loading the module and running every test, in ms (checked between tests; see the module note). */
  timeoutMs: number;
  /** Console cap in characters; default 16 KiB. */
  outputLimit?: number;
  /** Freeze the realm's built-ins before untrusted code runs (default true). */
  lockdown?: boolean;
  /** How to evaluate source in the target realm; default indirect eval in this realm. */
  evaluate?: (source: string) => unknown;
  /** Resolve after the realm's microtask queue has drained; default a zero-delay `setTimeout`. */
  nextTurn?: () => Promise<void>;
  /** The clock the budget is counted on, in ms; default `Date.now`. */
  now?: () => number;
}

const defaultNextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Run a compiled suite in this realm (or the one `evaluate` targets) and report it in the server's result shape.
 * Never throws for anything the student's code does.
 */
export async function runSuiteInRealm(suite: CompiledSuite, exportNames: readonly string[], options: RealmRunOptions): Promise<GradeResult> {
  const started = performance.now();
  const evaluate = options.evaluate ?? ((source: string) => (0, eval)(source));
  const nextTurn = options.nextTurn ?? defaultNextTurn;
  const now = options.now ?? Date.now;
  const limit = formatBudget(options.timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  const factory = evaluate(HARNESS_SOURCE) as (outputLimit: number, lockdown: boolean) => HarnessRunner;
  const runner = factory(options.outputLimit ?? OUTPUT_LIMIT_CHARS, options.lockdown ?? true);
  const withOutput = (result: GradeResult): GradeResult => {
    const output = runner.output();
    return output ? { ...result, output } : result;
  };

  const prepared = runner.prepare(suite.tests, suite.student);
  if (prepared.startsWith("T:")) return errorResult(`The tests failed to compile: ${prepared.slice(2)}`, elapsed());
  if (prepared.startsWith("S:")) return errorResult(`Your code does not compile: ${prepared.slice(2)}`, elapsed());
  const deadline = now() + options.timeoutMs;
  const loaded = runner.load(exportNames.join(","));
  if (loaded.startsWith("E:")) return withOutput(errorResult(`Your code threw while loading: ${loaded.slice(2)}`, elapsed()));
  if (loaded.startsWith("M:")) {
    const missing = loaded.slice(2).split(",");
    return withOutput(
      errorResult(`Your code does not define ${missing.map((n) => `'${n}'`).join(", ")}: keep the name${missing.length > 1 ? "s" : ""} from the starter code (e.g. export class ${missing[0]} { ... }).`, elapsed()),
    );
  }
  await nextTurn();
  const registered = runner.register();
  if (typeof registered !== "number") return withOutput(errorResult(`The tests failed to load: ${String(registered).slice(2)}`, elapsed()));

  const tests: TestOutcome[] = [];
  for (let i = 0; i < registered; i++) {
    const name = runner.testName(i);
    if (now() > deadline) {
      tests.push({ name, passed: false, message: `not run: the ${limit} time budget ran out in an earlier test` });
      continue;
    }
    runner.start(i);
    // Let the test's promise (and anything it started) run to quiescence, as the server does before finishing.
    await nextTurn();
    let status = runner.poll(i);
    if (status === TEST_PENDING) runner.abandon(i, "did not settle: the test awaited a promise that never resolved or rejected");
    status = runner.finish(i);
    // The server would have interrupted a test that ran past the budget, whatever it went on to do.
    if (now() > deadline) tests.push({ name, passed: false, message: `timed out after ${limit} (the whole run shares one ${limit} budget): an endless loop, or far too slow?` });
    else if (status === TEST_PASSED) tests.push({ name, passed: true });
    else tests.push({ name, passed: false, message: runner.message(i) || "failed" });
  }
  const passed = tests.filter((t) => t.passed).length;
  return withOutput({ status: registered > 0 && passed === registered ? "passed" : "failed", passed, total: registered, durationMs: elapsed(), tests });
}

/** Compile and run visible tests for a challenge: what the browser's "Run tests" does inside its worker. */
export async function runVisibleTests(code: string, tests: string, exportNames: readonly string[], options: RealmRunOptions): Promise<GradeResult> {
  const compiled = compileSuite(code, tests, exportNames);
  if (!compiled.ok) return compiled.result;
  return runSuiteInRealm(compiled.suite, exportNames, options);
}
