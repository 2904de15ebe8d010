// `npm run bench:grading`: latency and throughput of server-side grading (esbuild + QuickJS worker pool).
//
// For each workload: p50/p95 latency of one submission graded alone, then submissions per second with 2, 8 and
// 32 concurrent callers sharing the pool (latency under load includes queueing). Workloads:
//   task-queue hidden   the real hidden suite: 11 tests, two of them push 200k/300k tasks through the queue
//   task-queue visible  the 4 visible tests, a typical small suite
//   pub-sub hidden      12 functional tests, no stress test: a typical hidden suite
// Options: --pool N (worker threads, default min(2, cores)), --quick (fewer submissions).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gradeWithPool } from "../lib/grading/grade";
import { GradingPool } from "../lib/grading/pool";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const poolArg = args.indexOf("--pool");
const poolSize = poolArg >= 0 ? Number(args[poolArg + 1]) : undefined;

const root = path.join(process.cwd(), "content", "challenges");
const file = (id: string, name: string) => fs.readFileSync(path.join(root, id, name), "utf8");

interface Workload {
  label: string;
  code: string;
  tests: string;
  exports: string[];
}
const workloads: Workload[] = [
  { label: "task-queue hidden", code: file("task-queue", "solution.ts"), tests: file("task-queue", "hidden.test.ts"), exports: ["TaskQueue"] },
  { label: "task-queue visible", code: file("task-queue", "solution.ts"), tests: file("task-queue", "visible.test.ts"), exports: ["TaskQueue"] },
  { label: "pub-sub hidden", code: file("pub-sub", "solution.ts"), tests: file("pub-sub", "hidden.test.ts"), exports: ["Broker"] },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function gradeOnce(pool: GradingPool, w: Workload): Promise<number> {
  const started = performance.now();
  const r = await gradeWithPool(pool, { code: w.code, tests: w.tests, exports: w.exports });
  if (r.status !== "passed") throw new Error(`${w.label}: expected a pass, got ${r.status}: ${r.error ?? JSON.stringify(r.tests.filter((t) => !t.passed))}`);
  return performance.now() - started;
}

/** `total` submissions from `callers` concurrent loops; wall time and per-submission latencies. */
async function load(pool: GradingPool, w: Workload, callers: number, total: number) {
  let issued = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (issued < total) {
        issued++;
        latencies.push(await gradeOnce(pool, w));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: total / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

const pool = new GradingPool(poolSize ? { size: poolSize } : {});
await pool.warm();
console.log(`grading benchmark: pool of ${pool.size} worker thread(s), ${os.availableParallelism?.() ?? os.cpus().length} cores, Node ${process.version}${quick ? ", --quick" : ""}\n`);

const rows: string[][] = [["workload", "callers", "submissions", "p50 ms", "p95 ms", "subs/s"]];
try {
  for (const w of workloads) {
    const heavy = w.label === "task-queue hidden";
    for (let i = 0; i < 3; i++) await gradeOnce(pool, w); // warm-up: let V8 tier up the WebAssembly
    const alone: number[] = [];
    const single = quick ? 10 : heavy ? 20 : 40;
    for (let i = 0; i < single; i++) alone.push(await gradeOnce(pool, w));
    alone.sort((a, b) => a - b);
    rows.push([w.label, "1 (alone)", String(single), percentile(alone, 50).toFixed(1), percentile(alone, 95).toFixed(1), (1000 / (alone.reduce((s, x) => s + x, 0) / alone.length)).toFixed(1)]);
    for (const callers of [2, 8, 32]) {
      const total = Math.max(callers * 2, quick ? 16 : heavy ? 32 : 200);
      const r = await load(pool, w, callers, total);
      rows.push([w.label, String(callers), String(total), r.p50.toFixed(1), r.p95.toFixed(1), r.perSecond.toFixed(1)]);
    }
  }
} finally {
  await pool.close();
}

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
rows.forEach((r, i) => {
  console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
});
console.log("\np50/p95: wall time of one gradeWithPool call (compile + queue + sandbox). subs/s: submissions completed per second.");
