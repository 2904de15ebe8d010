/**
 * Node's side of the sandbox: the only place that creates `worker_threads` workers. Node only.
 *
 * A worker thread isolates a run from the host (its own heap with resource limits, terminable mid-loop) but is not
 * a security boundary by itself: code in it can reach Node's globals. Server grading of untrusted code therefore
 * runs inside QuickJS in these threads (lib/grading); the lab's Node executor, for tests and previews, runs the
 * same locked-down source as the browser.
 */
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { SandboxWorker } from "./run-once";

export interface ThreadOptions {
  workerData?: unknown;
  resourceLimits?: ResourceLimits;
  /** Keep the thread's stdout/stderr from reaching the host's (default true: untrusted code may print). */
  quiet?: boolean;
}

/** Start a thread running `source`, plain CommonJS JavaScript (a string, so no bundler or test transform rewrites it). */
export function spawnThread(source: string, options: ThreadOptions = {}): Worker {
  const quiet = options.quiet ?? true;
  return new Worker(source, {
    eval: true,
    ...(options.workerData === undefined ? {} : { workerData: options.workerData }),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    stdout: quiet,
    stderr: quiet,
  });
}

/**
 * Makes a thread look like a dedicated Web Worker to a classic worker script: `self`, `postMessage` and
 * `onmessage`. The first message only is delivered (`once`): afterwards the port no longer holds the thread open,
 * so a thread whose code waits on a promise nothing can settle exits with code 0 instead of idling until a timeout.
 */
export const DEDICATED_SCOPE_PRELUDE = String.raw`
const { parentPort } = require("node:worker_threads");
globalThis.self = globalThis;
globalThis.postMessage = (message) => parentPort.postMessage(message);
parentPort.once("message", (data) => { if (typeof self.onmessage === "function") self.onmessage({ data }); });
`;

/** A thread running a classic worker script (after {@link DEDICATED_SCOPE_PRELUDE}), as a {@link SandboxWorker}. */
export function threadWorker(workerScript: string, options: Omit<ThreadOptions, "workerData"> = {}): SandboxWorker {
  const thread = spawnThread(DEDICATED_SCOPE_PRELUDE + workerScript, options);
  const worker: SandboxWorker = {
    onmessage: null,
    onerror: null,
    onexit: null,
    postMessage: (message) => thread.postMessage(message),
    // Termination is asynchronous; the outcome does not wait for it.
    terminate: () => void thread.terminate().catch(() => undefined),
  };
  thread.on("message", (data: unknown) => worker.onmessage?.({ data }));
  thread.once("error", (error: Error & { code?: string }) => worker.onerror?.({ message: error.message, ...(error.code ? { code: error.code } : {}) }));
  thread.once("exit", (exitCode: number) => worker.onexit?.(exitCode));
  return worker;
}
