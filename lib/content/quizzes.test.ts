import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatProblem } from "./errors";
import { checkQuizzes, MAX_QUESTIONS, MIN_QUESTIONS, parseQuiz, QUESTION_KINDS, type Quiz } from "./quizzes";

const broken = path.resolve("tests/fixtures/quizzes/broken");

/** The checker's `file:line: message` lines for one broken fixture. */
function problemsOf(name: string): string[] {
  const file = `tests/fixtures/quizzes/broken/${name}.yaml`;
  const { quiz, problems } = parseQuiz(file, fs.readFileSync(path.join(broken, `${name}.yaml`), "utf8"));
  expect(quiz, `${name} must not load`).toBeUndefined();
  return problems.map(formatProblem);
}

describe("a broken quiz file is reported with file, line and what to fix", () => {
  // Each fixture is the valid fixture quiz with one thing broken (see the comment on its first line).
  const cases: Array<[string, string[]]> = [
    ["missing-correct", [`missing-correct.yaml:5: question "pick-one" has no correct choice: mark exactly one with "correct: true"`]],
    ["two-correct", [`two-correct.yaml:17: question "pick-one" (single) has 2 correct choices but needs exactly one`]],
    ["multiple-no-correct", [`multiple-no-correct.yaml:20: question "pick-many" has no correct choice: mark at least one`]],
    ["duplicate-question-id", [`duplicate-question-id.yaml:38: question id "pick-one" is used twice (first at line 5)`]],
    ["duplicate-choice-id", [`duplicate-choice-id.yaml:60: question "what-next": choice id "lost" is used twice`]],
    ["missing-explanation", [`missing-explanation.yaml:32: question "pick-many" choice "speed": "explanation" is required`]],
    ["duplicate-item", [`duplicate-item.yaml:71: question "lifecycle": item "deliver" has the same text as an earlier item`]],
    ["too-few-items", [`too-few-items.yaml:66: question "lifecycle": "items" needs at least 3 items`]],
    ["ordering-no-explanation", [`ordering-no-explanation.yaml:63: question "lifecycle": "explanation" is required`]],
    ["predict-no-scenario", [`predict-no-scenario.yaml:38: question "what-next": "scenario" is required`]],
    ["unknown-visual", [`unknown-visual.yaml:50: question "what-next": "visual" must be a visual model id: one of message-queue`]],
    ["unknown-kind", [`unknown-kind.yaml:21: question "pick-many": "kind" must be one of single, multiple, ordering, predict`]],
    ["too-few-questions", [`too-few-questions.yaml:4: "questions": a quiz has 4–6 questions (this one has 3)`]],
    ["invalid-yaml", [`invalid-yaml.yaml:13: not valid YAML: Tabs are not allowed`]],
    [
      "misspelled-field",
      [`misspelled-field.yaml:10: question "pick-one" choice "none": "explanation" is required`, `misspelled-field.yaml:10: question "pick-one" choice "none": unknown field "explaination"`],
    ],
  ];

  test.each(cases)("%s", (name, expected) => {
    const problems = problemsOf(name);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(problems[i]).toContain(`tests/fixtures/quizzes/broken/${e}`));
  });

  test("every fixture in the folder has a case above", () => {
    const names = fs.readdirSync(broken).map((f) => f.replace(/\.yaml$/, ""));
    expect(names.sort()).toEqual(cases.map(([n]) => n).sort());
  });
});

describe("checks across files", () => {
  test("the quiz id must match its file name, and its lesson must exist and show it", () => {
    const problems = checkQuizzes(path.resolve("tests/fixtures/quizzes/cross-file")).map(formatProblem);
    expect(problems).toEqual([
      `tests/fixtures/quizzes/cross-file/quizzes/lost.yaml:3: "lesson" names unknown lesson "gamma"`,
      `tests/fixtures/quizzes/cross-file/quizzes/mismatch.yaml:2: "id" is "renamed-quiz" but the file name says "mismatch"`,
      `tests/fixtures/quizzes/cross-file/quizzes/mismatch.yaml:3: lesson "alpha" does not show this quiz: its Quick Quiz step needs <Quiz id="renamed-quiz" />`,
      `tests/fixtures/quizzes/cross-file/quizzes/orphan.yaml:3: lesson "beta" does not show this quiz: its Quick Quiz step needs <Quiz id="orphan" />`,
    ]);
  });

  test("the fixture course the integration tests use is valid", () => {
    expect(checkQuizzes(path.resolve("tests/fixtures/quizzes/course"))).toEqual([]);
  });
});

describe("the course's quizzes", () => {
  const root = path.resolve("content");
  const quizzes: Quiz[] = fs
    .readdirSync(path.join(root, "quizzes"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => {
      const file = `content/quizzes/${f}`;
      const { quiz, problems } = parseQuiz(file, fs.readFileSync(path.join(root, "quizzes", f), "utf8"));
      expect(problems.map(formatProblem)).toEqual([]);
      return quiz!;
    });

  test("are all valid and each belongs to a lesson that shows it", () => {
    expect(checkQuizzes(root).map(formatProblem)).toEqual([]);
  });

  test("every lesson has a quiz", () => {
    const lessons = fs.readdirSync(path.join(root, "lessons")).filter((f) => f.endsWith(".mdx")).map((f) => f.replace(/^\d{2}-|\.mdx$/g, ""));
    expect(quizzes.map((q) => q.lesson).sort()).toEqual(lessons.sort());
  });

  test(`have ${MIN_QUESTIONS}–${MAX_QUESTIONS} questions each and at least 40 in total`, () => {
    for (const q of quizzes) expect(q.questions.length, q.file).toBeGreaterThanOrEqual(MIN_QUESTIONS);
    expect(quizzes.reduce((n, q) => n + q.questions.length, 0)).toBeGreaterThanOrEqual(40);
  });

  test("use every question kind several times", () => {
    const count = Object.fromEntries(QUESTION_KINDS.map((k) => [k, 0]));
    for (const q of quizzes) for (const question of q.questions) count[question.kind]++;
    for (const k of QUESTION_KINDS) expect(count[k], k).toBeGreaterThanOrEqual(3);
  });
});
