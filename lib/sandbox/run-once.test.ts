import { describe, expect, it } from "vitest";
import { runOnce, type SandboxClock, type SandboxWorker } from "./run-once";

/** A clock whose time moves only when the test says so. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: SandboxClock = {
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    now: () => now,
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  return { clock, advance };
}

/** A worker the test speaks for; records what the host sent and whether it was terminated. */
function fakeWorker() {
  const sent: unknown[] = [];
  let terminated = 0;
  const worker: SandboxWorker = {
    onmessage: null,
    onerror: null,
    onexit: null,
    postMessage: (m) => void sent.push(m),
    terminate: () => void terminated++,
  };
  return { worker, sent, terminations: () => terminated, reply: (data: unknown) => worker.onmessage!({ data }) };
}

const parseNumber = (v: unknown) => (typeof v === "number" ? v : null);

/** Settles on the next macrotask whether or not the promise has: lets a test assert "still running". */
async function state<T>(p: Promise<T>): Promise<T | "pending"> {
  return Promise.race([p, new Promise<"pending">((r) => setTimeout(() => r("pending"), 0))]);
}

function start(options: Partial<Parameters<typeof runOnce<number>>[0]> = {}) {
  const { clock, advance } = manualClock();
  const w = fakeWorker();
  const run = runOnce<number>({ createWorker: () => w.worker, job: { n: 1 }, parseValue: parseNumber, bootMs: 1000, runMs: 300, clock, ...options });
  return { ...w, run, advance };
}

describe("runOnce", () => {
  it("sends the job once and answers with the worker's value", async () => {
    const t = start();
    expect(t.sent).toEqual([{ n: 1 }]);
    t.reply({ type: "started" });
    t.advance(40);
    t.reply({ type: "done", value: 42 });
    expect(await t.run).toEqual({ status: "done", value: 42, durationMs: 40, logs: [] });
    expect(t.terminations()).toBe(1);
  });

  it("counts the run budget from 'started', not from the worker's creation", async () => {
    const t = start();
    t.advance(900); // a slow boot is not the code's time
    expect(await state(t.run)).toBe("pending");
    t.reply({ type: "started" });
    t.advance(299);
    expect(await state(t.run)).toBe("pending");
    t.advance(1);
    expect(await t.run).toMatchObject({ status: "timeout", phase: "run", durationMs: 300 });
    expect(t.terminations()).toBe(1);
  });

  it("gives up on a worker that never starts", async () => {
    const t = start();
    t.advance(1000);
    expect(await t.run).toMatchObject({ status: "timeout", phase: "boot", durationMs: null });
  });

  it("ignores malformed and forged messages, and a second 'started' does not restart the budget", async () => {
    const t = start();
    t.reply({ type: "started" });
    t.advance(200);
    for (const bad of [null, "done", { type: "done", value: "not a number" }, { type: "log", lines: [{ level: "shout", text: "x" }] }, { type: "evil" }]) t.reply(bad);
    t.reply({ type: "started" });
    t.advance(100);
    expect(await t.run).toMatchObject({ status: "timeout", phase: "run" });
  });

  it("streams console lines up to the cap, in order, and returns them", async () => {
    const seen: string[] = [];
    const t = start({ maxLogLines: 3, onLog: (lines) => seen.push(...lines.map((l) => l.text)) });
    t.reply({ type: "started" });
    t.reply({ type: "log", lines: [{ level: "log", text: "a" }, { level: "warn", text: "b" }] });
    t.reply({ type: "log", lines: [{ level: "log", text: "c" }, { level: "log", text: "d" }] });
    t.reply({ type: "log", lines: [{ level: "log", text: "e" }] });
    t.reply({ type: "done", value: 0 });
    const outcome = await t.run;
    expect(seen).toEqual(["a", "b", "c"]);
    expect(outcome.logs.map((l) => l.text)).toEqual(["a", "b", "c"]);
  });

  it("reports crashes: an error event, the worker's own report, an exit, a worker that cannot start or be sent its job", async () => {
    let t = start();
    t.worker.onerror!({ message: "boom", code: "ERR_WORKER_OUT_OF_MEMORY" });
    expect(await t.run).toMatchObject({ status: "crashed", stage: "run", message: "boom", code: "ERR_WORKER_OUT_OF_MEMORY" });
    t = start();
    t.reply({ type: "crashed", message: "harness failed" });
    expect(await t.run).toMatchObject({ status: "crashed", stage: "run", message: "harness failed" });
    t = start();
    t.reply({ type: "started" });
    t.worker.onexit!(0);
    expect(await t.run).toMatchObject({ status: "crashed", stage: "run", exitCode: 0 });
    const refused = await runOnce({
      createWorker: () => {
        throw new Error("blocked by policy");
      },
      job: null,
      parseValue: parseNumber,
      bootMs: 1,
      runMs: 1,
    });
    expect(refused).toMatchObject({ status: "crashed", stage: "start", message: "blocked by policy" });
    const w = fakeWorker();
    w.worker.postMessage = () => {
      throw new Error("could not be cloned");
    };
    expect(await runOnce({ createWorker: () => w.worker, job: null, parseValue: parseNumber, bootMs: 1000, runMs: 1 })).toMatchObject({
      status: "crashed",
      stage: "send",
      message: "could not be cloned",
    });
    expect(w.terminations()).toBe(1);
  });

  it("stops when the caller aborts, and the first ending wins", async () => {
    const controller = new AbortController();
    const t = start({ signal: controller.signal });
    t.reply({ type: "started" });
    t.advance(10);
    controller.abort();
    t.reply({ type: "done", value: 1 });
    t.advance(1000);
    expect(await t.run).toMatchObject({ status: "stopped", durationMs: 10 });
    expect(t.terminations()).toBe(1);

    const aborted = new AbortController();
    aborted.abort();
    let created = 0;
    const r = await runOnce({ createWorker: () => (created++, fakeWorker().worker), job: null, parseValue: parseNumber, bootMs: 1, runMs: 1, signal: aborted.signal });
    expect(r).toMatchObject({ status: "stopped", durationMs: null });
    expect(created).toBe(0);
  });
});
