/**
 * The browser runner uses the server's harness in another engine (here a fresh V8 realm from node:vm, standing in
 * for a Web Worker). It must give students the same verdicts and the same messages as the grader.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, test } from "vitest";
import { getChallenge, listChallengeIds } from "@/lib/content/challenges";
import { runVisibleTests } from "./browser-tests";
import { gradeWithPool } from "./grade";
import { gradingPoolForSuite } from "@/tests/support/grading-pool";

const ROOT = path.join(process.cwd(), "content");

/** A fresh realm per run, as a fresh worker would be: lockdown must not leak into the test runner's realm. */
function inFreshRealm(code: string, tests: string, exportNames: string[], timeoutMs = 5000) {
  // The budget runs on a clock the code moves by calling `advance(ms)`: slowness without waiting for it.
  let now = 0;
  const context = vm.createContext({ advance: (ms: number) => void (now += ms) });
  return runVisibleTests(code, tests, exportNames, { timeoutMs, evaluate: (source) => vm.runInContext(source, context), now: () => now });
}

const pool = gradingPoolForSuite();

describe("parity with the server grader", () => {
  for (const id of listChallengeIds(ROOT)) {
    test(`${id}: same tests, same verdicts`, async () => {
      const c = getChallenge(id, ROOT)!;
      const solution = fs.readFileSync(path.join(ROOT, "challenges", id, "solution.ts"), "utf8");
      const hidden = fs.readFileSync(path.join(ROOT, "challenges", id, "hidden.test.ts"), "utf8");
      for (const [code, tests] of [
        [solution, hidden],
        [solution, c.visibleTests],
        [c.starter, c.visibleTests],
      ]) {
        const [browser, server] = await Promise.all([inFreshRealm(code, tests, c.exports), gradeWithPool(pool(), { code, tests, exports: c.exports })]);
        expect(browser.status).toBe(server.status);
        expect(browser.tests.map((t) => [t.name, t.passed])).toEqual(server.tests.map((t) => [t.name, t.passed]));
      }
    });
  }

  test("failure messages come from the same harness", async () => {
    const tests = `test("a", () => { expect([1, { id: 2 }]).toEqual([1, { id: 3 }]); });\ntest("b", () => { expect(() => add(1, 1)).toThrow(RangeError); });\ntest("c", async () => { await new Promise(() => {}); });`;
    const code = `export function add(a: number, b: number) { return a + b; }`;
    const [browser, server] = await Promise.all([inFreshRealm(code, tests, ["add"]), gradeWithPool(pool(), { code, tests, exports: ["add"] })]);
    expect(browser.tests).toEqual(server.tests);
    expect(browser.tests.map((t) => t.message)).toEqual([
      "expected [1, { id: 3 }], received [1, { id: 2 }] (first difference at [1].id)",
      "expected the function to throw an error matching RangeError, but it returned 2",
      "did not settle: the test awaited a promise that never resolved or rejected",
    ]);
  });
});

describe("runVisibleTests", () => {
  test("reports compile errors and missing exports like the server", async () => {
    const broken = await inFreshRealm("export function add(a: number, b: number {", `test("t", () => {});`, ["add"]);
    expect(broken.status).toBe("error");
    expect(broken.error).toMatch(/^Your code does not compile: .*\(line 1, column \d+\)$/);
    const missing = await inFreshRealm("export const other = 1;", `test("t", () => {});`, ["add"]);
    expect(missing.error).toBe("Your code does not define 'add': keep the name from the starter code (e.g. export class add { ... }).");
  });

  test("locks the realm down, so patching built-ins fails as it does on the server", async () => {
    const r = await inFreshRealm(`Array.prototype.push = () => 0;\nexport const add = (a: number, b: number) => a + b;`, `test("t", () => { expect(add(1, 2)).toBe(3); });`, ["add"]);
    expect(r.status).toBe("error");
    expect(r.error).toMatch(/^Your code threw while loading: TypeError: /);
  });

  test("captures console output", async () => {
    const r = await inFreshRealm(`console.log("hello", [1, 2]);\nexport const add = (a: number, b: number) => a + b;`, `test("t", () => { expect(add(1, 2)).toBe(3); });`, ["add"]);
    expect(r.status).toBe("passed");
    expect(r.output).toBe("hello [1, 2]\n");
  });

  test("a run past the budget reports the slow test as timed out and skips the rest", async () => {
    const r = await inFreshRealm(
      `export const add = (a: number, b: number) => a + b;`,
      `test("slow", () => { advance(80); expect(add(1, 1)).toBe(2); });\ntest("after", () => { expect(add(1, 1)).toBe(2); });`,
      ["add"],
      50,
    );
    expect(r.tests.map((t) => t.passed)).toEqual([false, false]);
    expect(r.tests[0].message).toMatch(/^timed out after 50 ms/);
    expect(r.tests[1].message).toMatch(/^not run/);
  });
});
