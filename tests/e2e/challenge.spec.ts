import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const ID = "task-queue";
const SLUG = "message-queues";
const contentDir = process.env.DECOUPLED_CONTENT_DIR ?? path.join(process.cwd(), "content");
// The test reads the reference solution from disk, like a student who solved it; the page never has it.
const SOLUTION = fs.readFileSync(path.join(contentDir, "challenges", ID, "solution.ts"), "utf8");
/** A stack, not a queue: fails the visible "in the order they went in" test and most hidden ones. */
const WRONG = `export class TaskQueue<T> {
  private items: T[] = [];
  enqueue(task: T): void { this.items.push(task); }
  dequeue(): T | null { return this.items.length ? this.items.pop()! : null; }
  peek(): T | null { return this.items.length ? this.items[this.items.length - 1] : null; }
  size(): number { return this.items.length; }
}
`;
const SUBMISSIONS = `/api/challenges/${ID}/submissions`;

/** The panel once it has replaced the page's static stand-in (it loads as it nears the viewport). */
const readyPanel = (page: Page) => page.locator(`[data-testid="challenge-${ID}"][data-state="ready"]`);

async function openChallenge(page: Page): Promise<Locator> {
  await page.goto(`/learn/${SLUG}#step-challenge`);
  await page.locator("#step-challenge").scrollIntoViewIfNeeded();
  const panel = readyPanel(page);
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * Reload and bring the challenge back into view, as a student would. The browser restores the old scroll offset,
 * but the widgets above are stand-ins again after a reload and can differ in height from their loaded selves, so that
 * offset may leave the challenge's stand-in out of loading range.
 */
async function reloadChallenge(page: Page): Promise<Locator> {
  await page.reload();
  // Scroll to the step's heading, which the server renders and nothing replaces: the stand-in itself may be swapped
  // for the panel in the middle of scrolling to it.
  await page.locator("#step-challenge h2").scrollIntoViewIfNeeded();
  const panel = readyPanel(page);
  await expect(panel).toBeVisible();
  return panel;
}

/** Replace everything in the editor: select all, then insert (typing would trigger auto-closing brackets). */
async function replaceCode(page: Page, panel: Locator, code: string): Promise<void> {
  await panel.getByRole("textbox", { name: /^Code editor: / }).first().click();
  await expect(panel.locator('[data-editor-state="ready"]')).toBeVisible();
  const content = panel.locator(".cm-content");
  await content.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(code);
  await expect(content).toContainText(code.split("\n")[1].trim());
}

test("signed in: a wrong solution fails visible and hidden tests, the right one passes and the step stays done", async ({ page }) => {
  await signUp(page, uniqueEmail("challenge"));
  const panel = await openChallenge(page);
  await expect(panel.getByTestId("solution-locked")).toContainText("(0 so far)");

  await replaceCode(page, panel, WRONG);
  await page.keyboard.press("Control+Enter"); // Run tests, from inside the editor
  const visible = panel.getByTestId("visible-results");
  await expect(visible).toHaveAttribute("data-status", "failed");
  await expect(panel.getByTestId("visible-results-summary")).toHaveText(/^\d of 4 visible tests passed\.$/);
  const visibleFailure = visible.locator('li[data-passed="false"]', { hasText: "tasks come out in the order they went in" });
  await expect(visibleFailure).toContainText('expected "a", received "c"');
  await expect(panel.getByTestId("challenge-announcer")).toContainText("Visible tests:");

  await panel.getByRole("button", { name: "Submit" }).click();
  const hidden = panel.getByTestId("hidden-results");
  await expect(hidden).toHaveAttribute("data-status", "failed");
  await expect(panel.getByTestId("hidden-results-summary")).toHaveText(/^\d+ of \d+ hidden tests passed\.$/);
  const failures = hidden.locator('li[data-passed="false"]');
  expect(await failures.count()).toBeGreaterThan(0);
  await expect(failures.first()).toContainText(/expected|received|threw|timed out/);
  await expect(panel.getByTestId("step-done-challenge")).toHaveCount(0);
  await expect(page.getByTestId("step-done-challenge")).toHaveCount(0);
  await expect(panel.getByTestId("solution-locked")).toContainText("(1 so far)");
  // Hidden tests show names and messages, never their code.
  await expect(hidden).not.toContainText("for (let i = 0;");

  await replaceCode(page, panel, SOLUTION);
  await page.keyboard.press("Control+Shift+Enter"); // Submit
  await expect(hidden).toHaveAttribute("data-status", "passed");
  await expect(panel.getByTestId("hidden-results-summary")).toHaveText(/^All \d+ hidden tests passed\.$/);
  await expect(page.getByTestId("step-done-challenge")).toBeVisible();
  await expect(panel.getByTestId("challenge-announcer")).toContainText("The Coding Challenge step is complete.");

  const again = await reloadChallenge(page);
  await expect(page.getByTestId("step-done-challenge")).toBeVisible();
  await again.getByRole("button", { name: "Show solution" }).click();
  await expect(again.getByTestId("solution-code")).toContainText("export class TaskQueue");

  await again.getByText("Your submissions").click();
  const history = again.getByTestId("submission-history").locator("li");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toHaveAttribute("data-status", "passed");
  await expect(history.nth(1)).toHaveAttribute("data-status", "failed");
});

test("an endless loop is stopped: in the browser by Run tests, on the server by Submit", async ({ page }) => {
  const panel = await openChallenge(page);
  const loop = WRONG.replace("enqueue(task: T): void { this.items.push(task); }", "enqueue(task: T): void { while (true) {} }");
  await replaceCode(page, panel, loop);
  await panel.getByRole("button", { name: "Run tests" }).click();
  await expect(panel.getByTestId("visible-results-summary")).toHaveText(/^Timed out after 2 s/, { timeout: 15_000 });
  // The page stayed responsive while the worker spun: the buttons still work.
  await panel.getByRole("button", { name: "Submit" }).click();
  const hidden = panel.getByTestId("hidden-results");
  await expect(hidden).toHaveAttribute("data-status", "failed", { timeout: 15_000 });
  // On a loaded machine the grader's wall-clock cap can stop the loop before its CPU budget runs out; the student is
  // then told the server was busy. Either way the loop is stopped and reported on the hidden test.
  await expect(hidden.locator('li[data-passed="false"]').first()).toContainText(/timed out after 2 s|not run: the 2 s time budget ran out|too busy to give your code its 2 s/);
});

test("hints unlock one at a time", async ({ page }) => {
  const panel = await openChallenge(page);
  await panel.getByRole("button", { name: "Show hint 1 of 3" }).click();
  await expect(panel.getByTestId("hint-1")).toBeFocused();
  await expect(panel.getByTestId("hint-2")).toHaveCount(0);
  await panel.getByRole("button", { name: "Show hint 2 of 3" }).click();
  await panel.getByRole("button", { name: "Show hint 3 of 3" }).click();
  await expect(panel.getByTestId("hint-3")).toBeVisible();
  await expect(panel.getByRole("button", { name: /Show hint/ })).toHaveCount(0);
});

test("a guest who passes keeps the Coding Challenge step after signing up", async ({ page }) => {
  const panel = await openChallenge(page);
  await replaceCode(page, panel, SOLUTION);
  await panel.getByRole("button", { name: "Submit" }).click();
  await expect(panel.getByTestId("hidden-results")).toHaveAttribute("data-status", "passed");
  await expect(page.getByTestId("step-done-challenge")).toBeVisible();
  // A guest who passed may see the solution too (their signed attempt record says so).
  await panel.getByRole("button", { name: "Show solution" }).click();
  await expect(panel.getByTestId("solution-code")).toContainText("export class TaskQueue");

  await signUp(page, uniqueEmail("guest-challenge"), `/learn/${SLUG}`);
  await expect(page.getByTestId("step-done-challenge")).toBeVisible();
  await page.reload(); // from the account now, not the browser
  await expect(page.getByTestId("step-done-challenge")).toBeVisible();
});

test("drafts come back after a reload, for a signed-in student and for a guest; Reset asks first", async ({ page }) => {
  const marker = `// draft ${Date.now()}`;
  // Guest: kept in this browser.
  let panel = await openChallenge(page);
  await replaceCode(page, panel, `${marker}\n${WRONG}`);
  await expect(panel.getByTestId("draft-status")).toHaveText("Draft saved in this browser.");
  panel = await reloadChallenge(page);
  await expect(panel.getByTestId("draft-status")).toHaveText("Restored your draft.");
  await expect(panel.locator("[data-editor-state]")).toContainText(marker);

  // Signed in: kept in the account, and already in the server-rendered editor after a reload.
  await signUp(page, uniqueEmail("draft"));
  panel = await openChallenge(page);
  await replaceCode(page, panel, `${marker} account\n${WRONG}`);
  await expect(panel.getByTestId("draft-status")).toHaveText("Draft saved to your account.");
  const html = await (await page.request.get(`/learn/${SLUG}`)).text();
  expect(html).toContain(`${marker} account`);
  panel = await reloadChallenge(page);
  await expect(panel.locator("[data-editor-state]")).toContainText(`${marker} account`);

  await panel.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(panel.getByRole("group", { name: "Confirm reset" })).toBeVisible();
  await panel.getByRole("button", { name: "Cancel" }).click();
  await expect(panel.locator("[data-editor-state]")).toContainText(`${marker} account`);
  await panel.getByRole("button", { name: "Reset", exact: true }).click();
  await panel.getByRole("button", { name: "Reset to starter" }).click();
  await expect(panel.locator("[data-editor-state]")).not.toContainText(marker);
  await expect(panel.locator("[data-editor-state]")).toContainText("// TODO");
  await expect.poll(async () => (await (await page.request.get(`/api/challenges/${ID}/draft`)).json()).draft).toBeNull();
});

test("the API refuses oversized code with 413, bad bodies with 400, unknown challenges with 404", async ({ request }) => {
  const tooBig = await request.post(SUBMISSIONS, { data: { code: "x".repeat(64 * 1024 + 1) } });
  expect(tooBig.status()).toBe(413);
  expect((await tooBig.json()).error).toMatch(/64 KB/);
  // A declared size past the envelope is refused before the body is read.
  const huge = await request.post(SUBMISSIONS, { data: { code: "y".repeat(200 * 1024) } });
  expect(huge.status()).toBe(413);

  for (const data of [{ code: 42 }, { source: "x" }, { code: "x", verdict: "passed" }]) {
    const res = await request.post(SUBMISSIONS, { data });
    expect(res.status(), JSON.stringify(data)).toBe(400);
  }
  const notJson = await request.post(SUBMISSIONS, { headers: { "content-type": "application/json" }, data: "{not json" });
  expect(notJson.status()).toBe(400);
  expect((await request.post("/api/challenges/no-such-challenge/submissions", { data: { code: "x" } })).status()).toBe(404);
  // Guests with no passing or failed submissions cannot read the solution, nor their (empty) history or drafts.
  expect((await request.get(`/api/challenges/${ID}/solution`)).status()).toBe(403);
  expect((await request.get(SUBMISSIONS)).status()).toBe(401);
  expect((await request.put(`/api/challenges/${ID}/draft`, { data: { code: "x" } })).status()).toBe(401);
});

test("past 30 submissions a minute a student gets 429 with Retry-After", async ({ page }) => {
  await signUp(page, uniqueEmail("limit"));
  // Bad bodies are cheap to refuse yet count against the limit, which is checked first.
  for (let i = 0; i < 30; i++) expect((await page.request.post(SUBMISSIONS, { data: { nope: i } })).status()).toBe(400);
  const limited = await page.request.post(SUBMISSIONS, { data: { code: "export class TaskQueue {}" } });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  // At most a window plus a 30th of one (the sliding-window estimate: lib/server/rate-limit.ts).
  expect(Number(limited.headers()["retry-after"])).toBeLessThanOrEqual(62);
});
