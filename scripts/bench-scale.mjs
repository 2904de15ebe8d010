// `npm run bench:scale`: grading at class scale on a throwaway PostgreSQL (scripts/cluster.mjs: one web instance,
// then 1 and 2 `npm run worker` processes). Prints figures and writes a queue-depth chart; asserts nothing.
//
// For each worker count:
//   1. pickup latency with an idle queue: submissions one at a time; pickup = the row's startedAt − createdAt.
//   2. a deadline burst: 200 submissions from 50 students, each arriving at a random moment within 10 s. A student
//      over the per-student limit (429) waits the Retry-After and sends again, as the challenge page does.
//      Time to verdict is measured from the first send to the moment the polling client reads the verdict.
//   3. a hostile student: one account keeps its limit full of stalling code (scripts/bench-fixtures) while HONEST
//      (3) honest students each submit the reference solution every 1–2 s for 20 s: the honest time to verdict.
//      The honest load stays well inside what the workers can grade, so what the figure shows is the hostile
//      account's effect, not an overloaded queue (the burst above shows that).
// Students are guests behind a trusted proxy (TRUSTED_PROXY + X-Forwarded-For), so each has its own address.
//
// Output: a table, and .data/bench-scale-queue-depth.svg (queue depth over time during each burst).
// Options: STUDENTS (50), SUBMISSIONS (200), ARRIVAL_MS (10000), HOSTILE_MS (20000), HONEST (3), WORKERS ("1,2").
import fs from "node:fs";
import path from "node:path";
import { startCluster } from "./cluster.mjs";
import { root } from "./lib.mjs";

const STUDENTS = Number(process.env.STUDENTS ?? 50);
const SUBMISSIONS = Number(process.env.SUBMISSIONS ?? 200);
const ARRIVAL_MS = Number(process.env.ARRIVAL_MS ?? 10_000);
const HOSTILE_MS = Number(process.env.HOSTILE_MS ?? 20_000);
const HONEST = Number(process.env.HONEST ?? 3);
const WORKER_COUNTS = (process.env.WORKERS ?? "1,2").split(",").map(Number);
const CHALLENGE = "task-queue";
const solution = fs.readFileSync(path.join(root, "content/challenges", CHALLENGE, "solution.ts"), "utf8");
const stalling = fs.readFileSync(path.join(root, "scripts/bench-fixtures/stalling-task-queue.ts"), "utf8");

/** Refused POSTs by status (429 per student, 503 queue full), each waited out and sent again. */
const refusals = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : "—");

/** One student's HTTP client: a stable address through the trusted proxy header. */
function student(base, n) {
  const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const headers = { "content-type": "application/json", "x-forwarded-for": address };
  return {
    /** POST until accepted (waiting out 429/503 Retry-After); resolves with the 202 body. */
    async submit(code) {
      for (;;) {
        const res = await fetch(`${base}/api/challenges/${CHALLENGE}/submissions`, { method: "POST", headers, body: JSON.stringify({ code }) });
        if (res.status === 202) return res.json();
        if (res.status === 429 || res.status === 503) {
          refusals[res.status] = (refusals[res.status] ?? 0) + 1;
          await sleep(Number(res.headers.get("retry-after") ?? "1") * 1000);
          continue;
        }
        throw new Error(`submit: HTTP ${res.status} ${await res.text()}`);
      }
    },
    /** Poll GET /api/submissions/<id> every `every` ms until it has a verdict; resolves with the last status. */
    async follow(accepted, every = 50) {
      const h = { ...headers, ...(accepted.token ? { "x-submission-token": accepted.token } : {}) };
      for (;;) {
        const res = await fetch(`${base}/api/submissions/${accepted.id}`, { headers: h });
        if (res.ok) {
          const s = await res.json();
          if (s.verdict) return s;
        }
        await sleep(every);
      }
    },
  };
}

async function liveWorkers(base) {
  const h = await (await fetch(`${base}/api/health`)).json();
  return h.queue?.liveWorkers ?? h.queue?.workers?.length ?? 0;
}

/** Sample the queue depth from /api/health until `stop()`; resolves with [{ t, depth }]. */
function sampleDepth(base, t0) {
  const series = [];
  let on = true;
  const done = (async () => {
    while (on) {
      try {
        const h = await (await fetch(`${base}/api/health`)).json();
        series.push({ t: performance.now() - t0, depth: h.queue?.depth ?? 0, running: h.queue?.running ?? 0 });
      } catch {
        /* a missed sample */
      }
      await sleep(100);
    }
    return series;
  })();
  return () => {
    on = false;
    return done;
  };
}

async function pickupLatency(base) {
  const s = student(base, 1);
  const out = [];
  for (let i = 0; i < 30; i++) {
    await sleep(Math.random() * 200);
    const done = await s.follow(await s.submit(solution), 20);
    if (done.startedAt) out.push(Date.parse(done.startedAt) - Date.parse(done.createdAt));
  }
  return out;
}

async function burst(base) {
  const t0 = performance.now();
  const stopSampling = sampleDepth(base, t0);
  const perStudent = Math.ceil(SUBMISSIONS / STUDENTS);
  const latencies = [];
  const verdicts = {};
  let sent = 0;
  const students = Array.from({ length: STUDENTS }, (_, n) => student(base, 1000 + n));
  const jobs = [];
  for (let n = 0; n < STUDENTS && sent < SUBMISSIONS; n++) {
    for (let k = 0; k < perStudent && sent < SUBMISSIONS; k++, sent++) {
      const at = Math.random() * ARRIVAL_MS;
      jobs.push(
        (async () => {
          await sleep(at);
          const start = performance.now();
          const done = await students[n].follow(await students[n].submit(solution));
          latencies.push(performance.now() - start);
          verdicts[done.status] = (verdicts[done.status] ?? 0) + 1;
        })(),
      );
    }
  }
  await Promise.all(jobs);
  const elapsed = performance.now() - t0;
  const series = await stopSampling();
  return { latencies, verdicts, elapsed, series, throughput: sent / (elapsed / 1000), maxDepth: Math.max(0, ...series.map((p) => p.depth)) };
}

async function hostile(base) {
  const bad = student(base, 7);
  let on = true;
  let hostileSent = 0;
  // Keep three stalling submissions in flight (1 running + 2 queued: the limit), re-sending as each ends.
  const attacker = Promise.all(
    [0, 1, 2].map(async () => {
      while (on) {
        hostileSent++;
        await bad.follow(await bad.submit(stalling), 200);
      }
    }),
  );
  await sleep(1500); // let the stalling code reach the workers first
  const honest = [];
  const until = performance.now() + HOSTILE_MS;
  await Promise.all(
    Array.from({ length: HONEST }, async (_, n) => {
      const s = student(base, 5000 + n);
      while (performance.now() < until) {
        const start = performance.now();
        await s.follow(await s.submit(solution), 25);
        honest.push(performance.now() - start);
        await sleep(1000 + Math.random() * 1000);
      }
    }),
  );
  on = false;
  await attacker;
  return { honest, hostileSent };
}

function chart(runs) {
  const W = 720, H = 300, L = 50, B = 36, T = 20, R = 20;
  const maxT = Math.max(...runs.flatMap((r) => r.series.map((p) => p.t)), 1);
  const maxD = Math.max(...runs.flatMap((r) => r.series.map((p) => p.depth)), 1);
  const x = (t) => L + (t / maxT) * (W - L - R);
  const y = (d) => H - B - (d / maxD) * (H - B - T);
  const colors = ["#b45309", "#1d4ed8", "#047857"];
  const lines = runs.map((r, i) => `<polyline fill="none" stroke="${colors[i % 3]}" stroke-width="2" points="${r.series.map((p) => `${x(p.t).toFixed(1)},${y(p.depth).toFixed(1)}`).join(" ")}"/><text x="${W - R - 150}" y="${T + 16 * (i + 1)}" fill="${colors[i % 3]}" font-size="13">${r.workers} worker${r.workers > 1 ? "s" : ""}: max ${r.maxDepth}</text>`);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${x(f * maxT)}" y="${H - 12}" font-size="11" text-anchor="middle">${((f * maxT) / 1000).toFixed(0)} s</text><text x="${L - 6}" y="${y(f * maxD) + 4}" font-size="11" text-anchor="end">${Math.round(f * maxD)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" role="img" aria-label="Queued submissions over time during a burst of ${SUBMISSIONS} from ${STUDENTS} students">
<title>Grading queue depth during a burst of ${SUBMISSIONS} submissions from ${STUDENTS} students</title>
<rect width="100%" height="100%" fill="#fff"/>
<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#444"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#444"/>
<text x="${L}" y="14" font-size="12">queued submissions</text>
${ticks.join("\n")}
${lines.join("\n")}
</svg>
`;
}

const runs = [];
for (const workers of WORKER_COUNTS) {
  console.log(`\n— ${workers} worker process${workers > 1 ? "es" : ""}: starting PostgreSQL, 1 web instance and the workers…`);
  const cluster = await startCluster({ webs: 1, workers, env: { TRUSTED_PROXY: "127.0.0.1" } });
  try {
    const base = cluster.webs[0].base;
    const deadline = Date.now() + 120_000;
    while ((await liveWorkers(base)) < workers) {
      if (Date.now() > deadline) throw new Error("workers did not register within 2 minutes");
      await sleep(250);
    }
    const pickup = await pickupLatency(base);
    console.log(`pickup (idle queue, ${pickup.length} submissions): p50 ${ms(pct(pickup, 50))}, p95 ${ms(pct(pickup, 95))}`);
    const b = await burst(base);
    console.log(`burst: ${SUBMISSIONS} submissions from ${STUDENTS} students in ${(b.elapsed / 1000).toFixed(1)} s; verdicts ${JSON.stringify(b.verdicts)}`);
    const h = await hostile(base);
    console.log(`hostile: ${h.hostileSent} stalling submissions; honest verdicts ${h.honest.length}`);
    runs.push({ workers, pickup, ...b, honest: h.honest, hostileSent: h.hostileSent });
  } finally {
    await cluster.stop();
  }
}

console.log(`\nbench:scale (${new Date().toISOString().slice(0, 10)}, this machine: ${(await import("node:os")).cpus().length} cores)`);
console.log("workers  pickup p50/p95     verdict p50/p95 (burst)   subs/s  max depth   honest p50/p95 vs hostile");
for (const r of runs) {
  console.log(`${String(r.workers).padStart(7)}  ${`${ms(pct(r.pickup, 50))} / ${ms(pct(r.pickup, 95))}`.padEnd(17)}  ${`${ms(pct(r.latencies, 50))} / ${ms(pct(r.latencies, 95))}`.padEnd(24)}  ${r.throughput.toFixed(1).padStart(6)}  ${String(r.maxDepth).padStart(9)}   ${ms(pct(r.honest, 50))} / ${ms(pct(r.honest, 95))}`);
}
const out = path.join(root, ".data", "bench-scale-queue-depth.svg");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, chart(runs));
console.log(`chart: ${path.relative(root, out)}`);
console.log(`refused and re-sent after Retry-After, all runs: ${JSON.stringify(refusals)}`);
process.exit(0);
