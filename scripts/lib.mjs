// Shared helpers for the project's own scripts (start, test, e2e, benchmarks). Plain Node, no dependencies.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Run a command, inheriting stdio; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function mustRun(cmd, args, opts) {
  const code = await run(cmd, args, opts);
  if (code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} exited with ${code}`);
}

/**
 * Make sure Auth.js has a secret: keep one from the environment, else reuse or create `.env.local` (git-ignored,
 * read by Next at start). The secret is generated on this machine and never committed.
 */
export function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(root, ".env.local");
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const found = /^AUTH_SECRET=(.+)$/m.exec(text);
  if (found) {
    process.env.AUTH_SECRET = found[1].trim();
  } else {
    const secret = crypto.randomBytes(32).toString("base64url");
    const lines = [text.trimEnd(), "# Generated on first start; keep it private. Rotating it signs everyone out.", `AUTH_SECRET=${secret}`];
    if (!/^AUTH_TRUST_HOST=/m.test(text)) lines.push("AUTH_TRUST_HOST=true");
    fs.writeFileSync(file, lines.filter(Boolean).join("\n") + "\n", { mode: 0o600 });
    process.env.AUTH_SECRET = secret;
    console.log("Created .env.local with a new AUTH_SECRET.");
    // PostgreSQL usually means several instances: a secret made up on one machine signs sessions no other can read.
    if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
      console.warn("Several web instances? Give them all the same AUTH_SECRET (sessions, receipts and quiz tokens are signed with it).");
    }
  }
  process.env.AUTH_TRUST_HOST ??= "true";
}

/**
 * Apply migrations to DATABASE_URL (default: the SQLite file under .data/), creating the file if needed. On
 * PostgreSQL also create or upgrade graphile-worker's schema, which the web process enqueues grading jobs into.
 */
export async function migrate(env = process.env) {
  fs.mkdirSync(path.join(root, ".data"), { recursive: true });
  await mustRun(bin("prisma"), ["migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
  if (/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? "")) await migrateJobQueue(env.DATABASE_URL);
}

/** graphile-worker's own migrations (idempotent), quiet unless something is wrong. */
export async function migrateJobQueue(connectionString) {
  const graphile = await import("graphile-worker");
  const { Logger, runMigrations } = graphile.runMigrations ? graphile : graphile.default;
  const logger = new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") console.error(`[graphile-worker] ${level}: ${message}`);
  });
  await runMigrations({ connectionString, logger });
}

/** A fingerprint of everything `next build` depends on, to skip rebuilding when nothing changed. */
export function sourceStamp() {
  const hash = crypto.createHash("sha256");
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = fs.statSync(p);
        hash.update(`${path.relative(root, p)}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of ["app", "components", "lib", "content", "generated"]) walk(path.join(root, d));
  for (const f of ["auth.ts", "next.config.mjs", "package-lock.json", "tsconfig.json", "proxy.ts"]) {
    const p = path.join(root, f);
    if (fs.existsSync(p)) hash.update(`${f}:${fs.readFileSync(p)}`);
  }
  return hash.digest("hex");
}

/** Build the production app unless the last build was made from exactly these sources. */
export async function buildIfNeeded(env = process.env) {
  const stampFile = path.join(root, ".next", "decoupled-source-stamp");
  const stamp = sourceStamp();
  const built = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp;
  if (built) return false;
  console.log("Building the app (first start or sources changed)…");
  await mustRun(bin("next"), ["build"], { env });
  fs.writeFileSync(stampFile, stamp);
  return true;
}

/**
 * Start the production app on `port` the way the e2e tests see it (scripts/e2e-server.mjs: build if needed, fresh
 * throwaway database) and wait for /api/health. Benchmarks use it; the server is stopped when this process exits.
 */
export async function startAppServer(port) {
  const { spawn } = await import("node:child_process");
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("node", ["scripts/e2e-server.mjs"], { cwd: root, env: { ...process.env, E2E_PORT: String(port) }, stdio: ["ignore", "inherit", "inherit"], detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  process.on("exit", stop);
  process.on("SIGINT", () => process.exit(130));
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  stop();
  throw new Error("server did not come up in 10 minutes");
}
