/**
 * A pool of worker threads that run submissions in QuickJS, off the request thread.
 *
 * - Jobs queue (FIFO, bounded) while every worker is busy; each worker grades one job at a time.
 * - Workers get a large native stack (`stackSizeMb`) so QuickJS can be given a useful stack limit: QuickJS only
 *   measures its own emulated stack, while its C recursion also consumes the thread's native stack, which is the
 *   one that would overflow first on a default-sized thread.
 * - A watchdog terminates a worker that outlives the job's deadline by `watchdogMarginMs` (QuickJS stuck in a
 *   call that never checks for interrupts); a worker that crashes or exits takes only its own job with it. Either
 *   way the job is answered with an error result and the pool starts a replacement.
 * - Idle workers are unref'd, so a CLI that forgets `close()` still exits.
 */
import os from "node:os";
import type { Worker } from "node:worker_threads";
import type { SandboxReply } from "@/lib/sandbox/protocol";
import { spawnThread } from "@/lib/sandbox/thread";
import { HARNESS_SOURCE } from "./harness-source";
import { errorResult, formatBudget, OUTPUT_LIMIT_CHARS, WALL_CLOCK_FACTOR, type GradeResult } from "./types";
import { GRADING_WORKER_SOURCE } from "./worker-source";

/** Compiled, wrapped code ready for the sandbox (see grade.ts for how it is produced). */
export interface SandboxJob {
  /** Student module, wrapped by `wrapStudentModule`. */
  student: string;
  /** Test module, wrapped by `wrapTestModule`. */
  tests: string;
  /** Names the tests expect the student module to define. */
  exports: readonly string[];
  timeoutMs: number;
  memoryMb: number;
  /** Console output cap in characters; default {@link OUTPUT_LIMIT_CHARS}. */
  outputLimit?: number;
}

export interface GradingPoolOptions {
  /** Worker threads; default min(2, CPU cores). */
  size?: number;
  /** Native stack per worker thread in MiB; default 64. Keep it at least 64x `quickjsStackKb`/1024. */
  stackSizeMb?: number;
  /** QuickJS stack limit in KiB; default 512 (about 2,700 frames of a simple recursive function). */
  quickjsStackKb?: number;
  /** How long past a job's deadline the watchdog waits before killing its worker, in ms; default 2000. */
  watchdogMarginMs?: number;
  /** Jobs allowed to wait for a worker; beyond that a job is answered "busy" at once. Default 500. */
  maxQueue?: number;
  /**
   * Hard cap on each worker's WebAssembly heap in MiB; default 384. Must exceed the largest job memory limit plus
   * some 32 MiB for the runtime; it is also the most memory one worker can ever hold.
   */
  heapMaxMb?: number;
  /** A worker replaces its QuickJS instance after a job that left the heap above this many MiB; default 96. */
  recycleHeapMb?: number;
  /**
   * Directory whose node_modules provide quickjs-emscripten to the workers; default `GRADER_MODULE_ROOT` or the
   * working directory (the project root under `next start`, `next dev`, vitest and tsx).
   */
  moduleRoot?: string;
  /**
   * What a job's time budget counts: "cpu" (default) the sandbox thread's CPU time, capped at WALL_CLOCK_FACTOR x
   * the budget on the wall clock; "wall" the wall clock alone. "cpu" falls back to "wall" where the platform cannot
   * measure a thread's CPU time (it reads /proc/thread-self on Linux).
   */
  budgetClock?: "cpu" | "wall" | SimulatedLoad;
}

/** For tests: count CPU time as this share of the wall clock, as on a machine where the thread gets that share of a core. */
export interface SimulatedLoad {
  cpuShare: number;
}

export interface GradingPoolStats {
  workers: number;
  busy: number;
  queued: number;
  completed: number;
  /** Jobs lost to a crashed or exited worker. */
  crashed: number;
  /** Workers the watchdog terminated. */
  killed: number;
  /** Workers started over the pool's life (initial ones included). */
  started: number;
}

interface Pending {
  id: number;
  job: SandboxJob;
  resolve: (result: GradeResult) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Pending | null;
  timer: ReturnType<typeof setTimeout> | null;
  lastError: string;
}

type WorkerMessage = SandboxReply<GradeResult>;

const CRASH_MESSAGE = "The grader crashed while running your code; try again. If it happens again, look for very deep recursion or nesting.";
/** Consecutive workers that died before becoming ready after which queued jobs are failed instead of retried. */
const MAX_STARTUP_FAILURES = 3;

/** Runs {@link SandboxJob}s on a fixed number of QuickJS worker threads. */
export class GradingPool {
  readonly size: number;
  private readonly stackSizeMb: number;
  private readonly stackBytes: number;
  private readonly marginMs: number;
  private readonly budgetClock: "cpu" | "wall" | SimulatedLoad;
  private readonly maxQueue: number;
  private readonly heapMaxBytes: number;
  private readonly recycleBytes: number;
  private readonly moduleRoot: string;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private readonly readyWaiters: Array<() => void> = [];
  private nextId = 1;
  private closed = false;
  private startupFailures = 0;
  private warming = 0;
  private readonly counters = { completed: 0, crashed: 0, killed: 0, started: 0 };

  constructor(options: GradingPoolOptions = {}) {
    const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    this.size = Math.max(1, Math.floor(options.size ?? Math.min(2, cores)));
    this.stackSizeMb = options.stackSizeMb ?? 64;
    this.stackBytes = (options.quickjsStackKb ?? 512) * 1024;
    this.marginMs = options.watchdogMarginMs ?? 2000;
    this.budgetClock = options.budgetClock ?? "cpu";
    this.maxQueue = options.maxQueue ?? 500;
    this.heapMaxBytes = (options.heapMaxMb ?? 384) * 1024 * 1024;
    this.recycleBytes = (options.recycleHeapMb ?? 96) * 1024 * 1024;
    this.moduleRoot = options.moduleRoot ?? process.env.GRADER_MODULE_ROOT ?? process.cwd();
  }

  /** Grade one job. Never rejects: crashes, kills and overload come back as `status: "error"` results. */
  run(job: SandboxJob): Promise<GradeResult> {
    if (this.closed) return Promise.resolve(errorResult("The grader is shutting down; try again in a moment."));
    if (this.queue.length >= this.maxQueue) return Promise.resolve(errorResult("The grader is busy; try again in a moment."));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve });
      this.startupFailures = Math.min(this.startupFailures, MAX_STARTUP_FAILURES - 1);
      this.pump();
    });
  }

  /** Start every worker and wait until each has its QuickJS module loaded (benchmarks, tests, server warm-up). */
  async warm(): Promise<void> {
    this.fill();
    // Starting workers hold the process open only while someone waits for them.
    this.warming++;
    this.updateRefs();
    try {
      while (!this.closed && [...this.slots].some((s) => !s.ready)) {
        await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
      }
    } finally {
      this.warming--;
      this.updateRefs();
    }
  }

  stats(): GradingPoolStats {
    const busy = [...this.slots].filter((s) => s.job).length;
    return { workers: this.slots.size, busy, queued: this.queue.length, ...this.counters };
  }

  /** Terminate every worker; queued and running jobs are answered with an error result. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.resolve(errorResult("The grader is shutting down; try again in a moment."));
    const stopping: Array<Promise<number>> = [];
    for (const slot of this.slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.job?.resolve(errorResult("The grader is shutting down; try again in a moment."));
      slot.job = null;
      stopping.push(slot.worker.terminate());
    }
    this.slots.clear();
    for (const w of this.readyWaiters.splice(0)) w();
    await Promise.allSettled(stopping);
  }

  private fill(): void {
    while (!this.closed && this.slots.size < this.size) this.spawn();
  }

  private spawn(): void {
    const worker = spawnThread(GRADING_WORKER_SOURCE, {
      quiet: false,
      workerData: {
        harnessSource: HARNESS_SOURCE,
        stackBytes: this.stackBytes,
        heapMaxBytes: this.heapMaxBytes,
        recycleBytes: this.recycleBytes,
        moduleRoot: this.moduleRoot,
        wallFactor: WALL_CLOCK_FACTOR,
        cpuClock: typeof this.budgetClock === "object" ? this.budgetClock.cpuShare : this.budgetClock === "cpu",
      },
      resourceLimits: { stackSizeMb: this.stackSizeMb, maxOldGenerationSizeMb: 256 },
    });
    const slot: Slot = { worker, ready: false, job: null, timer: null, lastError: "" };
    this.slots.add(slot);
    this.counters.started++;
    worker.on("message", (msg: WorkerMessage) => this.onMessage(slot, msg));
    worker.on("error", (err: Error) => {
      slot.lastError = err.message;
    });
    worker.on("exit", () => this.onExit(slot));
    this.updateRefs();
  }

  private onMessage(slot: Slot, msg: WorkerMessage): void {
    if (msg.type === "ready") {
      slot.ready = true;
      this.startupFailures = 0;
      this.wakeReadyWaiters();
      this.pump();
      return;
    }
    if (msg.type !== "done" && msg.type !== "crashed") return;
    const pending = slot.job;
    if (!pending || pending.id !== msg.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    if (msg.type === "done") {
      this.counters.completed++;
      pending.resolve(msg.value);
    } else {
      this.counters.crashed++;
      pending.resolve(errorResult(CRASH_MESSAGE));
    }
    this.pump();
  }

  private onExit(slot: Slot): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.job) {
      this.counters.crashed++;
      slot.job.resolve(errorResult(CRASH_MESSAGE));
      slot.job = null;
    }
    if (this.closed) return;
    if (!slot.ready && ++this.startupFailures >= MAX_STARTUP_FAILURES) {
      // Starting a worker keeps failing (a broken install, not a student's code): answer instead of looping.
      const why = slot.lastError ? ` (${slot.lastError})` : "";
      for (const p of this.queue.splice(0)) p.resolve(errorResult(`The grader could not start${why}; try again later.`));
      this.wakeReadyWaiters();
      return;
    }
    this.pump();
  }

  private kill(slot: Slot): void {
    const pending = slot.job;
    slot.job = null;
    slot.timer = null;
    this.counters.killed++;
    this.slots.delete(slot);
    void slot.worker.terminate();
    pending?.resolve(
      errorResult(
        `The grader stopped your code: it kept running past the ${formatBudget(pending.job.timeoutMs)} limit without ` +
          "responding. Look for a very long-running built-in call (a huge sort, string or regular expression).",
      ),
    );
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    if (this.queue.length > 0) this.fill();
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.job) continue;
      const pending = this.queue.shift()!;
      slot.job = pending;
      // The worker stops a job by its CPU time, or at WALL_CLOCK_FACTOR x the budget on the wall clock at the latest.
      slot.timer = setTimeout(() => this.kill(slot), pending.job.timeoutMs * WALL_CLOCK_FACTOR + this.marginMs);
      slot.worker.postMessage({
        type: "grade",
        id: pending.id,
        job: {
          student: pending.job.student,
          tests: pending.job.tests,
          exports: [...pending.job.exports],
          timeoutMs: pending.job.timeoutMs,
          memoryBytes: Math.round(pending.job.memoryMb * 1024 * 1024),
          outputLimit: pending.job.outputLimit ?? OUTPUT_LIMIT_CHARS,
        },
      });
    }
    this.updateRefs();
  }

  // Keep the process alive exactly while some job is queued or running, or someone awaits warm().
  private updateRefs(): void {
    const active = this.warming > 0 || this.queue.length > 0 || [...this.slots].some((s) => s.job);
    for (const slot of this.slots) {
      if (active) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private wakeReadyWaiters(): void {
    for (const w of this.readyWaiters.splice(0)) w();
  }
}
