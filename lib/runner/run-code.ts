/*
 * The page's side of the code runner: one run in a fresh sandbox worker (lib/sandbox), its console streamed, ended
 * when it finishes, when the time limit passes (the only way to stop `while (true) {}`) or when the student stops it.
 * Browser-only (needs `Worker`); the protocol and formatting it relies on are tested in Node.
 */
import { runOnce } from "@/lib/sandbox/run-once";
import { createModuleWorker } from "@/lib/sandbox/workers";
import { BOOT_TIMEOUT_MS, DEFAULT_LIMITS, DEFAULT_TIMEOUT_MS, parseRunAnswer, type ConsoleLine, type OutputLimits, type RunJob, type RunResult } from "./protocol";

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
export async function runCode(code: string, options: RunOptions): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const job: RunJob = { code, fileName: options.fileName ?? "code.ts", limits };
  const outcome = await runOnce({
    createWorker: () => createModuleWorker("code-runner"),
    job,
    parseValue: parseRunAnswer,
    bootMs: BOOT_TIMEOUT_MS,
    runMs: timeoutMs,
    // The worker caps output itself; this is the backstop in case student code forged messages past that cap.
    maxLogLines: limits.maxLines + 2,
    onLog: options.onOutput,
    signal: options.signal,
  });
  const { durationMs } = outcome;
  switch (outcome.status) {
    case "done": {
      const answer = outcome.value;
      if (answer.status === "compile-error") return { status: "compile-error", durationMs: null, timeoutMs, error: answer.error };
      return { status: answer.status, durationMs: answer.durationMs, timeoutMs, ...(answer.error ? { error: answer.error } : {}) };
    }
    case "timeout":
      return outcome.phase === "run"
        ? { status: "timeout", durationMs, timeoutMs }
        : { status: "crashed", durationMs: null, timeoutMs, error: { message: "the runner did not start in time" } };
    case "stopped":
      return { status: "stopped", durationMs, timeoutMs };
    case "crashed":
      return { status: "crashed", durationMs, timeoutMs, error: { message: outcome.message || "the runner stopped unexpectedly" } };
  }
}
