/*
 * The code-runner Web Worker: one per run (created by lib/sandbox). It receives one job, strips the TypeScript,
 * locks the realm down (lib/sandbox/lockdown.ts, realm "code-runner"), runs the program and streams its console
 * back as it prints. The host terminates it when the run is over or the time limit passes; nothing here tries to
 * stop a runaway loop (it cannot).
 */
import { serveOnce } from "@/lib/sandbox/worker-scope";
import { compile, execute } from "./execute";
import { OutputLimiter } from "./output-limiter";
import { parseRunJob, type RunAnswer } from "./protocol";

type Listener = (e: Event & { reason?: unknown; error?: unknown; message?: string }) => void;
const scope = globalThis as unknown as {
  addEventListener(type: string, listener: Listener): void;
  removeEventListener(type: string, listener: Listener): void;
};
const now = performance.now.bind(performance);

serveOnce({
  realm: "code-runner",
  accept: parseRunJob,
  async run(job, sandbox): Promise<RunAnswer> {
    const compiled = compile(job.code, job.fileName);
    if (!compiled.ok) return { status: "compile-error", error: compiled.error };
    const limiter = new OutputLimiter(job.limits);
    sandbox.start();
    // Each console entry is posted at once: output printed just before an endless loop must still arrive, and the
    // limiter bounds a run to ~1000 messages. The host batches them into frames for rendering.
    const outcome = await execute(compiled.program, {
      write: (line) => sandbox.log(limiter.push(line)),
      muted: () => limiter.truncated,
      timers: sandbox.timers,
      now,
      onUncaught: (handler) => {
        const onRejection: Listener = (e) => {
          e.preventDefault();
          handler(e.reason);
        };
        const onError: Listener = (e) => {
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
    sandbox.log(limiter.finish());
    return { status: outcome.status, durationMs: outcome.durationMs, ...(outcome.error ? { error: outcome.error } : {}) };
  },
});
