import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compile, execute } from "./execute";
import { DEFAULT_TIMEOUT_MS, type ConsoleLine } from "./protocol";

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Run code with the timers and the clock faked: a program's waits take no real time, happen in the order their
 * delays say, and `durationMs` is exactly the time the program scheduled, whatever the machine's load.
 */
async function run(code: string, fileName = "example.ts") {
  const compiled = compile(code, fileName);
  if (!compiled.ok) throw new Error(`did not compile: ${compiled.error.message}`);
  const lines: ConsoleLine[] = [];
  vi.useFakeTimers();
  const running = execute(compiled.program, { write: (l) => lines.push(l), now: () => Date.now() });
  await vi.runAllTimersAsync();
  const outcome = await running;
  return { outcome, lines, text: lines.map((l) => l.text) };
}

describe("compile", () => {
  it("reports a syntax error with the student's line and column", () => {
    const r = compile("const a: number = 1;\nlet b = ;\n", "example.ts");
    expect(r).toEqual({ ok: false, error: { message: "Unexpected token", line: 2, column: 9 } });
  });

  it("explains that import/export cannot run, pointing at the line", () => {
    const r = compile("const x = 1;\nexport const z = x;\n", "example.ts");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ line: 2, message: expect.stringMatching(/import and export are not available/) });
  });
});

describe("execute", () => {
  it("strips types and prints like console.log", async () => {
    const { outcome, lines } = await run(`type Order = { id: string };\nconst o: Order = { id: "A1" };\nconsole.log("order", o);\nconsole.warn("low stock");`);
    expect(outcome.status).toBe("ok");
    expect(lines).toEqual([{ level: "log", text: "order { id: 'A1' }" }, { level: "warn", text: "low stock" }]);
  });

  it("waits for top-level await and for pending timers before finishing", async () => {
    const { outcome, text } = await run(`const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\nawait sleep(20);\nconsole.log("after await");\nsetTimeout(() => console.log("from a timer"), 10);\nconsole.log("end of script");`);
    expect(outcome.status).toBe("ok");
    expect(text).toEqual(["after await", "end of script", "from a timer"]);
    // 20 + 10 ms of timers, plus the fake clock's 1 ms per zero-delay turn the runner takes to see it is idle.
    expect(outcome.durationMs).toBeGreaterThanOrEqual(30);
    expect(outcome.durationMs).toBeLessThan(35);
  });

  it("finishes when an interval is cleared", async () => {
    const { outcome, text } = await run(`let n = 0;\nconst id = setInterval(() => { n++; if (n === 3) { clearInterval(id); console.log("ticks", n); } }, 1);`);
    expect(outcome.status).toBe("ok");
    expect(text).toEqual(["ticks 3"]);
  });

  it("reports an uncaught error with the student's line numbers, innermost first", async () => {
    const { outcome, lines } = await run(`function charge(total: number) {\n  return (null as any).amount + total;\n}\nclass Checkout { pay() { return charge(1); } }\nnew Checkout().pay();\nconsole.log("never printed");`);
    expect(outcome.status).toBe("error");
    expect(outcome.error).toMatchObject({ line: 2, message: expect.stringMatching(/^TypeError: /) });
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe("error");
    expect(lines[0].text.split("\n")).toEqual([
      expect.stringMatching(/^Uncaught TypeError: Cannot read properties of null/),
      expect.stringMatching(/^ {4}at charge \(example\.ts:2:\d+\)$/),
      expect.stringMatching(/^ {4}at Checkout\.pay \(example\.ts:4:\d+\)$/),
      expect.stringMatching(/^ {4}at example\.ts:5:\d+$/),
    ]);
  });

  it("ends the run on a throw inside a timer callback, like a crash", async () => {
    const { outcome, text } = await run(`setTimeout(() => {\n  throw new Error("consumer crashed");\n}, 5);\nsetTimeout(() => console.log("not reached"), 50);`);
    expect(outcome).toMatchObject({ status: "error", error: { line: 2 } });
    expect(text).toEqual([expect.stringMatching(/^Uncaught Error: consumer crashed\n {4}at example\.ts:2:\d+$/)]);
  });

  it("says so when the code awaits a promise that can never settle", async () => {
    const { outcome, text } = await run(`await new Promise(() => {});\nconsole.log("unreachable");`);
    expect(outcome.status).toBe("error");
    expect(text[0]).toMatch(/never settles/);
  });

  it("prints a thrown non-Error value", async () => {
    const { outcome, text } = await run(`throw "plain string";`);
    expect(outcome.status).toBe("error");
    expect(text).toEqual(["Uncaught 'plain string'"]);
  });

  it("indents console.group output and counts", async () => {
    const { text } = await run(`console.group("batch");\nconsole.count();\nconsole.count();\nconsole.groupEnd();\nconsole.log("done");`);
    expect(text).toEqual(["batch", "  default: 1", "  default: 2", "done"]);
  });
});

// Every lesson's example must run cleanly in the runner exactly as the page runs it (same compile, same console).
describe("lesson examples run in the runner", () => {
  const root = path.join(process.cwd(), "content", "examples");
  const files = fs.existsSync(root)
    ? fs.readdirSync(root).flatMap((slug) => fs.readdirSync(path.join(root, slug)).filter((f) => f.endsWith(".ts")).map((f) => path.join(slug, f)))
    : [];
  it("finds the examples", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file, async () => {
      const { outcome, lines, text } = await run(fs.readFileSync(path.join(root, file), "utf8"), path.basename(file));
      expect(outcome.status, text.join("\n")).toBe("ok");
      expect(lines.length).toBeGreaterThan(0);
      // What the example waits for on purpose (its timers) must fit in the page's time limit with room to spare.
      expect(outcome.durationMs).toBeLessThan(DEFAULT_TIMEOUT_MS / 3);
    });
  }
});
