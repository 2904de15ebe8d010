import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";

// Lessons "alpha" and "beta" from the fixture course; the database is the throwaway file from global setup.
process.env.DECOUPLED_CONTENT_DIR = path.resolve("tests/fixtures/content/valid");

const { prisma } = await import("@/lib/server/db");
const progress = await import("@/lib/server/progress");

async function newUser(label: string) {
  return prisma.user.create({ data: { email: `${label}-${crypto.randomUUID()}@example.test` } });
}

describe("step completion", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await newUser("idem")).id;
  });

  test("completing the same step twice stores it once", async () => {
    await progress.completeStep(userId, "alpha", "why");
    await progress.completeStep(userId, "alpha", "why");
    expect(await prisma.stepCompletion.count({ where: { userId, lessonSlug: "alpha", stepId: "why" } })).toBe(1);
    expect((await progress.getCompletedSteps(userId)).alpha).toEqual(["why"]);
  });

  test("parallel completions of one step do not fail or duplicate", async () => {
    await Promise.all(Array.from({ length: 8 }, () => progress.completeStep(userId, "alpha", "terms")));
    expect(await prisma.stepCompletion.count({ where: { userId, lessonSlug: "alpha", stepId: "terms" } })).toBe(1);
  });

  test("the summary counts completed steps per lesson out of nine", async () => {
    const summary = await progress.getProgressSummary(userId);
    expect(summary).toEqual([
      { slug: "alpha", completed: 2, total: 9 },
      { slug: "beta", completed: 0, total: 9 },
    ]);
  });

  test("quiz and challenge steps cannot be claimed by the browser", async () => {
    await expect(progress.completeStep(userId, "alpha", "quiz")).rejects.toMatchObject({ status: 403 });
    await expect(progress.completeStep(userId, "alpha", "challenge")).rejects.toMatchObject({ status: 403 });
    expect(await prisma.stepCompletion.count({ where: { userId, stepId: { in: ["quiz", "challenge"] } } })).toBe(0);
  });

  test("an unknown lesson is refused with 404", async () => {
    await expect(progress.completeStep(userId, "no-such-lesson", "why")).rejects.toMatchObject({ status: 404 });
  });
});

describe("isolation between users", () => {
  test("one user's completions never show up in another user's progress", async () => {
    const a = await newUser("a");
    const b = await newUser("b");
    await progress.completeStep(a.id, "beta", "code");
    expect((await progress.getCompletedSteps(a.id)).beta).toEqual(["code"]);
    expect(await progress.getCompletedSteps(b.id)).toEqual({});
    expect((await progress.getProgressSummary(b.id)).every((l) => l.completed === 0)).toBe(true);
  });
});

describe("guest progress merge", () => {
  test("keeps the union of account and guest progress", async () => {
    const u = await newUser("merge");
    await progress.completeStep(u.id, "alpha", "why");
    await progress.completeStep(u.id, "beta", "connections");
    const result = await progress.mergeGuestProgress(u.id, { alpha: ["why", "terms", "visual"], beta: ["real-world"] });
    expect(result.merged).toBe(4);
    const done = await progress.getCompletedSteps(u.id);
    expect(done.alpha).toEqual(["why", "terms", "visual"]);
    expect(done.beta).toEqual(["real-world", "connections"]);
  });

  test("skips steps a browser may not claim and unknown lessons or steps, without failing the rest", async () => {
    const u = await newUser("merge-skip");
    const result = await progress.mergeGuestProgress(u.id, { alpha: ["quiz", "challenge", "why", "bogus"], nowhere: ["why"] });
    expect(result.merged).toBe(1);
    expect(result.skipped.sort()).toEqual(["alpha/bogus", "alpha/challenge", "alpha/quiz", "nowhere/why"]);
    expect(await progress.getCompletedSteps(u.id)).toEqual({ alpha: ["why"] });
  });

  test("merges racing each other and single step completions for one user neither fail nor duplicate", async () => {
    // Two tabs signing in at once while a lesson page marks a step: on PostgreSQL a unique-index race inside one
    // transaction used to abort it (every later statement failed with 25P02, a 500 for the student).
    const u = await newUser("merge-race");
    const guest = { alpha: ["why", "terms", "visual"], beta: ["why", "terms"] };
    const results = await Promise.allSettled([
      ...Array.from({ length: 6 }, () => progress.mergeGuestProgress(u.id, guest)),
      ...Array.from({ length: 6 }, () => progress.completeStep(u.id, "alpha", "terms")),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await prisma.stepCompletion.count({ where: { userId: u.id } })).toBe(5);
    expect(await progress.getCompletedSteps(u.id)).toEqual(guest);
  });

  test("merging the same guest progress twice changes nothing the second time", async () => {
    const u = await newUser("merge-twice");
    await progress.mergeGuestProgress(u.id, { beta: ["why", "terms"] });
    await progress.mergeGuestProgress(u.id, { beta: ["why", "terms"] });
    expect(await prisma.stepCompletion.count({ where: { userId: u.id } })).toBe(2);
  });
});

describe("server-verified steps for guests", () => {
  test("a quiz step merges only with a receipt this server signed", async () => {
    process.env.AUTH_SECRET ??= "integration-test-secret";
    const { issueReceipt } = await import("@/lib/server/receipts");
    const u = await newUser("receipt");
    const good = issueReceipt({ lessonSlug: "alpha", stepId: "quiz", subject: "quiz:alpha" });
    const forged = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    const tampered = Buffer.from(JSON.stringify({ lessonSlug: "alpha", stepId: "challenge", subject: "x", iat: Date.now() })).toString("base64url") + "." + good.split(".")[1];
    const result = await progress.mergeGuestProgress(u.id, { alpha: ["quiz", "challenge"] }, [good, forged, tampered]);
    expect(await progress.getCompletedSteps(u.id)).toEqual({ alpha: ["quiz"] });
    expect(result.skipped.filter((s) => s === "receipt")).toHaveLength(2);
  });
});
