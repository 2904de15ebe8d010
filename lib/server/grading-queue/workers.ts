import "server-only";
import os from "node:os";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "../db";

/*
 * Who is grading: one GraderWorker row per grading process (a `npm run worker`, or the web process on SQLite),
 * heartbeating every GRADER_HEARTBEAT_MS. Every grader also sweeps: a row whose heartbeat is older than
 * GRADER_STALE_MS is a dead process. Its submissions still marked "running" go back to "queued" (what the student
 * sees, and on SQLite what the local runner picks up), the engine releases its jobs, and the row is deleted.
 *
 * Clocks: `lastSeen` and `startedAt` are written with each grader's own clock and compared with the sweeper's, so
 * machines running workers need synchronised clocks (NTP), well within GRADER_STALE_MS.
 */

export interface GraderIdentity {
  /** The engine's id for this grader: graphile-worker's pool id (what its job locks name), or "local-…". */
  id: string;
  /** "w-<n>", shown to students. */
  name: string;
  host: string;
  pid: number;
  startedAt: Date;
}

/** Lowest n ≥ 1 such that `w-<n>` is not in `taken`. */
export function lowestFreeName(taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`w-${n}`)) n++;
  return `w-${n}`;
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/**
 * Insert this grader's row under the lowest free display name. Two graders starting at once may pick the same
 * name: the unique index refuses one, which picks again.
 */
export async function registerGrader(id: string): Promise<GraderIdentity> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const taken = await prisma.graderWorker.findMany({ select: { name: true } });
    const me: GraderIdentity = { id, name: lowestFreeName(taken.map((t) => t.name)), host: os.hostname(), pid: process.pid, startedAt: new Date() };
    try {
      await prisma.graderWorker.create({ data: { ...me, lastSeen: me.startedAt } });
      return me;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new Error("could not register a grading worker: no free name after 50 tries");
}

/** Refresh this grader's heartbeat. False when its row is gone: another grader declared it dead (a long stall). */
export async function beat(id: string): Promise<boolean> {
  const r = await prisma.graderWorker.updateMany({ where: { id }, data: { lastSeen: new Date() } });
  return r.count > 0;
}

export async function unregisterGrader(id: string): Promise<void> {
  await prisma.graderWorker.deleteMany({ where: { id } });
}

export interface SweepOptions {
  /** The sweeping grader's own id: never declared dead by itself. */
  selfId?: string;
  staleMs: number;
  now?: number;
  /** Release the dead graders' engine-side locks; runs before their rows are deleted. */
  release?: (deadIds: string[]) => Promise<void>;
}

export interface SweepResult {
  /** Ids of the graders found dead (and deleted). */
  dead: string[];
  /** Submissions put back to "queued" because the grader running them is gone. */
  requeued: string[];
}

/** Declare stale graders dead: requeue their running submissions, release their jobs, delete their rows. */
export async function sweepDeadGraders({ selfId, staleMs, now = Date.now(), release }: SweepOptions): Promise<SweepResult> {
  const cutoff = new Date(now - staleMs);
  const graders = await prisma.graderWorker.findMany();
  const stale = graders.filter((g) => g.id !== selfId && g.lastSeen < cutoff);
  const live = new Map(graders.filter((g) => !stale.includes(g)).map((g) => [g.name, g]));

  // A running submission is orphaned when no live grader holds its worker name, or when the live holder of that
  // name registered after it started (a dead w-1's work, its name since reused). A submission started after the
  // cutoff may belong to a grader that registered after `graders` was read: it is left for the next sweep.
  const running = await prisma.challengeSubmission.findMany({ where: { status: "running" }, select: { id: true, workerName: true, startedAt: true } });
  const orphans = running.filter((r) => {
    const holder = r.workerName ? live.get(r.workerName) : undefined;
    if (holder) return r.startedAt !== null && r.startedAt < holder.startedAt;
    return r.startedAt === null || r.startedAt < cutoff;
  });
  if (orphans.length) {
    await prisma.challengeSubmission.updateMany({ where: { id: { in: orphans.map((o) => o.id) }, status: "running" }, data: { status: "queued" } });
  }
  const dead = stale.map((g) => g.id);
  if (dead.length) {
    await release?.(dead);
    await prisma.graderWorker.deleteMany({ where: { id: { in: dead }, lastSeen: { lt: cutoff } } });
  }
  return { dead, requeued: orphans.map((o) => o.id) };
}

/** Graders whose heartbeat is fresh, for /api/health and the status display. */
export async function liveGraders(staleMs: number, now = Date.now()) {
  return prisma.graderWorker.findMany({
    where: { lastSeen: { gte: new Date(now - staleMs) } },
    orderBy: { name: "asc" },
    select: { name: true, host: true, pid: true, lastSeen: true, startedAt: true },
  });
}
