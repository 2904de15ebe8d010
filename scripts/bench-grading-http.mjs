// `node scripts/bench-grading-http.mjs`: grading as a student meets it, over HTTP against the production server.
// Builds (if needed) and serves the app on its own port with a throwaway database, signs up real users, then posts
// the task-queue reference solution to POST /api/challenges/task-queue/submissions (202: queued), follows each one at
// GET /api/submissions/<id> until its verdict, and prints:
//   - the time to verdict of one submission (sequential, p50/p95), and of the fast-failing starter code for comparison,
//   - submissions per second (and time to verdict) with 2, 8 and 32 concurrent clients.
//
// The limits stay on, as in production: the rate limit (30 submissions per user per minute) and the grading queue's
// per-student limits (at most 1 running + 2 waiting). The bench spreads its requests over enough signed-up users that
// none goes past 28 a minute and none has two in flight, so no limit ever refuses one and none has to be bypassed.
// Any refusal would be counted and printed, not hidden.
//
// Options: BENCH_PORT (default 3250); GRADER_POOL_SIZE is passed through to the server.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { resolveChromium } from "./browser.mjs";
import { root, startAppServer } from "./lib.mjs";

const CHALLENGE = "task-queue";
const port = process.env.BENCH_PORT ?? "3250";
const base = `http://127.0.0.1:${port}`;
const PASSWORD = "bench-grading-password-2026";
const PER_USER = 28; // below the limiter's 30 per minute
const WARMUP = 4;
const SEQUENTIAL = 40;
const LEVELS = [
  { clients: 2, submissions: 60 },
  { clients: 8, submissions: 120 },
  { clients: 32, submissions: 256 },
];

const code = fs.readFileSync(path.join(root, "content", "challenges", CHALLENGE, "solution.ts"), "utf8");
// The starter fails early (most of its tests stop at their first expect), so its latency is mostly HTTP, auth, storage and scheduling.
const starter = fs.readFileSync(path.join(root, "content", "challenges", CHALLENGE, "starter.ts"), "utf8");

/** Sign up `count` users through the real sign-up page; returns each one's Cookie header. */
async function signUpUsers(count) {
  const browser = await chromium.launch({ executablePath: await resolveChromium() });
  const run = `${Date.now()}`;
  const one = async (i) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const email = `bench-${run}-${i}@example.test`;
    await page.goto(`${base}/signup`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByTestId("user-email").waitFor({ timeout: 30_000 });
    const cookies = await context.cookies(base);
    await context.close();
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  };
  const out = [];
  // A few at a time: each sign-up hashes a password with argon2 on the server.
  for (let i = 0; i < count; i += 4) out.push(...(await Promise.all(Array.from({ length: Math.min(4, count - i) }, (_, k) => one(i + k)))));
  await browser.close();
  return out;
}

/** Hands out cookies so that no user is used more than PER_USER times, nor by two submissions in flight at once. */
function userPool(cookies) {
  const used = new Array(cookies.length).fill(0);
  const busy = new Set();
  return {
    acquire() {
      const i = cookies.findIndex((_, k) => !busy.has(k) && used[k] < PER_USER);
      if (i < 0) throw new Error("ran out of bench users");
      used[i]++;
      busy.add(i);
      return { cookie: cookies[i], release: () => busy.delete(i) };
    },
  };
}

const tally = { refused: 0, full: 0, notPassed: 0, errors: [] };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** POST one submission, then poll its status until the verdict: the time a student waits for it. */
async function submit(users, source = code) {
  const { cookie, release } = users.acquire();
  try {
    const started = performance.now();
    const res = await fetch(`${base}/api/challenges/${CHALLENGE}/submissions`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ code: source }),
    });
    const accepted = await res.json().catch(() => ({}));
    if (res.status !== 202) {
      if (res.status === 429) tally.refused++;
      else if (res.status === 503) tally.full++;
      else tally.errors.push(`HTTP ${res.status}: ${accepted.error ?? ""}`);
      return { ms: NaN, gradeMs: NaN };
    }
    for (;;) {
      const poll = await fetch(`${base}/api/submissions/${encodeURIComponent(accepted.id)}`, { headers: { cookie } });
      const status = await poll.json().catch(() => ({}));
      if (!poll.ok) {
        tally.errors.push(`GET status HTTP ${poll.status}: ${status.error ?? ""}`);
        return { ms: NaN, gradeMs: NaN };
      }
      if (status.verdict) {
        const ms = performance.now() - started;
        if (status.verdict.status !== (source === code ? "passed" : "failed")) tally.notPassed++;
        return { ms, gradeMs: status.verdict.durationMs };
      }
      await sleep(20);
    }
  } finally {
    release();
  }
}

/** `clients` loops sharing a counter of `total` submissions. */
async function load(clients, total, users, source = code) {
  const samples = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < total) {
        issued++;
        samples.push(await submit(users, source));
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

const quantile = (xs, q) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};

let stop = () => {};
try {
  ({ stop } = await startAppServer(port));
  const needed = WARMUP + 2 * SEQUENTIAL + LEVELS.reduce((n, l) => n + l.submissions, 0);
  const users = Math.max(Math.ceil(needed / PER_USER), Math.max(...LEVELS.map((l) => l.clients)));
  console.log(`Signing up ${users} users…`);
  const pool = userPool(await signUpUsers(users));

  for (let i = 0; i < WARMUP; i++) await submit(pool); // start the grading pool and warm the JIT
  const rows = [];
  const row = (label, clients, { samples, seconds }) => ({
    label,
    clients,
    n: samples.length,
    p50: quantile(samples.map((s) => s.ms), 0.5),
    p95: quantile(samples.map((s) => s.ms), 0.95),
    grade: quantile(samples.map((s) => s.gradeMs), 0.5),
    rate: samples.length / seconds,
  });
  rows.push(row("starter, serial", 1, await load(1, SEQUENTIAL, pool, starter)));
  rows.push(row("one at a time", 1, await load(1, SEQUENTIAL, pool)));
  for (const level of LEVELS) rows.push(row("concurrent", level.clients, await load(level.clients, level.submissions, pool)));

  console.log(`\nPOST /api/challenges/${CHALLENGE}/submissions (reference solution: ${code.length} chars, every hidden test run), signed-in users`);
  console.log("scenario         clients  submissions   p50 ms   p95 ms   grader p50 ms   submissions/s");
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(16)} ${String(r.clients).padStart(7)}  ${String(r.n).padStart(11)}  ${r.p50.toFixed(0).padStart(7)}  ${r.p95.toFixed(0).padStart(7)}  ${r.grade.toFixed(0).padStart(14)}  ${r.rate.toFixed(1).padStart(14)}`,
    );
  }
  console.log("(latency: POST sent to verdict read by polling GET /api/submissions/<id> every 20 ms, over HTTP; grader: the");
  console.log(" sandbox's own durationMs in the verdict; \"starter, serial\" submits the failing starter, whose latency is mostly");
  console.log(" HTTP, session, storage, queueing and polling)");
  console.log(`refused (429): ${tally.refused}; queue full (503): ${tally.full}; not passed: ${tally.notPassed}; errors: ${tally.errors.length}${tally.errors.length ? ` (${tally.errors[0]})` : ""}`);
  process.exitCode = tally.refused || tally.full || tally.notPassed || tally.errors.length ? 1 : 0;
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  stop();
}
