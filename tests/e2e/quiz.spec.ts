import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parse } from "yaml";
import { signUp, uniqueEmail } from "./helpers";

// The answers come from the quiz file itself, so the test follows the content when an author edits it.
interface Choice {
  id: string;
  text: string;
  correct?: boolean;
  explanation: string;
}
interface Question {
  id: string;
  kind: "single" | "multiple" | "predict" | "ordering";
  choices?: Choice[];
  items?: Array<{ id: string; text: string }>;
  explanation?: string;
}
const SLUG = "message-queues";
const quiz = parse(fs.readFileSync(path.resolve(`content/quizzes/${SLUG}.yaml`), "utf8")) as { questions: Question[] };
const firstChoiceQuestion = quiz.questions.find((q) => q.kind === "single" || q.kind === "predict")!;

/** A run of plain words from Markdown text, long enough that finding it means the text is on the page. */
function fingerprint(md: string): string {
  const runs = md.split(/[^A-Za-z0-9 ,]+/).map((s) => s.trim().replace(/\s+/g, " "));
  return runs.sort((a, b) => b.length - a.length)[0];
}

const quizBox = (page: Page) => page.getByTestId(`quiz-${SLUG}`);

/** Bring the quiz into view and wait until the interactive quiz has replaced its server-rendered stand-in. */
async function openQuiz(page: Page): Promise<void> {
  await page.locator("#step-quiz").scrollIntoViewIfNeeded(); // the step, not the quiz: the quiz is swapped as it loads
  await expect(quizBox(page)).not.toHaveAttribute("data-state", "loading", { timeout: 15_000 });
}
const questionBox = (page: Page, q: Question) => quizBox(page).getByTestId(`quiz-question-${q.id}`);

/** Current order of an ordering question's items, top first. */
async function orderOf(box: Locator): Promise<string[]> {
  return box.locator("li[data-id]").evaluateAll((els) => els.map((el) => el.getAttribute("data-id")!));
}

/** Arrange an ordering question with its Move up buttons (the keyboard-accessible way). */
async function arrange(box: Locator, target: string[]): Promise<void> {
  for (let t = 0; t < target.length; t++) {
    let current = (await orderOf(box)).indexOf(target[t]);
    while (current > t) {
      await box.locator(`li[data-id="${target[t]}"]`).getByRole("button", { name: /^Move up: / }).click();
      current--;
    }
  }
  expect(await orderOf(box)).toEqual(target);
}

async function answer(page: Page, q: Question, right: boolean): Promise<void> {
  const box = questionBox(page, q);
  if (q.kind === "ordering") {
    const ids = q.items!.map((i) => i.id);
    await arrange(box, right ? ids : [ids[1], ids[0], ...ids.slice(2)]);
  } else if (q.kind === "multiple") {
    const boxes = box.getByRole("checkbox");
    const pick = right ? q.choices!.filter((c) => c.correct) : [q.choices!.find((c) => !c.correct)!];
    for (const c of pick) await boxes.nth(q.choices!.indexOf(c)).check();
  } else {
    const index = q.choices!.findIndex((c) => Boolean(c.correct) === right);
    await box.getByRole("radio").nth(index).check();
  }
}

test("a wrong answer is explained without giving the right one; retrying it completes the step, which survives reload", async ({ page }) => {
  await signUp(page, uniqueEmail("quiz"));
  await page.goto(`/learn/${SLUG}#step-quiz`);
  await openQuiz(page);
  const total = quiz.questions.length;

  for (const q of quiz.questions) await answer(page, q, q !== firstChoiceQuestion);
  await quizBox(page).getByRole("button", { name: "Check answers" }).click();

  const wrongBox = questionBox(page, firstChoiceQuestion);
  const feedback = wrongBox.getByTestId(`quiz-feedback-${firstChoiceQuestion.id}`);
  await expect(feedback).toContainText("Not quite");
  const chosenWrong = firstChoiceQuestion.choices!.find((c) => !c.correct)!;
  const rightChoice = firstChoiceQuestion.choices!.find((c) => c.correct)!;
  await expect(feedback).toContainText(fingerprint(chosenWrong.explanation));
  await expect(wrongBox).not.toContainText(fingerprint(rightChoice.explanation));
  await expect(quizBox(page).getByTestId("quiz-progress")).toHaveText(`${total - 1}/${total} correct`);
  await expect(quizBox(page).getByRole("status")).toContainText(`${total - 1} of ${total} correct`);
  await expect(page.getByTestId("step-done-quiz")).toHaveCount(0);

  await quizBox(page).getByRole("button", { name: "Retry wrong questions" }).click();
  await expect(feedback).toHaveCount(0);
  await expect(wrongBox.getByRole("radio").first()).toBeEnabled();
  // Questions answered correctly stay answered.
  await expect(questionBox(page, quiz.questions.find((q) => q !== firstChoiceQuestion)!).getByTestId(/quiz-feedback-/)).toContainText("Correct");

  await answer(page, firstChoiceQuestion, true);
  await quizBox(page).getByRole("button", { name: "Check answers" }).click();
  await expect(wrongBox.getByTestId(`quiz-feedback-${firstChoiceQuestion.id}`)).toContainText("Correct");
  await expect(quizBox(page).getByTestId("quiz-progress")).toHaveText(`${total}/${total} correct`);
  await expect(quizBox(page).getByTestId("quiz-complete")).toBeVisible();
  await expect(page.getByTestId("step-done-quiz")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("step-done-quiz")).toBeVisible();
  await openQuiz(page);
  await expect(quizBox(page).getByTestId("quiz-progress")).toHaveText(`${total}/${total} correct`);
  await expect(quizBox(page).getByTestId("quiz-complete")).toBeVisible();
});

test("a guest's completed quiz step is kept through sign-up", async ({ page }) => {
  await page.goto(`/learn/${SLUG}#step-quiz`);
  await openQuiz(page);
  for (const q of quiz.questions) await answer(page, q, true);
  await quizBox(page).getByRole("button", { name: "Check answers" }).click();
  await expect(quizBox(page).getByTestId("quiz-complete")).toBeVisible();
  await expect(page.getByTestId("step-done-quiz")).toBeVisible();

  await signUp(page, uniqueEmail("quiz-guest"), `/learn/${SLUG}`);
  await expect(page.getByTestId("step-done-quiz")).toBeVisible();
  await expect
    .poll(async () => ((await (await page.request.get("/api/progress")).json()) as { lessons: Array<{ slug: string; completed: number }> }).lessons.find((l) => l.slug === SLUG)?.completed)
    .toBe(1);
});

test("ordering works with the keyboard and by dragging", async ({ page }) => {
  await page.goto(`/learn/${SLUG}#step-quiz`);
  await openQuiz(page);
  const q = quiz.questions.find((x) => x.kind === "ordering")!;
  const box = questionBox(page, q);
  const before = await orderOf(box);
  expect(before, "the items must not be shown in the correct order").not.toEqual(q.items!.map((i) => i.id));

  // Keyboard: Move down keeps focus on the moved item's button, so pressing Enter again keeps moving it.
  const first = before[0];
  const down = box.locator(`li[data-id="${first}"]`).getByRole("button", { name: /^Move down: / });
  await down.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => orderOf(box)).toEqual([before[1], first, ...before.slice(2)]);
  await expect(box.locator(`li[data-id="${first}"]`).getByRole("button", { name: /^Move down: / })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => orderOf(box)).toEqual([before[1], before[2], first, ...before.slice(3)]);

  // Drag: the last item by its grip to the top.
  const now = await orderOf(box);
  const last = now.at(-1)!;
  const grip = box.getByTestId(`drag-${last}`);
  const target = box.locator(`li[data-id="${now[0]}"]`);
  const from = (await grip.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => orderOf(box)).toEqual([last, ...now.slice(0, -1)]);
});

test("the lesson page's HTML and RSC payload carry no answers or explanations", async ({ request }) => {
  const html = await (await request.get(`/learn/${SLUG}`)).text();
  const rsc = await (await request.get(`/learn/${SLUG}`, { headers: { RSC: "1" } })).text();
  expect(html).toContain(`data-testid="quiz-${SLUG}"`); // the quiz is really on the page
  expect(rsc).toMatch(/promptHtml/); // and its props are in the payload the client renders from
  for (const body of [html, rsc]) {
    expect(body).not.toMatch(/\\?"correct\\?":\s*(true|false)/);
    expect(body).not.toMatch(/\\?"explanation(Html)?\\?":/);
    for (const q of quiz.questions) {
      const explanations = q.kind === "ordering" ? [q.explanation!] : q.choices!.map((c) => c.explanation);
      for (const e of explanations) expect(body, `explanation of "${q.id}" leaked`).not.toContain(fingerprint(e));
    }
  }
});
