/*
 * Web Worker for "Run tests" (created by lib/sandbox): runs a challenge's VISIBLE tests against the student's code
 * with the same harness, test API and messages as the server grader (browser-tests.ts). One worker per run: the
 * harness freezes this realm's built-ins, so a worker is never reused.
 *
 *   job      { code, tests, exports, timeoutMs }
 *   started  compiled; the tests start now
 *   done     { value: GradeResult }
 *   crashed  the harness itself failed
 *
 * The realm ("visible-tests" in lib/sandbox/lockdown.ts) loses the network, storage and the timers: the server's
 * sandbox has none of them, so code that waits on setTimeout passes here only if it would pass there.
 */
import { serveOnce } from "@/lib/sandbox/worker-scope";
import { compileSuite, runSuiteInRealm } from "./browser-tests";
import type { GradeResult } from "./types";

export interface VisibleTestsJob {
  code: string;
  tests: string;
  exports: string[];
  timeoutMs: number;
}

function parseJob(v: unknown): VisibleTestsJob | null {
  const j = v as VisibleTestsJob;
  const ok = typeof j === "object" && j !== null && typeof j.code === "string" && typeof j.tests === "string" && Array.isArray(j.exports) && typeof j.timeoutMs === "number";
  return ok ? j : null;
}

serveOnce({
  realm: "visible-tests",
  accept: parseJob,
  run(job, sandbox): GradeResult | Promise<GradeResult> {
    const compiled = compileSuite(job.code, job.tests, job.exports);
    if (!compiled.ok) return compiled.result;
    sandbox.start();
    return runSuiteInRealm(compiled.suite, job.exports, {
      timeoutMs: job.timeoutMs,
      nextTurn: () => new Promise<void>((resolve) => sandbox.timers.setTimeout(resolve, 0)),
    });
  },
});
