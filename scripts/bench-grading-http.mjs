// `node scripts/bench-grading-http.mjs`: grading as a student meets it, over HTTP against the production server.
// Builds (if needed) and serves the app on its own port with a throwaway database, signs up real users, then posts
// the task-queue reference solution to POST /api/challenges/task-queue/submissions and prints:
//   - the latency of one submission (sequential, p50/p95), and of the fast-failing starter code for comparison,
//   - submissions per second (and latency) with 2, 8 and 32 concurrent clients.
//
// The rate limit (30 submissions per user per minute) stays on, as in production: the bench spreads its requests over
// enough signed-up users that none of them goes past 28, so the limiter never refuses one and never has to be
// bypassed. Any refusal would be counted and printed, not hidden.
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

/** Hands out cookies so that no user is used more than PER_USER times. */
function userPool(cookies) {
  let next = 0;
  const used = new Array(cookies.length).fill(0);
  return () => {
    while (next < cookies.length && used[next] >= PER_USER) next++;
    if (next >= cookies.length) throw new Error("ran out of bench users");
    used[next]++;
    return cookies[next];
  };
}

const tally = { refused: 0, notPassed: 0, errors: [] };

async function submit(cookie, source = code) {
  const started = performance.now();
  const res = await fetch(`${base}/api/challenges/${CHALLENGE}/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ code: source }),
  });
  const body = await res.json().catch(() => ({}));
  const ms = performance.now() - started;
  if (res.status === 429) tally.refused++;
  else if (!res.ok) tally.errors.push(`HTTP ${res.status}: ${body.error ?? ""}`);
  else if (body.status !== (source === code ? "passed" : "failed")) tally.notPassed++;
  return { ms, gradeMs: typeof body.durationMs === "number" ? body.durationMs : NaN };
}

/** `clients` loops sharing a counter of `total` submissions. */
async function load(clients, total, nextCookie, source = code) {
  const samples = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < total) {
        issued++;
        samples.push(await submit(nextCookie(), source));
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
  const users = Math.ceil(needed / PER_USER);
  console.log(`Signing up ${users} users…`);
  const nextCookie = userPool(await signUpUsers(users));

  for (let i = 0; i < WARMUP; i++) await submit(nextCookie()); // start the grading pool and warm the JIT
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
  rows.push(row("starter, serial", 1, await load(1, SEQUENTIAL, nextCookie, starter)));
  rows.push(row("one at a time", 1, await load(1, SEQUENTIAL, nextCookie)));
  for (const level of LEVELS) rows.push(row("concurrent", level.clients, await load(level.clients, level.submissions, nextCookie)));

  console.log(`\nPOST /api/challenges/${CHALLENGE}/submissions (reference solution: ${code.length} chars, every hidden test run), signed-in users`);
  console.log("scenario         clients  submissions   p50 ms   p95 ms   grader p50 ms   submissions/s");
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(16)} ${String(r.clients).padStart(7)}  ${String(r.n).padStart(11)}  ${r.p50.toFixed(0).padStart(7)}  ${r.p95.toFixed(0).padStart(7)}  ${r.grade.toFixed(0).padStart(14)}  ${r.rate.toFixed(1).padStart(14)}`,
    );
  }
  console.log("(latency: request sent to JSON received, over HTTP; grader: the sandbox's own durationMs in the response;");
  console.log(" \"starter, serial\" submits the failing starter, whose latency is mostly HTTP, session, storage and scheduling)");
  console.log(`refused by the rate limiter: ${tally.refused}; not passed: ${tally.notPassed}; errors: ${tally.errors.length}${tally.errors.length ? ` (${tally.errors[0]})` : ""}`);
  process.exitCode = tally.refused || tally.notPassed || tally.errors.length ? 1 : 0;
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  stop();
}
