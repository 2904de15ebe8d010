/**
 * The browser's side of the sandbox: the only place that creates Web Workers. Browser-only.
 *
 * Module workers are bundled entries; the bundler finds them only through a literal
 * `new Worker(new URL("...", import.meta.url))`, so each entry is listed here by name. To add one, write the entry
 * with `serveOnce` (worker-scope.ts), add a case below and a realm in lockdown.ts.
 */
import type { SandboxWorker } from "./run-once";

export type ModuleWorkerEntry = "code-runner" | "visible-tests";

/** A fresh module worker running one of the bundled sandbox entries. */
export function createModuleWorker(entry: ModuleWorkerEntry): SandboxWorker {
  switch (entry) {
    case "code-runner":
      return new Worker(new URL("../runner/worker.ts", import.meta.url), { type: "module", name: "code-runner" }) as unknown as SandboxWorker;
    case "visible-tests":
      return new Worker(new URL("../grading/visible-tests.worker.ts", import.meta.url), { type: "module", name: "visible-tests" }) as unknown as SandboxWorker;
  }
}

/** A fresh classic worker from a same-origin URL whose response carries its own CSP (the lab's). */
export function createClassicWorker(url: string, name: string): SandboxWorker {
  return new Worker(url, { name }) as unknown as SandboxWorker;
}
