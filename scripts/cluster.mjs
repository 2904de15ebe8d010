// A whole deployment on one machine, for the multi-process tests and bench:scale: one throwaway PostgreSQL,
// N web instances (`scripts/server.mjs`, production build) and M grading workers (`npm run worker`), all separate
// processes sharing only the database — as they would on separate machines.
//
//   const c = await startCluster({ webs: 2, workers: 2 });
//   c.webs[0].base        → "http://127.0.0.1:PORT"
//   c.kill(workerIndex)   → SIGKILL that worker (no cleanup: its heartbeat goes stale, its job is left locked)
//   c.startWorker(i)      → start worker i again
//   await c.stop()
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded, migrate, root } from "./lib.mjs";
import { freePort, startThrowawayPostgres } from "./postgres.mjs";


const SECRET = "cluster-only-secret-not-used-anywhere-else-0123456789";

/** Wait until `url` answers 200, or throw after `timeoutMs` (or at once if `child` exits). */
export async function waitForOk(url, { timeoutMs = 120_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Start PostgreSQL, migrate it, build the app if needed, start `webs` web instances and `workers` workers.
 * `env` is added to every process (e.g. TRUSTED_PROXY for the benchmark's per-student addresses); `log` is a
 * directory for each process's output (default: discarded).
 */
export async function startCluster({ webs = 2, workers = 2, env: extraEnv = {}, log } = {}) {
  const pg = await startThrowawayPostgres();
  const children = new Set();
  const killGroup = (child, signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* gone */
    }
  };
  const killAll = () => {
    for (const child of children) killGroup(child, "SIGKILL");
  };
  // A test process that dies (or a start that fails halfway) must not leave servers, workers or PostgreSQL behind.
  const onExit = () => {
    killAll();
    pg.stop();
  };
  process.once("exit", onExit);
  try {
    return await start();
  } catch (e) {
    onExit();
    process.removeListener("exit", onExit);
    throw e;
  }

  async function start() {
    const url = pg.createDatabase("decoupled");
    const env = { ...process.env, NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true", ...extraEnv };
    delete env.AUTH_GITHUB_ID;
    delete env.AUTH_GITHUB_SECRET;
    delete env.TRUSTED_PROXY;
    Object.assign(env, extraEnv);
    await migrate(env);
    await buildIfNeeded(env);
    if (log) fs.mkdirSync(log, { recursive: true });
    const spawnLogged = (name, cmd, args, childEnv) => {
      const out = log ? fs.openSync(path.join(log, `${name}.log`), "a") : "ignore";
      const child = spawn(cmd, args, { cwd: root, env: childEnv, stdio: ["ignore", out, out], detached: true });
      children.add(child);
      child.on("exit", () => children.delete(child));
      return child;
    };

    const webList = [];
    for (let i = 0; i < webs; i++) {
      const port = await freePort();
      const serverScript = fs.existsSync(path.join(root, "scripts/server.mjs"));
      const child = serverScript
        ? spawnLogged(`web-${i + 1}`, "node", ["scripts/server.mjs"], { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" })
        : spawnLogged(`web-${i + 1}`, path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], env);
      webList.push({ base: `http://127.0.0.1:${port}`, port, child });
    }
    await Promise.all(webList.map((w) => waitForOk(`${w.base}/api/health`, { child: w.child })));

    const workerProcs = [];
    const startWorker = (i) => {
      workerProcs[i] = spawnLogged(`worker-${i + 1}`, "npm", ["run", "--silent", "worker"], env);
      return workerProcs[i];
    };
    for (let i = 0; i < workers; i++) startWorker(i);

    /** Kill every process, wait until they are gone, then stop PostgreSQL and delete its data. */
    const stop = async () => {
      const exits = [...children].map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", resolve))));
      killAll();
      await Promise.all(exits);
      pg.stop();
      process.removeListener("exit", onExit);
    };
    return {
      databaseUrl: url,
      env,
      webs: webList,
      workers: workerProcs,
      startWorker,
      /** SIGKILL worker `i` (and its children): no goodbye, exactly like a machine losing power. */
      kill: (i) => killGroup(workerProcs[i], "SIGKILL"),
      stop,
    };
  }
}
