// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's PostgreSQL binaries (installed with apt when
// absent), a fresh data directory in a temp folder, a free port on 127.0.0.1, trust auth, stopped and deleted by
// `stop()`. Nothing here touches a system cluster. See ../shared/PLATFORM-NOTES.md ("PostgreSQL here").
//
//   import { startThrowawayPostgres } from "./postgres.mjs";
//   const pg = await startThrowawayPostgres();   // { url, port, dir, createDatabase(name) → url, stop() }
//
// As a command: `node scripts/postgres.mjs` starts one, prints its URL and keeps it running until Ctrl-C.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function findBin() {
  const roots = ["/usr/lib/postgresql"];
  for (const r of roots) {
    if (!fs.existsSync(r)) continue;
    const versions = fs.readdirSync(r).filter((v) => fs.existsSync(path.join(r, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(r, versions[0], "bin");
  }
  return null;
}

/** The directory holding initdb/pg_ctl; installs Debian's `postgresql` package first if it is missing. */
export function postgresBin() {
  let bin = process.env.POSTGRES_BIN ?? findBin();
  if (bin) return bin;
  if (process.getuid?.() !== 0) throw new Error("PostgreSQL is not installed and this is not root: apt-get install -y postgresql");
  console.log("Installing PostgreSQL (Debian package postgresql)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = spawnSync("apt-get", ["install", "-y", "-q", "postgresql"], { stdio: ["ignore", "ignore", "inherit"], env });
  if (r.status !== 0) {
    spawnSync("apt-get", ["update", "-q"], { stdio: ["ignore", "ignore", "inherit"], env });
    r = spawnSync("apt-get", ["install", "-y", "-q", "postgresql"], { stdio: ["ignore", "ignore", "inherit"], env });
  }
  bin = findBin();
  if (r.status !== 0 || !bin) throw new Error("could not install PostgreSQL with apt-get");
  return bin;
}

/** A TCP port nothing listens on right now (the kernel picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const asPostgres = (args) => (process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", ...args]] : [args[0], args.slice(1)]);

function runAs(args, opts = {}) {
  const [cmd, rest] = asPostgres(args);
  execFileSync(cmd, rest, { stdio: ["ignore", "ignore", "pipe"], ...opts });
}

/**
 * Start a fresh cluster. `fast` (default true) turns off fsync and synchronous commit: fine for data nobody keeps.
 * Resolves once it accepts connections.
 */
export async function startThrowawayPostgres({ port, fast = true, maxConnections = 200 } = {}) {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "decoupled-pg-"));
  fs.chmodSync(dir, 0o777); // the postgres user must reach it (mkdtemp makes it 0700)
  const data = path.join(dir, "data");
  const log = path.join(dir, "pg.log");
  port ??= await freePort();
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  runAs([path.join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "-N"]);
  const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", `-c max_connections=${maxConnections}`];
  if (fast) opts.push("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
  runAs([path.join(bin, "pg_ctl"), "-D", data, "-o", opts.join(" "), "-l", log, "-w", "-t", "60", "start"]);
  const base = `postgresql://postgres@127.0.0.1:${port}`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      runAs([path.join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      /* already down */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stop);
  /** Create an empty database in this cluster; resolves with its URL. */
  const createDatabase = (name) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name "${name}"`);
    execFileSync(path.join(bin, "psql"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-qc", `CREATE DATABASE ${name}`], { stdio: ["ignore", "ignore", "pipe"] });
    return `${base}/${name}`;
  };
  return { url: `${base}/postgres`, base, port, dir, createDatabase, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startThrowawayPostgres();
  const url = pg.createDatabase("decoupled");
  console.log(`PostgreSQL running: DATABASE_URL=${url}\n(Ctrl-C stops it and deletes its data)`);
  const quit = () => { pg.stop(); process.exit(0); };
  process.on("SIGINT", quit);
  process.on("SIGTERM", quit);
  setInterval(() => {}, 1 << 30);
}
