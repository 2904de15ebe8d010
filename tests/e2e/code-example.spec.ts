import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";

const SLUG = "message-queues";
const contentDir = process.env.DECOUPLED_CONTENT_DIR ?? path.join(process.cwd(), "content");

/** What Node prints for an example file: the page's console must show exactly this. */
function nodeOutput(slug: string, file = "example"): string[] {
  const out = execFileSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), [path.join(contentDir, "examples", slug, `${file}.ts`)], { encoding: "utf8" });
  return out.replace(/\n$/, "").split("\n");
}

/** Console entries as lines (one entry may span several). */
async function consoleLines(example: Locator): Promise<string[]> {
  const entries = await example.getByRole("log").locator("[data-level]").allTextContents();
  return entries.join("\n").split("\n");
}

async function openExample(page: Page): Promise<Locator> {
  await page.goto(`/learn/${SLUG}`);
  const example = page.getByTestId(`code-example-${SLUG}`);
  await example.scrollIntoViewIfNeeded();
  return example;
}

/** Click into the editor and wait for CodeMirror to have taken over from the placeholder. */
async function editorContent(example: Locator): Promise<Locator> {
  await example.getByRole("textbox", { name: `Code editor: ${SLUG} example` }).first().click();
  await expect(example.locator('[data-editor-state="ready"]')).toBeVisible();
  const content = example.locator(".cm-content");
  await expect(content).toBeFocused();
  return content;
}

test("the editor is not downloaded until the student reaches it", async ({ page }) => {
  const scripts: { url: string; bytes: number }[] = [];
  page.on("response", async (res) => {
    if (res.url().endsWith(".js")) scripts.push({ url: res.url(), bytes: (await res.body().catch(() => Buffer.alloc(0))).length });
  });
  await page.goto(`/learn/${SLUG}`);
  await page.waitForLoadState("networkidle");
  const example = page.getByTestId(`code-example-${SLUG}`);
  // The server-rendered placeholder already shows the code.
  await expect(example.locator('[data-editor-state="placeholder"]')).toContainText("class Broker");
  await expect(example.locator(".cm-content")).toHaveCount(0);
  const before = new Set(scripts.map((s) => s.url));

  await example.scrollIntoViewIfNeeded();
  await expect(example.locator('[data-editor-state="ready"]')).toBeVisible();
  await expect(example.locator(".cm-content")).toContainText("class Broker");
  // The editor arrived as its own large script, fetched only now.
  const fetchedLater = scripts.filter((s) => !before.has(s.url));
  expect(fetchedLater.some((s) => s.bytes > 200_000), JSON.stringify(fetchedLater)).toBe(true);
});

test("keyboard: tabbing into the editor does not trap Tab, and tabbing past it is not pulled back", async ({ page }) => {
  await page.goto(`/learn/${SLUG}`);
  const example = page.getByTestId(`code-example-${SLUG}`);
  const label = `Code editor: ${SLUG} example`;
  const run = example.getByRole("button", { name: "Run", exact: true });

  // Tab onto the stand-in and straight on to Run: when the editor finishes loading, focus stays on Run.
  await example.getByRole("textbox", { name: label, exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(run).toBeFocused();
  await expect(example.locator('[data-editor-state="ready"]')).toBeVisible();
  await expect(run).toBeFocused();

  // Into the editor box: Enter edits, Escape leaves, Tab moves on to Run.
  await page.keyboard.press("Shift+Tab");
  const box = example.getByRole("textbox", { name: `${label} (press Enter to edit, Escape to leave)` });
  await expect(box).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(example.locator(".cm-content")).toBeFocused();
  await page.keyboard.press("Tab"); // indents inside the code
  await expect(example.locator(".cm-content")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(box).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(run).toBeFocused();
});

test("a student who tabs past the editor before the page has even hydrated is not pulled back into it", async ({ page }) => {
  // A slow connection: the page's scripts are held until the student has tabbed past the editor's stand-in. When
  // they arrive the editor loads (it is in view), and focus must stay where the student put it.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/_next\/static\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/learn/${SLUG}`, { waitUntil: "domcontentloaded" });
  const example = page.getByTestId(`code-example-${SLUG}`);
  const run = example.getByRole("button", { name: "Run", exact: true });
  await example.getByRole("textbox", { name: `Code editor: ${SLUG} example`, exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(run).toBeFocused();

  release();
  await expect(example.locator('[data-editor-state="ready"]')).toBeVisible();
  await expect(run).toBeFocused();
});

test("Run shows the example's real console output, line for line as Node prints it", async ({ page }) => {
  const example = await openExample(page);
  await expect(example.getByRole("log")).toContainText("Press Run");
  await example.getByRole("button", { name: "Run", exact: true }).click();
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: ok · /);
  await expect(example.getByRole("log")).toContainText("checkout ORD-101: card charged, published m1");
  expect(await consoleLines(example)).toEqual(nodeOutput(SLUG));
  await expect(example.getByTestId("run-status")).toHaveText(/^Finished in /);
  await example.getByRole("button", { name: "Clear" }).click();
  await expect(example.getByRole("log")).toContainText("Press Run");
});

test("an edit shows up in the output, Ctrl+Enter runs, Reset restores and Undo brings the edit back", async ({ page }) => {
  const example = await openExample(page);
  const content = await editorContent(example);
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText('\nconsole.log("edited by the student", { attempts: 3 });');
  await expect(example.getByTestId("editor-source")).toHaveText("edited");
  await page.keyboard.press("Control+Enter");
  const log = example.getByRole("log");
  await expect(log.locator("[data-level]").last()).toHaveText("edited by the student { attempts: 3 }");
  await expect(content).toContainText("edited by the student");

  await example.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(example.getByTestId("run-status")).toHaveText("Restored the original example.");
  await expect(content).not.toContainText("edited by the student");
  await expect(example.getByRole("button", { name: "Reset", exact: true })).toBeDisabled();
  await example.getByRole("button", { name: "Run", exact: true }).click();
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: ok/);
  expect(await consoleLines(example)).toEqual(nodeOutput(SLUG));

  await example.getByRole("button", { name: "Undo reset" }).click();
  await expect(example.getByTestId("editor-source")).toHaveText("edited");
  await example.getByRole("button", { name: "Run", exact: true }).click();
  await expect(example.getByRole("log").locator("[data-level]").last()).toHaveText("edited by the student { attempts: 3 }");
});

test("an infinite loop is stopped at the time limit while the page stays responsive", async ({ page }) => {
  const example = await openExample(page);
  const content = await editorContent(example);
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('console.log("before the loop");\nwhile (true) {}\n');
  await example.getByRole("button", { name: "Run", exact: true }).click();
  await expect(example.getByTestId("run-status")).toHaveText("Running…");
  await expect(example.getByRole("log")).toContainText("before the loop");

  // The loop spins in the worker: the page still reacts while it runs.
  const html = page.locator("html");
  const before = await html.getAttribute("data-theme");
  await page.getByRole("button", { name: /^Switch to (dark|light) theme$/ }).click();
  await expect(html).not.toHaveAttribute("data-theme", before ?? "");
  await expect(example.getByTestId("run-status")).toHaveText("Running…");

  await expect(example.getByTestId("run-status")).toHaveText("Stopped: your code ran longer than 3 s (infinite loop?)", { timeout: 10_000 });
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: time limit/);
  await expect(example.getByRole("log")).toContainText("Stopped: your code ran longer than 3 s (infinite loop?)");

  // And the next run works.
  await content.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('console.log("after the loop");');
  await example.getByRole("button", { name: "Run", exact: true }).click();
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: ok/);
  expect(await consoleLines(example)).toEqual(["after the loop"]);
});

test("errors point at the student's line: a syntax error does not run, a throw shows where", async ({ page }) => {
  const example = await openExample(page);
  await editorContent(example);
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText("const total: number = 1;\nlet broken = ;\n");
  await page.keyboard.press("Control+Enter");
  await expect(example.getByTestId("run-status")).toHaveText("Did not run: the code has a syntax error (line 2, column 14).");

  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('function consume(): never {\n  throw new Error("consumer crashed");\n}\nconsume();\n');
  await page.keyboard.press("Control+Enter");
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: uncaught error/);
  const error = example.getByRole("log").locator('[data-level="error"]');
  await expect(error).toContainText("Uncaught Error: consumer crashed");
  await expect(error).toContainText("at consume (example.ts:2:");
});

test("code cannot reach the network from the runner", async ({ page }) => {
  const example = await openExample(page);
  await editorContent(example);
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('console.log(typeof fetch, typeof XMLHttpRequest, typeof importScripts, typeof WebSocket, typeof document);');
  await page.keyboard.press("Control+Enter");
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: ok/);
  expect(await consoleLines(example)).toEqual(["undefined undefined undefined undefined undefined"]);
});

test("experiments load into the same editor and run; two runs complete the experiment step", async ({ page }) => {
  await page.goto(`/learn/${SLUG}`);
  const example = page.getByTestId(`code-example-${SLUG}`);
  const priority = page.getByTestId("experiment-priority");
  await priority.scrollIntoViewIfNeeded();
  await expect(priority.getByTestId("experiment-rule")).toHaveText("Run 2 experiments to complete this step: 0/2 done");

  // Load only: the editor shows the variant, marked as the experiment, and nothing runs yet.
  await priority.getByRole("button", { name: "Load into editor: Add a priority" }).click();
  await expect(example.getByTestId("editor-source")).toHaveText("Experiment: Add a priority · back to it");
  await expect(example.locator(".cm-content")).toContainText("EXPERIMENT:");
  await expect(example.getByTestId("run-status")).toHaveText("Loaded the experiment “Add a priority” into the editor.");
  await expect(priority.getByText("In the editor", { exact: true })).toBeVisible();
  await example.getByRole("button", { name: "Run", exact: true }).click();
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: ok/);
  expect(await consoleLines(example)).toEqual(nodeOutput(SLUG, "priority"));
  await expect(priority.getByText("✓ Ran", { exact: true })).toBeVisible();
  await expect(priority.getByTestId("experiment-rule")).toHaveText("Run 2 experiments to complete this step: 1/2 done");
  await expect(page.getByTestId("step-done-experiment")).toHaveCount(0);

  // Run experiment: loads and runs at once; the second experiment completes the step.
  const filter = page.getByTestId("experiment-message-filter");
  await filter.scrollIntoViewIfNeeded();
  await filter.getByRole("button", { name: "Run experiment: A message filter" }).click();
  await expect(example.getByTestId("editor-source")).toHaveText("Experiment: A message filter · back to it");
  await expect(example.getByTestId("editor-source")).toBeInViewport();
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: ok/);
  expect(await consoleLines(example)).toEqual(nodeOutput(SLUG, "message-filter"));
  await expect(page.getByTestId("step-done-experiment")).toBeVisible();
  await expect(filter.getByTestId("experiment-rule")).toHaveText(/^✓ Step complete/);

  // Reset goes back to the lesson's example.
  await example.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(example.getByTestId("editor-source")).toHaveCount(0);
  await example.getByRole("button", { name: "Run", exact: true }).click();
  await expect(example.getByTestId("run-summary")).toHaveText(/^exit: ok/);
  expect(await consoleLines(example)).toEqual(nodeOutput(SLUG));

  // The step stays done after a reload (saved for this guest).
  await page.reload();
  await expect(page.getByTestId("step-done-experiment")).toBeVisible();
});
