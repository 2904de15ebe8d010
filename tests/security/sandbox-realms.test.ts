/**
 * Hostile code against lib/sandbox, once for every caller. Each realm in REALMS (the code runner, the visible
 * tests, the lab's services) is locked down in a fresh realm dressed as a browser's dedicated worker, and must
 * keep the network, storage, other workers and the channel back to the page out of reach, however the code looks
 * for them. Then the module-worker scaffolding (serveOnce) and the lab's string worker (run by both executors) are
 * attacked through their real entry points, and a source check makes sure every caller goes through lib/sandbox.
 * QuickJS grading has its own suite (hostile-submissions.test.ts): nothing from the host exists in it at all.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, test } from "vitest";
import { createBrowserExecutor } from "@/lib/lab/browser-executor";
import { LAB_WORKER_SOURCE } from "@/lib/lab/browser-worker-source";
import type { RequestInput } from "@/lib/lab/contract";
import { createNodeExecutor } from "@/lib/lab/node-executor";
import { BLOCKED_GLOBALS, lockdownScript, REALMS, TIMER_GLOBALS, type RealmName, type RealmPolicy } from "@/lib/sandbox/lockdown";
import { browserLikeWorker } from "@/lib/sandbox/testing";
import { serveOnce } from "@/lib/sandbox/worker-scope";

const ALL_NAMES = [...BLOCKED_GLOBALS, ...TIMER_GLOBALS];

/**
 * A fresh realm shaped like a dedicated worker: every sensitive name lives on the scope's prototype (where browsers
 * put them), works, and records that it was reached; `onmessage` is an accessor, as in browsers.
 */
function dressedRealm() {
  const context = vm.createContext({});
  vm.runInContext(
    `globalThis.self = globalThis;
     globalThis.reached = [];
     const proto = Object.create(Object.getPrototypeOf(globalThis));
     for (const name of ${JSON.stringify(ALL_NAMES)}) {
       if (name === "onmessage") {
         Object.defineProperty(proto, name, { get() { reached.push("get " + name); return null; }, set() { reached.push("set " + name); }, configurable: true });
       } else {
         proto[name] = function () { reached.push(name); return 1; };
       }
     }
     Object.setPrototypeOf(globalThis, proto);`,
    context,
  );
  return (code: string) => vm.runInContext(code, context) as unknown;
}

/**
 * What each realm must block, written out here rather than read from lockdown.ts, so shortening a list there fails
 * this test. The lab keeps `onmessage` (it receives its one job through it after the lockdown; later messages are
 * ignored, tested below); the visible tests also lose the timers, as the server's QuickJS has none.
 */
const NETWORK_STORAGE_CHANNEL = ["fetch", "XMLHttpRequest", "importScripts", "WebSocket", "WebSocketStream", "WebTransport", "EventSource", "BroadcastChannel", "indexedDB", "caches", "Worker", "SharedWorker", "postMessage", "close"];
const MUST_BLOCK: Record<RealmName, string[]> = {
  "code-runner": [...NETWORK_STORAGE_CHANNEL, "onmessage"],
  "visible-tests": [...NETWORK_STORAGE_CHANNEL, "onmessage", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "requestAnimationFrame"],
  "lab-service": NETWORK_STORAGE_CHANNEL,
};

describe.each(Object.keys(REALMS) as RealmName[])("realm %s", (realm) => {
  const policy: RealmPolicy = REALMS[realm];

  test.each(MUST_BLOCK[realm].map((name) => [name]))("%s is out of reach, however the code looks for it", (name) => {
    const run = dressedRealm();
    run(lockdownScript(realm));
    const n = JSON.stringify(name);
    // Every way to the original: the global, a bare name, the prototype chain, a property descriptor.
    const views = [`self[${n}]`, `globalThis[${n}]`, `Object.getPrototypeOf(self)[${n}]`, `(0, eval)(${n})`, `Object.getOwnPropertyDescriptor(Object.getPrototypeOf(self), ${n})?.value`];
    for (const view of views) {
      const value = run(view);
      if (policy.refusal === undefined) expect(value, view).toBeUndefined();
      else expect(() => run(`(${view})()`), view).toThrow(name + policy.refusal);
    }
    // Nor can the code put it back.
    run(`try { self[${n}] = Object.getPrototypeOf(self)[${n}] } catch {}`);
    expect(run(`delete self[${n}]`)).toBe(false);
    expect(() => run(`Object.defineProperty(self, ${n}, { value: 1 })`)).toThrow(/redefine/);
    expect(run(`Object.getOwnPropertyDescriptor(self, ${n})`)).toMatchObject({ writable: false, configurable: false });
    expect(run("reached")).toEqual([]);
  });

  test("names outside its list keep working", () => {
    const run = dressedRealm();
    run(lockdownScript(realm));
    const kept = ALL_NAMES.filter((name) => !policy.blocked.includes(name) && name !== "onmessage");
    for (const name of kept) expect(run(`${name}()`), name).toBe(1);
  });
});

describe("the module-worker scaffolding (serveOnce)", () => {
  /** A stand-in worker scope: what the worker posts, and how to deliver it a message. */
  function fakeScope() {
    const posted: unknown[] = [];
    let listener: ((e: { data: unknown }) => void) | undefined;
    const proto = { postMessage: (m: unknown) => void posted.push(m), fetch: () => "network" };
    const scope = Object.assign(Object.create(proto) as Record<string, unknown>, {
      addEventListener: (_: string, fn: (e: { data: unknown }) => void) => void (listener = fn),
    });
    return { scope, posted, deliver: (data: unknown) => listener!({ data }) };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  test.each([["code-runner"], ["visible-tests"]] as const)("%s: one job only, the realm locked before 'started', answers it cannot forge", async (realm) => {
    const { scope, posted, deliver } = fakeScope();
    const jobs: unknown[] = [];
    serveOnce({
      realm,
      scope,
      accept: (data) => ((data as { code?: unknown })?.code === "ok" ? data : null),
      run(job, sandbox) {
        jobs.push(job);
        sandbox.start();
        // The untrusted code's view: the channel and the network are gone...
        expect(scope.postMessage).toBeUndefined();
        expect(scope.fetch).toBeUndefined();
        sandbox.log([{ level: "log", text: "hi" }]);
        return "answer";
      },
    });
    deliver({ code: "not a job" });
    deliver({ code: "ok", n: 1 });
    deliver({ code: "ok", n: 2 });
    await settle();
    expect(jobs).toEqual([{ code: "ok", n: 1 }]);
    // ...but the worker's own captured channel still answers, in order.
    expect(posted).toEqual([{ type: "started" }, { type: "log", lines: [{ level: "log", text: "hi" }] }, { type: "done", value: "answer" }]);
  });

  test("a failure of the worker's own code is reported as crashed, not left hanging", async () => {
    const { scope, posted, deliver } = fakeScope();
    serveOnce({
      realm: "code-runner",
      scope,
      accept: (data) => data,
      run() {
        throw new Error("harness failed");
      },
    });
    deliver({});
    await settle();
    expect(posted).toEqual([{ type: "crashed", message: "harness failed" }]);
  });
});

describe.each([
  ["browser", createBrowserExecutor({ createWorker: () => browserLikeWorker(LAB_WORKER_SOURCE), startupTimeoutMs: 15_000 })],
  ["node", createNodeExecutor()],
] as const)("lab services, %s executor", (kind, execute) => {
  const input: RequestInput = { endpoint: "/videos", method: "POST", data: { title: "Movie" } };
  const refused = (name: string) => ({ ok: false, error: `Error: ${name}${REALMS["lab-service"].refusal}` });

  test("network access and script imports are refused with a message, also through the prototype", async () => {
    const calls: Array<[string, string]> = [
      ["fetch", 'fetch("https://example.com")'],
      ["WebSocket", "new WebSocket('ws://example.com')"],
      ["importScripts", 'importScripts("x.js")'],
      // Only a browser keeps fetch on the scope's prototype (the dressed thread models that; Node has it own).
      ...(kind === "browser" ? [["fetch", "Object.getPrototypeOf(self).fetch('/api')"] as [string, string]] : []),
      ["BroadcastChannel", "new BroadcastChannel('tabs')"],
      ["Worker", "new Worker('x.js')"],
    ];
    for (const [name, call] of calls) {
      expect(await execute(`async function processRequest() { await ${call}; return {}; }`, input, { timeoutMs: 2000 }), call).toMatchObject(refused(name));
    }
  });

  test("the code cannot forge the worker's reply", async () => {
    const forged = `function processRequest() { postMessage({ type: "done", value: { ok: true, json: '{"forged":true}', logs: [] } }); return { operation: "NONE" }; }`;
    expect(await execute(forged, input, { timeoutMs: 2000 })).toMatchObject(refused("postMessage"));
  });

  test("the code cannot close its own worker, which would leave the run waiting for the time limit", async () => {
    expect(await execute("function processRequest() { close(); return { operation: 'NONE' }; }", input, { timeoutMs: 2000 })).toMatchObject(refused("close"));
  });

  test("a second message to the worker is ignored: replacing onmessage reaches nothing", async () => {
    const outcome = await execute(
      "function processRequest() { self.onmessage = () => { throw new Error('second job ran'); }; return { operation: 'NONE' }; }",
      input,
      { timeoutMs: 2000 },
    );
    expect(outcome).toMatchObject({ ok: true, value: { operation: "NONE" } });
  });
});

// That nothing outside lib/sandbox creates a worker is an ESLint boundary (boundaries/workers-in-sandbox, proved by
// tests/unit/lint-boundaries.test.ts); here: each worker that exists uses the shared lockdown.
describe("every caller goes through lib/sandbox", () => {
  const root = process.cwd();
  const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

  test("each worker locks its realm down with the shared lockdown", () => {
    expect(read("lib/runner/worker.ts")).toMatch(/serveOnce\(\{\s*realm: "code-runner"/);
    expect(read("lib/grading/visible-tests.worker.ts")).toMatch(/serveOnce\(\{\s*realm: "visible-tests"/);
    expect(LAB_WORKER_SOURCE).toContain(lockdownScript("lab-service", "scope"));
    // The lockdown runs before the lab's code is built, and the reply channel is captured before that.
    expect(LAB_WORKER_SOURCE.indexOf("var reply = scope.postMessage")).toBeLessThan(LAB_WORKER_SOURCE.indexOf("lockDown"));
    expect(LAB_WORKER_SOURCE.indexOf("lockDown")).toBeLessThan(LAB_WORKER_SOURCE.indexOf("new Function"));
  });
});
