import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SubmissionStatus } from "@/lib/api/challenges";

/*
 * Helpers for the grading-queue tests. Everything that imports lib/server is loaded lazily: test files point
 * DATABASE_URL at their own database first, and lib/server/db.ts reads it once, on import.
 */

/** A fresh SQLite file migrated with the real `prisma migrate deploy`; `cleanup` deletes it. */
export function migratedSqliteDatabase(): { url: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "decoupled-queue-"));
  const url = `file:${path.join(dir, "queue.db")}`;
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { url, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Poll `probe` every `everyMs` until it returns a value other than undefined; fail with `what` at the deadline. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, { timeoutMs = 15_000, everyMs = 25 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The submission's status once it has a verdict (as its owner sees it). */
export async function waitForVerdict(
  id: string,
  viewer: { userId: string | null; token?: string | null },
  timeoutMs = 15_000,
  everyMs = 25,
): Promise<SubmissionStatus> {
  const { submissionStatus } = await import("@/lib/server/grading-queue/status");
  return until(`a verdict on ${id}`, async () => {
    const s = await submissionStatus(id, viewer);
    if (!s) throw new Error(`submission ${id} is not visible to its owner`);
    return s.verdict ? s : undefined;
  }, { timeoutMs, everyMs });
}

/**
 * Start this process's grader for the engine DATABASE_URL selects: the in-process runner on SQLite, a
 * graphile-worker runner in process on PostgreSQL. Resolves with its stop function.
 */
export async function startGraderForTests(): Promise<() => Promise<void>> {
  const { queueEngine } = await import("@/lib/server/grading-queue/config");
  if (queueEngine() === "in-process") {
    const { ensureLocalGrader, stopLocalGrader } = await import("@/lib/server/grading-queue/local");
    await ensureLocalGrader();
    return stopLocalGrader;
  }
  const { startGraphileGrader } = await import("@/lib/server/grading-queue/graphile-runner");
  const grader = await startGraphileGrader();
  return () => grader.stop();
}

/** A `npm run worker` child process, in its own process group. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Its display name and the pid of the node process that registered (the one to SIGKILL). */
  name: string;
  pid: number;
  output: () => string;
  /** SIGKILL the whole process group (npm, the shell, tsx and node). */
  destroy: () => void;
  exited: Promise<number | null>;
}

/** Spawn `npm run worker` and resolve once it has registered and printed its name. */
export async function spawnWorker(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<WorkerProcess> {
  const child = spawn("npm", ["run", "--silent", "worker"], { cwd: process.cwd(), env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const destroy = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  };
  try {
    const [, name, pid] = await until(
      "the worker to register",
      async () => {
        if (child.exitCode !== null) throw new Error(`npm run worker exited with ${child.exitCode}:\n${out}`);
        return /Grading worker (w-\d+) \(pid (\d+)/.exec(out) ?? undefined;
      },
      { timeoutMs, everyMs: 50 },
    );
    return { child, name, pid: Number(pid), output: () => out, destroy, exited };
  } catch (e) {
    destroy();
    throw e;
  }
}
