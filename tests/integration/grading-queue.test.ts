import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { migratedSqliteDatabase, until, waitForVerdict } from "@/tests/support/grading-queue";

/*
 * The grading queue on SQLite (the embedded default): the in-process engine, on its own throwaway database file so
 * the queue's contents are this file's alone, with the real grader. Heartbeats are fast so dead graders are found
 * in well under a second. PostgreSQL + graphile-worker + worker processes: grading-queue-postgres.test.ts.
 */
const db = migratedSqliteDatabase();
process.env.DATABASE_URL = db.url;
process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.GRADER_HEARTBEAT_MS = "100";
process.env.GRADER_STALE_MS = "600";

const { prisma } = await import("@/lib/server/db");
const { closeGradingPool } = await import("@/lib/server/grading");
const { getCompletedSteps } = await import("@/lib/server/progress");
const { verifyReceipt } = await import("@/lib/server/receipts");
const { listSubmissions } = await import("@/lib/server/submissions");
const { enqueueSubmission } = await import("@/lib/server/grading-queue/enqueue");
const { gradeQueuedSubmission, DEAD_LETTER_MESSAGE } = await import("@/lib/server/grading-queue/handler");
const { ensureLocalGrader, stopLocalGrader } = await import("@/lib/server/grading-queue/local");
const { submissionStatus, queueHealth } = await import("@/lib/server/grading-queue/status");
const { CPU_BUDGET_MS, MAX_QUEUED_PER_AUTHOR } = await import("@/lib/server/grading-queue/config");
const { MAX_GRADING_ATTEMPTS } = await import("@/lib/api/challenges");

const ID = "task-queue";
const LESSON = "message-queues";
const SOLUTION = fs.readFileSync(path.resolve(`content/challenges/${ID}/solution.ts`), "utf8");
const WRONG = "export class TaskQueue<T> { enqueue(t: T) {} dequeue(): T | null { return null; } peek(): T | null { return null; } size() { return 0; } }";
/** Passes, but only after ~300 ms of busy waiting: long enough to act while it runs. */
const SLOW_SOLUTION = `{ const end = Date.now() + 300; while (Date.now() < end) {} }\n${SOLUTION}`;

const newUser = async (label: string) => (await prisma.user.create({ data: { email: `${label}-${crypto.randomUUID()}@example.test` } })).id;

async function submit(userId: string | null, code: string, author = userId ? `user:${userId}` : `guest:${crypto.randomUUID()}`) {
  const r = await enqueueSubmission({ challengeId: ID, code, userId, author });
  if (!r.ok) throw new Error(`refused: ${r.status} ${r.error}`);
  return r.accepted;
}

afterEach(async () => {
  await stopLocalGrader();
  await prisma.challengeSubmission.deleteMany();
  await prisma.graderWorker.deleteMany();
  delete process.env.GRADING_QUEUE_LIMIT;
});

afterAll(async () => {
  await closeGradingPool();
  await prisma.$disconnect();
  db.cleanup();
});

describe("accepting a submission (nothing grading yet)", () => {
  test("202: stored as queued with its place in line; a guest gets a token that follows only that submission", async () => {
    const u = await newUser("accept");
    const first = await submit(u, SOLUTION);
    expect(first).toEqual({ id: expect.any(String), status: "queued", position: 0 });
    const guest = await submit(null, SOLUTION, "guest:203.0.113.7");
    expect(guest).toMatchObject({ status: "queued", position: 1, token: expect.any(String) });

    const row = await prisma.challengeSubmission.findUniqueOrThrow({ where: { id: guest.id } });
    expect(row).toMatchObject({ status: "queued", userId: null, author: "guest:203.0.113.7", attempts: 0, code: SOLUTION });

    expect(await submissionStatus(first.id, { userId: u })).toMatchObject({ status: "queued", ahead: 0, worker: null, attempt: 0, maxAttempts: MAX_GRADING_ATTEMPTS, verdict: null });
    expect(await submissionStatus(guest.id, { userId: null, token: guest.token })).toMatchObject({ status: "queued", ahead: 1 });
    // Not the owner: indistinguishable from a submission that does not exist.
    expect(await submissionStatus(first.id, { userId: await newUser("other") })).toBeNull();
    expect(await submissionStatus(first.id, { userId: null, token: guest.token })).toBeNull();
    expect(await submissionStatus(guest.id, { userId: u })).toBeNull();
    expect(await submissionStatus(guest.id, { userId: null, token: `${guest.token}x` })).toBeNull();
    expect(await submissionStatus("no-such-id", { userId: u })).toBeNull();
  });

  test(`an author may have ${MAX_QUEUED_PER_AUTHOR} waiting; the next is refused with 429 and Retry-After, other authors are not`, async () => {
    const u = await newUser("limit");
    for (let i = 0; i < MAX_QUEUED_PER_AUTHOR; i++) await submit(u, SOLUTION);
    const refused = await enqueueSubmission({ challengeId: ID, code: SOLUTION, userId: u, author: `user:${u}` });
    expect(refused).toMatchObject({ ok: false, status: 429, retryAfterSeconds: expect.any(Number) });
    if (refused.ok) return;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.error).toMatch(/2 submissions waiting to be graded/);
    expect(await prisma.challengeSubmission.count({ where: { author: `user:${u}` } })).toBe(MAX_QUEUED_PER_AUTHOR);
    expect((await submit(await newUser("bystander"), SOLUTION)).position).toBe(MAX_QUEUED_PER_AUTHOR);
  });

  test("concurrent submissions from one author: exactly the allowed number are stored", async () => {
    const u = await newUser("burst");
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => enqueueSubmission({ challengeId: ID, code: SOLUTION, userId: u, author: `user:${u}` })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(MAX_QUEUED_PER_AUTHOR);
    expect(outcomes.filter((o) => !o.ok && o.status === 429)).toHaveLength(6 - MAX_QUEUED_PER_AUTHOR);
    expect(await prisma.challengeSubmission.count({ where: { author: `user:${u}` } })).toBe(MAX_QUEUED_PER_AUTHOR);
  });

  test("past GRADING_QUEUE_LIMIT the queue answers 503 with Retry-After and stores nothing", async () => {
    process.env.GRADING_QUEUE_LIMIT = "3";
    for (let i = 0; i < 3; i++) await submit(null, SOLUTION);
    const full = await enqueueSubmission({ challengeId: ID, code: SOLUTION, userId: null, author: "guest:198.51.100.1" });
    expect(full).toMatchObject({ ok: false, status: 503 });
    if (full.ok) return;
    expect(full.retryAfterSeconds).toBeGreaterThanOrEqual(2);
    expect(full.error).toMatch(/grading queue is full \(3 submissions are waiting\)/);
    expect(await prisma.challengeSubmission.count()).toBe(3);
  });

  test("grading time is charged to its author: over budget they wait until it decays, and they queue behind others", async () => {
    const now = Date.now();
    const heavy = await newUser("heavy");
    // Three watchdog-length runs in the last minute: 27 s of grader time against a 20 s budget.
    for (const agoMs of [50_000, 30_000, 10_000]) {
      await prisma.challengeSubmission.create({
        data: { userId: heavy, author: `user:${heavy}`, challengeId: ID, code: "x", status: "error", cpuMs: 9_000, attempts: 1, finishedAt: new Date(now - agoMs) },
      });
    }
    const refused = await enqueueSubmission({ challengeId: ID, code: SOLUTION, userId: heavy, author: `user:${heavy}` }, now);
    expect(refused).toMatchObject({ ok: false, status: 429 });
    if (refused.ok) return;
    expect(refused.error).toMatch(/27\.0 s of grading time in the last minute; the limit is 20 s/);
    // Back within budget once the oldest run (50 s ago) leaves the window: in 10 s.
    expect(refused.retryAfterSeconds).toBe(10);
    expect(CPU_BUDGET_MS).toBe(20_000);

    const later = now + 10_001;
    const accepted = await enqueueSubmission({ challengeId: ID, code: SOLUTION, userId: heavy, author: `user:${heavy}` }, later);
    expect(accepted.ok).toBe(true);
    // 18 s of recent grader time: priority 18, so a fresh student who submits afterwards is still ahead of it.
    const honest = await enqueueSubmission({ challengeId: ID, code: SOLUTION, userId: null, author: "guest:192.0.2.9" }, later + 1);
    expect(honest).toMatchObject({ ok: true, accepted: { position: 0 } });
    if (!accepted.ok) return;
    expect((await submissionStatus(accepted.accepted.id, { userId: heavy }))?.ahead).toBe(1);
  });
});

describe("grading in process", () => {
  test("submit → queued → running on w-1 → passed; the step is recorded by the grader and history lists it", async () => {
    await ensureLocalGrader();
    const u = await newUser("pass");
    const accepted = await submit(u, SOLUTION);
    const status = await waitForVerdict(accepted.id, { userId: u });
    expect(status).toMatchObject({ status: "passed", worker: "w-1", attempt: 1, deadLettered: false, ahead: null });
    expect(status.verdict).toMatchObject({ id: accepted.id, status: "passed", stepCompleted: true, solutionUnlocked: true, hasPassed: true, failedSubmissions: 0 });
    expect(status.verdict!.passed).toBe(status.verdict!.total);
    expect(status.verdict!.receipt).toBeUndefined();
    expect(Date.parse(status.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(status.startedAt!));
    expect((await getCompletedSteps(u))[LESSON]).toContain("challenge");
    expect((await prisma.challengeSubmission.findUniqueOrThrow({ where: { id: accepted.id } })).cpuMs).toBeGreaterThan(0);

    const failing = await submit(u, WRONG);
    expect((await waitForVerdict(failing.id, { userId: u })).verdict).toMatchObject({ status: "failed", stepCompleted: false, failedSubmissions: 1, hasPassed: true });
    expect((await listSubmissions(u, ID)).map((s) => s.status)).toEqual(["failed", "passed"]);
  });

  test("a guest's verdict carries a step receipt and the attempt record advanced from the one they sent", async () => {
    await ensureLocalGrader();
    const stepsBefore = await prisma.stepCompletion.count();
    const author = "guest:203.0.113.50";
    const first = await enqueueSubmission({ challengeId: ID, code: WRONG, userId: null, author });
    if (!first.ok) throw new Error("refused");
    const failed = (await waitForVerdict(first.accepted.id, { userId: null, token: first.accepted.token })).verdict!;
    expect(failed).toMatchObject({ status: "failed", failedSubmissions: 1, hasPassed: false, solutionUnlocked: false });
    expect(failed.receipt).toBeUndefined();

    const second = await enqueueSubmission({ challengeId: ID, code: SOLUTION, userId: null, author, guestAttempts: failed.attempts });
    if (!second.ok) throw new Error("refused");
    const passed = (await waitForVerdict(second.accepted.id, { userId: null, token: second.accepted.token })).verdict!;
    expect(passed).toMatchObject({ status: "passed", stepCompleted: true, failedSubmissions: 1, hasPassed: true, solutionUnlocked: true });
    expect(verifyReceipt(passed.receipt!)).toMatchObject({ lessonSlug: LESSON, stepId: "challenge", subject: `challenge:${ID}` });
    // Nothing is written to any account: the guest's receipt is what records the step, once they sign in.
    expect(await prisma.stepCompletion.count()).toBe(stepsBefore);
  });

  test("one author never has two running: their second waits while another author's runs", async () => {
    await ensureLocalGrader();
    const a = await newUser("serial-a");
    const b = await newUser("serial-b");
    const a1 = await submit(a, SLOW_SOLUTION);
    const a2 = await submit(a, SLOW_SOLUTION);
    const b1 = await submit(b, SLOW_SOLUTION);
    // While a1 runs, b1 runs beside it (pool of 2) and a2 waits.
    const seen = await until("a1 and b1 running together", async () => {
      const rows = await prisma.challengeSubmission.findMany({ where: { id: { in: [a1.id, a2.id, b1.id] } } });
      const by = new Map(rows.map((r) => [r.id, r.status]));
      return by.get(a1.id) === "running" && by.get(b1.id) === "running" ? by : undefined;
    });
    expect(seen.get(a2.id)).toBe("queued");
    for (const [id, u] of [[a1.id, a], [a2.id, a], [b1.id, b]] as const) expect((await waitForVerdict(id, { userId: u })).status).toBe("passed");
    const rows = await prisma.challengeSubmission.findMany({ where: { author: `user:${a}` }, orderBy: { startedAt: "asc" } });
    expect(rows[1].startedAt!.getTime()).toBeGreaterThanOrEqual(rows[0].finishedAt!.getTime());
  });

  test("the handler run twice, or by two workers at once, writes one result and records progress once", async () => {
    const u = await newUser("idem");
    const { id } = await submit(u, SLOW_SOLUTION);
    // Worker A starts it; a sweep wrongly takes it for orphaned and worker B starts it again while A still runs.
    const a = gradeQueuedSubmission(id, "w-a");
    await until("A to start it", async () => ((await prisma.challengeSubmission.findUniqueOrThrow({ where: { id } })).status === "running" ? true : undefined), { everyMs: 5 });
    await prisma.challengeSubmission.update({ where: { id }, data: { status: "queued" } });
    const b = gradeQueuedSubmission(id, "w-b");
    const outcomes = await Promise.all([a, b]);
    expect(outcomes.map((o) => o.kind)).toEqual(["graded", "graded"]);
    expect(outcomes.filter((o) => o.kind === "graded" && o.wrote)).toHaveLength(1);
    // Late duplicates of the job change nothing.
    expect(await gradeQueuedSubmission(id, "w-c")).toEqual({ kind: "skipped" });
    const row = await prisma.challengeSubmission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "passed", attempts: 2 });
    expect(await prisma.stepCompletion.count({ where: { userId: u } })).toBe(1);
    // Two concurrent starts of a fresh submission: one grades, the other sees it taken.
    const { id: id2 } = await submit(u, SOLUTION);
    const both = await Promise.all([gradeQueuedSubmission(id2, "w-a"), gradeQueuedSubmission(id2, "w-b")]);
    expect(both.map((o) => o.kind).sort()).toEqual(["graded", "skipped"]);
    expect(await prisma.challengeSubmission.findUniqueOrThrow({ where: { id: id2 } })).toMatchObject({ status: "passed", attempts: 1 });
  });

  test("after a restart, submissions a dead process left queued or running are graded (the interrupted one as attempt 2)", async () => {
    const u = await newUser("restart");
    const waiting = await submit(u, SOLUTION);
    const interrupted = await submit(null, SOLUTION, "guest:198.51.100.77");
    // The previous process: registered as w-1, started `interrupted`, then died (its heartbeat stopped long ago).
    const longAgo = new Date(Date.now() - 60_000);
    await prisma.graderWorker.create({ data: { id: "local-dead", name: "w-1", host: "gone", pid: 1, startedAt: longAgo, lastSeen: longAgo } });
    await prisma.challengeSubmission.update({ where: { id: interrupted.id }, data: { status: "running", attempts: 1, workerName: "w-1", startedAt: longAgo } });

    const grader = await ensureLocalGrader();
    expect(grader.identity?.name).toBe("w-1"); // the dead process's name is free again
    expect(await waitForVerdict(waiting.id, { userId: u })).toMatchObject({ status: "passed", attempt: 1 });
    expect(await waitForVerdict(interrupted.id, { userId: null, token: interrupted.token })).toMatchObject({ status: "passed", attempt: 2, worker: "w-1" });
    expect(await prisma.graderWorker.findUnique({ where: { id: "local-dead" } })).toBeNull();
  });

  test("a submission whose grader died on both starts is dead-lettered with a plain reason", async () => {
    const u = await newUser("poison");
    const { id } = await submit(u, SOLUTION);
    const longAgo = new Date(Date.now() - 60_000);
    await prisma.graderWorker.create({ data: { id: "local-dead-2", name: "w-7", host: "gone", pid: 1, startedAt: longAgo, lastSeen: longAgo } });
    await prisma.challengeSubmission.update({ where: { id }, data: { status: "running", attempts: MAX_GRADING_ATTEMPTS, workerName: "w-7", startedAt: longAgo } });

    await ensureLocalGrader();
    const status = await waitForVerdict(id, { userId: u });
    expect(status).toMatchObject({ status: "error", deadLettered: true, attempt: MAX_GRADING_ATTEMPTS });
    expect(status.verdict).toMatchObject({ status: "error", error: DEAD_LETTER_MESSAGE, stepCompleted: false, failedSubmissions: 1 });
    expect(status.verdict!.error).toMatch(/stopped twice.*very deep recursion or a huge allocation/);
    // The poison is charged to its author: both starts, as runs the watchdog would have stopped.
    expect((await prisma.challengeSubmission.findUniqueOrThrow({ where: { id } })).cpuMs).toBeGreaterThanOrEqual(2 * 8_000);
    expect(await prisma.stepCompletion.count({ where: { userId: u } })).toBe(0);
  });

  test("health: depth, running, the oldest waiting submission's age and the live graders", async () => {
    expect(await queueHealth()).toEqual({ engine: "in-process", depth: 0, running: 0, oldestQueuedAgeMs: null, workers: [] });
    const createdAt = Date.now();
    await submit(null, SOLUTION);
    const health = await queueHealth(createdAt + 5_000);
    expect(health).toMatchObject({ depth: 1, running: 0, workers: [] });
    expect(health.oldestQueuedAgeMs).toBeGreaterThanOrEqual(4_000);
    await ensureLocalGrader();
    const live = await until("the queue to drain", async () => {
      const h = await queueHealth();
      return h.depth === 0 && h.running === 0 ? h : undefined;
    });
    expect(live.workers).toEqual([{ name: "w-1", host: expect.any(String), lastSeen: expect.any(String) }]);
  });
});

describe("the in-process runner stops cleanly", () => {
  beforeEach(async () => {
    await ensureLocalGrader();
  });
  test("stopping waits for the submission being graded and removes the grader's row", async () => {
    const u = await newUser("stop");
    const { id } = await submit(u, SLOW_SOLUTION);
    await until("it to start", async () => ((await prisma.challengeSubmission.findUniqueOrThrow({ where: { id } })).status === "running" ? true : undefined), { everyMs: 5 });
    await stopLocalGrader();
    expect((await prisma.challengeSubmission.findUniqueOrThrow({ where: { id } })).status).toBe("passed");
    expect(await prisma.graderWorker.count()).toBe(0);
  });
});
