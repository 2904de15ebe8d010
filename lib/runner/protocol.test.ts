import { describe, expect, it } from "vitest";
import { describeResult, formatDuration, parseWorkerMessage } from "./protocol";

describe("worker messages", () => {
  it("accepts the well-formed messages of the protocol", () => {
    expect(parseWorkerMessage({ type: "compiled" })).toEqual({ type: "compiled" });
    expect(parseWorkerMessage({ type: "output", lines: [{ level: "warn", text: "careful" }] })).toEqual({ type: "output", lines: [{ level: "warn", text: "careful" }] });
    expect(parseWorkerMessage({ type: "compile-error", error: { message: "Unexpected token", line: 2, column: 9 } })).toEqual({
      type: "compile-error",
      error: { message: "Unexpected token", line: 2, column: 9 },
    });
    expect(parseWorkerMessage({ type: "done", status: "error", durationMs: 4, error: { message: "TypeError: x", line: 3 } })).toEqual({
      type: "done",
      status: "error",
      durationMs: 4,
      error: { message: "TypeError: x", line: 3 },
    });
  });

  it("rejects anything else (student code could forge messages)", () => {
    for (const bad of [null, "done", { type: "done", status: "timeout", durationMs: 1 }, { type: "output", lines: [{ level: "shout", text: "x" }] }, { type: "output", lines: "x" }, { type: "done", status: "ok" }, { type: "compile-error", error: { line: 1 } }, { type: "evil" }]) {
      expect(parseWorkerMessage(bad)).toBeNull();
    }
  });
});

describe("run summaries", () => {
  it("says how long a run took", () => {
    expect(formatDuration(0.2)).toBe("under 1 ms");
    expect(formatDuration(12.4)).toBe("12 ms");
    expect(formatDuration(1450)).toBe("1.4 s");
  });

  it("names every ending the student can meet", () => {
    const base = { timeoutMs: 3000, durationMs: 12 };
    expect(describeResult({ ...base, status: "ok" })).toBe("Finished in 12 ms.");
    expect(describeResult({ ...base, status: "timeout", durationMs: 3000 })).toBe("Stopped: your code ran longer than 3 s (infinite loop?)");
    expect(describeResult({ ...base, status: "error", error: { message: "TypeError: boom", line: 7, column: 3 } })).toBe("Stopped by an uncaught error (line 7, column 3) after 12 ms.");
    expect(describeResult({ ...base, durationMs: null, status: "compile-error", error: { message: "Unexpected token", line: 2 } })).toBe("Did not run: the code has a syntax error (line 2).");
    expect(describeResult({ ...base, status: "stopped", durationMs: 1500 })).toBe("Stopped by you after 1.5 s.");
    expect(describeResult({ ...base, status: "crashed", durationMs: null, error: { message: "could not load" } })).toMatch(/could not load/);
  });
});
