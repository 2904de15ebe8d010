import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { checkContent } from "@/lib/content/check";
import { contentCheckers } from "@/lib/content/checkers";
import { COMPONENT_NAMES } from "@/lib/content/components";
import { ContentError, formatProblem } from "@/lib/content/errors";
import { listLessons, readLessons } from "@/lib/content/lessons";
import { STEP_IDS } from "@/lib/content/steps";

const fixtures = path.resolve("tests/fixtures/content");
const setContentDir = (dir: string | undefined) => {
  if (dir) process.env.DECOUPLED_CONTENT_DIR = dir;
  else delete process.env.DECOUPLED_CONTENT_DIR;
};
afterEach(() => setContentDir(undefined));

async function problemsIn(fixture: string) {
  setContentDir(path.join(fixtures, fixture));
  return (await checkContent()).map(formatProblem);
}

describe("the course content", () => {
  test("passes every check (frontmatter, nine steps, components, ids, links, examples, graded content)", async () => {
    const problems = (await checkContent(contentCheckers)).map(formatProblem);
    expect(problems).toEqual([]);
  });

  test("has the message-queues lesson first, and every lesson has the nine steps in order", () => {
    const { lessons } = readLessons();
    expect(lessons[0]?.slug).toBe("message-queues");
    for (const l of lessons) {
      const ids = [...l.body.matchAll(/^<Step id="([a-z-]+)">/gm)].map((m) => m[1]);
      expect(ids, l.file).toEqual([...STEP_IDS]);
    }
  });
});

describe("the checker on broken lessons", () => {
  test("a valid fixture course has no problems", async () => {
    expect(await problemsIn("valid")).toEqual([]);
  });

  test("invalid frontmatter names the file, the line and the field", async () => {
    expect(await problemsIn("bad-frontmatter")).toEqual([
      expect.stringMatching(/^tests\/fixtures\/content\/bad-frontmatter\/lessons\/01-alpha\.mdx:6: frontmatter field "minutes": .*number/),
    ]);
  });

  test("invalid frontmatter makes the page loader throw with the same message (this is what fails `next build`)", () => {
    setContentDir(path.join(fixtures, "bad-frontmatter"));
    expect(() => listLessons()).toThrow(ContentError);
    expect(() => listLessons()).toThrow(/01-alpha\.mdx:6: frontmatter field "minutes"/);
  });

  test("a missing step is reported with file and line", async () => {
    expect(await problemsIn("missing-step")).toEqual([expect.stringMatching(/01-alpha\.mdx:\d+: missing step "quiz" \(Quick Quiz\)/)]);
  });

  test("an unknown component is reported with file and line", async () => {
    expect(await problemsIn("unknown-component")).toEqual([expect.stringMatching(/01-alpha\.mdx:34: unknown component <Flowchart>/)]);
  });

  test("a link to a lesson that does not exist is reported with file and line", async () => {
    expect(await problemsIn("broken-link")).toEqual([expect.stringMatching(/01-alpha\.mdx:74: link "\/learn\/does-not-exist" points to unknown lesson/)]);
  });

  test("unknown ids, unknown props and steps out of order are each reported", async () => {
    const dir = fs.mkdtempSync(path.join(fixtures, ".tmp-"));
    try {
      fs.mkdirSync(path.join(dir, "lessons"));
      const valid = fs.readFileSync(path.join(fixtures, "valid/lessons/01-alpha.mdx"), "utf8").replace("related: [beta]", "related: []").replace("(/learn/beta)", "(/lab)");
      const broken = valid
        .replace('<VisualModel id="message-queue" />', '<VisualModel id="nope" />\n\n<Quiz id="missing-quiz" />\n\n<Callout kind="tip">x</Callout>')
        .replace('<Step id="why">', '<Step id="TEMP">')
        .replace('<Step id="terms">', '<Step id="why">')
        .replace('<Step id="TEMP">', '<Step id="terms">');
      fs.writeFileSync(path.join(dir, "lessons/01-alpha.mdx"), broken);
      setContentDir(dir);
      const problems = (await checkContent()).map(formatProblem).join("\n");
      expect(problems).toMatch(/<VisualModel id="nope">: unknown id; expected one of message-queue/);
      expect(problems).toMatch(/<Quiz id="missing-quiz">: unknown id; expected the file content\/quizzes\/missing-quiz\.yaml/);
      expect(problems).toMatch(/<Callout> has unknown prop "kind"/);
      expect(problems).toMatch(/steps are out of order/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("the checker's component list matches the MDX registry exactly", async () => {
  const { registeredComponentNames } = await import("@/components/mdx/registry");
  expect([...registeredComponentNames].sort()).toEqual([...COMPONENT_NAMES].sort());
});
