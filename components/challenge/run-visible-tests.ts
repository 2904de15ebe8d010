/*
 * The page's side of "Run tests": one run of the visible tests in a fresh sandbox worker
 * (lib/grading/visible-tests.worker.ts), ended when it answers, when the time budget is over, or when the caller
 * aborts. Browser-only.
 */
import { errorResult, formatBudget, type GradeResult } from "@/lib/grading/types";
import { BOOT_TIMEOUT_MS } from "@/lib/runner/protocol";
import { runOnce } from "@/lib/sandbox/run-once";
import { createModuleWorker } from "@/lib/sandbox/workers";

/**
 * Extra time past the budget before the worker is killed, in ms. The harness stops between tests by itself and
 * reports "timed out" per test; killing is for a loop that never returns, and the margin lets the harness answer
 * first whenever it can.
 */
const KILL_GRACE_MS = 1000;

export interface VisibleRun {
  code: string;
  tests: string;
  exports: readonly string[];
  /** The challenge's budget for the whole run, as on the server. */
  timeoutMs: number;
  signal?: AbortSignal;
}

function parseResult(v: unknown): GradeResult | null {
  const r = v as GradeResult;
  return typeof r === "object" && r !== null && typeof r.status === "string" && Array.isArray(r.tests) && typeof r.total === "number" ? r : null;
}

/** Run the visible tests in a fresh Web Worker. Never rejects: a crash or a timeout comes back as an `error` result. */
export async function runVisibleTests({ code, tests, exports, timeoutMs, signal }: VisibleRun): Promise<GradeResult> {
  const startedAt = performance.now();
  const outcome = await runOnce({
    createWorker: () => createModuleWorker("visible-tests"),
    job: { code, tests, exports: [...exports], timeoutMs },
    parseValue: parseResult,
    bootMs: BOOT_TIMEOUT_MS,
    runMs: timeoutMs + KILL_GRACE_MS,
    signal,
  });
  switch (outcome.status) {
    case "done":
      return outcome.value;
    case "stopped":
      return errorResult("Stopped.");
    case "timeout":
      return outcome.phase === "boot"
        ? errorResult("The test runner did not start in time. Try again.")
        : errorResult(
            `Timed out after ${formatBudget(timeoutMs)}: your code was still running and was stopped (an endless loop?).`,
            Math.round(performance.now() - startedAt),
          );
    case "crashed":
      return outcome.stage === "start"
        ? errorResult(`The test runner could not start: ${outcome.message}`)
        : errorResult(`The test runner failed: ${outcome.message || "it stopped unexpectedly"}. Run again to retry.`);
  }
}
