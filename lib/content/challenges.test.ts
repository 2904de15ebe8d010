import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gradeWithPool } from "@/lib/grading/grade";
import { gradingPoolForSuite } from "@/tests/support/grading-pool";
import { CHALLENGE_FILES, checkChallenges, getChallenge, listChallenges, MAX_HIDDEN_TESTS, MIN_HIDDEN_TESTS, readChallenge } from "./challenges";
import { ContentError } from "./errors";

const ROOT = path.join(process.cwd(), "content");
const LESSON_OF: Record<string, string> = {
  "task-queue": "message-queues",
  "priority-queue": "point-to-point",
  "pub-sub": "publish-subscribe",
  "work-queue": "work-queues",
  "ack-queue": "delivery-guarantees",
  "retry-dlq": "dead-letter-queues",
  "partitioned-log": "ordering-and-partitions",
  "idempotent-consumer": "async-request-flows",
};
const IDS = Object.keys(LESSON_OF).sort();
const read = (id: string, file: string) => fs.readFileSync(path.join(ROOT, "challenges", id, file), "utf8");

const pool = gradingPoolForSuite();

function grade(id: string, code: string, suite: "visible" | "hidden") {
  const c = getChallenge(id, ROOT)!;
  return gradeWithPool(pool(), { code, tests: suite === "visible" ? c.visibleTests : read(id, CHALLENGE_FILES.hiddenTests), exports: c.exports, limits: c.limits });
}

describe("the eight challenges", () => {
  test("are listed with their lessons", () => {
    const list = listChallenges(ROOT);
    expect(list.map((c) => c.id)).toEqual(IDS);
    for (const c of list) expect(c.lesson).toBe(LESSON_OF[c.id]);
  });

  test("expose prompt, starter, visible tests and three hints, never hidden tests or the solution", () => {
    for (const id of IDS) {
      const c = getChallenge(id, ROOT)!;
      expect(c.prompt.length).toBeGreaterThan(200);
      expect(c.starter).toContain("TODO");
      expect(c.hints).toHaveLength(3);
      expect(c.limits).toEqual({ timeoutMs: 2000, memoryMb: 64 });
      const json = JSON.stringify(c);
      const hidden = read(id, CHALLENGE_FILES.hiddenTests);
      const firstHiddenName = /test\("([^"]+)"/.exec(hidden)![1];
      expect(json).not.toContain(firstHiddenName);
      expect(json).not.toContain(read(id, CHALLENGE_FILES.solution).trim().split("\n").slice(-4).join("\n"));
    }
  });

  test("an unknown id is null", () => {
    expect(getChallenge("no-such-challenge", ROOT)).toBeNull();
    expect(getChallenge("../lessons", ROOT)).toBeNull();
  });

  for (const id of IDS) {
    test(`${id}: the reference solution passes every visible and hidden test, the starter fails`, async () => {
      const solution = read(id, CHALLENGE_FILES.solution);
      const [visible, hidden, starter] = await Promise.all([
        grade(id, solution, "visible"),
        grade(id, solution, "hidden"),
        grade(id, getChallenge(id, ROOT)!.starter, "hidden"),
      ]);
      expect(visible.tests.filter((t) => !t.passed)).toEqual([]);
      expect(visible.status).toBe("passed");
      expect(hidden.tests.filter((t) => !t.passed)).toEqual([]);
      expect(hidden.status).toBe("passed");
      expect(hidden.total).toBeGreaterThanOrEqual(MIN_HIDDEN_TESTS);
      expect(hidden.total).toBeLessThanOrEqual(MAX_HIDDEN_TESTS);
      expect(starter.status).toBe("failed");
      expect(starter.passed).toBeLessThan(starter.total);
    });
  }

  test("the content checker finds no problems", async () => {
    expect(await checkChallenges(ROOT, { pool: pool() })).toEqual([]);
  });
});

/**
 * Plausible wrong solutions, made by editing the reference: each must fail the hidden tests, and fail the test
 * written for that mistake.
 */
const MUTANTS: Array<{ id: string; mistake: string; from: string; to: string; also?: [string, string]; failing: string }> = [
  {
    id: "task-queue",
    mistake: "treats falsy tasks as empty",
    from: "if (this.head === this.items.length) return null;\n    const task",
    to: "if (!this.items[this.head]) return null;\n    const task",
    failing: "falsy values are real tasks",
  },
  {
    id: "task-queue",
    mistake: "uses Array.shift",
    from: "const task = this.items[this.head] as T;",
    to: "const task = this.items.shift() as T; this.items.unshift(undefined);",
    failing: "200,000 tasks in, 200,000 tasks out, in order",
  },
  {
    id: "pub-sub",
    mistake: "lets a throwing handler stop the others",
    from: "try {\n        sub.handler(message, topic);\n      } catch (error) {\n        console.error(`subscriber of \"${topic}\" failed:`, error);\n      }",
    to: "sub.handler(message, topic);",
    failing: "a throwing handler does not stop the others and still counts",
  },
  {
    id: "pub-sub",
    mistake: "splices the live list and iterates it without a snapshot",
    from: "const next = current.filter((s) => s !== sub);\n      if (next.length === 0) this.topics.delete(topic);\n      else this.topics.set(topic, next);",
    to: "current.splice(current.indexOf(sub), 1);",
    also: ["const subscribers = snapshot.slice();", "const subscribers = snapshot;"],
    failing: "a handler unsubscribing itself during delivery does not make anyone miss the message",
  },
  {
    id: "work-queue",
    mistake: "always starts from the first consumer",
    from: "let index = this.cursor;",
    to: "let index = 0;",
    failing: "the cursor wraps around the ring",
  },
  {
    id: "work-queue",
    mistake: "drops a removed consumer's message",
    from: "if (this.head > 0) this.backlog[--this.head] = consumer.current as M;\n      else this.backlog.unshift(consumer.current as M);",
    to: "",
    failing: "a removed consumer's unfinished message goes back to the front",
  },
  {
    id: "ack-queue",
    mistake: "reads Date.now() instead of the injected clock",
    from: "const now = this.clock();\n    for (const message of this.messages.values()) {\n      if (message.receipt",
    to: "const now = Date.now();\n    for (const message of this.messages.values()) {\n      if (message.receipt",
    failing: "time comes only from the injected clock",
  },
  {
    id: "ack-queue",
    mistake: "accepts expired receipts",
    from: "if (!message || message.receipt !== receiptId || this.clock() >= message.visibleAt) return undefined;",
    to: "if (!message || message.receipt !== receiptId) return undefined;",
    failing: "an expired receipt cannot delete the message even before anyone receives it again",
  },
  {
    id: "retry-dlq",
    mistake: "retries at the front, so a poison message blocks the queue",
    from: "this.ready.push(entry);\n    return \"retry\";",
    to: "if (this.head > 0) this.ready[--this.head] = entry; else this.ready.unshift(entry);\n    return \"retry\";",
    failing: "a poison message never blocks the messages behind it",
  },
  {
    id: "retry-dlq",
    mistake: "allows one attempt too many",
    from: "if (entry.failures >= this.maxAttempts) {",
    to: "if (entry.failures > this.maxAttempts) {",
    failing: "attempt numbers count up across retries",
  },
  {
    id: "idempotent-consumer",
    mistake: "does not track deliveries in progress",
    from: "if (this.seen.has(id) || this.inProgress.has(id)) return false;",
    to: "if (this.seen.has(id)) return false;",
    failing: "a duplicate arriving while the first delivery is in progress does not run the handler",
  },
  {
    id: "idempotent-consumer",
    mistake: "remembers ids whose handler failed",
    from: "this.inProgress.add(id);\n    try {",
    to: "this.inProgress.add(id);\n    this.seen.add(id);\n    try {",
    failing: "a failed handler rejects with its error and the id is not remembered",
  },
  {
    id: "priority-queue",
    mistake: "compares priorities only (an unstable heap)",
    from: "return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);",
    to: "return a.priority > b.priority;",
    failing: "ties stay FIFO even when interleaved with other priorities",
  },
  {
    id: "partitioned-log",
    mistake: "hands out the log's own records",
    from: "return log.slice(offset, offset + max).map((r) => ({ ...r }));",
    to: "return log.slice(offset, offset + max);",
    failing: "reading returns copies: changing them does not change the log",
  },
  {
    id: "partitioned-log",
    mistake: "lets commit run past the end",
    from: "if (!isWhole(offset, 0) || offset > end)",
    to: "if (!isWhole(offset, 0))",
    failing: "commit rejects offsets outside 0 .. endOffset",
  },
];

describe("hidden tests catch the usual mistakes", () => {
  for (const m of MUTANTS) {
    test(`${m.id}: ${m.mistake}`, async () => {
      let code = read(m.id, CHALLENGE_FILES.solution);
      for (const [from, to] of [[m.from, m.to], ...(m.also ? [m.also] : [])]) {
        expect(code).toContain(from);
        code = code.replace(from, to);
      }
      const result = await grade(m.id, code, "hidden");
      expect(result.status).toBe("failed");
      const failing = result.tests.filter((t) => !t.passed).map((t) => t.name);
      expect(failing).toContain(m.failing);
    });
  }
});

describe("broken challenge content is reported by file and line", () => {
  let root: string;
  const GOOD_MD = `---\ntitle: Demo challenge\ndifficulty: easy\nlesson: demo\nexports: [add]\n---\n\nImplement \`add(a, b)\`.\n`;
  const SOLUTION = `export function add(a: number, b: number) { return a + b; }\n`;
  const STARTER = `export function add(a: number, b: number): number {\n  // TODO\n  return 0;\n}\n`;
  const VISIBLE = `test("adds", () => { expect(add(1, 2)).toBe(3); });\n`;
  const hiddenSuite = (n: number) => Array.from({ length: n }, (_, i) => `test("adds ${i}", () => { expect(add(${i}, 1)).toBe(${i + 1}); });`).join("\n") + "\n";

  function write(id: string, files: Partial<Record<keyof typeof CHALLENGE_FILES, string | null>>) {
    const dir = path.join(root, "challenges", id);
    fs.mkdirSync(dir, { recursive: true });
    const all = { prompt: GOOD_MD, starter: STARTER, solution: SOLUTION, visibleTests: VISIBLE, hiddenTests: hiddenSuite(8), hints: "one\n---\ntwo\n---\nthree\n", ...files };
    for (const [key, text] of Object.entries(all)) {
      if (text !== null) fs.writeFileSync(path.join(dir, CHALLENGE_FILES[key as keyof typeof CHALLENGE_FILES]), text);
    }
  }

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "challenges-"));
    fs.mkdirSync(path.join(root, "lessons"));
    fs.writeFileSync(path.join(root, "lessons", "01-demo.mdx"), ["good", "failing", "too-easy", "few-tests", "bad-syntax", "no-lesson"].map((id) => `<Challenge id="${id}" />`).join("\n"));
    write("good", {});
    write("failing", { hiddenTests: hiddenSuite(8) + `test("adds negatives", () => {\n  expect(add(-1, -1)).toBe(-3);\n});\n` });
    write("too-easy", { starter: SOLUTION });
    write("few-tests", { hiddenTests: hiddenSuite(3) });
    write("bad-syntax", { hiddenTests: `test("a", () => {\n  expect(add(1, 1)).toBe(2);\n});\ntest("b", () => {\n  expect(add(1,).toBe(2);\n});\n` });
    write("no-lesson", { prompt: GOOD_MD.replace("lesson: demo", "lesson: nowhere") });
    write("bad-frontmatter", { prompt: `---\ntitle: Demo challenge\ndifficulty: trivial\nlesson: demo\nexports: [add]\nauthor: me\n---\n\nText about add.\n` });
    write("missing-files", { visibleTests: null, solution: null });
    write("empty-hint", { hints: "one\n---\n\n---\nthree\n" });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test("invalid frontmatter names the field and its line, and getChallenge throws", () => {
    const { problems } = readChallenge("bad-frontmatter", root);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, `frontmatter field "difficulty": Invalid option: expected one of "easy"|"medium"|"hard"`],
      [6, `frontmatter has unknown field "author"`],
    ]);
    expect(problems[0].file).toMatch(/bad-frontmatter\/challenge\.md$/);
    expect(() => getChallenge("bad-frontmatter", root)).toThrow(ContentError);
  });

  test("missing files and empty hints are problems", () => {
    expect(readChallenge("missing-files", root).problems.map((p) => p.message)).toEqual(["missing file: every challenge needs visible.test.ts"]);
    expect(readChallenge("empty-hint", root).problems).toMatchObject([{ line: 2, message: "empty hint: remove the extra --- or write the hint" }]);
  });

  test("checkChallenges runs every solution and starter and reports what is wrong where", async () => {
    const problems = await checkChallenges(root, { pool: pool() });
    const found = problems.map((p) => `${path.relative(root, p.file.startsWith("/") ? p.file : path.resolve(p.file))}:${p.line ?? ""}: ${p.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        `challenges/failing/hidden.test.ts:9: the reference solution fails "adds negatives": expected -3, received -2`,
        `challenges/too-easy/starter.ts:: the starter code already passes every hidden test`,
        `challenges/few-tests/hidden.test.ts:1: has 3 tests; a hidden suite has ${MIN_HIDDEN_TESTS} to ${MAX_HIDDEN_TESTS}`,
        `challenges/no-lesson/challenge.md:4: "lesson" names unknown lesson "nowhere"`,
        `challenges/missing-files/solution.ts:: missing file: every challenge needs a reference solution.ts`,
        `challenges/empty-hint/challenge.md:4: lesson "demo" does not show this challenge: its Challenge step needs <Challenge id="empty-hint" />`,
      ]),
    );
    expect(found.some((f) => /^challenges\/bad-syntax\/hidden\.test\.ts:5: does not compile: /.test(f))).toBe(true);
    expect(found.filter((f) => f.startsWith("challenges/good/"))).toEqual([]);
  });
});
