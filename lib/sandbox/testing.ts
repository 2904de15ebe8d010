/**
 * For tests in Node: a worker thread that looks to a classic worker script like a browser's dedicated worker.
 * Node only; never imported by app code.
 */
import type { SandboxWorker } from "./run-once";
import { threadWorker } from "./thread";

/**
 * What a browser worker has and a Node thread does not: `importScripts`, and `fetch` on the scope's prototype
 * (WorkerGlobalScope.prototype) rather than on the global itself. Node's own fetch and WebSocket stay real, so a
 * lockdown is exercised against working network functions.
 */
export const BROWSER_SCOPE_DRESSING = String.raw`
globalThis.importScripts = () => { throw new Error("importScripts reached the network"); };
const scopePrototype = Object.create(Object.getPrototypeOf(globalThis));
scopePrototype.fetch = globalThis.fetch;
delete globalThis.fetch;
Object.setPrototypeOf(globalThis, scopePrototype);
`;

/** A thread running `workerScript` in a browser-like dedicated worker scope. */
export function browserLikeWorker(workerScript: string): SandboxWorker {
  return threadWorker(BROWSER_SCOPE_DRESSING + workerScript);
}
