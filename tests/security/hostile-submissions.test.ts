/**
 * Hostile submissions against the real grader (esbuild + QuickJS in the worker pool). Each one must be contained
 * (a result, never a thrown error or a hung promise), reported in words a student can act on, unable to turn a
 * failing test into a pass, and harmless to the next submission: after every case the same pool grades an honest
 * submission correctly. The cases about tampering with the tests' view also run in the browser's visible-tests
 * realm, which shares the harness; the browser realms' lockdown is in sandbox-realms.test.ts.
 */
import vm from "node:vm";
import { describe, expect, test } from "vitest";
import { runVisibleTests } from "@/lib/grading/browser-tests";
import { gradeWithPool } from "@/lib/grading/grade";
import { gradingPoolForSuite } from "@/tests/support/grading-pool";
import type { GradeResult } from "@/lib/grading/types";

/** A small suite in the style of the real hidden tests: a class, a callback, an async method. */
const TESTS = `
test("counts up from one", () => {
  const c = new Counter();
  expect(c.inc()).toBe(1);
  expect(c.inc()).toBe(2);
});
test("counters are independent", () => {
  const a = new Counter();
  const b = new Counter();
  a.inc();
  expect(b.inc()).toBe(1);
});
test("notifies listeners with the new value", () => {
  const c = new Counter();
  const seen: number[] = [];
  c.onChange((n) => seen.push(n));
  c.inc();
  c.inc();
  expect(seen).toEqual([1, 2]);
});
test("resolves the value asynchronously", async () => {
  const c = new Counter();
  c.inc();
  expect(await c.later()).toBe(1);
});
`;
const HONEST = `
export class Counter {
  private n = 0;
  private listeners: Array<(n: number) => void> = [];
  inc(): number {
    this.n++;
    for (const l of this.listeners) l(this.n);
    return this.n;
  }
  onChange(listener: (n: number) => void): void {
    this.listeners.push(listener);
  }
  async later(): Promise<number> {
    return this.n;
  }
}
`;

const pool = gradingPoolForSuite();

function grade(code: string, timeoutMs = 600, memoryMb = 32): Promise<GradeResult> {
  return gradeWithPool(pool(), { code, tests: TESTS, exports: ["Counter"], limits: { timeoutMs, memoryMb } });
}

/** Every case ends by proving the pool still grades an honest submission. */
async function expectPoolHealthy() {
  const r = await grade(HONEST);
  expect(r.status).toBe("passed");
  expect(r.passed).toBe(4);
}

function messages(r: GradeResult): string {
  return [r.error ?? "", ...r.tests.map((t) => t.message ?? "")].join("\n");
}

function expectNoPass(r: GradeResult) {
  expect(r.status).not.toBe("passed");
  expect(r.passed).toBe(0);
}

/**
 * Runaway code is stopped by its CPU-time budget or, on a machine too busy to give it that CPU time, by the
 * wall-clock cap with a "server too busy" message (lib/grading/worker-source.ts). Both are the grader doing its job;
 * which one a loaded CI machine sees is not the code's doing.
 */
const BUSY = "the server was too busy";

describe("runaway code", () => {
  test("an endless loop at the top level stops at the deadline", async () => {
    const r = await grade(`while (true) {}\n${HONEST}`);
    expect(r.status).toBe("error");
    expect(r.error).toMatch(new RegExp(`did not finish loading within 600 ms|stopped while loading: ${BUSY}`));
    await expectPoolHealthy();
  });

  test("while(true) in a constructor times out that test and skips the rest", async () => {
    const r = await grade(`export class Counter { constructor() { while (true) {} } inc() { return 1 } onChange() {} async later() { return 1 } }`);
    expect(r.status).toBe("failed");
    expect(r.tests[0].message).toMatch(new RegExp(`^(timed out after 600 ms|stopped: ${BUSY})`));
    expect(r.tests.slice(1).every((t) => !t.passed && new RegExp(`^not run: (the 600 ms time budget ran out|${BUSY})`).test(t.message ?? ""))).toBe(true);
    await expectPoolHealthy();
  });

  test("an async endless loop (await in a while loop) is interrupted too", async () => {
    const r = await grade(HONEST.replace("async later(): Promise<number> {", "async later(): Promise<number> {\n    while (true) await null;"));
    expect(r.tests[3].passed).toBe(false);
    expect(r.tests[3].message).toMatch(new RegExp(`^(timed out|stopped: ${BUSY})`));
    expect(r.passed).toBe(3);
    await expectPoolHealthy();
  });

  test("a thenable that never calls back fails as 'did not settle' instead of hanging", async () => {
    const r = await grade(HONEST.replace("async later(): Promise<number> {\n    return this.n;\n  }", "later(): any { return { then() {} }; }"));
    expect(r.tests[3].message).toMatch(/^did not settle/);
    expect(r.passed).toBe(3);
    await expectPoolHealthy();
  });

  test("deep recursion is a stack overflow in that test only", async () => {
    const r = await grade(HONEST.replace("inc(): number {", "inc(): number {\n    const down = (k: number): number => down(k + 1) + 1;\n    if (this.n === 0) down(0);"));
    expect(r.tests[0].message).toMatch(/stack overflow/);
    expect(r.tests[1].passed).toBe(false);
    await expectPoolHealthy();
  });

  test("pathological nesting for the parser or JSON cannot take the worker down", async () => {
    const r = await grade(`
      const deep = "[".repeat(200000) + "]".repeat(200000);
      try { JSON.parse(deep); } catch {}
      try { (0, eval)(deep); } catch {}
      ${HONEST}`);
    // Either QuickJS reports the overflow (the module loads and passes) or the grader answers with a crash
    // report; never a hang or a dead pool.
    expect(["passed", "error"]).toContain(r.status);
    await expectPoolHealthy();
  });
});

describe("resource exhaustion", () => {
  test("a memory bomb is stopped by the memory limit or the deadline", async () => {
    const r = await grade(`const hoard: unknown[] = []; while (true) hoard.push({ a: hoard.length, b: [1, 2, 3] });\n${HONEST}`, 2000, 16);
    expect(r.status).toBe("error");
    expect(r.error).toMatch(new RegExp(`out of memory|did not finish loading|${BUSY}`));
    await expectPoolHealthy();
  });

  test("many medium allocations, each under the limit, are stopped at the memory budget", async () => {
    // QuickJS's own limit only refuses single allocations larger than it under Emscripten; the worker's heap
    // accounting and the capped WebAssembly memory catch this pattern.
    const r = await grade(HONEST.replace("inc(): number {", "inc(): number {\n    const keep: number[][] = []; for (;;) keep.push(new Array(1_000_000).fill(7));"), 5000, 32);
    expectNoPass(r);
    expect(r.tests[0].message).toBe("ran out of memory: a submission may use at most 32 MB");
    await expectPoolHealthy();
  });

  test("one huge allocation fails cleanly as out of memory", async () => {
    const r = await grade(HONEST.replace("inc(): number {", "inc(): number {\n    new ArrayBuffer(1e9);"));
    expectNoPass(r);
    expect(r.tests[0].message).toMatch(/out of memory/);
    await expectPoolHealthy();
  });

  test("a huge string is refused, not built", async () => {
    const r = await grade(HONEST.replace("inc(): number {", "inc(): number {\n    let s = 'x'; for (let i = 0; i < 40; i++) s += s; void s.length;"));
    expectNoPass(r);
    expect(r.tests[0].message).toMatch(new RegExp(`out of memory|string too long|timed out|${BUSY}`));
    await expectPoolHealthy();
  });

  test("console output is capped at 16 KB and marked as truncated", async () => {
    const r = await grade(HONEST.replace("inc(): number {", "inc(): number {\n    for (let i = 0; i < 5000; i++) console.log('spam'.repeat(50), { i });"));
    expect(r.status).toBe("passed");
    expect(r.output!.length).toBeLessThan(16 * 1024 + 200);
    expect(r.output).toMatch(/\[output truncated at 16384 characters\]$/);
    await expectPoolHealthy();
  });

  test("a SharedArrayBuffer bomb is bounded like any allocation, and Atomics does not exist", async () => {
    const r = await grade(HONEST.replace("inc(): number {", "inc(): number {\n    if (typeof Atomics !== 'undefined') return 99;\n    new SharedArrayBuffer(2 ** 31 - 1);"));
    expectNoPass(r);
    expect(r.tests[0].message).toMatch(/out of memory|RangeError/);
    await expectPoolHealthy();
  });
});

describe("reaching outside the sandbox", () => {
  test("no host object is reachable, not even through constructor.constructor", async () => {
    const probe = `
      const G = ({}).constructor.constructor("return this")();
      const H = Function("return this")();
      const names = ["process", "require", "module", "fetch", "setTimeout", "setInterval", "queueMicrotask", "XMLHttpRequest",
        "WebAssembly", "std", "os", "Deno", "Bun", "importScripts", "global", "Buffer", "__dirname"];
      const found = names.filter((n) => typeof (G as any)[n] !== "undefined" || typeof (H as any)[n] !== "undefined");
      if (found.length) throw new Error("reachable: " + found.join(","));
    `;
    const r = await grade(`${probe}\n${HONEST}`);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("passed");
    await expectPoolHealthy();
  });

  test("a static import fails with a clear message", async () => {
    const r = await grade(`import fs from "node:fs";\nfs.readFileSync("/etc/passwd");\n${HONEST}`);
    expect(r.status).toBe("error");
    expect(r.error).toMatch(/imports are not available here/);
    await expectPoolHealthy();
  });

  test("a dynamic import() resolves to nothing useful and cannot hang the grader", async () => {
    const r = await grade(HONEST.replace("async later(): Promise<number> {", "async later(): Promise<number> {\n    await import('node:fs');"));
    expect(r.tests[3].passed).toBe(false);
    expect(r.passed).toBe(3);
    await expectPoolHealthy();
  });

  test("the test file cannot be found on globalThis", async () => {
    const r = await grade(HONEST.replace("inc(): number {", `inc(): number {
      const names = Object.getOwnPropertyNames(globalThis).concat(Object.getOwnPropertySymbols(globalThis).map(String));
      const suspicious = names.filter((n) => /test|expect|hidden|harness|runner/i.test(n));
      if (suspicious.length) throw new Error("found " + suspicious.join(","));`));
    expect(r.status).toBe("passed");
    await expectPoolHealthy();
  });

  test("callbacks from the hidden tests print as native code, so their source cannot leak", async () => {
    const r = await grade(HONEST.replace("onChange(listener: (n: number) => void): void {", "onChange(listener: (n: number) => void): void {\n    throw new Error('SOURCE:' + String(listener) + Function.prototype.toString.call(listener));"));
    const text = messages(r);
    expect(text).toMatch(/SOURCE:function .*\[native code\]/);
    expect(text).not.toMatch(/seen\.push/);
    await expectPoolHealthy();
  });

  test("the caller chain does not lead back to the harness", async () => {
    const r = await grade(HONEST.replace("inc(): number {", `inc(): number {
      const sloppy = Function("try { return typeof sloppy2.caller + ':' + typeof arguments.callee.caller } catch (e) { return 'blocked' }");
      (globalThis as any).sloppy2 = sloppy;
      const seen = sloppy();
      if (seen !== "blocked" && seen !== "object:object" && seen !== "undefined:undefined") throw new Error("reached " + seen);`));
    expect(r.status).toBe("passed");
    await expectPoolHealthy();
  });
});

/**
 * The harness and its lockdown are shared by the server grader and the browser's "Run tests" (lib/grading/
 * browser-tests.ts, in its own Web Worker realm): what code does to the tests' view is refused the same in both.
 * The browser realm here is a fresh V8 context, as a fresh worker would be.
 */
type Grader = (code: string, tests?: string) => Promise<GradeResult>;
const graders: Array<[string, Grader]> = [
  ["QuickJS grader", (code, tests = TESTS) => gradeWithPool(pool(), { code, tests, exports: ["Counter"], limits: { timeoutMs: 600, memoryMb: 32 } })],
  [
    "visible-tests realm",
    (code, tests = TESTS) => {
      const context = vm.createContext({});
      return runVisibleTests(code, tests, ["Counter"], { timeoutMs: 600, evaluate: (source) => vm.runInContext(source, context) });
    },
  ],
];

describe.each(graders)("%s", (_, grade) => {
  /** The grader still grades an honest submission after each case. */
  async function expectPoolHealthy() {
    const r = await grade(HONEST);
    expect(r.status).toBe("passed");
    expect(r.passed).toBe(4);
  }

  describe("tampering with what the tests observe", () => {
    test("patching Array.prototype.push (to fake a recorded callback) is refused", async () => {
      const r = await grade(`Array.prototype.push = function () { return 0; };\n${HONEST}`);
      expect(r.status).toBe("error");
      expect(r.error).toMatch(/read.only|not writable|frozen/i);
      await expectPoolHealthy();
    });

    test("prototype pollution of Object.prototype is refused, including through __proto__", async () => {
      const r = await grade(`
        try { JSON.parse('{"__proto__": {"polluted": 1}}'); } catch {}
        try { (Object.prototype as any).polluted = true; } catch {}
        try { Object.defineProperty(Object.prototype, "then", { get() { return (ok: () => void) => ok(); } }); } catch {}
        if (({} as any).polluted || ({} as any).then) throw new Error("polluted");
        ${HONEST}`);
      expect(r.status).toBe("passed");
      await expectPoolHealthy();
    });

    test("replacing JSON, Object.is and Array.isArray changes nothing the matchers use", async () => {
      const r = await grade(`
        const attempts = [
          () => { (JSON as any).stringify = () => "[1,2]"; },
          () => { (Object as any).is = () => true; },
          () => { (Array as any).isArray = () => true; },
          () => { (globalThis as any).JSON = { stringify: () => "" }; },
          () => { (globalThis as any).Object = function () {}; },
        ];
        for (const a of attempts) { try { a(); } catch {} }
        export class Counter { inc() { return 0 } onChange() {} async later() { return -1 } }`);
      expectNoPass(r);
      expect(r.tests[0].message).toBe("expected 1, received 0");
      await expectPoolHealthy();
    });

    test("replacing Promise or Promise.prototype.then cannot resolve a test early", async () => {
      const r = await grade(`
        try { (Promise.prototype as any).then = function (ok: (v: unknown) => void) { ok(1); }; } catch {}
        try { (globalThis as any).Promise = class { then(ok: (v: unknown) => void) { ok(1); } }; } catch {}
        try { Object.defineProperty(Promise.prototype, "constructor", { value: function () {} }); } catch {}
        export class Counter { inc() { return 0 } onChange() {} later() { return new Promise(() => {}); } }`);
      expectNoPass(r);
      expect(r.tests[3].message).toMatch(/^did not settle/);
      await expectPoolHealthy();
    });

    test("defining global test and expect does not replace the harness's", async () => {
      const r = await grade(`
        (globalThis as any).expect = () => new Proxy({}, { get: () => () => {} });
        (globalThis as any).test = () => {};
        var expect = (globalThis as any).expect;
        export class Counter { inc() { return 0 } onChange() {} async later() { return -1 } }`);
      expectNoPass(r);
      expect(r.total).toBe(4);
      await expectPoolHealthy();
    });

    test("swallowing the assertion error thrown inside a callback does not turn the test into a pass", async () => {
      const r = await grade(HONEST.replace("for (const l of this.listeners) l(this.n);", "for (const l of this.listeners) { try { l(this.n + 100); } catch {} }"));
      expect(r.tests[2].passed).toBe(false);
      expect(r.tests[2].message).toBe("expected [1, 2], received [101, 102] (first difference at [0])");
      await expectPoolHealthy();
    });

    test("a test that skips its assertions (a callback never called) fails", async () => {
      const TESTS_WITH_CALLBACK_ASSERT = `test("checks inside the callback", () => { const c = new Counter(); c.onChange((n) => expect(n).toBe(1)); c.inc(); });`;
      const r = await grade(HONEST.replace("for (const l of this.listeners) l(this.n);", ""), TESTS_WITH_CALLBACK_ASSERT);
      expect(r.status).toBe("failed");
      expect(r.tests[0].message).toMatch(/^no assertions ran/);
      await expectPoolHealthy();
    });

    test("Error.prepareStackTrace and Symbol.hasInstance hooks have no effect", async () => {
      const r = await grade(`
        try { (Error as any).prepareStackTrace = () => { throw new Error("hooked"); }; } catch {}
        try { Object.defineProperty(Function.prototype, Symbol.hasInstance, { value: () => true }); } catch {}
        export class Counter { inc() { return 0 } onChange() {} async later() { return -1 } }`);
      expectNoPass(r);
      expect(r.tests[0].message).toBe("expected 1, received 0");
      await expectPoolHealthy();
    });
  });

  describe("forged results and odd thrown values", () => {
    test("returning or throwing something that looks like a pass is still a failure", async () => {
      const r = await grade(`
        const pass = { status: "passed", passed: true, ok: true, message: "" };
        export class Counter {
          inc(): any { return pass; }
          onChange(): void { throw pass; }
          async later(): Promise<any> { throw Object.assign(new Error(""), { name: "", passed: true }); }
        }`);
      expectNoPass(r);
      expect(r.tests[0].message).toBe('expected 1, received { status: "passed", passed: true, ok: true, message: "" }');
      expect(r.tests[2].message).toMatch(/^threw /);
      await expectPoolHealthy();
    });

    test("thrown values with hostile shapes are described safely", async () => {
      const r = await grade(`
        const throwers: Array<() => never> = [
          () => { throw new Proxy({}, { get() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); }, getOwnPropertyDescriptor() { throw new Error("trap"); } }); },
          () => { throw { get message() { throw new Error("getter"); }, toString() { throw new Error("toString"); } }; },
          () => { throw Symbol("odd"); },
          () => { throw Object.create(null); },
        ];
        let k = 0;
        export class Counter {
          inc(): number { return throwers[k++ % throwers.length](); }
          onChange(): void { throwers[3](); }
          async later(): Promise<number> { return throwers[2](); }
        }`);
      expectNoPass(r);
      for (const t of r.tests) expect(t.message).toMatch(/^threw /);
      expect(r.tests[3].message).toBe("threw Symbol(odd)");
      await expectPoolHealthy();
    });

    test("a received value whose getters and proxy traps misbehave is printed without running them", async () => {
      const r = await grade(`
        export class Counter {
          inc(): any { return { get value() { while (true) {} } }; }
          onChange(): void {}
          async later(): Promise<any> { return new Proxy({}, { ownKeys() { throw new Error("trap"); } }); }
        }`);
      expectNoPass(r);
      expect(r.tests[0].message).toBe("expected 1, received { value: [Getter] }");
      await expectPoolHealthy();
    });
  });
});
