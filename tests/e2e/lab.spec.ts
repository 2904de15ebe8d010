import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

/** Opens /lab on a fresh template (the URL parameter wins over whatever this browser kept). */
async function openTemplate(page: Page, title: string) {
  await page.goto("/lab");
  await page.getByLabel("Template", { exact: true }).selectOption({ label: title });
  await page.getByRole("button", { name: "Load template" }).click();
  await expect(page.getByTestId("lab-message")).toHaveText(`Loaded the ${title} template.`);
}

async function run(page: Page) {
  await page.getByRole("button", { name: "Run simulation" }).click();
  // The status icon changes only once the replay of the run has finished.
  await expect(page.getByTestId("queue-status-mq")).not.toHaveAttribute("data-state", /idle|checking/, { timeout: 30_000 });
}

/** Replaces a service's code in the shared CodeMirror editor (typed as one input, as a student's paste would be). */
async function replaceCode(page: Page, scope: Page | Locator, service: string, code: string) {
  // The editor loads once it is in view; until then a stand-in with the same name covers it.
  const box = scope.locator("[data-editor-state]");
  await box.scrollIntoViewIfNeeded();
  await expect(box).toHaveAttribute("data-editor-state", "ready", { timeout: 20_000 });
  const editor = scope.getByRole("textbox", { name: `Code of ${service}`, exact: true });
  await editor.click();
  await expect(editor).toBeFocused();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(code);
  await expect(editor).toContainText(code);
}

const table = (page: Page, db: string, name: string) => page.getByTestId(`database-${db}`).getByTestId(`table-${db}-${name}`);
const log = (page: Page) => page.getByRole("log", { name: "Execution log" });

async function expectLog(page: Page, lines: string[]) {
  for (const line of lines) await expect(log(page)).toContainText(line);
}

test.describe("templates run green out of the box", () => {
  test("video upload: After Response, two consumers, their rows written", async ({ page }) => {
    await openTemplate(page, "Video upload");
    await expect(page.getByTestId("queue-status-mq")).toHaveAttribute("data-state", "idle");
    await run(page);
    await expect(page.getByTestId("queue-status-mq")).toHaveAttribute("data-state", "success");
    await expectLog(page, [
      "Message Queue: MQ-1",
      "Trigger Mode: After Response",
      "Connected Consumers: 2",
      "[1] Thumbnail-Generator",
      "[2] Recommendation-Engine",
      "Status: Waiting for API Service response...",
      "API Service completed successfully",
      "Status: Triggering consumers...",
      "Consumer [1] completed successfully",
      "Consumer [2] completed successfully",
    ]);
    await expect(table(page, "db-videos", "videos").locator("tbody tr")).toHaveCount(2);
    await expect(table(page, "db-videos", "videos")).toContainText(/VIDEO-\d{6}/);
    await expect(table(page, "db-media", "thumbnails").locator("tbody tr")).toHaveCount(1);
    await expect(table(page, "db-media", "thumbnails")).toContainText(/cdn\.example\.com\/videos\/VIDEO-\d{6}\/thumbnail\.jpg/);
    await expect(table(page, "db-recommendations", "recommendations")).toContainText("new_upload");
    await expect(page.getByTestId("status-panel")).toContainText("All consumers executed successfully");
    await expect(page.getByTestId("user-response")).toHaveText("201 Created");
  });

  test("order processing: three consumers update inventory, notify and record metrics", async ({ page }) => {
    await openTemplate(page, "Order processing");
    await run(page);
    await expect(page.getByTestId("queue-status-mq")).toHaveAttribute("data-state", "success");
    await expectLog(page, ["Connected Consumers: 3", "API Service completed successfully", "Consumer [1] completed successfully", "Consumer [2] completed successfully", "Consumer [3] completed successfully"]);
    await expect(table(page, "db-orders", "orders").locator("tbody tr")).toHaveCount(1);
    await expect(table(page, "db-orders", "orders")).toContainText(/ORD-\d{5}/);
    await expect(table(page, "db-orders", "orders")).toContainText("61");
    const reserved = table(page, "db-inventory", "inventory").locator("tbody tr", { hasText: "SKU-1001" });
    await expect(reserved).toContainText("reserved");
    await expect(reserved).toContainText(/ORD-\d{5}/);
    await expect(table(page, "db-notifications", "notifications")).toContainText("order_confirmation");
    await expect(table(page, "db-analytics", "metrics")).toContainText("order_placed");
  });

  test("user registration: Immediate mode gives consumers the original request", async ({ page }) => {
    await openTemplate(page, "User registration");
    await run(page);
    await expect(page.getByTestId("queue-status-mq")).toHaveAttribute("data-state", "success");
    await expectLog(page, [
      "Trigger Mode: Immediate",
      "Status: Triggering consumers with the original request, in parallel with the API Service...",
      "API Service completed successfully",
      "Consumer [1] completed successfully",
      "Consumer [2] completed successfully",
    ]);
    await expect(table(page, "db-users", "users")).toContainText(/USER-\d{5}/);
    await expect(table(page, "db-emails", "emails")).toContainText("Welcome, Ada!");
    await expect(table(page, "db-settings", "user_preferences")).toContainText("ada@example.com");
  });

  test("social post fan-out: three consumers each write their own table", async ({ page }) => {
    await openTemplate(page, "Social post fan-out");
    await run(page);
    await expect(page.getByTestId("queue-status-mq")).toHaveAttribute("data-state", "success");
    await expectLog(page, ["Connected Consumers: 3", "Consumer [1] completed successfully", "Consumer [2] completed successfully", "Consumer [3] completed successfully"]);
    await expect(table(page, "db-posts", "posts")).toContainText(/POST-\d{6}/);
    await expect(table(page, "db-notifications", "notifications")).toContainText("new_post");
    await expect(table(page, "db-feeds", "user_feeds").locator("tbody tr")).toHaveCount(1);
    await expect(table(page, "db-post-metrics", "post_metrics")).toContainText(/POST-\d{6}/);
  });
});

test("a consumer that throws fails alone: warning icon, its error in the status panel, the others' rows still written", async ({ page }) => {
  await openTemplate(page, "Order processing");
  await page.getByRole("button", { name: "Select Consumer: Analytics" }).click();
  await replaceCode(page, page, "Analytics", 'function processRequest(input) { throw new Error("analytics is down"); }');
  await run(page);

  const icon = page.getByTestId("queue-status-mq");
  await expect(icon).toHaveAttribute("data-state", "warning");
  await expect(icon).toHaveAccessibleName(/1 of 3 consumers failed/);
  await icon.click();
  await expect(page.getByRole("heading", { name: "Consumer status" })).toBeFocused();

  const status = page.getByTestId("status-panel");
  await expect(status).toContainText("1 of 3 consumers failed");
  await expect(status.getByTestId("consumer-status-consumer-analytics")).toContainText("Error: analytics is down");
  await expect(status.getByTestId("consumer-status-consumer-inventory")).toContainText("Succeeded");
  await expect(page.getByTestId("user-response")).toHaveText("201 Created");
  await expectLog(page, ["Consumer [1] completed successfully", "Consumer [2] completed successfully", "Consumer [3] failed: Error: analytics is down"]);

  await expect(table(page, "db-notifications", "notifications").locator("tbody tr")).toHaveCount(1);
  await expect(table(page, "db-inventory", "inventory").locator("tbody tr", { hasText: "SKU-1001" })).toContainText(/ORD-\d{5}/);
  await expect(table(page, "db-analytics", "metrics")).toContainText("No rows yet");
});

test("keyboard only: add a consumer and wire it with the Connect menu", async ({ page }) => {
  await openTemplate(page, "Video upload");
  await page.getByRole("button", { name: "Add component" }).focus();
  await page.keyboard.press("Enter"); // the Add select starts on Consumer
  const title = page.getByRole("button", { name: "Select Consumer: Consumer-1" });
  await expect(title).toBeFocused();

  // Consumer-1 → a database: Tab to its Connect button, open the menu, take the first valid target.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Connect Consumer-1" })).toBeFocused();
  await page.keyboard.press("Enter");
  const menu = page.getByTestId("connect-menu");
  await expect(menu).toContainText("Connect Consumer-1 to:");
  await expect(menu.getByRole("button", { name: /Videos DB/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("lab-message")).toHaveText("Connected Consumer-1 → Videos DB.");
  await expect(title).toBeFocused();

  // MQ-1 → Consumer-1: the only target the queue still accepts.
  await page.getByRole("button", { name: "Connect MQ-1" }).focus();
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("button").first()).toHaveText(/Consumer-1/);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("lab-message")).toHaveText("Connected MQ-1 → Consumer-1.");
  await expect(page.getByTestId("consumer-count-mq")).toHaveText("3 consumers");

  await run(page);
  await expectLog(page, ["Connected Consumers: 3", "[3] Consumer-1", "Consumer [3] completed successfully"]);

  // A guest's design survives a reload (kept in this browser).
  await page.reload();
  await expect(page.getByTestId("consumer-count-mq")).toHaveText("3 consumers");
});

test("pointer: drag a component by its title, drag a wire from its port, and tap Connect then the target", async ({ page }) => {
  await openTemplate(page, "Video upload");
  await page.getByRole("button", { name: "Add component" }).click();
  const node = page.getByRole("group", { name: "Consumer: Consumer-1" });
  await page.getByTestId("lab-canvas").evaluate((el) => el.parentElement!.parentElement!.scrollIntoView({ block: "start" }));
  await page.evaluate(() => window.scrollBy(0, -70)); // clear the sticky site header

  const before = await node.evaluate((el) => el.style.transform);
  const title = node.getByRole("button", { name: "Select Consumer: Consumer-1" });
  const t = (await title.boundingBox())!;
  await page.mouse.move(t.x + 20, t.y + 10);
  await page.mouse.down();
  await page.mouse.move(t.x + 80, t.y - 30, { steps: 6 });
  await page.mouse.up();
  const after = await node.evaluate((el) => el.style.transform);
  const [x0, y0] = before.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const [x1, y1] = after.match(/-?\d+(\.\d+)?/g)!.map(Number);
  expect(x1).toBeGreaterThan(x0 + 40);
  expect(y1).toBeLessThan(y0 - 20);

  const port = (await node.locator('[title="Drag to another component to connect"]').boundingBox())!;
  const target = (await page.getByRole("group", { name: "Database: Media DB" }).boundingBox())!;
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId("lab-message")).toHaveText("Connected Consumer-1 → Media DB.");
  await expect(page.locator('[data-wire="consumer-1->db-media"]')).toHaveCount(1);

  await page.getByRole("button", { name: "Connect MQ-1" }).click();
  await node.getByRole("button", { name: "Connect MQ-1 to Consumer-1" }).click();
  await expect(page.getByTestId("lab-message")).toHaveText("Connected MQ-1 → Consumer-1.");
  await expect(page.getByTestId("consumer-count-mq")).toHaveText("3 consumers");
});

test("a lab task in the lesson completes the Interactive Experiment step, and the lab loads only on request", async ({ page }) => {
  await page.goto("/learn/async-request-flows");
  const placeholder = page.getByTestId("lab-embed-placeholder");
  await expect(placeholder).toContainText("Architecture lab: Order processing");
  await expect(page.getByRole("log", { name: "Execution log" })).toHaveCount(0);
  await placeholder.getByRole("button", { name: "Open the lab here" }).click();

  const lab = page.getByTestId("lab-embed");
  await expect(lab.getByRole("button", { name: "Run simulation" })).toBeVisible();
  await expect(lab.getByTestId("task-orders-failure-isolation")).toContainText("Active");
  await lab.getByRole("button", { name: "Select Consumer: Analytics" }).click();
  await replaceCode(page, lab, "Analytics", 'function processRequest() { throw new Error("analytics is down"); }');
  await lab.getByRole("button", { name: "Run simulation" }).click();
  await expect(lab.getByTestId("task-feedback")).toContainText("failed alone", { timeout: 30_000 });
  await expect(page.getByTestId("step-done-experiment")).toBeVisible();
});

test("on a 390 px phone the lab is a list with the same actions", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openTemplate(page, "User registration");
  const list = page.getByRole("list", { name: "Components" });
  await expect(list).toBeVisible();
  await expect(page.getByTestId("lab-canvas")).toHaveCount(0);
  await list.getByRole("button", { name: "Edit Message Queue: MQ-1" }).click();
  await page.getByLabel("Trigger mode").selectOption({ label: "After Response (with results)" });
  await run(page);
  // Registration's API returns no message_queue: After Response has nothing to deliver, and the lab says why.
  await expect(page.getByTestId("status-panel")).toContainText("Consumers received nothing");
  await expect(page.getByTestId("status-panel")).toContainText("returned no message_queue field");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

test("save, update and share a design; the API refuses guests, strangers, invalid and oversized designs", async ({ page, browser }) => {
  expect((await page.request.post("/api/lab/designs", { data: { name: "x", design: {} } })).status()).toBe(401);

  await signUp(page, uniqueEmail("lab"), "/lab");
  await openTemplate(page, "Order processing");
  await page.getByRole("button", { name: "Select Message Queue: MQ-1" }).click();
  await page.getByLabel("Trigger mode").selectOption({ label: "Immediate (same input)" });
  await page.getByLabel("Design name").fill("My orders flow");
  await page.getByRole("button", { name: "Save design" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Saved “My orders flow” to your account.");
  await expect(page.getByRole("list", { name: "My designs" })).toContainText("My orders flow");
  const link = await page.getByTestId("share-link").inputValue();
  expect(link).toMatch(/\/lab\?share=[A-Za-z0-9_-]{20,}$/);

  // Update in place: same share link, new content.
  await page.getByLabel("Design name").fill("My orders flow v2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Saved changes to “My orders flow v2”.");
  await expect(page.getByTestId("share-link")).toHaveValue(link);

  const { designs } = (await (await page.request.get("/api/lab/designs")).json()) as { designs: Array<{ id: string; name: string }> };
  const mine = designs.find((d) => d.name === "My orders flow v2")!;
  const invalid = await page.request.post("/api/lab/designs", { data: { name: "Broken", design: { version: 1, title: "x", components: "nope", connections: [] } } });
  expect(invalid.status()).toBe(400);
  expect(((await invalid.json()) as { error: string }).error).toContain("invalid design");
  const huge = await page.request.post("/api/lab/designs", { data: { name: "Huge", design: { padding: "x".repeat(1_100_000) } } });
  expect(huge.status()).toBe(413);

  // A stranger opens the link: a copy they can edit, while the original stays theirs only to read.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(link);
  await expect(other.getByRole("note").filter({ hasText: "from a share link" })).toContainText("“My orders flow v2”");
  await expect(other.getByTestId("consumer-count-mq")).toHaveText("3 consumers");
  await expect(other.getByRole("group", { name: "Message Queue: MQ-1" })).toContainText("Immediate");
  await signUp(other, uniqueEmail("stranger"), "/lab");
  const put = await other.request.put(`/api/lab/designs/${mine.id}`, { data: { name: "Mine now" } });
  expect(put.status()).toBe(404);
  expect((await other.request.get(`/api/lab/designs/${mine.id}`)).status()).toBe(404);
  expect((await other.request.delete(`/api/lab/designs/${mine.id}`)).status()).toBe(404);
  await stranger.close();

  // Delete asks first; Keep changes nothing; Delete removes it from the account but not from the page.
  const designsList = page.getByRole("list", { name: "My designs" });
  const confirm = page.getByRole("group", { name: "Delete My orders flow v2?" });
  await page.getByRole("button", { name: "Delete My orders flow v2" }).click();
  await expect(confirm.getByRole("button", { name: "Delete", exact: true })).toBeFocused();
  await confirm.getByRole("button", { name: "Keep", exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete My orders flow v2" })).toBeFocused();
  await expect(designsList).toContainText("My orders flow v2");
  await page.getByRole("button", { name: "Delete My orders flow v2" }).click();
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Deleted “My orders flow v2” from your account; it stays open here until you leave.");
  await expect(page.getByText("Nothing saved yet.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "My designs" })).toBeFocused();
  await expect(page.getByRole("button", { name: "Save design" })).toBeVisible();
  await expect(page.getByTestId("consumer-count-mq")).toHaveText("3 consumers");
  expect((await page.request.get(`/api/lab/designs/${mine.id}`)).status()).toBe(404);
  // The share link died with it, and says so.
  await page.goto(link);
  await expect(page.getByText("That share link does not lead to a design: it may have been deleted")).toBeVisible();
});
