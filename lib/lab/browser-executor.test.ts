/**
 * Both lab executors, case by case: the browser's (its real worker script, run in a Node thread dressed as a
 * browser's dedicated worker by lib/sandbox/testing.ts) and the Node one. They share the worker script and the
 * host (createLabExecutor), so a student sees the same outcome from either. The hostile cases (network, forged
 * replies, close) are in tests/security/sandbox-realms.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { SandboxWorker } from "@/lib/sandbox/run-once";
import { browserLikeWorker } from "@/lib/sandbox/testing";
import { createBrowserExecutor } from "./browser-executor";
import { LAB_WORKER_SOURCE } from "./browser-worker-source";
import type { RequestInput } from "./contract";
import { createNodeExecutor } from "./node-executor";
import { runFlow } from "./run-flow";
import { TEMPLATES } from "./templates";

let started = 0;
let terminated = 0;

function countedWorker(): SandboxWorker {
  started += 1;
  const worker = browserLikeWorker(LAB_WORKER_SOURCE);
  const terminate = worker.terminate;
  worker.terminate = () => {
    terminated += 1;
    terminate();
  };
  return worker;
}

const browser = createBrowserExecutor({ createWorker: countedWorker, startupTimeoutMs: 15_000 });
const node = createNodeExecutor();
const input: RequestInput = { endpoint: "/videos", method: "POST", data: { title: "Movie" } };
const limits = { timeoutMs: 2000 };

describe.each([
  ["browser", browser],
  ["node", node],
] as const)("%s executor", (_, execute) => {
  it("runs processRequest with the input, captures console output and returns a JSON copy", async () => {
    const outcome = await execute(
      `function processRequest(input) {
        console.log("got", input.data);
        console.warn("careful");
        console.error("very careful");
        return { operation: "NONE", data: { echoed: input.data.title, at: new Date(0) } };
      }`,
      input,
      limits,
    );
    expect(outcome).toEqual({
      ok: true,
      // The Date came back as its JSON text: the round trip keeps only what JSON carries.
      value: { operation: "NONE", data: { echoed: "Movie", at: "1970-01-01T00:00:00.000Z" } },
      logs: ['got {"title":"Movie"}', "[warn] careful", "[error] very careful"],
    });
  });

  it("awaits an async processRequest", async () => {
    expect(await execute("async function processRequest() { await null; return { operation: 'NONE' }; }", input, limits)).toMatchObject({
      ok: true,
      value: { operation: "NONE" },
    });
  });

  it("stops an infinite loop at the time limit and stays usable", async () => {
    // A loop that was never stopped would hang the test; that the budget counts from the code's start, not the
    // worker's, is lib/sandbox/run-once.test.ts's to prove with a clock it controls.
    expect(await execute("function processRequest() { while (true) {} }", input, { timeoutMs: 300 })).toEqual({
      ok: false,
      error: "Timed out after 300 ms: processRequest did not finish (an infinite loop, or a promise that never settles?).",
    });
    expect(await execute("function processRequest() { return { operation: 'NONE' }; }", input, limits)).toMatchObject({ ok: true });
  });

  it("uses a fresh worker for every call, so globals do not leak between calls", async () => {
    await execute("function processRequest() { self.leak = 41; return {}; }", input, limits);
    const second = await execute("function processRequest() { return { operation: 'NONE', data: { leak: typeof self.leak } }; }", input, limits);
    expect(second).toMatchObject({ ok: true, value: { data: { leak: "undefined" } } });
  });

  it("describes thrown errors, syntax errors and a missing processRequest", async () => {
    expect(await execute("function processRequest(input) { return input.message_queue_input.videoId; }", input, limits)).toMatchObject({
      ok: false,
      error: "TypeError: Cannot read properties of undefined (reading 'videoId')",
    });
    expect(await execute("function processRequest() { throw 'boom'; }", input, limits)).toMatchObject({ ok: false, error: 'threw "boom"' });
    expect(await execute("function processRequest(input { }", input, limits)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Your code does not compile: SyntaxError/),
    });
    expect(await execute("function handle() {}", input, limits)).toMatchObject({ ok: false, error: expect.stringContaining("processRequest is not defined") });
  });

  it("runs in strict mode and rejects values JSON cannot carry", async () => {
    expect(await execute("function processRequest() { leaked = 1; return {}; }", input, limits)).toMatchObject({
      ok: false,
      error: "ReferenceError: leaked is not defined",
    });
    expect(await execute("function processRequest() { return { n: 1n }; }", input, limits)).toMatchObject({
      ok: false,
      error: expect.stringContaining("cannot be turned into JSON"),
    });
  });

  it("gives the code a copy of the input", async () => {
    const mine: RequestInput = { endpoint: "/x", method: "POST", data: { n: 1 } };
    await execute("function processRequest(input) { input.data.n = 2; return {}; }", mine, limits);
    expect(mine.data.n).toBe(1);
  });
});

describe("browser executor", () => {
  it("terminates the worker of every call, the looping one included", async () => {
    const before = { started, terminated };
    await browser("function processRequest() { while (true) {} }", input, { timeoutMs: 300 });
    await browser("function processRequest() { return {}; }", input, limits);
    expect(started - before.started).toBe(2);
    expect(terminated - before.terminated).toBe(2);
  });

  it("reports a worker that cannot be created instead of rejecting", async () => {
    const broken = createBrowserExecutor({
      createWorker: () => {
        throw new Error("blocked by policy");
      },
    });
    expect(await broken("function processRequest() { return {}; }", input, { timeoutMs: 100 })).toEqual({
      ok: false,
      error: "Could not start the service: blocked by policy",
    });
  });

  it("runs every template green through runFlow", async () => {
    for (const template of TEMPLATES) {
      const run = await runFlow(template.design(), browser);
      expect(run.api?.status, template.id).toBe("success");
      expect(run.queue?.status, template.id).toBe("success");
    }
  });
});

describe("node executor", () => {
  // In a thread, a promise nothing can settle empties the event loop and the thread exits: that is reported at
  // once. (In a browser the worker idles until the time limit, which reports it as a timeout.)
  it("reports a promise that can never settle", async () => {
    expect(await node("function processRequest() { return new Promise(() => {}); }", input, limits)).toMatchObject({
      ok: false,
      error: expect.stringContaining("never settles"),
    });
  });
});
