/**
 * The host's side of one sandboxed run: start a fresh worker, hand it one job, and end the run when the worker
 * answers, when a budget passes, when the caller aborts, or when the worker dies. A worker stuck in
 * `while (true) {}` can never report anything, so the host owns time and terminates the worker; a fresh worker
 * per run means no state survives from one run to the next. Browser and Node alike (see workers.ts, thread.ts).
 */
import { parseReply, type ConsoleLine } from "./protocol";

/** The slice of a Web Worker the host uses; Node threads are adapted to it (thread.ts), tests may fake it. */
export interface SandboxWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; code?: string; preventDefault?: () => void }) => void) | null;
  /** Node threads only: the thread exited; code 0 means its event loop ran empty. */
  onexit?: ((exitCode: number) => void) | null;
}

/** Time as the host sees it; injectable so tests can drive budgets without waiting for them. */
export interface SandboxClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds, monotonic. */
  now(): number;
}

const realClock: SandboxClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export interface RunOnceOptions<R> {
  /** Start one worker. Throwing is reported as a crash at stage "start". */
  createWorker(): SandboxWorker;
  /** The one message the worker receives. */
  job: unknown;
  /** Accept a "done" value as R, or return null to ignore the message. */
  parseValue(value: unknown): R | null;
  /** From creation to "started" (loading and compiling are not the code's time), in ms. */
  bootMs: number;
  /** From "started" to "done", in ms. */
  runMs: number;
  /** Console lines accepted from the worker; later ones are dropped. A backstop: workers cap output themselves. */
  maxLogLines?: number;
  /** Console lines as they arrive, in order. */
  onLog?(lines: ConsoleLine[]): void;
  /** Abort to stop the run; it resolves with status "stopped". */
  signal?: AbortSignal;
  clock?: SandboxClock;
}

/**
 * How a run ended:
 * - done     the worker answered with a value (which may itself describe an error in the code);
 * - timeout  a budget passed: "boot" before the code started, "run" after; the worker was terminated;
 * - crashed  the worker could not be created ("start") or sent its job ("send"), or failed while running ("run"):
 *            an error event (`code` from Node, e.g. ERR_WORKER_OUT_OF_MEMORY), its own "crashed" message, or an
 *            exit before answering (`exitCode`);
 * - stopped  the caller aborted.
 * `durationMs` counts from "started" (null if the code never started); `logs` holds the lines accepted.
 */
export type SandboxOutcome<R> = Ending<R> & { durationMs: number | null; logs: ConsoleLine[] };

type Ending<R> =
  | { status: "done"; value: R }
  | { status: "timeout"; phase: "boot" | "run" }
  | { status: "crashed"; stage: "start" | "send" | "run"; message: string; code?: string; exitCode?: number }
  | { status: "stopped" };

/** Run one job in a fresh worker. Never rejects: every ending is a {@link SandboxOutcome}. */
export function runOnce<R>(options: RunOnceOptions<R>): Promise<SandboxOutcome<R>> {
  const clock = options.clock ?? realClock;
  const maxLogLines = options.maxLogLines ?? Infinity;
  const logs: ConsoleLine[] = [];

  return new Promise<SandboxOutcome<R>>((resolve) => {
    let startedAt: number | null = null;
    const elapsed = () => (startedAt === null ? null : clock.now() - startedAt);
    if (options.signal?.aborted) return resolve({ status: "stopped", durationMs: null, logs });

    let worker: SandboxWorker;
    try {
      worker = options.createWorker();
    } catch (e) {
      return resolve({ status: "crashed", stage: "start", message: e instanceof Error ? e.message : String(e), durationMs: null, logs });
    }
    let settled = false;
    let timer = clock.setTimeout(() => end({ status: "timeout", phase: "boot" }), options.bootMs);
    const onAbort = () => end({ status: "stopped" });

    function end(ending: Ending<R>) {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      try {
        worker.terminate();
      } catch {
        // Already gone: nothing left to stop.
      }
      resolve({ ...ending, durationMs: elapsed(), logs });
    }

    options.signal?.addEventListener("abort", onAbort);
    worker.onmessage = (event) => {
      if (settled) return;
      const reply = parseReply(event.data, options.parseValue);
      if (!reply) return;
      switch (reply.type) {
        case "started":
          if (startedAt !== null) return;
          startedAt = clock.now();
          clock.clearTimeout(timer);
          timer = clock.setTimeout(() => end({ status: "timeout", phase: "run" }), options.runMs);
          return;
        case "log": {
          const room = maxLogLines - logs.length;
          if (room <= 0) return;
          const lines = reply.lines.slice(0, room);
          logs.push(...lines);
          options.onLog?.(lines);
          return;
        }
        case "done":
          return end({ status: "done", value: reply.value });
        case "crashed":
          return end({ status: "crashed", stage: "run", message: reply.message });
      }
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      end({ status: "crashed", stage: "run", message: event.message ?? "", ...(event.code ? { code: event.code } : {}) });
    };
    worker.onexit = (exitCode) => end({ status: "crashed", stage: "run", message: "", exitCode });
    try {
      worker.postMessage(options.job);
    } catch (e) {
      end({ status: "crashed", stage: "send", message: e instanceof Error ? e.message : String(e) });
    }
  });
}
