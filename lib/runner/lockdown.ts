/**
 * Globals a student's code must not reach inside our browser workers: the network, storage, other workers and
 * the channel back to the page. Shared by the code-example runner and the visible-tests worker.
 */
export const BLOCKED_GLOBALS = [
  "fetch",
  "XMLHttpRequest",
  "importScripts",
  "WebSocket",
  "WebSocketStream",
  "WebTransport",
  "EventSource",
  "BroadcastChannel",
  "indexedDB",
  "caches",
  "Worker",
  "SharedWorker",
  "postMessage",
  "close",
  "onmessage",
] as const;

/**
 * Remove each name from the global object and its prototype chain, then pin it to undefined. Call it after the
 * worker has kept its own references to anything it still needs (postMessage, timers).
 */
export function removeGlobals(names: readonly string[]): void {
  for (const name of names) {
    for (let obj: object | null = globalThis; obj; obj = Object.getPrototypeOf(obj)) {
      try {
        delete (obj as Record<string, unknown>)[name];
      } catch {
        /* non-configurable: pinned below */
      }
    }
    try {
      Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false });
    } catch {
      /* the engine pinned it already; the delete is what counts */
    }
  }
}
