import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SubmissionResponse } from "@/lib/api/challenges";
import { startGraderForTests, waitForVerdict } from "@/tests/support/grading-queue";

// The real course content (its challenges grade in the real QuickJS pool) and the throwaway database from global
// setup. Submissions go through the grading queue of whichever engine that database selects, with this process as
// its grader (the in-process runner on SQLite, a graphile-worker runner on PostgreSQL).
process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";

const { prisma } = await import("@/lib/server/db");
const { getChallenge } = await import("@/lib/content/challenges");
const { closeGradingPool } = await import("@/lib/server/grading");
const { getCompletedSteps } = await import("@/lib/server/progress");
const { verifyReceipt } = await import("@/lib/server/receipts");
const { enqueueSubmission } = await import("@/lib/server/grading-queue/enqueue");
const submissions = await import("@/lib/server/submissions");
const drafts = await import("@/lib/server/drafts");

const ID = "task-queue";
const challenge = getChallenge(ID)!;

/** Submit as the API does (queued, 202) and wait for the verdict the student would then read. */
async function submit({ code, userId, attempts }: { code: string; userId: string | null; attempts?: string }): Promise<SubmissionResponse> {
  const author = userId ? `user:${userId}` : `guest:${crypto.randomUUID()}`;
  const outcome = await enqueueSubmission({ challengeId: challenge.id, code, userId, author, guestAttempts: attempts });
  if (!outcome.ok) throw new Error(`refused: ${outcome.status} ${outcome.error}`);
  return (await waitForVerdict(outcome.accepted.id, { userId, token: outcome.accepted.token })).verdict!;
}
// Test code may read the reference solution from disk; the app reads it only through lib/server/challenges.ts.
const SOLUTION = fs.readFileSync(path.resolve(`content/challenges/${ID}/solution.ts`), "utf8");
/** Passes the visible tests' order checks but is not a queue: the hidden suite must fail it. */
const STACK = `export class TaskQueue<T> {
  private items: T[] = [];
  enqueue(task: T): void { this.items.push(task); }
  dequeue(): T | null { return this.items.length ? this.items.pop()! : null; }
  peek(): T | null { return this.items.length ? this.items[this.items.length - 1] : null; }
  size(): number { return this.items.length; }
}`;

async function newUser(label: string) {
  return prisma.user.create({ data: { email: `${label}-${crypto.randomUUID()}@example.test` } });
}

let stopGrader: () => Promise<void>;
beforeAll(async () => {
  stopGrader = await startGraderForTests();
});

afterAll(async () => {
  await stopGrader();
  await closeGradingPool();
});

describe("submitting as a signed-in student", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await newUser("submit")).id;
  });

  test("a failing submission is stored with its per-test verdicts and does not complete the step", async () => {
    const r = await submit({ code: STACK, userId });
    expect(r.status).toBe("failed");
    expect(r.stepCompleted).toBe(false);
    expect(r.receipt).toBeUndefined();
    expect(r.passed).toBeLessThan(r.total);
    expect(r.tests.some((t) => !t.passed && t.message)).toBe(true);
    expect(r.failedSubmissions).toBe(1);

    const row = await prisma.challengeSubmission.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ userId, challengeId: ID, code: STACK, status: "failed", passed: r.passed, total: r.total });
    expect((row.result as { tests: unknown[] }).tests).toHaveLength(r.total);
    expect((await getCompletedSteps(userId))[challenge.lesson] ?? []).not.toContain("challenge");
  });

  test("hidden-run console output is neither returned nor stored", async () => {
    const noisy = `console.log("SECRET-PROBE");\n${STACK}`;
    const r = await submit({ code: noisy, userId });
    expect(JSON.stringify(r)).not.toContain("SECRET-PROBE");
    const row = await prisma.challengeSubmission.findUniqueOrThrow({ where: { id: r.id } });
    expect(JSON.stringify(row.result)).not.toContain("SECRET-PROBE");
  });

  test("code that does not compile is stored as an error with the reason", async () => {
    const r = await submit({ code: "export class TaskQueue {", userId });
    expect(r.status).toBe("error");
    expect(r.error).toMatch(/compile/i);
    expect(r.stepCompleted).toBe(false);
  });

  test("a passing submission records the lesson's challenge step", async () => {
    const r = await submit({ code: SOLUTION, userId });
    expect(r.status).toBe("passed");
    expect(r.passed).toBe(r.total);
    expect(r.total).toBeGreaterThanOrEqual(8);
    expect(r.stepCompleted).toBe(true);
    expect(r.solutionUnlocked).toBe(true);
    expect(r.receipt).toBeUndefined(); // signed in: the server already recorded it
    expect((await getCompletedSteps(userId))[challenge.lesson]).toContain("challenge");
  });

  test("history lists the student's submissions newest first, with code and verdicts", async () => {
    const history = await submissions.listSubmissions(userId, ID);
    expect(history.map((h) => h.status)).toEqual(["passed", "error", "failed", "failed"]);
    expect(history[0].code).toBe(SOLUTION);
    expect(history[3].code).toBe(STACK);
    expect(history[0].tests.every((t) => t.passed)).toBe(true);
    expect(history[1].error).toMatch(/compile/i);
  });
});

describe("isolation between students", () => {
  test("one student's submissions never appear in another's history or unlock their solution", async () => {
    const a = (await newUser("iso-a")).id;
    const b = (await newUser("iso-b")).id;
    for (let i = 0; i < 3; i++) await submit({ code: STACK, userId: a });
    expect(await submissions.listSubmissions(b, ID)).toEqual([]);
    expect((await submissions.listSubmissions(a, ID)).length).toBe(3);
    expect(await submissions.solutionAccess(ID, { userId: b })).toEqual({ allowed: false, failedSubmissions: 0 });
    expect(await submissions.solutionAccess(ID, { userId: a })).toMatchObject({ allowed: true, reason: "failures" });
    // A's history of another challenge is empty too: rows are scoped by challenge as well as by user.
    expect(await submissions.listSubmissions(a, "pub-sub")).toEqual([]);
  });

  test("only passing writes progress: failures leave no step behind", async () => {
    const u = (await newUser("nostep")).id;
    await submit({ code: challenge.starter, userId: u });
    expect(await prisma.stepCompletion.count({ where: { userId: u } })).toBe(0);
  });
});

describe("the reference solution", () => {
  test("stays locked for a signed-in student until three failures, then unlocks", async () => {
    const u = (await newUser("unlock")).id;
    expect((await submissions.solutionAccess(ID, { userId: u })).allowed).toBe(false);
    const first = await submit({ code: STACK, userId: u });
    const second = await submit({ code: STACK, userId: u });
    expect([first.solutionUnlocked, second.solutionUnlocked]).toEqual([false, false]);
    expect((await submissions.solutionAccess(ID, { userId: u })).allowed).toBe(false);
    const third = await submit({ code: STACK, userId: u });
    expect(third.solutionUnlocked).toBe(true);
    expect(third.failedSubmissions).toBe(3);
    expect(await submissions.solutionAccess(ID, { userId: u })).toEqual({ allowed: true, reason: "failures", failedSubmissions: 3 });
    expect(submissions.readReferenceSolution(ID)).toBe(SOLUTION);
  });

  test("a guest unlocks it with the signed attempt record, which only grows by submitting", async () => {
    let attempts: string | undefined;
    for (let i = 1; i <= 3; i++) {
      const r = await submit({ code: STACK, userId: null, attempts });
      expect(r.id).toEqual(expect.any(String));
      expect(r.failedSubmissions).toBe(i);
      expect(r.solutionUnlocked).toBe(i === 3);
      expect(r.hasPassed).toBe(false);
      attempts = r.attempts;
    }
    expect(await submissions.solutionAccess(ID, { userId: null, attempts })).toMatchObject({ allowed: true, reason: "failures" });
    // Tampered, forged or other-challenge records count as nothing.
    const [payload, mac] = attempts!.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ c: ID, f: 99, p: true })).toString("base64url");
    expect((await submissions.solutionAccess(ID, { userId: null, attempts: `${forgedPayload}.${mac}` })).allowed).toBe(false);
    expect((await submissions.solutionAccess(ID, { userId: null, attempts: `${payload}.x${mac.slice(1)}` })).allowed).toBe(false);
    expect((await submissions.solutionAccess("pub-sub", { userId: null, attempts })).allowed).toBe(false);
    expect((await submissions.solutionAccess(ID, { userId: null })).allowed).toBe(false);
  });

  test("a guest who passes gets a step receipt for the lesson and an unlocked solution; no account is touched", async () => {
    const before = await prisma.challengeSubmission.count();
    const r = await submit({ code: SOLUTION, userId: null });
    expect(r.status).toBe("passed");
    expect(r.stepCompleted).toBe(true);
    expect(verifyReceipt(r.receipt!)).toMatchObject({ lessonSlug: challenge.lesson, stepId: "challenge", subject: `challenge:${ID}` });
    expect(await submissions.solutionAccess(ID, { userId: null, attempts: r.attempts })).toMatchObject({ allowed: true, reason: "passed" });
    // What the panel shows comes in plain fields; the record itself stays opaque to the browser.
    expect(r).toMatchObject({ hasPassed: true, failedSubmissions: 0, solutionUnlocked: true });
    // A later failure keeps the pass on record.
    expect(await submit({ code: STACK, userId: null, attempts: r.attempts })).toMatchObject({ status: "failed", hasPassed: true, failedSubmissions: 1 });
    // Guests' submissions are stored (they are queued and charged to the guest's address), never under a user.
    expect(await prisma.challengeSubmission.count()).toBe(before + 2);
    expect(await prisma.challengeSubmission.count({ where: { id: r.id, userId: null, author: { startsWith: "guest:" } } })).toBe(1);
  });

  test("a failed guest submission never carries a step receipt", async () => {
    const r = await submit({ code: STACK, userId: null });
    expect(r.receipt).toBeUndefined();
    // The attempt record is not a receipt: the progress merge must refuse it.
    expect(verifyReceipt(r.attempts!)).toBeNull();
  });
});

describe("size limits", () => {
  test("code up to 64 KB is accepted and one byte more is refused, counting UTF-8 bytes", () => {
    expect(submissions.codeSizeProblem("a".repeat(64 * 1024))).toBeNull();
    expect(submissions.codeSizeProblem("a".repeat(64 * 1024 + 1))).toMatch(/64 KB/);
    // 22,000 three-byte characters: 22k characters but 66 KB.
    expect(submissions.codeSizeProblem("€".repeat(22_000))).toMatch(/64 KB/);
  });
});

describe("drafts", () => {
  test("saving twice keeps one draft with the latest code, per student and challenge", async () => {
    const a = (await newUser("draft-a")).id;
    const b = (await newUser("draft-b")).id;
    expect(await drafts.getDraft(a, ID)).toBeNull();
    await drafts.saveDraft(a, ID, "// first");
    await drafts.saveDraft(a, ID, "// second");
    expect((await drafts.getDraft(a, ID))?.code).toBe("// second");
    expect(await prisma.challengeDraft.count({ where: { userId: a } })).toBe(1);
    expect(await drafts.getDraft(b, ID)).toBeNull();
    expect(await drafts.getDraft(a, "pub-sub")).toBeNull();
    await drafts.deleteDraft(a, ID);
    expect(await drafts.getDraft(a, ID)).toBeNull();
  });
});
