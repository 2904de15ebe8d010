import { describe, expect, it } from "vitest";
import type { RequestInput } from "./contract";
import { createNodeExecutor } from "./node-executor";

const execute = createNodeExecutor();
const input: RequestInput = { endpoint: "/videos", method: "POST", data: { title: "Movie" } };

describe("node executor", () => {
  it("runs processRequest with the input and captures console output", async () => {
    const outcome = await execute(
      `function processRequest(input) {
        console.log("got", input.data);
        console.warn("careful");
        return { operation: "NONE", data: { echoed: input.data.title } };
      }`,
      input,
      { timeoutMs: 2000 },
    );
    expect(outcome).toEqual({
      ok: true,
      value: { operation: "NONE", data: { echoed: "Movie" } },
      logs: ['got {"title":"Movie"}', "[warn] careful"],
    });
  });

  it("awaits an async processRequest", async () => {
    const outcome = await execute("async function processRequest() { await null; return { operation: 'NONE' }; }", input, { timeoutMs: 2000 });
    expect(outcome).toMatchObject({ ok: true, value: { operation: "NONE" } });
  });

  it("stops an infinite loop at the timeout", async () => {
    // A loop that was never stopped would hang the test; that the budget counts from the code's start is
    // lib/sandbox/run-once.test.ts's to prove, with a clock it controls.
    const outcome = await execute("function processRequest() { while (true) {} }", input, { timeoutMs: 300 });
    expect(outcome).toEqual({
      ok: false,
      error: "Timed out after 300 ms: processRequest did not finish (an infinite loop, or a promise that never settles?).",
    });
    // The executor is still usable afterwards: the looping worker was terminated, not waited for.
    expect(await execute("function processRequest() { return { operation: 'NONE' }; }", input, { timeoutMs: 2000 })).toMatchObject({ ok: true });
  });

  it("reports a promise that can never settle", async () => {
    const outcome = await execute("function processRequest() { return new Promise(() => {}); }", input, { timeoutMs: 2000 });
    expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining("never settles") });
  });

  it("describes thrown errors, syntax errors and a missing processRequest", async () => {
    expect(await execute("function processRequest(input) { return input.message_queue_input.videoId; }", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: "TypeError: Cannot read properties of undefined (reading 'videoId')",
    });
    expect(await execute("function processRequest() { throw 'boom'; }", input, { timeoutMs: 2000 })).toMatchObject({ ok: false, error: 'threw "boom"' });
    expect(await execute("function processRequest(input { }", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Your code does not compile: SyntaxError/),
    });
    expect(await execute("function handle() {}", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: expect.stringContaining("processRequest is not defined"),
    });
  });

  it("runs in strict mode and rejects values JSON cannot carry", async () => {
    expect(await execute("function processRequest() { leaked = 1; return {}; }", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: "ReferenceError: leaked is not defined",
    });
    expect(await execute("function processRequest() { return { n: 1n }; }", input, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: expect.stringContaining("cannot be turned into JSON"),
    });
  });

  it("gives the code a copy of the input", async () => {
    const mine: RequestInput = { endpoint: "/x", method: "POST", data: { n: 1 } };
    await execute("function processRequest(input) { input.data.n = 2; return {}; }", mine, { timeoutMs: 2000 });
    expect(mine.data.n).toBe(1);
  });
});
