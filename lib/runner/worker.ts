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

const BLOCKED = [
  "fetch",
  "XMLHttpRequest",
  "importScripts",
  "WebSocket",
  "WebSocketStream",
  "WebTransport",
  "EventSource",
  "BroadcastChannel",
  "indexedDB",
  "caches",
  "Worker",
  "SharedWorker",
  "postMessage",
  "close",
  "onmessage",
];

/** Remove each name from the global object and its prototype chain, then pin it to undefined. */
function neutralizeGlobals(): void {
  for (const name of BLOCKED) {
    let obj: object | null = globalThis;
    while (obj) {
      try {
        delete (obj as Record<string, unknown>)[name];
      } catch {
        /* non-configurable: pinned below */
      }
      obj = Object.getPrototypeOf(obj);
    }
    try {
      Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false });
    } catch {
      /* already pinned by the engine; the delete above is what counts */
    }
  }
}

// Batching: one postMessage per console call would swamp the page when a loop prints; flush every 50 entries,
// or after 30 ms, or when the event loop is free, whichever comes first.
const BATCH_LINES = 50;
const BATCH_MS = 30;
let batch: ConsoleLine[] = [];
let lastFlush = now();
let flushScheduled = false;

function flush(): void {
  if (batch.length) post({ type: "output", lines: batch });
  batch = [];
  lastFlush = now();
}

function queue(lines: ConsoleLine[]): void {
  if (!lines.length) return;
  batch.push(...lines);
  if (batch.length >= BATCH_LINES || now() - lastFlush >= BATCH_MS) flush();
  else if (!flushScheduled) {
    flushScheduled = true;
    timers.setTimeout(() => {
      flushScheduled = false;
      flush();
    }, 0);
  }
}

async function run(msg: HostToWorker): Promise<void> {
  const compiled = compile(msg.code, msg.fileName);
  if (!compiled.ok) {
    post({ type: "compile-error", error: compiled.error });
    return;
  }
  const limiter = new OutputLimiter(msg.limits);
  neutralizeGlobals();
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
  flush();
  post({ type: "done", status: outcome.status, durationMs: outcome.durationMs, ...(outcome.error ? { error: outcome.error } : {}) });
}

let started = false;
scope.addEventListener("message", (e) => {
  const msg = e.data as HostToWorker;
  if (started || msg?.type !== "run" || typeof msg.code !== "string") return;
  started = true;
  void run(msg);
});
