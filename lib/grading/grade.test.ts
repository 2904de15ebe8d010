/**
 * The harness's test API and messages, as students see them, through the real grader (esbuild + QuickJS pool).
 */
import { describe, expect, test } from "vitest";
import { compileTestModule, gradeWithPool, invalidExportName, MAX_CODE_LENGTH } from "./grade";
import { gradingPoolForSuite } from "@/tests/support/grading-pool";
import type { GradeResult } from "./types";

const pool = gradingPoolForSuite();

const run = (code: string, tests: string, exports = ["value"], limits = {}): Promise<GradeResult> =>
  gradeWithPool(pool(), { code, tests, exports, limits });

/** name -> failure message ("" for a pass). */
async function outcomes(tests: string, code = "export const value = 1;"): Promise<Record<string, string>> {
  const r = await run(code, tests);
  expect(r.error).toBeUndefined();
  return Object.fromEntries(r.tests.map((t) => [t.name, t.passed ? "" : (t.message ?? "?")]));
}

describe("matchers", () => {
  test("passing matchers, including .not", async () => {
    const got = await outcomes(`
      test("toBe", () => { expect(1 + 1).toBe(2); expect(NaN).toBe(NaN); expect(0).not.toBe(-0); });
      test("toEqual", () => {
        expect({ a: [1, { b: 2 }], skip: undefined }).toEqual({ a: [1, { b: 2 }] });
        expect(new Map([["k", [1]]])).toEqual(new Map([["k", [1]]]));
        expect(new Set([1, 2])).toEqual(new Set([2, 1]));
        class Point { constructor(public x: number) {} }
        expect(new Point(1)).toEqual({ x: 1 });
        expect([1, 2]).not.toEqual([1, 2, 3]);
      });
      test("nullish and truthiness", () => {
        expect(null).toBeNull(); expect(undefined).toBeUndefined(); expect(0).toBeDefined();
        expect("x").toBeTruthy(); expect("").toBeFalsy(); expect(1).not.toBeNull();
      });
      test("comparisons", () => {
        expect(3).toBeGreaterThan(2); expect(3).toBeGreaterThanOrEqual(3);
        expect(2).toBeLessThan(3); expect(2).toBeLessThanOrEqual(2); expect(2).not.toBeGreaterThan(2);
      });
      test("collections", () => {
        expect([1, 2, 3]).toContain(2); expect("queue").toContain("ue"); expect(new Set(["a"])).toContain("a");
        expect([{ id: 1 }]).toContainEqual({ id: 1 }); expect([1, 2]).toHaveLength(2); expect("abc").toHaveLength(3);
        expect([1]).not.toContain(2);
      });
      test("toThrow", () => {
        expect(() => { throw new RangeError("bad offset 7"); }).toThrow();
        expect(() => { throw new RangeError("bad offset 7"); }).toThrow("offset");
        expect(() => { throw new RangeError("bad offset 7"); }).toThrow(/offset \\d/);
        expect(() => { throw new RangeError("bad offset 7"); }).toThrow(RangeError);
        expect(() => { throw new RangeError("x"); }).not.toThrow(TypeError);
        expect(() => 1).not.toThrow();
      });
      test("instances and patterns", () => {
        class QueueError extends Error { constructor(m: string) { super(m); this.name = "QueueError"; } }
        expect(new QueueError("x")).toBeInstanceOf(QueueError);
        expect(new QueueError("x")).toBeInstanceOf(Error);
        expect("msg-12").toMatch(/^msg-\\d+$/);
      });
    `);
    expect(got).toEqual({ toBe: "", toEqual: "", "nullish and truthiness": "", comparisons: "", collections: "", toThrow: "", "instances and patterns": "" });
  });

  test("failure messages say what was expected and what was received", async () => {
    const got = await outcomes(`
      test("toBe", () => { expect(2).toBe(3); });
      test("toBe on equal objects", () => { expect({ a: 1 }).toBe({ a: 1 }); });
      test("not.toBe", () => { expect("x").not.toBe("x"); });
      test("toEqual", () => { expect({ items: [1, 2, { id: 3 }] }).toEqual({ items: [1, 2, { id: 4 }] }); });
      test("toEqual length", () => { expect([1, 2, 3]).toEqual([1, 2]); });
      test("toBeNull", () => { expect(0).toBeNull(); });
      test("toBeTruthy", () => { expect("").toBeTruthy(); });
      test("toBeGreaterThan", () => { expect(1).toBeGreaterThan(2); });
      test("comparison needs numbers", () => { expect("3").toBeGreaterThan(2); });
      test("toContain", () => { expect(["a", "b"]).toContain("c"); });
      test("toHaveLength", () => { expect([1]).toHaveLength(2); });
      test("toThrow without a throw", () => { expect(() => 42).toThrow(); });
      test("toThrow with the wrong message", () => { expect(() => { throw new Error("boom"); }).toThrow("offset"); });
      test("not.toThrow", () => { expect(() => { throw new TypeError("x is not a function"); }).not.toThrow(); });
      test("toThrow needs a function", () => { expect(42).toThrow(); });
      test("thrown error", () => { (null as any).x; });
      test("thrown primitive", () => { throw "plain"; });
      test("long values are shortened", () => { expect("x".repeat(500)).toBe("y"); });
    `);
    expect(got).toEqual({
      toBe: "expected 3, received 2",
      "toBe on equal objects": "expected { a: 1 }, received { a: 1 } (equal contents, but not the same object: use toEqual to compare contents)",
      "not.toBe": 'expected a value other than "x"',
      toEqual: "expected { items: [1, 2, { id: 4 }] }, received { items: [1, 2, { id: 3 }] } (first difference at .items[2].id)",
      "toEqual length": "expected [1, 2], received [1, 2, 3] (first difference at [2])",
      toBeNull: "expected null, received 0",
      toBeTruthy: 'expected a truthy value, received ""',
      toBeGreaterThan: "expected a number greater than 2, received 1",
      "comparison needs numbers": 'expected a number greater than 2, received "3"',
      toContain: 'expected ["a", "b"] to contain "c"',
      toHaveLength: "expected length 2, received length 1 ([1])",
      "toThrow without a throw": "expected the function to throw, but it returned 42",
      "toThrow with the wrong message": 'expected the function to throw an error matching "offset", but it threw Error: boom',
      "not.toThrow": "expected the function not to throw, but it threw TypeError: x is not a function",
      "toThrow needs a function": "toThrow needs a function to call: write expect(() => ...).toThrow(), received 42",
      "thrown error": "threw TypeError: cannot read property 'x' of null",
      "thrown primitive": 'threw "plain"',
      "long values are shortened": `expected "y", received "${"x".repeat(117)}..."`,
    });
  });

  test("the first failed expectation is reported even when later code swallows the error", async () => {
    const got = await outcomes(`
      test("swallowed", () => { try { expect(1).toBe(2); } catch {} expect(3).toBe(3); });
      test("first of two", () => { try { expect("a").toBe("b"); } catch {} expect("c").toBe("d"); });
    `);
    expect(got).toEqual({ swallowed: "expected 2, received 1", "first of two": 'expected "b", received "a"' });
  });

  test("a test with no assertions fails", async () => {
    const got = await outcomes(`test("empty", () => {});`);
    expect(got.empty).toMatch(/^no assertions ran/);
  });
});

describe("async tests", () => {
  test("are awaited; rejections and promises that never settle fail", async () => {
    const got = await outcomes(`
      test("resolves", async () => { await null; expect(await Promise.resolve(5)).toBe(5); });
      test("rejects", async () => { await null; throw new Error("late failure"); });
      test("fails after await", async () => { await null; expect(1).toBe(2); });
      test("never settles", async () => { await new Promise(() => {}); expect(1).toBe(1); });
      test("returns a thenable", () => ({ then(ok: () => void) { expect(1).toBe(1); ok(); } }) as any);
      test("still runs after a hung test", () => { expect(1).toBe(1); });
    `);
    expect(got).toEqual({
      resolves: "",
      rejects: "threw Error: late failure",
      "fails after await": "expected 2, received 1",
      "never settles": "did not settle: the test awaited a promise that never resolved or rejected",
      "returns a thenable": "",
      "still runs after a hung test": "",
    });
  });
});

describe("student modules", () => {
  const TESTS = `test("uses the export", () => { expect(new Queue().name()).toBe("q"); expect(helper()).toBe(7); });`;
  const cases: Record<string, string> = {
    "export class / export function": `export class Queue { name() { return "q"; } }\nexport function helper() { return 7; }`,
    "declarations without export": `class Queue { name() { return "q"; } }\nfunction helper() { return 7; }`,
    "export const and renamed exports": `const Impl = class { name() { return "q"; } };\nexport { Impl as Queue };\nexport const helper = () => 7;`,
    "export default class with the name": `export default class Queue { name() { return "q"; } }\nexport const helper = () => 7;`,
    "types and interfaces are stripped": `interface Named { name(): string }\ntype N = number;\nexport class Queue implements Named { private readonly n: N = 7; name(): string { return "q"; } }\nexport function helper(): N { return 7; }`,
  };
  for (const [label, code] of Object.entries(cases)) {
    test(`accepted: ${label}`, async () => {
      const r = await run(code, TESTS, ["Queue", "helper"]);
      expect(r.status).toBe("passed");
    });
  }

  test("a missing export is an error naming it", async () => {
    const r = await run(`export class Queue { name() { return "q"; } }`, TESTS, ["Queue", "helper"]);
    expect(r).toMatchObject({ status: "error", passed: 0, total: 0 });
    expect(r.error).toBe("Your code does not define 'helper': keep the name from the starter code (e.g. export class helper { ... }).");
  });

  test("a compile error names line and column", async () => {
    const r = await run(`export class Queue {\n  name() { return "q" \n}`, TESTS, ["Queue", "helper"]);
    expect(r.status).toBe("error");
    expect(r.error).toMatch(/^Your code does not compile: .+ \(line 3, column \d+\)$/);
  });

  test("an exception at load time is an error with the exception", async () => {
    const r = await run(`throw new TypeError("config missing");\nexport class Queue {}`, TESTS, ["Queue", "helper"]);
    expect(r.error).toBe("Your code threw while loading: TypeError: config missing");
  });

  test("an oversized submission is refused before compiling", async () => {
    const r = await run("//" + "x".repeat(MAX_CODE_LENGTH), TESTS, ["Queue", "helper"]);
    expect(r.error).toMatch(/too long/);
  });

  test("console output is returned; custom errors can set their name", async () => {
    const r = await run(
      `export class QueueError extends Error { constructor(m: string) { super(m); this.name = "QueueError"; } }\nconsole.log("loaded", { ok: true }, [1, 2]);\nconsole.warn("careful");`,
      `test("custom error", () => { console.error("in test"); expect(() => { throw new QueueError("full"); }).toThrow("full"); expect(new QueueError("x").name).toBe("QueueError"); });`,
      ["QueueError"],
    );
    expect(r.status).toBe("passed");
    expect(r.output).toBe('loaded { ok: true } [1, 2]\n[warn] careful\n[error] in test\n');
  });
});

describe("limits", () => {
  test("one slow test uses the shared budget; the rest are reported as not run", async () => {
    const r = await run(
      "export const value = 1;",
      `test("fast", () => { expect(value).toBe(1); });\ntest("slow", () => { for (;;) {} });\ntest("never reached", () => { expect(value).toBe(1); });`,
      ["value"],
      { timeoutMs: 300 },
    );
    expect(r.tests.map((t) => [t.passed, t.message])).toEqual([
      [true, undefined],
      [false, "timed out after 300 ms (the whole submission shares one 300 ms budget): an endless loop, or far too slow?"],
      [false, "not run: the 300 ms time budget ran out in an earlier test"],
    ]);
    expect(r.status).toBe("failed");
  });

  test("running out of memory fails the test with the limit in the message", async () => {
    const r = await run("export const value = 1;", `test("hog", () => { const a: number[][] = []; for (;;) a.push(new Array(100000).fill(1)); });\ntest("next", () => { expect(value).toBe(1); });`, ["value"], { memoryMb: 16, timeoutMs: 15_000 });
    expect(r.tests[0].message).toMatch(/out of memory.*16 MB/);
    expect(r.tests[1].passed).toBe(true);
  });
});

describe("test files", () => {
  test("may not import or export values; type-only imports for editors are dropped", async () => {
    expect(await compileTestModule(`const a = 1;\nimport { Queue } from "./solution";\ntest("a", () => { new Queue(); });`)).toMatchObject({ ok: false, line: 2 });
    expect(await compileTestModule(`test("a", () => {});\nexport const x = 1;`)).toMatchObject({ ok: false, line: 2 });
    expect(await compileTestModule(`import type { Queue } from "./solution";\ntest("a", () => { let q: Queue; });`)).toMatchObject({ ok: true });
  });

  test("export names must be identifiers the harness can bind", () => {
    expect(invalidExportName("TaskQueue")).toBeNull();
    expect(invalidExportName("expect")).toMatch(/reserved/);
    expect(invalidExportName("task-queue")).toMatch(/identifier/);
  });
});
