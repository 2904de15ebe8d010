import { describe, expect, it } from "vitest";
import { describeResult, formatDuration, parseRunAnswer } from "./protocol";

describe("the worker's answer", () => {
  it("accepts the well-formed answers", () => {
    expect(parseRunAnswer({ status: "compile-error", error: { message: "Unexpected token", line: 2, column: 9 } })).toEqual({
      status: "compile-error",
      error: { message: "Unexpected token", line: 2, column: 9 },
    });
    expect(parseRunAnswer({ status: "error", durationMs: 4, error: { message: "TypeError: x", line: 3 } })).toEqual({
      status: "error",
      durationMs: 4,
      error: { message: "TypeError: x", line: 3 },
    });
    expect(parseRunAnswer({ status: "ok", durationMs: 1 })).toEqual({ status: "ok", durationMs: 1 });
  });

  it("rejects anything else (student code could forge messages)", () => {
    for (const bad of [null, "done", { status: "timeout", durationMs: 1 }, { status: "ok" }, { status: "compile-error", error: { line: 1 } }, { status: "error", durationMs: 1, error: "x" }]) {
      expect(parseRunAnswer(bad)).toBeNull();
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
