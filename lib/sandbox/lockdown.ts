/**
 * What untrusted code may not reach inside a sandbox worker, and the one function that takes it away.
 *
 * A worker has no DOM and no access to the page's objects. What it shares with the page is the origin: network
 * requests would carry the student's cookies, storage and channels could reach other tabs, and the channel back to
 * the page could forge the worker's answer. `close()` would end the worker without a word, leaving the host to wait
 * for the time limit. Not closable from here: dynamic `import()` of a URL (a language feature, not a global); the
 * lab's worker is served with a CSP that forbids it, and its response could do no more than the code that asked.
 *
 * The implementation is JavaScript text so that the same code runs in bundled module workers (through `lockDown`)
 * and in the workers whose whole source is a string (the lab's, served as-is with its own CSP).
 */

/** Globals no sandbox realm keeps: the network, storage, other workers and the channel back to the host. */
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

/** Timers: the server's QuickJS sandbox has none, so the visible-tests realm must not have them either. */
export const TIMER_GLOBALS = ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "requestAnimationFrame"] as const;

/** What a realm takes away, and how it answers code that reaches for it. */
export interface RealmPolicy {
  blocked: readonly string[];
  /**
   * Without it a blocked name reads as undefined (`typeof fetch === "undefined"`, as the code runner promises);
   * with it, calling the name throws an Error with this text after the name, saying what to do instead.
   */
  refusal?: string;
}

/**
 * Every realm that runs untrusted code, by caller. The hostile-code tests (tests/security/sandbox-realms.test.ts)
 * iterate over this table, so a new caller added here is covered without writing new tests.
 */
export const REALMS = {
  /** The Run button of code examples and editors (lib/runner). */
  "code-runner": { blocked: BLOCKED_GLOBALS },
  /** "Run tests" on a challenge (lib/grading/visible-tests.worker.ts): the server has no timers either. */
  "visible-tests": { blocked: [...BLOCKED_GLOBALS, ...TIMER_GLOBALS] },
  /**
   * Lab services (lib/lab/browser-worker-source.ts), in the browser and in Node. `onmessage` stays: the worker sets it
   * after the lockdown to receive its one request, and ignores every later message.
   */
  "lab-service": {
    blocked: BLOCKED_GLOBALS.filter((name) => name !== "onmessage"),
    refusal:
      " is not available in the lab: a service cannot reach the network or the page. Put what you need in the request or the message, and return your data in the result.",
  },
} as const satisfies Record<string, RealmPolicy>;

export type RealmName = keyof typeof REALMS;

/**
 * `function lockDown(scope, names, refusal)`: shadow each name on the global object and on every prototype that
 * defines it (so `Object.getPrototypeOf(self).fetch` is no way around), pinned non-writable and non-configurable.
 * With `refusal` a string the value is a function that throws `name + refusal`; otherwise it is undefined.
 * Call it after the worker has kept its own references to what it still needs (postMessage, timers).
 */
export const LOCKDOWN_SOURCE = String.raw`function lockDown(scope, names, refusal) {
  function refuse(name) {
    return function () { throw new Error(name + refusal); };
  }
  for (var i = 0; i < names.length; i++) {
    var name = names[i];
    var value = typeof refusal === "string" ? refuse(name) : undefined;
    for (var target = scope; target; target = Object.getPrototypeOf(target)) {
      if (target !== scope && !Object.prototype.hasOwnProperty.call(target, name)) continue;
      try {
        Object.defineProperty(target, name, { value: value, writable: false, configurable: false });
      } catch (e) {
        // Non-configurable here: the shadow on the global object (defined first) is what code finds.
      }
    }
  }
}`;

/** The source text that locks `scope` down for `realm`: paste it into a string worker before the untrusted code. */
export function lockdownScript(realm: RealmName, scope = "self"): string {
  const policy: RealmPolicy = REALMS[realm];
  return `(${LOCKDOWN_SOURCE})(${scope}, ${JSON.stringify(policy.blocked)}, ${JSON.stringify(policy.refusal) ?? "undefined"});`;
}

type LockDownFn = (scope: object, names: readonly string[], refusal: string | undefined) => void;
let compiled: LockDownFn | null = null;

/** Lock `scope` (a worker's global object) down as `realm` requires. */
export function lockDown(realm: RealmName, scope: object = globalThis): void {
  compiled ??= new Function(`return ${LOCKDOWN_SOURCE}`)() as LockDownFn;
  const policy: RealmPolicy = REALMS[realm];
  compiled(scope, policy.blocked, policy.refusal);
}
