import { afterEach, describe, expect, test } from "vitest";
import { compileStudentModule, compileTestModule, gradeWithPool } from "./grade";
import { wrapStudentModule, wrapTestModule } from "./harness-source";
import { GradingPool, type SandboxJob } from "./pool";
import { WALL_CLOCK_FACTOR } from "./types";

const TESTS = `test("adds", () => { expect(add(2, 3)).toBe(5); });`;
const GOOD = `export function add(a: number, b: number) { return a + b; }`;
const job = (code: string, timeoutMs = 1000) => ({ code, tests: TESTS, exports: ["add"], limits: { timeoutMs } });

/**
 * The same job compiled ahead, for `pool.run`, which queues synchronously: tests that need "this job holds the
 * worker, that one waits" get that order for certain instead of racing two asynchronous compiles.
 */
async function compiled(code: string, timeoutMs = 1000): Promise<SandboxJob> {
  const [student, tests] = await Promise.all([compileStudentModule(code), compileTestModule(TESTS)]);
  if (!student.ok || !tests.ok) throw new Error("the test's own code did not compile");
  return { student: wrapStudentModule(student.js, ["add"]), tests: wrapTestModule(tests.js, ["add"]), exports: ["add"], timeoutMs, memoryMb: 64 };
}

const pools: GradingPool[] = [];
function makePool(options: ConstructorParameters<typeof GradingPool>[0]) {
  const pool = new GradingPool(options);
  pools.push(pool);
  return pool;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe("GradingPool", () => {
  test("defaults to min(2, cores) workers and grades concurrent jobs beyond its size by queueing them", async () => {
    const pool = makePool({});
    expect(pool.size).toBeGreaterThanOrEqual(1);
    expect(pool.size).toBeLessThanOrEqual(2);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => gradeWithPool(pool, job(i % 3 === 0 ? GOOD.replace("a + b", "a - b") : GOOD))));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? "failed" : "passed")));
    const stats = pool.stats();
    expect(stats.completed).toBe(12);
    expect(stats.workers).toBe(pool.size);
    expect(stats.busy).toBe(0);
    expect(stats.queued).toBe(0);
  });

  test("a worker whose QuickJS call overflows the thread's native stack is replaced, and the job reported as a crash", async () => {
    // A deliberately mismatched pool: a QuickJS stack limit far too large for a 4 MB thread stack, so deep parser
    // recursion overflows the host stack inside WebAssembly, the failure the default sizes are chosen to avoid.
    const pool = makePool({ size: 1, stackSizeMb: 4, quickjsStackKb: 4096 });
    const crash = await gradeWithPool(pool, job(`try { (0, eval)("[".repeat(300000) + "]".repeat(300000)); } catch {}\n${GOOD}`, 5000));
    expect(crash.status).toBe("error");
    expect(crash.error).toMatch(/grader crashed/);
    const after = await gradeWithPool(pool, job(GOOD));
    expect(after.status).toBe("passed");
    expect(pool.stats().crashed).toBe(1);
  });

  test("the default sizes turn the same input into a clean error inside the sandbox", async () => {
    const pool = makePool({ size: 1 });
    const r = await gradeWithPool(pool, job(`let message = "";\ntry { (0, eval)("[".repeat(300000) + "]".repeat(300000)); } catch (e) { message = String(e); }\nexport function add(a: number, b: number) { if (!/stack overflow/.test(message)) throw new Error(message); return a + b; }`, 5000));
    expect(r.status).toBe("passed");
    expect(pool.stats().crashed).toBe(0);
  });

  test("the watchdog terminates a worker that outlives the deadline and the pool carries on", async () => {
    // A negative margin makes the watchdog fire (after 100 ms) long before QuickJS's own deadline (20 s): the path a
    // stuck worker takes. The watchdog waits for the wall-clock cap, WALL_CLOCK_FACTOR x the budget, plus the margin.
    // The message says which of the two stopped the code.
    const pool = makePool({ size: 1, watchdogMarginMs: 100 - WALL_CLOCK_FACTOR * 20_000 });
    await pool.warm();
    const r = await gradeWithPool(pool, job(`while (true) {}\n${GOOD}`, 20_000));
    expect(r.status).toBe("error");
    expect(r.error).toMatch(/grader stopped your code/);
    expect(pool.stats().killed).toBe(1);
    // With this margin the watchdog would cut a 1 s job short at once; a 30 s budget puts it 40 s away.
    const after = await gradeWithPool(pool, job(GOOD, 30_000));
    expect(after.status).toBe("passed");
  });

  test("the budget counts CPU time: a busy machine does not fail code that needs well under its budget", async () => {
    // The real clock: a counted loop is measured in CPU time (Linux; 10 ms ticks).
    const real = makePool({ size: 1 });
    const measured = await gradeWithPool(real, job(`export function add(a: number, b: number) { let x = 0; for (let i = 0; i < 2000000; i++) x = (x + i) % 7; return a + b + x * 0; }`, 20_000));
    expect(measured.status).toBe("passed");
    expect(measured.cpuMs).toBeGreaterThan(0);

    // A busy machine, simulated (real load cannot be dialled in on a shared machine): the grader's thread gets a
    // third of a core. Code that keeps busy for 1.5 s of wall-clock time has used 0.5 s of CPU, half its budget.
    const third = makePool({ size: 1, budgetClock: { cpuShare: 1 / 3 } });
    const wallPool = makePool({ size: 1, budgetClock: "wall" });
    const busy = `export function add(a: number, b: number) { const end = Date.now() + 1500; while (Date.now() < end) {} return a + b; }`;
    const [cpu, wall] = await Promise.all([gradeWithPool(third, job(busy, 1000)), gradeWithPool(wallPool, job(busy, 1000))]);
    expect(cpu.status, JSON.stringify(cpu)).toBe("passed");
    expect(cpu.cpuMs).toBeLessThan(1000);
    // The same code and budget counted on the wall clock: failed for the server being busy.
    expect(wall.status).toBe("failed");
    expect(wall.tests[0].message).toMatch(/^timed out after 1 s/);

    // So busy (a twentieth of a core) that the cap, WALL_CLOCK_FACTOR x the budget, passes before the code has had
    // its CPU time: the student is told the server was busy, not that their code is slow.
    const swamped = makePool({ size: 1, budgetClock: { cpuShare: 1 / 20 } });
    const r = await gradeWithPool(swamped, job(`export function add(a: number, b: number) { while (true) {} }`, 200));
    expect(r.status, JSON.stringify(r)).toBe("failed");
    expect(r.tests[0].message).toBe(`stopped: the server was too busy to give your code its 200 ms of CPU time within ${200 * WALL_CLOCK_FACTOR} ms; please submit again in a moment`);

    // An endless loop is still stopped at the budget once it has had that much CPU time (half a core: 600 ms of
    // wall-clock time, well inside the cap).
    const half = makePool({ size: 1, budgetClock: { cpuShare: 1 / 2 } });
    const endless = await gradeWithPool(half, job(`while (true) {}\n${GOOD}`, 300));
    expect(endless.status).toBe("error");
    expect(endless.error).toMatch(/did not finish loading within 300 ms/);
    expect(endless.cpuMs).toBeGreaterThanOrEqual(300);
  });

  test("a worker that exits mid-job costs only that job", async () => {
    const pool = makePool({ size: 1 });
    const [endless, good] = await Promise.all([compiled(`while (true) {}\n${GOOD}`, 3000), compiled(GOOD), pool.warm()]);
    const running = pool.run(endless);
    const queued = pool.run(good);
    expect(pool.stats()).toMatchObject({ busy: 1, queued: 1 });
    // Reach the worker as the operating system would: kill the thread under the job.
    const slots = (pool as unknown as { slots: Set<{ worker: { terminate(): Promise<number> } }> }).slots;
    for (const slot of slots) void slot.worker.terminate();
    const crashed = await running;
    expect(crashed.status).toBe("error");
    expect(crashed.error).toMatch(/grader crashed/);
    expect((await queued).status).toBe("passed");
    expect(pool.stats().crashed).toBe(1);
  });

  test("beyond maxQueue a job is answered 'busy' at once instead of waiting", async () => {
    const pool = makePool({ size: 1, maxQueue: 1 });
    const [endless, good] = await Promise.all([compiled(`while (true) {}\n${GOOD}`, 400), compiled(GOOD), pool.warm()]);
    const slow = pool.run(endless);
    const waiting = pool.run(good);
    expect(pool.stats()).toMatchObject({ busy: 1, queued: 1 });
    const rejected = await pool.run(good);
    expect(rejected.status).toBe("error");
    expect(rejected.error).toMatch(/busy/);
    expect((await slow).status).toBe("error");
    expect((await waiting).status).toBe("passed");
  });

  test("close answers queued jobs and later jobs with an error", async () => {
    const pool = makePool({ size: 1 });
    const [endless, good] = await Promise.all([compiled(`while (true) {}\n${GOOD}`, 5000), compiled(GOOD), pool.warm()]);
    const running = pool.run(endless);
    const queued = pool.run(good);
    expect(pool.stats()).toMatchObject({ busy: 1, queued: 1 });
    await pool.close();
    expect((await running).status).toBe("error");
    expect((await queued).error).toMatch(/shutting down/);
    expect((await gradeWithPool(pool, job(GOOD))).error).toMatch(/shutting down/);
  });
});
