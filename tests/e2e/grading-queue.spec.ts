import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

/*
 * The grading pipeline over HTTP, as the challenge panel drives it: POST answers 202 and the browser follows
 * GET /api/submissions/<id> until the verdict. The production build on SQLite, so the web process is the grader.
 */
const ID = "task-queue";
const SUBMISSIONS = `/api/challenges/${ID}/submissions`;
const contentDir = process.env.DECOUPLED_CONTENT_DIR ?? path.join(process.cwd(), "content");
const SOLUTION = fs.readFileSync(path.join(contentDir, "challenges", ID, "solution.ts"), "utf8");
/** Stopped by the grader at its 2 s budget: a submission that stays "running" for a while. */
const STALL = "for (;;) {}\nexport class TaskQueue {}";

async function follow(request: APIRequestContext, id: string, headers: Record<string, string> = {}) {
  let last: { status: string; verdict: unknown } | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/submissions/${id}`, { headers });
        expect(res.status()).toBe(200);
        last = await res.json();
        return last!.status;
      },
      { timeout: 30_000, intervals: [50, 100, 200] },
    )
    .toMatch(/^(passed|failed|error)$/);
  return last as { status: string; worker: string; attempt: number; verdict: Record<string, unknown> };
}

test("a guest: 202 with a token, followed to the verdict with it; without it the submission does not exist", async ({ request }) => {
  const res = await request.post(SUBMISSIONS, { data: { code: SOLUTION } });
  expect(res.status()).toBe(202);
  const accepted = await res.json();
  expect(accepted).toMatchObject({ id: expect.any(String), status: "queued", position: expect.any(Number), token: expect.any(String) });

  const done = await follow(request, accepted.id, { "x-submission-token": accepted.token });
  expect(done).toMatchObject({ status: "passed", worker: expect.stringMatching(/^w-\d+$/), attempt: 1 });
  expect(done.verdict).toMatchObject({ status: "passed", stepCompleted: true, receipt: expect.any(String), attempts: expect.any(String) });

  expect((await request.get(`/api/submissions/${accepted.id}`)).status()).toBe(404);
  expect((await request.get(`/api/submissions/${accepted.id}`, { headers: { "x-submission-token": `${accepted.token}x` } })).status()).toBe(404);
});

test("signed in: the student follows their own submission; another student gets 404", async ({ page, browser }) => {
  await signUp(page, uniqueEmail("pipeline"));
  const res = await page.request.post(SUBMISSIONS, { data: { code: SOLUTION } });
  expect(res.status()).toBe(202);
  const accepted = await res.json();
  expect(accepted.token).toBeUndefined();
  const done = await follow(page.request, accepted.id);
  expect(done.verdict).toMatchObject({ id: accepted.id, status: "passed", stepCompleted: true, hasPassed: true });
  const history = await (await page.request.get(SUBMISSIONS)).json();
  expect(history.submissions.map((s: { id: string }) => s.id)).toEqual([accepted.id]);

  const other = await browser.newPage();
  await signUp(other, uniqueEmail("other"));
  expect((await other.request.get(`/api/submissions/${accepted.id}`)).status()).toBe(404);
  await other.context().close();
});

test("a student with one running and two waiting gets 429 with Retry-After and a plain message", async ({ page }) => {
  await signUp(page, uniqueEmail("waiting"));
  const first = await (await page.request.post(SUBMISSIONS, { data: { code: STALL } })).json();
  await expect.poll(async () => (await (await page.request.get(`/api/submissions/${first.id}`)).json()).status, { timeout: 15_000 }).toBe("running");
  for (let i = 0; i < 2; i++) expect((await page.request.post(SUBMISSIONS, { data: { code: SOLUTION } })).status()).toBe(202);

  const refused = await page.request.post(SUBMISSIONS, { data: { code: SOLUTION } });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await refused.json()).error).toMatch(/2 submissions waiting to be graded/);

  const stalled = await follow(page.request, first.id);
  expect(stalled.verdict).toMatchObject({ status: "error" });
});
