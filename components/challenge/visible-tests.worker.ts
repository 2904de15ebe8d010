/*
 * Web Worker for "Run tests": runs a challenge's VISIBLE tests against the student's code with the same harness,
 * test API and messages as the server grader (lib/grading/browser-tests.ts). One worker per run: the harness
 * freezes this realm's built-ins (lockdown), so a worker is never reused.
 *
 *   host -> worker  { code, tests, exports, timeoutMs }                         once
 *   worker -> host  { type: "started" }                                         compiled; the tests start now
 *                   { type: "done", result }                                    a GradeResult; last message
 *                   { type: "crashed", message }                                the harness itself failed; last message
 *
 * The host owns time: the harness checks its budget between tests, but only terminating the worker stops an
 * endless loop inside one, which the host does (run-visible-tests.ts).
 */
import { compileSuite, runSuiteInRealm } from "@/lib/grading/browser-tests";
import { BLOCKED_GLOBALS, removeGlobals } from "@/lib/runner/lockdown";

type AnyFn = (...args: unknown[]) => unknown;

// Captured before student code exists: it may replace or delete the globals.
const post = (globalThis as unknown as { postMessage: (m: unknown) => void }).postMessage.bind(globalThis);
const setTimer = globalThis.setTimeout.bind(globalThis) as AnyFn;
const scope = globalThis as unknown as { addEventListener(type: "message", fn: (e: MessageEvent) => void): void };

// The server's sandbox has no network, no storage and no timers. Removing them here keeps a visible run honest
// about what will happen on Submit (code that waits on setTimeout passes here only if it would pass there), and
// keeps the student's code from using the page's origin (cookies, other tabs).
const REMOVED = [...BLOCKED_GLOBALS, "setTimeout", "clearTimeout", "setInterval", "clearInterval", "requestAnimationFrame"];

interface Job {
  code: string;
  tests: string;
  exports: string[];
  timeoutMs: number;
}

function isJob(v: unknown): v is Job {
  const j = v as Job;
  return (
    typeof j === "object" && j !== null && typeof j.code === "string" && typeof j.tests === "string" && Array.isArray(j.exports) && typeof j.timeoutMs === "number"
  );
}

let started = false;
scope.addEventListener("message", (e) => {
  if (started || !isJob(e.data)) return;
  started = true;
  const job = e.data;
  const compiled = compileSuite(job.code, job.tests, job.exports);
  if (!compiled.ok) {
    post({ type: "done", result: compiled.result });
    return;
  }
  removeGlobals(REMOVED);
  post({ type: "started" });
  void runSuiteInRealm(compiled.suite, job.exports, {
    timeoutMs: job.timeoutMs,
    nextTurn: () => new Promise<void>((resolve) => setTimer(resolve, 0)),
  }).then(
    (result) => post({ type: "done", result }),
    (err: unknown) => post({ type: "crashed", message: err instanceof Error ? err.message : String(err) }),
  );
});
