/**
 * A `ServiceExecutor` for the browser: each call runs the service in a fresh
 * Web Worker that is terminated when the call finishes or its time limit
 * expires, so an infinite loop costs one timeout and never freezes the page.
 *
 * It keeps the same contract as `node-executor.ts`: the function is built from
 * `serviceFunctionBody`, the returned value crosses back as JSON text (a JSON
 * round trip), the time limit counts from the moment the code starts (worker
 * start-up is not the student's time), and the executor never rejects.
 *
 * The worker script is served by `app/lab/sandbox-worker.js` with a
 * Content-Security-Policy that allows no network access and no script imports;
 * the script also replaces fetch, XMLHttpRequest, WebSocket, importScripts and
 * similar globals (see `browser-worker-source.ts`).
 */
import {
  CONSOLE_LIMITS,
  serviceFunctionBody,
  timeoutMessage,
  type ExecutionOutcome,
  type ServiceExecutor,
  type ServiceInput,
} from "./contract";

/** Where the app serves `BROWSER_WORKER_SOURCE` (see app/lab/sandbox-worker.js/route.ts). */
export const SANDBOX_WORKER_URL = "/lab/sandbox-worker.js";

/** The slice of the DOM `Worker` interface the executor uses; tests supply their own. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}

export interface BrowserExecutorOptions {
  /** How long a worker may take to load before the call fails, in milliseconds. Default 10000. */
  startupTimeoutMs?: number;
  /** Starts one worker. Default: a classic Web Worker from `SANDBOX_WORKER_URL`. */
  createWorker?: () => WorkerLike;
}

type WorkerReply =
  | { started: true }
  | { ok: true; json?: string; undefinedValue?: boolean; logs: string[] }
  | { ok: false; error: string; logs: string[] };

function isReply(value: unknown): value is WorkerReply {
  return typeof value === "object" && value !== null && ("started" in value || "ok" in value);
}

function defaultCreateWorker(): WorkerLike {
  return new Worker(SANDBOX_WORKER_URL, { name: "lab-service" }) as unknown as WorkerLike;
}

/** Creates an executor that runs each call in its own Web Worker. */
export function createBrowserExecutor(options: BrowserExecutorOptions = {}): ServiceExecutor {
  const startupTimeoutMs = options.startupTimeoutMs ?? 10_000;
  const createWorker = options.createWorker ?? defaultCreateWorker;
  return (code: string, input: ServiceInput, { timeoutMs }) =>
    new Promise<ExecutionOutcome>((resolve) => {
      let settled = false;
      let worker: WorkerLike | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: ExecutionOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          worker?.terminate();
        } catch {
          // Already gone: nothing left to stop.
        }
        resolve(outcome);
      };
      try {
        worker = createWorker();
      } catch (error) {
        resolve({ ok: false, error: `Could not start the service: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      timer = setTimeout(
        () => finish({ ok: false, error: `The service did not start within ${startupTimeoutMs} ms; reload the page and try again.` }),
        startupTimeoutMs,
      );
      worker.onmessage = (event) => {
        const reply = event.data;
        if (!isReply(reply)) return;
        if ("started" in reply) {
          clearTimeout(timer);
          timer = setTimeout(() => finish({ ok: false, error: timeoutMessage(timeoutMs) }), timeoutMs);
          return;
        }
        if (!reply.ok) return finish({ ok: false, error: reply.error, logs: reply.logs });
        if (reply.undefinedValue || reply.json === undefined) return finish({ ok: true, value: undefined, logs: reply.logs });
        try {
          finish({ ok: true, value: JSON.parse(reply.json), logs: reply.logs });
        } catch {
          finish({ ok: false, error: "The service's result could not be read back as JSON.", logs: reply.logs });
        }
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        finish({ ok: false, error: `The service crashed: ${event.message || "the worker stopped unexpectedly (out of memory?)"}` });
      };
      // A JSON round trip on the way in too: the code sees exactly what JSON can carry, never a shared reference.
      const payload = {
        body: serviceFunctionBody(code),
        input: JSON.parse(JSON.stringify(input)) as ServiceInput,
        maxLines: CONSOLE_LIMITS.lines,
        maxLineLength: CONSOLE_LIMITS.lineLength,
      };
      try {
        worker.postMessage(payload);
      } catch (error) {
        finish({ ok: false, error: `Could not send the input to the service: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
}
