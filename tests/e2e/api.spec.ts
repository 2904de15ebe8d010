import http from "node:http";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

/** POST JSON from a chosen local address (all of 127.0.0.0/8 is loopback on Linux), so the server sees that peer. */
function postFrom(localAddress: string, path: string, data: unknown, headers: Record<string, string> = {}) {
  const url = new URL(path, test.info().project.use.baseURL);
  const body = JSON.stringify(data);
  return new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    const req = http.request(url, { method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("health checks the database and reports the grading queue", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: { ok: true, kind: "sqlite" } });
  // On SQLite the web process grades: its runner registered at boot (instrumentation.ts), before any submission.
  expect(body.queue).toMatchObject({ engine: "in-process", depth: expect.any(Number), running: expect.any(Number) });
  expect(body.queue.workers).toEqual([{ name: expect.stringMatching(/^w-\d+$/), host: expect.any(String), lastSeen: expect.any(String) }]);
});

test("progress routes refuse guests with 401", async ({ request }) => {
  expect((await request.get("/api/progress")).status()).toBe(401);
  const res = await request.post("/api/progress/steps", { data: { lessonSlug: "message-queues", stepId: "why" } });
  expect(res.status()).toBe(401);
  expect((await res.json()).error).toMatch(/sign in/);
});

test("bad input gets 400/403/404/413/415 with a message, and nothing is written", async ({ page }) => {
  await signUp(page, uniqueEmail("api"));
  const post = (data: unknown, headers: Record<string, string> = {}) =>
    page.request.post("/api/progress/steps", { data: Buffer.from(typeof data === "string" ? data : JSON.stringify(data)), headers: { "content-type": "application/json", ...headers } });

  const notJson = await post("{not json");
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error).toMatch(/not valid JSON/);

  const badStep = await post({ lessonSlug: "message-queues", stepId: "dance" });
  expect(badStep.status()).toBe(400);
  expect((await badStep.json()).error).toMatch(/stepId/);

  const unknownLesson = await post({ lessonSlug: "nope", stepId: "why" });
  expect(unknownLesson.status()).toBe(404);

  const serverOnly = await post({ lessonSlug: "message-queues", stepId: "challenge" });
  expect(serverOnly.status()).toBe(403);
  expect((await serverOnly.json()).error).toMatch(/on the server/);

  const huge = await post({ lessonSlug: "message-queues", stepId: "why", padding: "x".repeat(40_000) });
  expect(huge.status()).toBe(413);

  const notDeclaredJson = await post({ lessonSlug: "message-queues", stepId: "why" }, { "content-type": "text/plain" });
  expect(notDeclaredJson.status()).toBe(415);
  expect((await notDeclaredJson.json()).error).toMatch(/as JSON/);

  const progress = (await (await page.request.get("/api/progress")).json()) as { lessons: Array<{ completed: number }> };
  expect(progress.lessons.every((l) => l.completed === 0)).toBe(true);
});

test("one student can neither read nor write another student's progress", async ({ browser }) => {
  const a = await browser.newPage();
  const b = await browser.newPage({ storageState: undefined });
  await signUp(a, uniqueEmail("owner"));
  expect((await a.request.post("/api/progress/steps", { data: { lessonSlug: "message-queues", stepId: "why" } })).status()).toBe(200);
  const me = await (await a.request.get("/api/auth/session")).json();

  await signUp(b, uniqueEmail("other"));
  // Naming someone else's user id is not a thing the API accepts.
  const sneaky = await b.request.post("/api/progress/steps", { data: { lessonSlug: "message-queues", stepId: "terms", userId: me.user.id } });
  expect(sneaky.status()).toBe(400);
  const theirs = (await (await b.request.get("/api/progress")).json()) as { lessons: Array<{ slug: string; completed: number }> };
  expect(theirs.lessons.find((l) => l.slug === "message-queues")?.completed).toBe(0);
  const mine = (await (await a.request.get("/api/progress")).json()) as { lessons: Array<{ slug: string; completed: number }> };
  expect(mine.lessons.find((l) => l.slug === "message-queues")?.completed).toBe(1);
  await a.context().close();
  await b.context().close();
});

test("a guest cannot dodge the submission limit by sending a new X-Forwarded-For (or a forged peer header) each time", async () => {
  const SUBMISSIONS = "/api/challenges/task-queue/submissions";
  // Guests are limited per connection address. This test connects from addresses of its own, leaving 127.0.0.1's
  // budget to the other specs. Bad bodies are cheap and count: the limit is checked before the body is read.
  const forged = (i: number) => ({ "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}`, "x-decoupled-peer": `203.0.113.${i}` });
  for (let i = 0; i < 30; i++) expect((await postFrom("127.0.0.2", SUBMISSIONS, { nope: i }, forged(i))).status).toBe(400);
  const limited = await postFrom("127.0.0.2", SUBMISSIONS, { code: "export class TaskQueue {}" }, forged(30));
  expect(limited.status).toBe(429);
  // At most a window plus a 30th of one (the sliding-window estimate: lib/server/rate-limit.ts).
  expect(Number(limited.retryAfter)).toBeGreaterThan(0);
  expect(Number(limited.retryAfter)).toBeLessThanOrEqual(62);
  // Another address still has its own budget: the key is the real peer, not one bucket for everyone.
  expect((await postFrom("127.0.0.3", SUBMISSIONS, { nope: 0 }, forged(31))).status).toBe(400);
});
