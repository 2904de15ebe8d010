import { describe, expect, it } from "vitest";
import { browserLikeWorker } from "@/lib/sandbox/testing";
import type { SandboxWorker } from "@/lib/sandbox/run-once";
import { createBrowserExecutor } from "./browser-executor";
import { LAB_WORKER_SOURCE } from "./browser-worker-source";
import type { RequestInput } from "./contract";
import { runFlow } from "./run-flow";
import { TEMPLATES } from "./templates";

/**
 * Runs the real worker source in a Node thread dressed as a browser's dedicated worker (lib/sandbox/testing.ts).
 * The hostile cases (network, forged replies, close) are in tests/security/sandbox-realms.test.ts.
 */
let started = 0;
let terminated = 0;

function nodeWorker(): SandboxWorker {
  started += 1;
  const worker = browserLikeWorker(LAB_WORKER_SOURCE);
  const terminate = worker.terminate;
  worker.terminate = () => {
    terminated += 1;
    terminate();
  };
  return worker;
}

const execute = createBrowserExecutor({ createWorker: nodeWorker, startupTimeoutMs: 15_000 });
const input: RequestInput = { endpoint: "/videos", method: "POST", data: { title: "Movie" } };

describe("browser executor (worker source run in a Node thread)", () => {
  it("runs processRequest with the input, captures console output and returns a JSON copy", async () => {
    const outcome = await execute(
      `function processRequest(input) {
        console.log("got", input.data);
        console.error("careful");
        return { operation: "NONE", data: { echoed: input.data.title, at: new Date(0) } };
      }`,
      input,
      { timeoutMs: 2000 },
    );
    expect(outcome).toEqual({
      ok: true,
      // The Date came back as its JSON text: the round trip keeps only what JSON carries.
      value: { operation: "NONE", data: { echoed: "Movie", at: "1970-01-01T00:00:00.000Z" } },
      logs: ['got {"title":"Movie"}', "[error] careful"],
    });
  });

  it("awaits an async processRequest", async () => {
    const outcome = await execute("async function processRequest() { await null; return { operation: 'NONE' }; }", input, { timeoutMs: 2000 });
    expect(outcome).toMatchObject({ ok: true, value: { operation: "NONE" } });
  });

  it("stops an infinite loop at the time limit and terminates its worker", async () => {
    // That the budget counts from the code's start, not the worker's, is lib/sandbox/run-once.test.ts's to prove.
    const before = terminated;
    const outcome = await execute("function processRequest() { while (true) {} }", input, { timeoutMs: 300 });
    expect(outcome).toEqual({
      ok: false,
      error: "Timed out after 300 ms: processRequest did not finish (an infinite loop, or a promise that never settles?).",
    });
    expect(terminated).toBe(before + 1);
    expect(await execute("function processRequest() { return { operation: 'NONE' }; }", input, { timeoutMs: 2000 })).toMatchObject({ ok: true });
  });

  it("uses a fresh worker for every call, so globals do not leak between calls", async () => {
    const before = started;
    await execute("function processRequest() { self.leak = 41; return {}; }", input, { timeoutMs: 2000 });
    const second = await execute("function processRequest() { return { operation: 'NONE', data: { leak: typeof self.leak } }; }", input, { timeoutMs: 2000 });
    expect(second).toMatchObject({ ok: true, value: { data: { leak: "undefined" } } });
    expect(started).toBe(before + 2);
  });

  it("describes thrown errors, syntax errors and a missing processRequest like the Node executor", async () => {
    expect(await execute("function processRequest(input) { return input.message_queue_input.videoId; }", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: "TypeError: Cannot read properties of undefined (reading 'videoId')",
    });
    expect(await execute("function processRequest() { throw 'boom'; }", input, { timeoutMs: 2000 })).toMatchObject({ ok: false, error: 'threw "boom"' });
    expect(await execute("function processRequest(input { }", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Your code does not compile: SyntaxError/),
    });
    expect(await execute("function handle() {}", input, { timeoutMs: 2000 })).toMatchObject({ ok: false, error: expect.stringContaining("processRequest is not defined") });
    expect(await execute("function processRequest() { leaked = 1; return {}; }", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: "ReferenceError: leaked is not defined",
    });
    expect(await execute("function processRequest() { return { n: 1n }; }", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: expect.stringContaining("cannot be turned into JSON"),
    });
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
      const run = await runFlow(template.design(), execute);
      expect(run.api?.status, template.id).toBe("success");
      expect(run.queue?.status, template.id).toBe("success");
    }
  });
});
