import { expect, test, type Locator, type Page } from "@playwright/test";

// The widgets load when they come near the viewport: scroll their stand-in into view, then wait for the real thing.
async function openToy(page: Page): Promise<Locator> {
  await page.goto("/learn/message-queues");
  await page.getByTestId("toy-placeholder").scrollIntoViewIfNeeded();
  const toy = page.getByTestId("traffic-spike-toy");
  await expect(toy).toBeVisible();
  return toy;
}

async function openPlayground(page: Page, slug: string): Promise<Locator> {
  await page.goto(`/learn/${slug}`);
  await page.getByTestId("playground-placeholder").scrollIntoViewIfNeeded();
  const pg = page.getByTestId("queue-playground");
  await expect(pg).toBeVisible();
  return pg;
}

const count = async (l: Locator) => Number(await l.textContent());

/** The explanation a component's name button points at (aria-describedby). */
async function tipOf(page: Page, name: Locator): Promise<Locator> {
  return page.locator(`[id="${await name.getAttribute("aria-describedby")}"]`);
}

test("the toy's code is not loaded before the student gets near it", async ({ page }) => {
  await page.goto("/learn/message-queues");
  await expect(page.getByTestId("toy-placeholder")).toBeAttached();
  await expect(page.getByTestId("traffic-spike-toy")).toHaveCount(0);
});

test("a keyboard student on the stand-in's Start lands inside the toy once it loads, not back at the top of the page", async ({ page }) => {
  await page.goto("/learn/message-queues");
  await page.getByTestId("toy-placeholder").getByRole("button", { name: "Start" }).focus();
  const toy = page.getByTestId("traffic-spike-toy");
  await expect(toy).toBeVisible();
  await expect.poll(() => toy.evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el)).toBe(true);
  // And the next Tab moves on from there, within the toy.
  await page.keyboard.press("Tab");
  await expect.poll(() => toy.evaluate((el) => el.contains(document.activeElement))).toBe(true);
});

test("Sync: a spike crashes the service and orders fail; Reset starts over", async ({ page }) => {
  const toy = await openToy(page);
  await expect(toy.getByRole("radio", { name: "Sync" })).toBeChecked();
  await toy.getByRole("button", { name: "Simulate spike" }).click();
  await expect(toy.getByTestId("service-status")).toHaveText(/^Crashed/, { timeout: 15_000 });
  await expect(toy.getByTestId("service-status")).toHaveAttribute("data-state", "crashed");
  await expect.poll(() => count(toy.getByTestId("spike-failed")), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId("spike-announcer")).toContainText("Service crashed");
  // Once the service has recovered and the run has settled, the summary counts the failures.
  await expect(toy.getByTestId("spike-summary")).toHaveText(/^50 orders: [1-9]\d* failed/, { timeout: 30_000 });
  await expect(toy.getByTestId("service-status")).toHaveText(/^Up/);

  await toy.getByRole("button", { name: "Reset" }).click();
  await expect(toy.getByTestId("spike-orders")).toHaveText("0");
  await expect(toy.getByTestId("spike-failed")).toHaveText("0");
  await expect(toy.getByTestId("spike-previous")).toContainText("Previous run (Sync): 50 orders");
});

test("Queue: the same spike fails nothing and the backlog drains to zero", async ({ page }) => {
  const toy = await openToy(page);
  await toy.getByRole("radio", { name: "Queue" }).check();
  await toy.getByLabel("Speed", { exact: true }).selectOption("10");
  await toy.getByRole("button", { name: "Simulate spike" }).click();
  await expect.poll(() => count(toy.getByTestId("spike-backlog")), { timeout: 10_000 }).toBeGreaterThan(5);
  await expect(toy.getByTestId("spike-summary")).toHaveText(/^50 orders: 0 failed, last email sent \d+ s after the spike began$/, { timeout: 30_000 });
  await expect(toy.getByTestId("spike-backlog")).toHaveText("0");
  await expect(toy.getByTestId("spike-emails")).toHaveText("50");
  await expect(page.getByTestId("spike-announcer")).toHaveText("All 50 orders processed, 0 failed");
  // The charts are drawn and described for screen readers.
  await expect(toy.getByRole("img", { name: /^Backlog/ })).toBeVisible();
  await expect(toy.getByRole("img", { name: /Failures \(total\)/ })).toBeVisible();
});

test("Place order clicked rapidly records every click, and the keyboard works", async ({ page }) => {
  const toy = await openToy(page);
  const place = toy.getByRole("button", { name: "Place order" });
  for (let i = 0; i < 25; i++) await place.click({ delay: 0 });
  await expect(toy.getByTestId("spike-orders")).toHaveText("25");
  await expect.poll(async () => (await count(toy.getByTestId("spike-succeeded"))) + (await count(toy.getByTestId("spike-failed"))), { timeout: 30_000 }).toBe(25);

  await place.focus();
  await page.keyboard.press("Enter");
  await expect(toy.getByTestId("spike-orders")).toHaveText("26");
  expect(await place.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  await toy.getByRole("radio", { name: "Sync" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(toy.getByRole("radio", { name: "Queue" })).toBeChecked();
});

test("playground: empty state, add, consume, ack, crash and redelivery, then pub/sub fan-out", async ({ page }) => {
  const pg = await openPlayground(page, "point-to-point");
  const queue = pg.getByTestId("queue-payment-requests");
  await expect(queue.getByText("Queue is empty. Add some messages!")).toBeVisible();

  await pg.getByLabel("Message", { exact: true }).fill("charge card 1");
  await pg.getByRole("button", { name: "Add message" }).click();
  await expect(queue.getByText("charge card 1")).toBeVisible();
  await pg.getByRole("button", { name: "Consume", exact: true }).click();
  await expect(pg.getByTestId("consumer-payment-worker-a").getByText("charge card 1")).toBeVisible();
  await expect(queue.getByText("Queue is empty. Add some messages!")).toBeVisible();
  await pg.getByRole("button", { name: "Ack", exact: true }).click();
  await expect(pg.getByTestId("playground-acked")).toHaveText("1");
  await expect(pg.getByTestId("playground-log").getByRole("listitem").first()).toContainText("acknowledged “charge card 1”");

  await pg.getByLabel("Message", { exact: true }).fill("charge card 2");
  await pg.getByRole("button", { name: "Add message" }).click();
  await pg.getByLabel("Consumer", { exact: true }).selectOption({ label: "Payment worker B" });
  await pg.getByRole("button", { name: "Consume", exact: true }).click();
  await pg.getByRole("button", { name: "Crash consumer" }).click();
  const workerB = pg.getByTestId("consumer-payment-worker-b");
  await expect(workerB.getByText(/^crashed/)).toBeVisible();
  await expect(workerB.getByText(/back in the queue in/)).toBeVisible();
  // The visibility timeout (5 s of simulated time) returns it to the queue for another delivery.
  await expect(queue.getByText("charge card 2")).toBeVisible({ timeout: 15_000 });
  await expect(queue.getByText("delivered 1× before")).toBeVisible();
  await pg.getByLabel("Consumer", { exact: true }).selectOption({ label: "Payment worker A" });
  await pg.getByRole("button", { name: "Consume", exact: true }).click();
  await expect(pg.getByTestId("consumer-payment-worker-a").getByText("attempt 2")).toBeVisible();

  await pg.getByRole("radio", { name: "Pub/sub" }).check();
  await pg.getByLabel("Message", { exact: true }).fill("order placed");
  await pg.getByRole("button", { name: "Add message" }).click();
  for (const sub of ["inventory-sub", "email-sub", "analytics-sub"]) await expect(pg.getByTestId(`queue-${sub}`).getByText("order placed")).toBeVisible();
});

test("playground: hover and keyboard focus explain a component", async ({ page }) => {
  const pg = await openPlayground(page, "point-to-point");
  const name = pg.getByRole("button", { name: /^Payment requests/ });
  const tip = await tipOf(page, name);
  await expect(tip).toBeHidden();
  await name.hover();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("Why it is needed");
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();
  await name.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(name).toBeFocused();
  await expect(tip).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(tip).toBeHidden();
});

test("both widgets fit a 360 px phone without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  for (const [slug, testId] of [
    ["message-queues", "traffic-spike-toy"],
    ["work-queues", "queue-playground"],
  ] as const) {
    await page.goto(`/learn/${slug}`);
    await page.getByTestId(testId === "traffic-spike-toy" ? "toy-placeholder" : "playground-placeholder").scrollIntoViewIfNeeded();
    await expect(page.getByTestId(testId)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${slug} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  // Tapping a component name pins its explanation open.
  const name = page.getByTestId("queue-playground").getByRole("button", { name: /^Image resize jobs/ });
  await name.tap();
  await expect(await tipOf(page, name)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
