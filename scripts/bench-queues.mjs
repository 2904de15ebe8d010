// `npm run bench:queues`: job pickup latency (enqueue → handler starts) of the two PostgreSQL job queues that run
// on this machine's Node 20 — graphile-worker 0.17.3 (LISTEN/NOTIFY) and pg-boss 10.4.2 (polling) — measured here,
// on a throwaway cluster, with an idle queue: one job at a time, the next sent only after the last was picked up.
// The figures decide which one grades submissions (README, "Running at scale"). Prints figures; asserts nothing.
//   JOBS=100 npm run bench:queues
import { createRequire } from "node:module";
import { startThrowawayPostgres } from "./postgres.mjs";

const require = createRequire(import.meta.url);
const { run, makeWorkerUtils, Logger } = require("graphile-worker");
const PgBoss = require("pg-boss");

const JOBS = Number(process.env.JOBS ?? 100);
const quiet = new Logger(() => () => {});
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

/**
 * Send `n` jobs one by one through `send(i)`, each after an idle gap of 0–500 ms (uniform), so arrivals fall at random
 * points of a polling cycle as real submissions do. `waitFor(i)` resolves at the i-th pickup. Returns latencies in ms.
 */
async function measure(n, send, waitFor) {
  const out = [];
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, Math.random() * 500));
    const t0 = performance.now();
    const seen = waitFor(i);
    await send(i);
    out.push((await seen) - t0);
  }
  return out;
}

function pickups() {
  const waiting = new Map();
  return {
    waitFor: (i) => new Promise((resolve) => waiting.set(i, resolve)),
    picked: (i) => waiting.get(i)?.(performance.now()),
  };
}

const pg = await startThrowawayPostgres();
const results = [];
try {
  // graphile-worker: the worker LISTENs; add_job NOTIFYs it.
  {
    const connectionString = pg.createDatabase("bench_graphile");
    const p = pickups();
    const runner = await run({ connectionString, concurrency: 1, noHandleSignals: true, pollInterval: 2000, logger: quiet, taskList: { pickup: async (payload) => p.picked(payload.i) } });
    const utils = await makeWorkerUtils({ connectionString, logger: quiet });
    await utils.addJob("pickup", { i: -1 }); // warm-up: first prepared statements
    await new Promise((r) => setTimeout(r, 500));
    const ms = await measure(JOBS, (i) => utils.addJob("pickup", { i }), p.waitFor);
    results.push(["graphile-worker 0.17.3", ms]);
    await utils.release();
    await runner.stop();
  }
  // pg-boss: workers poll; 0.5 s is the smallest interval it accepts.
  {
    const connectionString = pg.createDatabase("bench_pgboss");
    const boss = new PgBoss({ connectionString, supervise: false, schedule: false });
    boss.on("error", () => {});
    await boss.start();
    await boss.createQueue("pickup");
    const p = pickups();
    await boss.work("pickup", { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => p.picked(job.data.i));
    const ms = await measure(JOBS, (i) => boss.send("pickup", { i }), p.waitFor);
    results.push(["pg-boss 10.4.2 (0.5 s polling)", ms]);
    await boss.stop({ graceful: false, wait: true });
  }
} finally {
  pg.stop();
}

console.log(`\njob pickup latency, idle queue, enqueue → handler (${new Date().toISOString().slice(0, 10)}, this machine)`);
console.log("queue                               jobs     p50      p95      max");
for (const [name, ms] of results) {
  console.log(`${name.padEnd(34)} ${String(ms.length).padStart(5)} ${fmt(pct(ms, 50)).padStart(9)} ${fmt(pct(ms, 95)).padStart(9)} ${fmt(Math.max(...ms)).padStart(9)}`);
}
process.exit(0);
