// `npm test`: the whole suite — lint (first: the cheapest to fail), content check, unit + integration + content tests
// (vitest, real SQLite), the database tests again on PostgreSQL (a throwaway cluster for this run, stopped at the
// end whatever happens), end-to-end (Playwright, real Chromium, production build). Ends with one line:
// `N passed, N failed`.
import fs from "node:fs";
import path from "node:path";
import { bin, root, run } from "./lib.mjs";
import { lintSuite } from "./lint.mjs";
import { startThrowawayPostgres } from "./postgres.mjs";

const out = path.join(root, ".data", "test-results");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const started = Date.now();
const rows = [];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function suite(name, fn) {
  const t0 = Date.now();
  const r = await fn();
  rows.push({ name, ...r, seconds: ((Date.now() - t0) / 1000).toFixed(1) });
}

await suite("lint (4 boundaries + other rules)", lintSuite);

await suite("content check (CLI)", async () => {
  const code = await run("npm", ["run", "--silent", "content:check"]);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
});

// One PostgreSQL cluster for the run (installed with apt when absent): both vitest passes get its address; each test
// run makes its own database in it (tests/support/global-setup.ts). Stopped on every way out, Ctrl-C included.
let postgres = null;
let postgresProblem = null;
try {
  postgres = await startThrowawayPostgres();
} catch (e) {
  postgresProblem = String(e?.message ?? e).split("\n")[0];
  console.error(`PostgreSQL could not start: ${postgresProblem}`);
}
const stopPostgres = () => postgres?.stop();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    stopPostgres();
    process.exit(130);
  });
}
const pgEnv = postgres ? { TEST_POSTGRES_BASE: postgres.base } : {};

async function vitest(name, extraEnv) {
  const file = path.join(out, `${name}.json`);
  const args = ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`];
  const code = await run(bin("vitest"), args, { env: { ...process.env, ...pgEnv, ...extraEnv } });
  const r = readJson(file);
  if (!r) return { passed: 0, failed: 1, note: `vitest exited ${code} without results` };
  const crashed = code !== 0 && r.numFailedTests === 0 ? 1 : 0; // e.g. a suite that failed to import
  return { passed: r.numPassedTests, failed: r.numFailedTests + crashed };
}

try {
  await suite("vitest (unit, integration, content)", () => vitest("vitest", {}));
  // vitest.config.ts DATABASE_TESTS: everything that reads or writes the app's database, on a fresh PostgreSQL one.
  await suite("vitest integration on PostgreSQL", async () =>
    postgres ? vitest("vitest-postgres", { TEST_DB: "postgres" }) : { passed: 0, failed: 1, note: `no PostgreSQL: ${postgresProblem}` },
  );
} finally {
  stopPostgres();
}

await suite("e2e (Playwright, Chromium)", async () => {
  const file = path.join(out, "playwright.json");
  const code = await run("node", ["scripts/e2e.mjs"], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: file } });
  const r = readJson(file);
  if (!r?.stats) return { passed: 0, failed: 1, note: `playwright exited ${code} without results` };
  const crashed = code !== 0 && r.stats.unexpected === 0 ? 1 : 0;
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + crashed };
});

const passed = rows.reduce((n, r) => n + r.passed, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0);
console.log("\nsuite                                  passed  failed  seconds");
for (const r of rows) console.log(`${r.name.padEnd(38)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.seconds.padStart(7)}${r.note ? `  (${r.note})` : ""}`);
console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
