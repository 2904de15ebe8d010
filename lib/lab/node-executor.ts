/**
 * A `ServiceExecutor` for Node (tests and server-side previews): each call runs
 * the service in a fresh `worker_threads` worker, which is terminated when the
 * call finishes or its timeout expires, so an infinite loop costs one timeout
 * and nothing more.
 *
 * This is isolation from the runner, not a security sandbox: code in a worker
 * can still reach Node's globals. Grading untrusted code on the server goes
 * through QuickJS (see ARCHITECTURE.md rule 5); the browser uses a Web Worker.
 */
import { Worker } from "node:worker_threads";
import {
  CONSOLE_LIMITS,
  serviceFunctionBody,
  timeoutMessage,
  type ExecutionOutcome,
  type ServiceExecutor,
  type ServiceInput,
} from "./contract";

/**
 * Worker source, plain JavaScript (a string so no bundler or test transform
 * rewrites it). It builds the service function, awaits it, and posts either the
 * JSON text of the value or a described error, plus captured console lines.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const { body, input, maxLines, maxLineLength } = workerData;
const logs = [];
function show(value) {
  if (typeof value === "string") return value;
  try { const text = JSON.stringify(value); return text === undefined ? String(value) : text; } catch { return String(value); }
}
function record(prefix) {
  return (...args) => {
    if (logs.length >= maxLines) return;
    const line = prefix + args.map(show).join(" ");
    logs.push(line.length > maxLineLength ? line.slice(0, maxLineLength - 1) + "\u2026" : line);
  };
}
const capturingConsole = {
  log: record(""), info: record(""), debug: record(""),
  warn: record("[warn] "), error: record("[error] "),
};
function describe(error) {
  if (error instanceof Error) return error.name + ": " + error.message;
  if (error && typeof error === "object" && typeof error.message === "string") return error.message;
  let text; try { text = JSON.stringify(error); } catch { text = undefined; }
  return "threw " + (text === undefined ? String(error) : text);
}
let fn;
try {
  fn = new Function("__labInput", "console", body);
} catch (error) {
  parentPort.postMessage({ ok: false, error: "Your code does not compile: " + describe(error), logs });
}
if (fn) {
  // The budget starts now, not at spawn: thread start-up on a busy machine is not the student's code.
  parentPort.postMessage({ started: true });
  Promise.resolve()
    .then(() => fn(input, capturingConsole))
    .then(
      (value) => {
        if (value === undefined) { parentPort.postMessage({ ok: true, undefinedValue: true, logs }); return; }
        let json;
        try { json = JSON.stringify(value); } catch (error) {
          parentPort.postMessage({ ok: false, error: "processRequest returned a value that cannot be turned into JSON: " + describe(error), logs });
          return;
        }
        parentPort.postMessage({ ok: true, json, logs });
      },
      (error) => parentPort.postMessage({ ok: false, error: describe(error), logs }),
    );
}
`;

type WorkerReply = { started: true } | { ok: true; json?: string; undefinedValue?: boolean; logs: string[] } | { ok: false; error: string; logs: string[] };

export interface NodeExecutorOptions {
  /** V8 old-generation heap cap per call, in MiB; exceeding it fails the call with an out-of-memory error. */
  memoryLimitMb?: number;
  /** How long a worker may take to start before the call fails, in milliseconds. Default 15000. */
  startupTimeoutMs?: number;
}

/** Creates an executor that runs each call in its own worker thread. */
export function createNodeExecutor(options: NodeExecutorOptions = {}): ServiceExecutor {
  const memoryLimitMb = options.memoryLimitMb ?? 64;
  const startupTimeoutMs = options.startupTimeoutMs ?? 15_000;
  return (code: string, input: ServiceInput, { timeoutMs }) =>
    new Promise<ExecutionOutcome>((resolve) => {
      let settled = false;
      let worker: Worker;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: ExecutionOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Termination is asynchronous; the outcome does not wait for it.
        void worker.terminate().catch(() => undefined);
        resolve(outcome);
      };
      try {
        worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: {
            body: serviceFunctionBody(code),
            input,
            maxLines: CONSOLE_LIMITS.lines,
            maxLineLength: CONSOLE_LIMITS.lineLength,
          },
          resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
          stdout: true,
          stderr: true,
        });
      } catch (error) {
        resolve({ ok: false, error: `Could not start the service: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      timer = setTimeout(
        () => finish({ ok: false, error: `The service did not start within ${startupTimeoutMs} ms; the machine may be overloaded.` }),
        startupTimeoutMs,
      );
      worker.on("message", (reply: WorkerReply) => {
        if ("started" in reply) {
          clearTimeout(timer);
          timer = setTimeout(() => finish({ ok: false, error: timeoutMessage(timeoutMs) }), timeoutMs);
          return;
        }
        if (!reply.ok) return finish({ ok: false, error: reply.error, logs: reply.logs });
        if (reply.undefinedValue || reply.json === undefined) return finish({ ok: true, value: undefined, logs: reply.logs });
        finish({ ok: true, value: JSON.parse(reply.json), logs: reply.logs });
      });
      worker.once("error", (error: Error & { code?: string }) => {
        const message =
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `Out of memory: processRequest used more than ${memoryLimitMb} MB.`
            : `The service crashed: ${error.message}`;
        finish({ ok: false, error: message });
      });
      worker.once("exit", (exitCode) => {
        // A clean exit before any reply means the event loop emptied while
        // processRequest's promise was still pending: nothing could ever settle it.
        finish({
          ok: false,
          error:
            exitCode === 0
              ? "processRequest returned a promise that never settles (nothing was left for it to wait for)."
              : `The service stopped unexpectedly (exit code ${exitCode}) before returning.`,
        });
      });
    });
}
