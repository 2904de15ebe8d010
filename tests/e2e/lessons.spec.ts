import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";

const contentDir = process.env.DECOUPLED_CONTENT_DIR ?? path.join(process.cwd(), "content");
const STEP_TITLES = ["Why This Matters", "Define Terms", "Visual Model", "Code Example", "Interactive Experiment", "Quick Quiz", "Coding Challenge", "Real-World Usage", "Connections"];

/** Every lesson in content/lessons, from its frontmatter. */
const lessons = fs
  .readdirSync(path.join(contentDir, "lessons"))
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .map((f) => {
    const text = fs.readFileSync(path.join(contentDir, "lessons", f), "utf8");
    const front = parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]) as { slug: string; title: string };
    const example = /<CodeExample id="([^"]+)"/.exec(text)?.[1] ?? front.slug;
    return { slug: front.slug, title: front.title, example };
  });

function nodeOutput(slug: string): string[] {
  const out = execFileSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), [path.join(contentDir, "examples", slug, "example.ts")], { encoding: "utf8" });
  return out.replace(/\n$/, "").split("\n");
}

test("the course home lists every lesson", async ({ page }) => {
  await page.goto("/");
  for (const lesson of lessons) await expect(page.locator(`a[href="/learn/${lesson.slug}"]`).first()).toBeVisible();
});

for (const lesson of lessons) {
  test(`${lesson.slug}: title, the nine steps, and an example that runs cleanly`, async ({ page }) => {
    await page.goto(`/learn/${lesson.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: lesson.title })).toBeVisible();
    await expect(page.locator("section.lesson-step > header h2")).toHaveText(STEP_TITLES.map((t) => new RegExp(`${t}$`)));

    const example = page.getByTestId(`code-example-${lesson.example}`);
    await example.scrollIntoViewIfNeeded();
    await example.getByRole("button", { name: "Run", exact: true }).click();
    await expect(example.getByTestId("run-summary")).toHaveText(/^exit: ok · /);
    const log = example.getByRole("log");
    await expect(log.locator('[data-level="error"], [data-level="warn"]')).toHaveCount(0);
    const printed = (await log.locator("[data-level]").allTextContents()).join("\n").split("\n");
    expect(printed.length).toBeGreaterThan(1);
    expect(printed.join("\n")).not.toMatch(/Uncaught|Syntax error/);
    expect(printed).toEqual(nodeOutput(lesson.example));
  });
}
