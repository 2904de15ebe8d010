import "server-only";
import { EventEmitter } from "node:events";
import { Logger, makeWorkerUtils, run, runMigrations, type LogFunctionFactory, type WorkerEvents } from "graphile-worker";
import { databaseUrl } from "@/lib/db-factory";
import { prisma } from "../db";
import { getGradingPool } from "../grading";
import { GRADE_TASK, heartbeatMs, staleMs, type GradeJobPayload } from "./config";
import { gradeQueuedSubmission } from "./handler";
import { beat, registerGrader, sweepDeadGraders, unregisterGrader, type GraderIdentity } from "./workers";

/*
 * The PostgreSQL engine's consumer side: a graphile-worker 0.17 runner whose one task grades a submission through
 * the shared handler. `npm run worker` (scripts/worker.ts) runs one per process; tests run one in process.
 * The web side never imports this file: it enqueues with graphile_worker.add_job in SQL (enqueue.ts).
 *
 * Crash recovery. graphile-worker locks a job for 4 hours (hard-coded) when the process holding it dies without
 * releasing it. So every runner heartbeats a GraderWorker row whose id is its worker pool's id (the `locked_by` of
 * its jobs) and sweeps: a grader stale beyond GRADER_STALE_MS is dead, and `forceUnlockWorkers` hands its jobs back
 * at once. Jobs locked by a pool that has no row at all (it died between locking its first job and registering)
 * are released the same way once their lock is older than GRADER_STALE_MS. A NOTIFY then wakes every runner, so
 * the retry starts without waiting for a poll.
 */

// graphile-worker logs every job at info level; a worker grading hundreds a minute keeps only warnings and errors.
const logFactory: LogFunctionFactory = (scope) => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[graphile-worker${scope.label ? ` ${scope.label}` : ""}] ${level}: ${message}`);
};
const logger = new Logger(logFactory);

/** Create or upgrade graphile-worker's own schema (idempotent; npm start and every worker run it). */
export async function migrateGraphile(connectionString: string = databaseUrl()): Promise<void> {
  await runMigrations({ connectionString, logger });
}

export interface GraphileGrader {
  /** Current identity (the display name can change if the row was swept during a long stall). */
  identity(): GraderIdentity;
  /** Stop taking jobs, let the current ones finish, remove this grader's row. */
  stop(): Promise<void>;
}

export interface GraphileGraderOptions {
  connectionString?: string;
  /** Jobs at once; default the grading pool's size (GRADER_POOL_SIZE). */
  concurrency?: number;
  /** graphile's fallback poll when no NOTIFY arrives, in ms (default 1000). */
  pollInterval?: number;
}

function submissionIdOf(payload: unknown): string {
  const id = (payload as Partial<GradeJobPayload> | null)?.submissionId;
  if (typeof id !== "string" || !id) throw new Error(`grade job without a submissionId: ${JSON.stringify(payload)}`);
  return id;
}

export async function startGraphileGrader(options: GraphileGraderOptions = {}): Promise<GraphileGrader> {
  const connectionString = options.connectionString ?? databaseUrl();
  await migrateGraphile(connectionString);
  const pool = getGradingPool();
  await pool.warm();

  const events: WorkerEvents = new EventEmitter();
  let poolId: string | null = null;
  events.on("pool:create", ({ workerPool }) => {
    poolId = workerPool.id;
  });
  // graphile-worker reports its notification connection before it has sent LISTEN on it: a query queued on that
  // connection after this event completes after the LISTEN, so from then on no enqueue can go unnoticed (until
  // then a new job would wait for the next poll).
  let listening!: () => void;
  const listenReady = new Promise<void>((resolve) => (listening = resolve));
  events.on("pool:listen:success", ({ client }) => {
    setImmediate(() => void client.query("select 1").then(listening, listening));
  });
  // Jobs may be fetched before the row is written; their handler waits for it, so every submission marked
  // "running" names a registered grader.
  let me: GraderIdentity | null = null;
  let registered!: (g: GraderIdentity) => void;
  const ready = new Promise<GraderIdentity>((resolve) => (registered = resolve));

  const utils = await makeWorkerUtils({ connectionString, logger });
  const runner = await run({
    connectionString,
    concurrency: options.concurrency ?? pool.size,
    pollInterval: options.pollInterval ?? 1_000,
    noHandleSignals: true,
    // A graceful stop lets the current jobs finish; the grader's watchdog bounds each at a few times its budget.
    gracefulShutdownAbortTimeout: 30_000,
    logger,
    events,
    taskList: {
      [GRADE_TASK]: async (payload) => {
        await ready;
        await gradeQueuedSubmission(submissionIdOf(payload), me!.name);
      },
    },
  });
  if (!poolId) {
    await runner.stop();
    throw new Error("graphile-worker did not report its worker pool id");
  }
  const id: string = poolId;
  await Promise.race([listenReady, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  me = await registerGrader(id);
  registered(me);

  const release = async (deadIds: string[]) => {
    await utils.forceUnlockWorkers(deadIds);
    // Wake every runner (ours included) now rather than at its next poll.
    await prisma.$executeRaw`SELECT pg_notify('jobs:insert', json_build_object('r', random(), 'count', ${deadIds.length}::int)::text)`;
  };

  let stopping = false;
  let ticking: Promise<void> | null = null;
  const tick = async () => {
    try {
      if (!(await beat(id))) me = await registerGrader(id);
      await sweepDeadGraders({ selfId: id, staleMs: staleMs(), release });
      // Jobs locked by a pool that never registered (or whose row is already gone) and held longer than a grader
      // may go silent: nobody will ever finish them.
      const holders = await prisma.$queryRaw<Array<{ locked_by: string }>>`
        SELECT DISTINCT locked_by FROM graphile_worker.jobs
        WHERE locked_by IS NOT NULL AND locked_at < now() - (${staleMs()}::int * interval '1 millisecond')`;
      if (holders.length) {
        const known = new Set((await prisma.graderWorker.findMany({ select: { id: true } })).map((g) => g.id));
        const orphaned = holders.map((h) => h.locked_by).filter((h) => !known.has(h));
        if (orphaned.length) await release(orphaned);
      }
    } catch (e) {
      if (!stopping) console.error("grading worker: heartbeat or sweep failed", e);
    }
  };
  const timer = setInterval(() => {
    if (!ticking) ticking = tick().finally(() => (ticking = null));
  }, heartbeatMs());
  // Job queues (one per author) are left behind empty; clear them now and then.
  const gc = setInterval(() => void utils.cleanup({ tasks: ["GC_JOB_QUEUES"] }).catch(() => {}), 10 * 60_000);
  gc.unref();

  let stopped: Promise<void> | null = null;
  return {
    identity: () => me!,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        // Keep heartbeating while the current jobs finish, so nobody declares this worker dead meanwhile.
        await runner.stop().catch((e) => console.error("grading worker: stopping graphile-worker failed", e));
        clearInterval(timer);
        clearInterval(gc);
        await ticking;
        await unregisterGrader(id).catch(() => {});
        await utils.release();
      })();
      return stopped;
    },
  };
}
