import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/*
 * The security boundary of the challenges: hidden tests and reference solutions must never reach a browser before
 * they are earned. For every challenge, take what would betray each (the hidden tests' names, their most
 * distinctive lines, the solution's most distinctive lines) and look for it in every built client asset and in the
 * HTML and RSC payload of the lesson page that shows the challenge.
 *
 * A needle can appear escaped: once as JSON inside the RSC payload, twice inside the HTML's inline flight data
 * (which also escapes < > &), or HTML-escaped in markup. Each needle is searched in all those forms.
 */

const contentDir = process.env.DECOUPLED_CONTENT_DIR ?? path.join(process.cwd(), "content");
const challengesDir = path.join(contentDir, "challenges");
const staticDir = path.join(process.cwd(), ".next", "static");

const read = (...p: string[]) => fs.readFileSync(path.join(...p), "utf8");
const readIf = (...p: string[]) => (fs.existsSync(path.join(...p)) ? read(...p) : "");

function forms(text: string): string[] {
  const json = JSON.stringify(text).slice(1, -1);
  const twice = JSON.stringify(json).slice(1, -1);
  const html = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  const inlineFlight = twice.replace(/&/g, "\\u0026").replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return [...new Set([text, json, twice, html, inlineFlight])];
}

const found = (haystack: string, needle: string) => forms(needle).some((f) => haystack.includes(f));

/** The longest lines of `source` that appear nowhere in the public material: what only a leak could show. */
function distinctiveLines(source: string, publicText: string, count: number): string[] {
  const lines = source
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length >= 24 && !publicText.includes(l) && !/^(\/\/|\/?\*)/.test(l)); // comments are stripped by bundlers
  return [...new Set(lines)].sort((a, b) => b.length - a.length).slice(0, count);
}

interface Secrets {
  id: string;
  lesson: string;
  needles: Array<{ what: string; text: string }>;
  /** Something the lesson page must show, so a passing test proves the search can find things. */
  visibleTestName: string;
}

function testNames(source: string): string[] {
  return [...source.matchAll(/\btest\(\s*(["'`])((?:\\.|(?!\1).)+)\1/g)].map((m) => m[2]);
}

const lessonsText = fs
  .readdirSync(path.join(contentDir, "lessons"))
  .filter((f) => f.endsWith(".mdx"))
  .map((f) => read(contentDir, "lessons", f))
  .join("\n");

const challenges: Secrets[] = fs
  .readdirSync(challengesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const dir = path.join(challengesDir, d.name);
    const prompt = read(dir, "challenge.md");
    const visible = read(dir, "visible.test.ts");
    const publicText = [prompt, read(dir, "starter.ts"), visible, readIf(dir, "hints.md"), lessonsText].join("\n");
    const hidden = read(dir, "hidden.test.ts");
    const solution = read(dir, "solution.ts");
    // A hidden test may share its name with a visible one (that name is public) or with nothing else.
    const names = testNames(hidden).filter((n) => !publicText.includes(n));
    const needles = [
      ...names.map((text) => ({ what: "hidden test name", text })),
      ...distinctiveLines(hidden, publicText, 3).map((text) => ({ what: "hidden test line", text })),
      ...distinctiveLines(solution, publicText, 3).map((text) => ({ what: "solution line", text })),
    ];
    return { id: d.name, lesson: /^lesson:\s*(\S+)/m.exec(prompt)![1], needles, visibleTestName: testNames(visible)[0] };
  });

function clientAssets(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) out.push(fs.readFileSync(p, "utf8"));
    }
  };
  walk(staticDir);
  return out.join("\n");
}

test("every challenge has hidden tests and a solution to look for", () => {
  expect(challenges.length).toBeGreaterThanOrEqual(8);
  for (const c of challenges) {
    expect(c.needles.filter((n) => n.what === "hidden test name").length, c.id).toBeGreaterThanOrEqual(8);
    expect(c.needles.filter((n) => n.what === "solution line").length, c.id).toBeGreaterThan(0);
  }
});

test("no hidden test or reference solution is in any built client asset", () => {
  const assets = clientAssets();
  // The search works: the challenge panel's own text is in the client bundle.
  expect(assets).toContain("Show solution");
  const leaks = challenges.flatMap((c) => c.needles.filter((n) => found(assets, n.text)).map((n) => `${c.id}: ${n.what}: ${n.text}`));
  expect(leaks).toEqual([]);
});

for (const c of challenges) {
  test(`the lesson page for "${c.id}" carries no hidden test or solution in its HTML or RSC payload`, async ({ request }) => {
    const html = await (await request.get(`/learn/${c.lesson}`)).text();
    const rscResponse = await request.get(`/learn/${c.lesson}`, { headers: { RSC: "1" } });
    expect(rscResponse.headers()["content-type"]).toContain("text/x-component");
    const rsc = await rscResponse.text();
    for (const [label, body] of [
      ["HTML", html],
      ["RSC", rsc],
    ] as const) {
      // The search works: the visible tests are meant to be on the page (they run in the browser).
      expect(found(body, c.visibleTestName), `${label} shows the visible test "${c.visibleTestName}"`).toBe(true);
      const leaks = c.needles.filter((n) => found(body, n.text)).map((n) => `${n.what}: ${n.text}`);
      expect(leaks, `${label} of /learn/${c.lesson}`).toEqual([]);
    }
  });
}
