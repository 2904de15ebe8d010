/*
 * The page's side of the code runner: start a fresh Web Worker for one run, stream its console, and terminate it when
 * it finishes, when the time limit passes (the only way to stop `while (true) {}`), or when the student stops it.
 * Browser-only (needs `Worker`); the protocol and formatting it relies on are tested in Node.
 */
import { BOOT_TIMEOUT_MS, DEFAULT_LIMITS, DEFAULT_TIMEOUT_MS, parseWorkerMessage, type ConsoleLine, type OutputLimits, type RunResult } from "./protocol";

export interface RunOptions {
  /** Shown in error positions and stack frames, e.g. "example.ts". */
  fileName?: string;
  /** Budget for the student's code in milliseconds, from the moment it starts (compiling is not counted). */
  timeoutMs?: number;
  limits?: OutputLimits;
  /** Receives console lines as the program prints them, in order. */
  onOutput(lines: ConsoleLine[]): void;
  /** Abort to stop the run (the Stop button); resolves with status "stopped". */
  signal?: AbortSignal;
}

/** Run TypeScript in a fresh, isolated worker. Never rejects: every ending is a RunResult. */
export function runCode(code: string, options: RunOptions): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limits = options.limits ?? DEFAULT_LIMITS;
  // The worker caps output itself; this is the backstop in case student code forged messages past that cap.
  const hostCap = limits.maxLines + 2;
  let shown = 0;

  return new Promise<RunResult>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "code-runner" });
    } catch (e) {
      resolve({ status: "crashed", durationMs: null, timeoutMs, error: { message: (e as Error).message } });
      return;
    }
    let startedAt: number | null = null;
    let settled = false;
    let timer = setTimeout(() => end({ status: "crashed", durationMs: null, timeoutMs, error: { message: "the runner did not start in time" } }), BOOT_TIMEOUT_MS);

    const elapsed = () => (startedAt === null ? null : performance.now() - startedAt);
    function end(result: RunResult) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      options.signal?.removeEventListener("abort", onAbort);
      resolve(result);
    }
    function onAbort() {
      end({ status: "stopped", durationMs: elapsed(), timeoutMs });
    }
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort);

    worker.onmessage = (e: MessageEvent) => {
      if (settled) return;
      const msg = parseWorkerMessage(e.data);
      if (!msg) return;
      switch (msg.type) {
        case "compiled":
          if (startedAt !== null) return;
          startedAt = performance.now();
          clearTimeout(timer);
          timer = setTimeout(() => end({ status: "timeout", durationMs: elapsed(), timeoutMs }), timeoutMs);
          return;
        case "output": {
          const room = hostCap - shown;
          if (room <= 0) return;
          const lines = msg.lines.slice(0, room);
          shown += lines.length;
          options.onOutput(lines);
          return;
        }
        case "compile-error":
          return end({ status: "compile-error", durationMs: null, timeoutMs, error: msg.error });
        case "done":
          return end({ status: msg.status, durationMs: msg.durationMs, timeoutMs, ...(msg.error ? { error: msg.error } : {}) });
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      end({ status: "crashed", durationMs: elapsed(), timeoutMs, error: { message: e.message || "the runner stopped unexpectedly" } });
    };
    worker.postMessage({ type: "run", code, fileName: options.fileName ?? "code.ts", limits });
  });
}
