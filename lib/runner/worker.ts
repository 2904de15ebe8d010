/*
 * The code-runner Web Worker: one per run. It receives one "run" message, removes what student code has no business
 * touching, strips the TypeScript, runs the program and streams its console back in batches. The host terminates it
 * when the run is over or the time limit passes; nothing here tries to stop a runaway loop (it cannot).
 *
 * A worker has no DOM and no access to the page's objects. What it shares with the page is the origin: network
 * requests would carry the student's cookies, storage and channels could reach other tabs. Those globals are
 * removed before the student's code exists. Not closable from here: dynamic `import()` of a URL (a language
 * feature, not a global); its response could do no more than the code that asked for it.
 */
import { compile, execute } from "./execute";
import { BLOCKED_GLOBALS, removeGlobals } from "./lockdown";
import { OutputLimiter } from "./output-limiter";
import type { ConsoleLine, HostToWorker, WorkerToHost } from "./protocol";

type AnyFn = (...args: unknown[]) => unknown;
const scope = globalThis as unknown as Record<string, unknown> & {
  addEventListener(type: string, listener: (e: Event & { reason?: unknown; data?: unknown }) => void): void;
  removeEventListener(type: string, listener: (e: Event & { reason?: unknown; error?: unknown }) => void): void;
};

// Captured before student code can replace them.
const post = (globalThis as unknown as { postMessage: (m: WorkerToHost) => void }).postMessage.bind(globalThis);
const timers = {
  setTimeout: globalThis.setTimeout.bind(globalThis) as AnyFn,
  clearTimeout: globalThis.clearTimeout.bind(globalThis) as AnyFn,
  setInterval: globalThis.setInterval.bind(globalThis) as AnyFn,
  clearInterval: globalThis.clearInterval.bind(globalThis) as AnyFn,
};
const now = performance.now.bind(performance);

// Each console entry is posted at once: output printed just before an endless loop must still arrive, and the
// limiter bounds a run to ~1000 messages. The host batches them into frames for rendering.
function queue(lines: ConsoleLine[]): void {
  if (lines.length) post({ type: "output", lines });
}

async function run(msg: HostToWorker): Promise<void> {
  const compiled = compile(msg.code, msg.fileName);
  if (!compiled.ok) {
    post({ type: "compile-error", error: compiled.error });
    return;
  }
  const limiter = new OutputLimiter(msg.limits);
  removeGlobals(BLOCKED_GLOBALS);
  post({ type: "compiled" });
  const outcome = await execute(compiled.program, {
    write: (line) => queue(limiter.push(line)),
    muted: () => limiter.truncated,
    timers,
    now,
    onUncaught: (handler) => {
      const onRejection = (e: Event & { reason?: unknown }) => {
        e.preventDefault();
        handler(e.reason);
      };
      const onError = (e: Event & { error?: unknown; message?: string }) => {
        e.preventDefault();
        handler(e.error ?? new Error(e.message ?? "Uncaught error"));
      };
      scope.addEventListener("unhandledrejection", onRejection);
      scope.addEventListener("error", onError);
      return () => {
        scope.removeEventListener("unhandledrejection", onRejection);
        scope.removeEventListener("error", onError);
      };
    },
    // `globalThis.setTimeout(...)` and a bare `console.log` inside a callback must reach the tracked versions too.
    install: (tracked) => {
      for (const [name, value] of Object.entries(tracked)) {
        Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
      }
    },
  });
  queue(limiter.finish());
  post({ type: "done", status: outcome.status, durationMs: outcome.durationMs, ...(outcome.error ? { error: outcome.error } : {}) });
}

let started = false;
scope.addEventListener("message", (e) => {
  const msg = e.data as HostToWorker;
  if (started || msg?.type !== "run" || typeof msg.code !== "string") return;
  started = true;
  void run(msg);
});
