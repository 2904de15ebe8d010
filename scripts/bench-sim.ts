/**
 * Simulation engine throughput: `npm run bench:sim`.
 *
 * Runs 100,000 messages through a work queue (with failures, retries and a DLQ) and through a
 * pub/sub topic with 3 subscriptions (300,000 copies), driving the public pure API the way a
 * widget fast-forwarding would (advance in chunks of virtual time), and prints events per second.
 * "Events" are entries in the engine's event log (published, delivered, processed, acked, ...),
 * counted exactly even though the log itself is a bounded ring.
 */
import { advance, createSim, metrics, type SimConfig, type SimState } from "../lib/sim/index.ts";

const MESSAGES = 100_000;
const RATE = 5000; // messages per second of virtual time

const workQueue: SimConfig = {
  queues: [
    { id: "jobs", visibilityTimeoutMs: 30_000, maxAttempts: 3, backoff: { baseMs: 50, factor: 2, maxMs: 1000 }, deadLetterQueueId: "jobs-dlq" },
    { id: "jobs-dlq", role: "dlq" },
  ],
  producers: [{ id: "api", target: "jobs", ratePerSec: RATE, arrival: "poisson", limit: MESSAGES }],
  consumers: Array.from({ length: 4 }, (_, i) => ({
    id: `worker-${i + 1}`,
    source: "jobs",
    processing: { kind: "uniform" as const, minMs: 2, maxMs: 6 },
    prefetch: 8,
    concurrency: 8,
    failureRate: 0.01,
    effectId: "jobs-done",
  })),
  sampleEveryMs: 250,
};

const pubSub: SimConfig = {
  topics: [{ id: "events", subscriptions: [{ id: "email" }, { id: "inventory" }, { id: "analytics" }] }],
  producers: [{ id: "api", target: "events", ratePerSec: RATE, limit: MESSAGES }],
  consumers: ["email", "inventory", "analytics"].flatMap((sub) =>
    [1, 2].map((n) => ({ id: `${sub}-${n}`, source: sub, processing: { kind: "exponential" as const, meanMs: 1.5 }, prefetch: 8, concurrency: 8, effectId: sub })),
  ),
  sampleEveryMs: 250,
};

interface Row {
  name: string;
  copies: number;
  virtualS: number;
  calls: number;
  events: number;
  timers: number;
  wallMs: number;
  p95Ms: number | null;
}

function finished(s: SimState, copies: number): boolean {
  return s.totals.acked + s.totals.dead >= copies && s.totals.backlog === 0;
}

function run(name: string, config: SimConfig, copies: number, chunkMs: number): Row {
  const t0 = performance.now();
  let s = createSim(config, 1);
  let calls = 0;
  while (!finished(s, copies)) {
    s = advance(s, chunkMs);
    calls++;
    if (s.nowMs > 3_600_000) throw new Error(`${name}: did not drain within an hour of virtual time`);
  }
  const wallMs = performance.now() - t0;
  const events = Object.values(s.counts).reduce((a, b) => a + b, 0);
  return { name, copies, virtualS: s.nowMs / 1000, calls, events, timers: s.totals.timersFired, wallMs, p95Ms: metrics(s).latency.p95Ms };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

const rows = [
  run("work queue, 4 workers (1 s steps)", workQueue, MESSAGES, 1000),
  run("pub/sub, 3 subscriptions (1 s steps)", pubSub, MESSAGES * 3, 1000),
  run("work queue, 4 workers (16 ms steps)", workQueue, MESSAGES, 16),
];

const header = ["scenario", "copies", "virtual s", "advance calls", "events", "timers", "wall ms", "events/s", "p95 latency ms"];
const table = rows.map((r) => [r.name, fmt(r.copies), r.virtualS.toFixed(1), fmt(r.calls), fmt(r.events), fmt(r.timers), fmt(r.wallMs), fmt((r.events / r.wallMs) * 1000), r.p95Ms === null ? "-" : String(r.p95Ms)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log(`lib/sim benchmark: ${fmt(MESSAGES)} messages published at ${fmt(RATE)}/s of virtual time (Node ${process.version})\n`);
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of table) console.log(line(row));
