/*
 * The page's side of "Run tests": start a fresh worker (visible-tests.worker.ts), hand it the code and the visible
 * tests, and terminate it when it answers, when the time budget is over, or when the caller aborts. Browser-only.
 */
import { errorResult, formatBudget, type GradeResult } from "@/lib/grading/types";
import { BOOT_TIMEOUT_MS } from "@/lib/runner/protocol";

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

function isResult(v: unknown): v is GradeResult {
  const r = v as GradeResult;
  return typeof r === "object" && r !== null && typeof r.status === "string" && Array.isArray(r.tests) && typeof r.total === "number";
}

/** Run the visible tests in a fresh Web Worker. Never rejects: a crash or a timeout comes back as an `error` result. */
export function runVisibleTests({ code, tests, exports, timeoutMs, signal }: VisibleRun): Promise<GradeResult> {
  return new Promise<GradeResult>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL("./visible-tests.worker.ts", import.meta.url), { type: "module", name: "visible-tests" });
    } catch (e) {
      resolve(errorResult(`The test runner could not start: ${(e as Error).message}`));
      return;
    }
    const startedAt = performance.now();
    let settled = false;
    const end = (result: GradeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const onAbort = () => end(errorResult("Stopped."));
    let timer = setTimeout(() => end(errorResult("The test runner did not start in time. Try again.")), BOOT_TIMEOUT_MS);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort);

    worker.onmessage = (e: MessageEvent) => {
      const msg = e.data as { type?: string; result?: unknown; message?: unknown };
      if (msg?.type === "started") {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            end(
              errorResult(
                `Timed out after ${formatBudget(timeoutMs)}: your code was still running and was stopped (an endless loop?).`,
                Math.round(performance.now() - startedAt),
              ),
            ),
          timeoutMs + KILL_GRACE_MS,
        );
      } else if (msg?.type === "done" && isResult(msg.result)) end(msg.result);
      else if (msg?.type === "crashed") end(errorResult(`The test runner failed: ${String(msg.message)}. Run again to retry.`));
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      end(errorResult(`The test runner failed: ${e.message || "it stopped unexpectedly"}. Run again to retry.`));
    };
    worker.postMessage({ code, tests, exports: [...exports], timeoutMs });
  });
}
