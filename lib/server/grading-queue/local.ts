import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { prisma } from "../db";
import { getGradingPool } from "../grading";
import { heartbeatMs, staleMs } from "./config";
import { gradeQueuedSubmission } from "./handler";
import { beat, registerGrader, sweepDeadGraders, unregisterGrader, type GraderIdentity } from "./workers";

/*
 * The queue engine of the embedded default (SQLite): a runner inside the web process, so `npm start` alone grades.
 * The submission rows ARE the queue. The runner picks "queued" rows by priority, then age, never one whose author
 * already has one running, and runs up to the grading pool's size at once through the shared job handler.
 *
 * It registers as a grader like any worker process (heartbeat, display name w-<n>) and sweeps, so after a restart
 * the rows a dead process left "running" go back to "queued" once its heartbeat is stale, and are graded again
 * (attempt 2, or dead-lettered). It wakes on every local enqueue and polls once per heartbeat besides.
 *
 * SQLite has one grading process by design: several processes on one SQLite file each running this would still
 * grade every submission once (the handler's conditional updates), but could run two of one author's at a time.
 */

class LocalGrader {
  private me: GraderIdentity | null = null;
  /** Submissions this process is grading: id → author. */
  private readonly inflight = new Map<string, string>();
  private readonly settled = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private pumping = false;
  private again = false;
  private stopped = false;

  constructor(readonly concurrency: number) {}

  get identity(): GraderIdentity | null {
    return this.me;
  }

  async start(): Promise<void> {
    // Sweep before registering: a restarted process takes back its old display name once the old row is stale.
    await sweepDeadGraders({ staleMs: staleMs() });
    this.me = await registerGrader(`local-${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`);
    this.timer = setInterval(() => void this.tick(), heartbeatMs());
    this.timer.unref();
    await this.tick();
  }

  /** Something was enqueued: look for work now rather than at the next heartbeat. */
  wake(): void {
    void this.pump();
  }

  /** Stop picking work, wait for the submissions being graded, and remove this grader's row. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.inflight.size) await new Promise<void>((resolve) => this.settled.add(resolve));
    if (this.me) await unregisterGrader(this.me.id).catch(() => {});
  }

  private async tick(): Promise<void> {
    if (this.stopped || !this.me) return;
    try {
      if (!(await beat(this.me.id))) this.me = await registerGrader(this.me.id);
      await sweepDeadGraders({ selfId: this.me.id, staleMs: staleMs() });
    } catch (e) {
      console.error("grading queue: heartbeat failed", e);
    }
    await this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        while (!this.stopped && this.me && this.inflight.size < this.concurrency) {
          const next = await this.pick();
          if (!next) break;
          this.inflight.set(next.id, next.author);
          void this.run(next.id, this.me.name);
        }
      } while (this.again && !this.stopped);
    } catch (e) {
      console.error("grading queue: picking the next submission failed", e);
    } finally {
      this.pumping = false;
    }
  }

  /** The next queued submission in engine order whose author has nothing running. */
  private async pick(): Promise<{ id: string; author: string } | null> {
    const running = await prisma.challengeSubmission.findMany({ where: { status: "running" }, select: { author: true }, distinct: ["author"] });
    const busy = new Set([...this.inflight.values(), ...running.map((r) => r.author)]);
    return prisma.challengeSubmission.findFirst({
      where: { status: "queued", author: { notIn: [...busy] }, id: { notIn: [...this.inflight.keys()] } },
      orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true, author: true },
    });
  }

  private async run(id: string, workerName: string): Promise<void> {
    try {
      await gradeQueuedSubmission(id, workerName);
    } catch (e) {
      // The database failed mid-job: put the row back so a later tick retries it (the start still counts).
      console.error(`grading queue: grading ${id} failed`, e);
      await prisma.challengeSubmission.updateMany({ where: { id, status: "running", workerName }, data: { status: "queued" } }).catch(() => {});
    } finally {
      this.inflight.delete(id);
      for (const resolve of this.settled) resolve();
      this.settled.clear();
      void this.pump();
    }
  }
}

// One runner per process, kept on globalThis: Next bundles instrumentation and route handlers separately, and
// `next dev` reloads modules, but they must all find the same runner.
const KEY = Symbol.for("decoupled.localGrader");
type Holder = typeof globalThis & { [KEY]?: Promise<LocalGrader> };

/** Start the in-process grader if it is not running yet; resolves once it has registered and looked for work. */
export function ensureLocalGrader(): Promise<LocalGrader> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const grader = new LocalGrader(getGradingPool().size);
    holder[KEY] = grader.start().then(
      () => grader,
      (e) => {
        delete holder[KEY];
        throw e;
      },
    );
  }
  return holder[KEY];
}

/**
 * Wake the in-process grader after an enqueue, if this process runs one (instrumentation.ts starts it at boot, the
 * submission routes if that failed). Never throws.
 */
export function wakeLocalGrader(): void {
  void (globalThis as Holder)[KEY]?.then((g) => g.wake(), () => {});
}

/** Stop the in-process grader (tests, shutdown); the next ensureLocalGrader starts a new one. */
export async function stopLocalGrader(): Promise<void> {
  const holder = globalThis as Holder;
  const running = holder[KEY];
  delete holder[KEY];
  if (running) await (await running.catch(() => null))?.stop();
}
