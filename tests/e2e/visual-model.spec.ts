import { expect, test, type Page } from "@playwright/test";

// Lesson 1's model: two producers, a queue with a line per consumer, three consumers and a DLQ; a 6-step tour.
const LESSON = "/learn/message-queues";
const STEPS = 6;
const DLQ_WHY = "Without it a malformed event would be retried forever and block the events behind it.";

function model(page: Page) {
  return page.getByTestId("visual-model");
}

async function expectStep(page: Page, n: number) {
  await expect(model(page).getByText(new RegExp(`^Step ${n} of ${STEPS}:`))).toBeVisible();
}

test("a guest finishes the tour with clicks and keys; the Visual Model step is done and stays done after reload", async ({ page }) => {
  await page.goto(LESSON);
  await expect(page.getByTestId("lesson-progress")).toHaveText("0/9 Not Started");
  const m = model(page);
  await m.scrollIntoViewIfNeeded();
  await m.getByRole("button", { name: "Start tour" }).click();
  await expectStep(page, 1);
  await expect(m.getByRole("button", { name: "Next step" })).toBeFocused();

  // Arrow keys work while the model has focus; the narration is a polite live region.
  await page.keyboard.press("ArrowRight");
  await expectStep(page, 2);
  await expect(m.locator("[aria-live=polite]")).toContainText("Order Service publishes");
  await page.keyboard.press("ArrowRight");
  await expectStep(page, 3);
  await page.keyboard.press("ArrowLeft");
  await expectStep(page, 2);
  await m.getByRole("button", { name: "Previous step" }).click();
  await expectStep(page, 1);
  for (let n = 2; n <= STEPS; n++) {
    await m.getByRole("button", { name: "Next step" }).click();
    await expectStep(page, n);
  }
  await expect(m.getByRole("button", { name: "Next step" })).toHaveCount(0);
  await m.getByRole("button", { name: "Finish tour" }).click();

  await expect(m.getByText("Tour complete.")).toBeVisible();
  await expect(page.getByTestId("step-done-visual")).toBeVisible();
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");
  await page.reload();
  await expect(page.getByTestId("step-done-visual")).toBeVisible();
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");
});

test("with reduced motion the tour still completes, by keyboard alone", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(LESSON);
  const m = model(page);
  // Focus the server-rendered placeholder's button; the widget loads and takes its place, and focus follows
  // (before, the swap dropped focus to <body> and the Enter below went nowhere).
  await m.getByRole("button", { name: "Start tour" }).focus();
  await expect(m).toHaveAttribute("data-ready", "true");
  await expect(m.getByRole("button", { name: "Start tour" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expectStep(page, 1);
  for (let n = 2; n <= STEPS; n++) {
    await page.keyboard.press("ArrowRight");
    await expectStep(page, n);
  }
  await expect(m.getByRole("button", { name: "Finish tour" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("step-done-visual")).toBeVisible();
  await expect(page.getByTestId("lesson-progress")).toHaveText("1/9 In Progress");
});

test("hovering a component shows what it does and why it is needed; Escape closes a pinned popover", async ({ page }) => {
  await page.goto(LESSON);
  const m = model(page);
  await m.scrollIntoViewIfNeeded();
  // Near the viewport the placeholder is swapped for the widget; hover once the swap is done.
  await expect(m).toHaveAttribute("data-ready", "true");
  const dlq = m.getByRole("button", { name: /^Dead Letter Queue/ });
  await dlq.hover();
  await expect(m.getByText(DLQ_WHY)).toBeVisible();
  await m.getByRole("button", { name: /^Email's line/ }).hover();
  await expect(m.getByText(DLQ_WHY)).toHaveCount(0);
  await dlq.focus();
  await page.keyboard.press("Enter");
  await expect(m.getByText(DLQ_WHY)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(m.getByText(DLQ_WHY)).toHaveCount(0);
  await expect(dlq).toBeFocused();
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("the model stacks vertically without sideways scrolling, and a tap opens a popover", async ({ page }) => {
    await page.goto(LESSON);
    const m = model(page);
    await m.scrollIntoViewIfNeeded();
    await expect(m).toHaveAttribute("data-ready", "true");
    await expect(m.locator('[data-mode="narrow"]')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await m.getByRole("button", { name: /^Dead Letter Queue/ }).tap();
    await expect(m.getByText(DLQ_WHY)).toBeVisible();
  });
});

test("Play runs the simulation: the published count goes up", async ({ page }) => {
  await page.goto(LESSON);
  const m = model(page);
  await m.scrollIntoViewIfNeeded();
  await expect(m.getByTestId("vm-stat-published")).toHaveText("0");
  await m.getByRole("button", { name: "Play" }).click();
  await expect(m.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect.poll(async () => Number(await m.getByTestId("vm-stat-published").textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(m.locator("[data-tone]").first()).toBeVisible();
});
