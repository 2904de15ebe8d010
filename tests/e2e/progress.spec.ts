import { expect, test } from "@playwright/test";
import { signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("a signed-in student's completed step survives reload and signing out and in again", async ({ page }) => {
  const email = uniqueEmail("progress");
  await signUp(page, email);
  await page.goto("/learn/message-queues");
  const progress = page.getByTestId("lesson-progress");
  await expect(progress).toHaveText("0/9 Not Started");

  await page.getByRole("button", { name: "Mark as done: Why This Matters" }).click();
  await expect(page.getByTestId("step-done-why")).toBeVisible();
  await expect(progress).toHaveText("1/9 In Progress");

  await page.reload();
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");

  await signOut(page);
  await page.goto("/learn/message-queues");
  await expect(page.getByTestId("lesson-progress")).toHaveText("0/9 Not Started"); // a guest sees their own (empty) progress
  await signIn(page, email, "/learn/message-queues");
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");

  await page.goto("/");
  await expect(page.getByTestId("progress-message-queues")).toHaveText("1/9 In Progress");
  await expect(page.getByTestId("continue-link")).toHaveAttribute("href", "/learn/message-queues#step-terms");
});

test("a guest's completed step is kept in the browser and merged into the account on sign-up", async ({ page }) => {
  await page.goto("/learn/message-queues");
  await page.getByRole("button", { name: "Mark as done: Define Terms" }).click();
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");
  await page.reload();
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");

  await signUp(page, uniqueEmail("guest"), "/learn/message-queues");
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");
  await expect(page.getByTestId("step-done-terms")).toBeVisible();
  // It is in the account now, not only in this browser.
  await expect
    .poll(async () => ((await (await page.request.get("/api/progress")).json()) as { lessons: Array<{ slug: string; completed: number }> }).lessons.find((l) => l.slug === "message-queues")?.completed)
    .toBe(1);
  expect(await page.evaluate(() => localStorage.getItem("decoupled:guest-progress:v1"))).toBeNull();
});

test("the course home lists every lesson in order with its progress", async ({ page }) => {
  await page.goto("/");
  const cards = page.getByRole("list", { name: "Lessons" }).getByRole("listitem");
  await expect(cards.first()).toContainText("Message Queues");
  await expect(cards.first()).toContainText("0/9 Not Started");
  expect(await cards.count()).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("continue-link")).toHaveAttribute("href", "/learn/message-queues#step-why");
});
