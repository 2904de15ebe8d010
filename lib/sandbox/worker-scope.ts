/**
 * The worker's side of the sandbox, for bundled module workers (see workers.ts): take the first well-formed
 * message as the job, lock the realm down just before untrusted code starts, and answer in the reply protocol.
 * Everything the worker itself needs (postMessage, timers) is captured before the untrusted code exists.
 */
import { lockDown, type RealmName } from "./lockdown";
import type { ConsoleLine, SandboxReply } from "./protocol";

type AnyFn = (...args: unknown[]) => unknown;

export interface CapturedTimers {
  setTimeout: AnyFn;
  clearTimeout: AnyFn;
  setInterval: AnyFn;
  clearInterval: AnyFn;
}

export interface SandboxContext {
  /** Lock the realm down and tell the host the untrusted code starts now (its run budget starts). Call once. */
  start(): void;
  /** Stream console lines to the host. */
  log(lines: ConsoleLine[]): void;
  /** The realm's real timers, captured before the lockdown or the code could replace them. */
  timers: CapturedTimers;
}

export interface ServeOnceOptions<J> {
  realm: RealmName;
  /** The job if `data` is a well-formed one, else null (the message is ignored). */
  accept(data: unknown): J | null;
  /** Run the job; its value is the "done" value. A throw is reported as "crashed" (the worker's fault). */
  run(job: J, context: SandboxContext): unknown;
  /** The worker's global object; tests pass a stand-in. */
  scope?: object;
}

/** Serve exactly one job in this worker. */
export function serveOnce<J>(options: ServeOnceOptions<J>): void {
  const scope = (options.scope ?? globalThis) as unknown as {
    postMessage(message: SandboxReply<unknown>): void;
    addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  };
  const post = scope.postMessage.bind(scope);
  const timers: CapturedTimers = {
    setTimeout: globalThis.setTimeout.bind(globalThis) as AnyFn,
    clearTimeout: globalThis.clearTimeout.bind(globalThis) as AnyFn,
    setInterval: globalThis.setInterval.bind(globalThis) as AnyFn,
    clearInterval: globalThis.clearInterval.bind(globalThis) as AnyFn,
  };
  let started = false;
  let running = false;
  const context: SandboxContext = {
    start() {
      if (running) return;
      running = true;
      lockDown(options.realm, scope);
      post({ type: "started" });
    },
    log(lines) {
      if (lines.length) post({ type: "log", lines });
    },
    timers,
  };
  scope.addEventListener("message", (event) => {
    if (started) return;
    const job = options.accept(event.data);
    if (job === null) return;
    started = true;
    Promise.resolve()
      .then(() => options.run(job, context))
      .then(
        (value) => post({ type: "done", value }),
        (error: unknown) => post({ type: "crashed", message: error instanceof Error ? error.message : String(error) }),
      );
  });
}
