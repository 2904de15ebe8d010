/**
 * `ServiceExecutor`s run each call in a fresh sandbox worker (lib/sandbox) that is terminated when the call
 * finishes or its time limit expires, so an infinite loop costs one timeout and never freezes the page.
 *
 * Both executors (this browser one and `node-executor.ts`) run the same worker source and share this contract:
 * the function is built from `serviceFunctionBody`, the returned value crosses back as JSON text (a JSON round
 * trip), the time limit counts from the moment the code starts (worker start-up is not the student's time), and
 * the executor never rejects.
 *
 * The browser's worker script is served by `app/lab/sandbox-worker.js` with a Content-Security-Policy that allows
 * no network access and no script imports; the script also locks its globals down (see `browser-worker-source.ts`).
 */
import { runOnce, type SandboxOutcome, type SandboxWorker } from "@/lib/sandbox/run-once";
import { createClassicWorker } from "@/lib/sandbox/workers";
import { CONSOLE_LIMITS, serviceFunctionBody, timeoutMessage, type ExecutionOutcome, type ServiceExecutor, type ServiceInput } from "./contract";

/** Where the app serves `LAB_WORKER_SOURCE` (see app/lab/sandbox-worker.js/route.ts). */
export const SANDBOX_WORKER_URL = "/lab/sandbox-worker.js";

/** The worker's "done" value. */
type LabAnswer = { ok: true; json?: string; undefinedValue?: boolean; logs: string[] } | { ok: false; error: string; logs: string[] };

function parseAnswer(value: unknown): LabAnswer | null {
  const a = value as LabAnswer;
  if (typeof a !== "object" || a === null || !Array.isArray(a.logs) || !a.logs.every((l) => typeof l === "string")) return null;
  if (a.ok === true) return a.json === undefined || typeof a.json === "string" ? a : null;
  return a.ok === false && typeof a.error === "string" ? a : null;
}

export interface LabExecutorSetup {
  createWorker(): SandboxWorker;
  /** How long a worker may take to load before the call fails, in milliseconds. */
  startupTimeoutMs: number;
  /** Why the call failed when the worker did not start in time (what the student can do about it differs). */
  slowStartMessage: string;
  /** Heap cap per call in MiB, where the worker has one (Node), for the out-of-memory message. */
  memoryLimitMb?: number;
}

/** An executor over any sandbox worker that runs `LAB_WORKER_SOURCE`. */
export function createLabExecutor(setup: LabExecutorSetup): ServiceExecutor {
  return async (code: string, input: ServiceInput, { timeoutMs }) => {
    const outcome = await runOnce({
      createWorker: setup.createWorker,
      // A JSON round trip on the way in too: the code sees exactly what JSON can carry, never a shared reference.
      job: { body: serviceFunctionBody(code), input: JSON.parse(JSON.stringify(input)) as ServiceInput, maxLines: CONSOLE_LIMITS.lines, maxLineLength: CONSOLE_LIMITS.lineLength },
      parseValue: parseAnswer,
      bootMs: setup.startupTimeoutMs,
      runMs: timeoutMs,
    });
    return toExecution(outcome, setup, timeoutMs);
  };
}

function toExecution(outcome: SandboxOutcome<LabAnswer>, setup: LabExecutorSetup, timeoutMs: number): ExecutionOutcome {
  switch (outcome.status) {
    case "done": {
      const answer = outcome.value;
      if (!answer.ok) return { ok: false, error: answer.error, logs: answer.logs };
      if (answer.undefinedValue || answer.json === undefined) return { ok: true, value: undefined, logs: answer.logs };
      try {
        return { ok: true, value: JSON.parse(answer.json), logs: answer.logs };
      } catch {
        return { ok: false, error: "The service's result could not be read back as JSON.", logs: answer.logs };
      }
    }
    case "timeout":
      return { ok: false, error: outcome.phase === "run" ? timeoutMessage(timeoutMs) : setup.slowStartMessage };
    case "stopped":
      return { ok: false, error: "The service was stopped." };
    case "crashed":
      if (outcome.stage === "start") return { ok: false, error: `Could not start the service: ${outcome.message}` };
      if (outcome.stage === "send") return { ok: false, error: `Could not send the input to the service: ${outcome.message}` };
      if (outcome.code === "ERR_WORKER_OUT_OF_MEMORY") return { ok: false, error: `Out of memory: processRequest used more than ${setup.memoryLimitMb} MB.` };
      // A clean exit before any answer means the event loop emptied while processRequest's promise was still
      // pending: nothing could ever settle it.
      if (outcome.exitCode === 0) return { ok: false, error: "processRequest returned a promise that never settles (nothing was left for it to wait for)." };
      if (outcome.exitCode !== undefined) return { ok: false, error: `The service stopped unexpectedly (exit code ${outcome.exitCode}) before returning.` };
      return { ok: false, error: `The service crashed: ${outcome.message || "the worker stopped unexpectedly (out of memory?)"}` };
  }
}

export interface BrowserExecutorOptions {
  /** How long a worker may take to load before the call fails, in milliseconds. Default 10000. */
  startupTimeoutMs?: number;
  /** Starts one worker. Default: a classic Web Worker from `SANDBOX_WORKER_URL`. */
  createWorker?: () => SandboxWorker;
}

/** Creates an executor that runs each call in its own Web Worker. */
export function createBrowserExecutor(options: BrowserExecutorOptions = {}): ServiceExecutor {
  const startupTimeoutMs = options.startupTimeoutMs ?? 10_000;
  return createLabExecutor({
    createWorker: options.createWorker ?? (() => createClassicWorker(SANDBOX_WORKER_URL, "lab-service")),
    startupTimeoutMs,
    slowStartMessage: `The service did not start within ${startupTimeoutMs} ms; reload the page and try again.`,
  });
}
