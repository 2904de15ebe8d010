import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, test, vi } from "vitest";

// The fixture course: lesson "alpha" with quiz "alpha" (one question of each kind). The database is the throwaway
// file from global setup; the signed-in user is whatever `signedInAs` says.
process.env.DECOUPLED_CONTENT_DIR = path.resolve("tests/fixtures/quizzes/course");
process.env.AUTH_SECRET ??= "integration-test-secret";

let signedInAs: string | null = null;
vi.mock("@/lib/server/session", () => ({ currentUserId: async () => signedInAs }));

const { prisma } = await import("@/lib/server/db");
const { POST } = await import("@/app/api/quizzes/[id]/attempts/route");
const { loadQuiz, toPublicQuiz } = await import("@/lib/server/quizzes");
const { issueQuizToken } = await import("@/lib/server/quiz-tokens");
const { verifyReceipt } = await import("@/lib/server/receipts");
const { getCompletedSteps } = await import("@/lib/server/progress");
const { parseQuiz } = await import("@/lib/content/quizzes");
const { quizAttemptResponseSchema } = await import("@/lib/api/quizzes");

// Response bodies are inspected loosely; the shapes under test are asserted field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a reply's fields are read without narrowing each one
type Json = Record<string, any>;

async function post(body: unknown, quizId = "alpha", contentType = "application/json"): Promise<{ status: number; json: Json }> {
  const req = new Request(`http://test/api/quizzes/${quizId}/attempts`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await POST(req, { params: Promise.resolve({ id: quizId }) });
  return { status: res.status, json: (await res.json()) as Json };
}

// The fixture's answers, written out: single "three", multiple {buffer, decoupling}, predict "redelivered",
// ordering publish < store < deliver < ack.
const RIGHT = { "pick-one": "three", "pick-many": ["decoupling", "buffer"], "what-next": "redelivered", lifecycle: ["publish", "store", "deliver", "ack"] };
const WRONG = { "pick-one": "six", "pick-many": ["buffer", "speed"], "what-next": "lost", lifecycle: ["store", "publish", "deliver", "ack"] };

async function newUser(label: string) {
  return prisma.user.create({ data: { email: `${label}-${crypto.randomUUID()}@example.test` } });
}

beforeEach(() => {
  signedInAs = null;
});

describe("grading each kind of question on the server", () => {
  test("a right single-choice answer shows the explanation of every choice", async () => {
    const { status, json } = await post({ answers: { "pick-one": "three" } });
    expect(status).toBe(200);
    const r = json.results["pick-one"];
    expect(r).toMatchObject({ kind: "single", correct: true, chosen: [{ choiceId: "three", correct: true }] });
    expect(r.chosen[0].explanationHtml).toContain("there is only one");
    expect(r.review.map((c: Json) => c.choiceId)).toEqual(["none", "three", "six"]);
  });

  test("a wrong answer explains the chosen choice but does not reveal the right one", async () => {
    const { json } = await post({ answers: { "pick-one": "six", "what-next": "dlq" } });
    for (const [qid, chosen, rightId] of [["pick-one", "six", "three"], ["what-next", "dlq", "redelivered"]] as const) {
      const r = json.results[qid];
      expect(r.correct).toBe(false);
      expect(r.chosen).toEqual([{ choiceId: chosen, correct: false, explanationHtml: expect.stringMatching(/^<p>.+<\/p>$/) }]);
      expect(r.review).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain(`"${rightId}"`);
    }
    expect(json.attempt).toEqual({ answered: 2, correct: 0 });
  });

  test("select-all-that-apply: each selection is marked, missing ones are only counted", async () => {
    const partial = (await post({ answers: { "pick-many": ["buffer", "speed"] } })).json.results["pick-many"];
    expect(partial).toMatchObject({ kind: "multiple", correct: false, missing: 1 });
    expect(partial.chosen.map((c: Json) => [c.choiceId, c.correct])).toEqual([["buffer", true], ["speed", false]]);
    expect(JSON.stringify(partial)).not.toContain("decoupling");

    const subset = (await post({ answers: { "pick-many": ["buffer"] } })).json.results["pick-many"];
    expect(subset).toMatchObject({ correct: false, missing: 1 });

    const right = (await post({ answers: { "pick-many": ["decoupling", "buffer"] } })).json.results["pick-many"];
    expect(right).toMatchObject({ correct: true, missing: 0 });
    expect(right.review).toHaveLength(4);
  });

  test("predict is graded like a single choice and its explanation is Markdown rendered to HTML", async () => {
    const r = (await post({ answers: { "what-next": "redelivered" } })).json.results["what-next"];
    expect(r).toMatchObject({ kind: "predict", correct: true });
    expect(r.chosen[0].explanationHtml).toBe("<p>Unacknowledged messages come back when the consumer&#39;s lease runs out.</p>");
  });

  test("ordering: a wrong order says how many are in place; the right one unlocks the explanation", async () => {
    const wrong = (await post({ answers: { lifecycle: ["store", "publish", "deliver", "ack"] } })).json.results.lifecycle;
    expect(wrong).toEqual({ kind: "ordering", correct: false, inPlace: 2, total: 4 });
    const right = (await post({ answers: { lifecycle: RIGHT.lifecycle } })).json.results.lifecycle;
    expect(right).toMatchObject({ kind: "ordering", correct: true, inPlace: 4 });
    expect(right.explanationHtml).toContain("<em>acknowledges</em>");
  });
});

describe("malformed attempts are refused with a message", () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ["an unknown question", { answers: { nope: "a" } }, /has no question "nope"/],
    ["a list for a single-choice question", { answers: { "pick-one": ["three"] } }, /must be one choice id/],
    ["one id for a select-all question", { answers: { "pick-many": "buffer" } }, /must be a list of choice ids/],
    ["an unknown choice id", { answers: { "what-next": "maybe" } }, /has no choice "maybe"/],
    ["the same choice twice", { answers: { "pick-many": ["buffer", "buffer"] } }, /lists "buffer" twice/],
    ["an empty selection", { answers: { "pick-many": [] } }, /selects nothing/],
    ["an ordering missing an item", { answers: { lifecycle: ["publish", "store", "deliver"] } }, /order all 4 items exactly once/],
    ["an ordering with an item twice", { answers: { lifecycle: ["publish", "store", "store", "ack"] } }, /lists "store" twice/],
    ["an ordering with an unknown item", { answers: { lifecycle: ["publish", "store", "deliver", "ack", "x"] } }, /has no item "x"/],
    ["a string for an ordering", { answers: { lifecycle: "publish" } }, /list of item ids in order/],
    ["no answers at all", { answers: {} }, /answer at least one question/],
    ["a number as an answer", { answers: { "pick-one": 3 } }, /invalid "answers.pick-one"/],
    ["an unexpected field", { answers: { "pick-one": "three" }, correct: true }, /invalid body: Unrecognized key/],
    ["no answers field", { token: "x" }, /invalid "answers"/],
    ["a body that is not JSON", "{answers:", /not valid JSON/],
  ];

  test.each(cases)("%s -> 400", async (_label, body, message) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });

  test("a malformed answer grades nothing, even alongside good ones", async () => {
    const u = await newUser("malformed");
    signedInAs = u.id;
    expect((await post({ answers: { "pick-one": "three", "what-next": "maybe" } })).status).toBe(400);
    expect(await prisma.quizAttempt.count({ where: { userId: u.id } })).toBe(0);
  });

  test("an unknown quiz is 404, and ids cannot walk the file system", async () => {
    expect((await post({ answers: { a: "b" } }, "no-such-quiz")).status).toBe(404);
    expect((await post({ answers: { a: "b" } }, "../lessons/01-alpha")).status).toBe(404);
  });

  test("a body not declared as JSON is 415, and the answers in the response match the shared schema", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const { status, json } = await post({ answers: { "pick-one": "three" } }, "alpha", type);
      expect(status, type).toBe(415);
      expect(json.error).toMatch(/as JSON/);
    }
    const { status, json } = await post({ answers: { "pick-one": "three" } }, "alpha", "application/json; charset=utf-8");
    expect(status).toBe(200);
    expect(quizAttemptResponseSchema.parse(json).solved).toEqual(["pick-one"]);
  });

  test("a body over the limit is 413", async () => {
    const { status, json } = await post({ answers: { "pick-one": "three" }, token: "x".repeat(20_000) });
    expect(status).toBe(413);
    expect(json.error).toMatch(/larger than/);
  });
});

describe("completing the step across attempts (guest)", () => {
  test("the token carries verified questions into the next attempt; all correct gives a receipt", async () => {
    const first = (await post({ answers: { ...WRONG, "pick-one": RIGHT["pick-one"], lifecycle: RIGHT.lifecycle } })).json;
    expect(first.attempt).toEqual({ answered: 4, correct: 2 });
    expect(first.solved).toEqual(["pick-one", "lifecycle"]);
    expect(first.stepCompleted).toBe(false);
    expect(first.receipt).toBeUndefined();

    // "Retry wrong questions": only the two wrong ones are sent again, with the token.
    const second = (await post({ answers: { "pick-many": RIGHT["pick-many"], "what-next": RIGHT["what-next"] }, token: first.token })).json;
    expect(second.tokenAccepted).toBe(true);
    expect(second.solved).toEqual(["pick-one", "pick-many", "what-next", "lifecycle"]);
    expect(second.stepCompleted).toBe(true);
    expect(verifyReceipt(second.receipt)).toMatchObject({ lessonSlug: "alpha", stepId: "quiz", subject: "quiz:alpha" });
  });

  test("without the token, retrying only the wrong questions does not complete the step", async () => {
    await post({ answers: { "pick-one": RIGHT["pick-one"], lifecycle: RIGHT.lifecycle } });
    const again = (await post({ answers: { "pick-many": RIGHT["pick-many"], "what-next": RIGHT["what-next"] } })).json;
    expect(again.solved).toEqual(["pick-many", "what-next"]);
    expect(again.stepCompleted).toBe(false);
  });

  test("a forged or altered token counts for nothing", async () => {
    const real = (await post({ answers: { "pick-one": RIGHT["pick-one"] } })).json.token as string;
    const [, mac] = real.split(".");
    const claim = Buffer.from(JSON.stringify({ quizId: "alpha", sub: "guest", solved: ["pick-one", "pick-many", "what-next", "lifecycle"], iat: Date.now() })).toString("base64url");
    const forgeries = [
      `${claim}.${mac}`, // real signature, edited payload
      `${claim}.${"A".repeat(mac.length)}`, // made-up signature
      claim, // no signature
      issueQuizToken({ quizId: "other-quiz", sub: "guest", solved: ["pick-one", "pick-many", "what-next", "lifecycle"] }), // another quiz
    ];
    for (const token of forgeries) {
      const r = (await post({ answers: { lifecycle: RIGHT.lifecycle }, token })).json;
      expect(r.tokenAccepted, token).toBe(false);
      expect(r.solved).toEqual(["lifecycle"]);
      expect(r.stepCompleted).toBe(false);
      expect(r.receipt).toBeUndefined();
    }
  });
});

describe("signed-in attempts", () => {
  test("are stored, and the step is recorded only once every question has been right", async () => {
    const u = await newUser("quiz");
    signedInAs = u.id;
    const first = (await post({ answers: WRONG })).json;
    expect(first.stepCompleted).toBe(false);
    const second = (await post({ answers: { "pick-one": RIGHT["pick-one"], "pick-many": RIGHT["pick-many"], "what-next": RIGHT["what-next"] } })).json;
    expect(second.solved).toEqual(["pick-one", "pick-many", "what-next"]);
    expect(second.stepCompleted).toBe(false);
    expect((await getCompletedSteps(u.id)).alpha).toBeUndefined();

    // No token sent: the server remembers earlier attempts for a signed-in user.
    const third = (await post({ answers: { lifecycle: RIGHT.lifecycle } })).json;
    expect(third.solved).toEqual(["pick-one", "pick-many", "what-next", "lifecycle"]);
    expect(third.stepCompleted).toBe(true);
    expect(third.receipt).toBeUndefined(); // recorded server-side instead
    expect((await getCompletedSteps(u.id)).alpha).toEqual(["quiz"]);

    const rows = await prisma.quizAttempt.findMany({ where: { userId: u.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.correct, r.total])).toEqual([[0, 4], [3, 4], [1, 4]]);
    expect(rows[0].answers).toEqual(WRONG);
    expect(rows[0].results).toEqual({ "pick-one": { correct: false }, "pick-many": { correct: false }, "what-next": { correct: false }, lifecycle: { correct: false } });
  });

  test("another user's token is not accepted; a guest token earned in this browser is", async () => {
    const a = await newUser("token-a");
    const b = await newUser("token-b");
    signedInAs = a.id;
    const tokenOfA = (await post({ answers: { "pick-one": RIGHT["pick-one"], "pick-many": RIGHT["pick-many"], "what-next": RIGHT["what-next"] } })).json.token;
    signedInAs = b.id;
    const stolen = (await post({ answers: { lifecycle: RIGHT.lifecycle }, token: tokenOfA })).json;
    expect(stolen.tokenAccepted).toBe(false);
    expect(stolen.stepCompleted).toBe(false);
    expect((await getCompletedSteps(b.id)).alpha).toBeUndefined();

    signedInAs = null;
    const guestToken = (await post({ answers: { "pick-one": RIGHT["pick-one"], "pick-many": RIGHT["pick-many"], "what-next": RIGHT["what-next"] } })).json.token;
    signedInAs = b.id;
    const merged = (await post({ answers: { lifecycle: RIGHT.lifecycle }, token: guestToken })).json;
    expect(merged.tokenAccepted).toBe(true);
    expect(merged.stepCompleted).toBe(true);
    expect((await getCompletedSteps(b.id)).alpha).toEqual(["quiz"]);
  });
});

describe("the public view of every course quiz leaks no answers", () => {
  const root = path.resolve("content");
  const ids = fs.readdirSync(path.join(root, "quizzes")).map((f) => f.replace(/\.yaml$/, ""));

  /** Long runs of plain words from a text: distinctive enough that finding one means the text leaked. */
  const fingerprints = (md: string) => md.split(/[^A-Za-z0-9 ,]+/).map((s) => s.trim()).filter((s) => s.length >= 20);

  test.each(ids)("%s", (id) => {
    const quiz = loadQuiz(id, root)!;
    const view = toPublicQuiz(quiz);
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/"correct"|"explanation/i);
    for (const q of quiz.questions) {
      const texts = q.kind === "ordering" ? [q.explanation] : q.choices.map((c) => c.explanation);
      for (const t of texts) for (const f of fingerprints(t)) expect(json, `explanation of ${q.id} leaked`).not.toContain(f);
      const pub = view.questions.find((p) => p.id === q.id)!;
      if (q.kind === "ordering" && pub.kind === "ordering") {
        expect(pub.items.map((i) => i.id), `${q.id} shows the correct order`).not.toEqual(q.items.map((i) => i.id));
        expect([...pub.items.map((i) => i.id)].sort()).toEqual(q.items.map((i) => i.id).sort());
      }
    }
    // Deterministic: server render and a later render agree.
    expect(JSON.stringify(toPublicQuiz(quiz))).toBe(json);
    expect(parseQuiz(quiz.file, fs.readFileSync(path.join(root, "quizzes", `${id}.yaml`), "utf8")).quiz).toBeTruthy();
  });
});
