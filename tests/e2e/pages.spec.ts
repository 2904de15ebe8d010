import { expect, test } from "@playwright/test";

test("an unknown lesson gets a real 404 page", async ({ page }) => {
  const res = await page.goto("/learn/no-such-lesson");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to all lessons" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("the lesson shell shows category, minutes, title, summary, progress and the nine steps", async ({ page }) => {
  await page.goto("/learn/message-queues");
  await expect(page.getByRole("heading", { level: 1, name: "Message Queues" })).toBeVisible();
  await expect(page.locator(".lesson-kicker")).toContainText(/Foundations\s*\d+ min/);
  await expect(page.getByRole("progressbar", { name: "Lesson progress" })).toHaveAttribute("aria-valuenow", "0");
  const nav = page.getByRole("navigation", { name: "Lesson steps" });
  await expect(nav.getByRole("link")).toHaveText([
    /Why This Matters/, /Define Terms/, /Visual Model/, /Code Example/, /Interactive Experiment/, /Quick Quiz/, /Coding Challenge/, /Real-World Usage/, /Connections/,
  ]);
  await expect(page.locator("section.lesson-step")).toHaveCount(9);
});

test("keyboard only: reach the step navigator, jump to a step, and mark it done", async ({ page }) => {
  await page.goto("/learn/message-queues");
  const target = page.getByRole("navigation", { name: "Lesson steps" }).getByRole("link", { name: /Code Example/ });
  for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
  // Focus is visible: the focused link draws an outline.
  expect(await target.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: /Code Example/ })).toBeFocused();
  await expect(page).toHaveURL(/#step-code$/);
  const markDone = page.getByRole("button", { name: "Mark as done: Code Example" });
  for (let i = 0; i < 80 && !(await markDone.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(markDone).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("step-done-code")).toBeVisible();
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");
});

test("dark mode follows the system and the toggle choice persists", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(page.getByRole("button", { name: "Switch to dark theme" })).toBeVisible();
  await context.close();
});

test("a 360 px wide phone shows the lesson without sideways scrolling and can tap steps", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  for (const url of ["/", "/learn/message-queues"]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${url} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  const nav = page.getByRole("navigation", { name: "Lesson steps" });
  await expect(nav.getByRole("link", { name: /Connections/ })).toBeHidden(); // collapsed on phones
  await nav.getByText(/^Steps \(\d\/9\)$/).tap();
  await nav.getByRole("link", { name: /Connections/ }).tap();
  await expect(page).toHaveURL(/#step-connections$/);
  await context.close();
});
