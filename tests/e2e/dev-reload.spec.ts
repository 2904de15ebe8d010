import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
// @ts-expect-error: plain ESM helper shared with the npm scripts
import { migrate, root } from "../../scripts/lib.mjs";

/*
 * The authoring loop an instructor relies on, in development mode (`npm run dev`, not the production build the other
 * specs use): a saved lesson edit shows up in the open page without a reload, a broken lesson shows the checker's
 * message naming the file and line instead of a blank screen, and fixing it brings the lesson back. The dev server gets its own copy of
 * content/ (DECOUPLED_CONTENT_DIR), its own database and its own port; Next 16 keeps its output in .next/dev, apart
 * from the production build.
 */
const PORT = Number(process.env.E2E_DEV_PORT ?? 3150);
const BASE = `http://127.0.0.1:${PORT}`;
const LESSON_FILE = "lessons/01-message-queues.mdx";

let server: ChildProcess | null = null;
let dir = "";
let lessonPath = "";
let original = "";

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "decoupled-dev-"));
  const content = path.join(dir, "content");
  fs.cpSync(path.join(root, "content"), content, { recursive: true });
  lessonPath = path.join(content, LESSON_FILE);
  original = fs.readFileSync(lessonPath, "utf8");
  const { NODE_ENV, ...inherited } = process.env; // the dev server sets its own
  const env: Record<string, string | undefined> = {
    ...inherited,
    DECOUPLED_CONTENT_DIR: content,
    DATABASE_URL: `file:${path.join(dir, "dev.db")}`,
    AUTH_SECRET: "e2e-dev-only-secret-not-used-anywhere-else-0123456789",
    AUTH_TRUST_HOST: "true",
    PORT: String(PORT),
    HOSTNAME: "127.0.0.1",
  };
  await migrate(env as NodeJS.ProcessEnv);
  // As `npm run dev` serves it: scripts/server.mjs in development mode.
  server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs"), "--dev"], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "inherit"], detached: true });
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the dev server exited with ${server.exitCode}`);
    const ok = await fetch(`${BASE}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the dev server did not answer /api/health within 4 minutes");
});

test.afterAll(() => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("a saved lesson edit appears in the open page; a broken lesson names its file and line; the fix brings it back", async ({ page }) => {
  await page.goto(`${BASE}/learn/message-queues`, { timeout: 180_000 });
  const heading = page.getByRole("heading", { name: "A checkout that does everything before it answers" });
  await expect(heading).toBeVisible({ timeout: 60_000 });

  // Edit a heading and save: the page picks it up by itself (it polls the content version and refreshes).
  fs.writeFileSync(lessonPath, original.replace("## A checkout that does everything before it answers", "## A checkout that waits for everything"));
  await expect(page.getByRole("heading", { name: "A checkout that waits for everything" })).toBeVisible({ timeout: 60_000 });
  await expect(heading).toHaveCount(0);

  // Break the frontmatter: the checker's message, with the file and the line of the bad field, in the page.
  const broken = original.replace("minutes: 35", "minutes: soon");
  const line = broken.split("\n").findIndex((l) => l.startsWith("minutes:")) + 1;
  fs.writeFileSync(lessonPath, broken);
  const errors = page.getByTestId("content-errors");
  await expect(errors).toBeVisible({ timeout: 60_000 });
  await expect(errors).toContainText(`01-message-queues.mdx:${line}`);
  await expect(errors).toContainText("minutes");

  // Fix it: the lesson is back, without a reload.
  fs.writeFileSync(lessonPath, original);
  await expect(heading).toBeVisible({ timeout: 60_000 });
  await expect(errors).toHaveCount(0);
});
