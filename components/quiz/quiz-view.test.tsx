// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { PublicQuiz } from "@/lib/content/quizzes";
import { QuizView } from "./quiz-view";

// A public quiz as the server would hand it over: no answers in it. The fake server below grades against ANSWERS.
const QUIZ: PublicQuiz = {
  id: "demo",
  lessonSlug: "demo",
  questions: [
    { id: "q1", kind: "single", promptHtml: "<p>Pick <code>b</code></p>", choices: ["a", "b", "c"].map((id) => ({ id, html: id.toUpperCase(), label: id.toUpperCase() })) },
    { id: "q2", kind: "multiple", promptHtml: "<p>Pick a and c</p>", choices: ["a", "b", "c"].map((id) => ({ id, html: id.toUpperCase(), label: id.toUpperCase() })) },
    {
      id: "q3",
      kind: "predict",
      promptHtml: "<p>What happens?</p>",
      scenarioHtml: "<p>A consumer crashes.</p>",
      visual: "message-queue",
      choices: ["x", "y"].map((id) => ({ id, html: id.toUpperCase(), label: id.toUpperCase() })),
    },
    { id: "q4", kind: "ordering", promptHtml: "<p>Order</p>", items: ["three", "one", "two"].map((id) => ({ id, html: `Step ${id}`, label: `Step ${id}` })) },
  ],
};
const ANSWERS: Record<string, string | string[]> = { q1: "b", q2: ["a", "c"], q3: "y", q4: ["one", "two", "three"] };

let requests: Array<{ answers: Record<string, string | string[]>; token?: string }> = [];
let verified: Array<{ stepId: string; receipt?: string }> = [];

vi.mock("@/components/lesson/lesson-progress", () => ({
  useOptionalLessonProgress: () => ({ markVerified: (stepId: string, receipt?: string) => verified.push({ stepId, receipt }) }),
}));

beforeEach(() => {
  requests = [];
  verified = [];
  localStorage.clear();
  // The fake server: grades, unions with the (unsigned, test-only) token, and answers like the real route.
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { answers: Record<string, string | string[]>; token?: string };
      requests.push(body);
      const earlier: string[] = body.token ? JSON.parse(body.token) : [];
      const results: Record<string, unknown> = {};
      for (const [qid, a] of Object.entries(body.answers)) {
        const correct = JSON.stringify(a) === JSON.stringify(ANSWERS[qid]);
        const kind = QUIZ.questions.find((q) => q.id === qid)!.kind;
        results[qid] =
          kind === "ordering"
            ? { kind, correct, inPlace: correct ? 3 : 1, total: 3, ...(correct ? { explanationHtml: "<p>Why this order</p>" } : {}) }
            : { kind, correct, chosen: [a].flat().map((id) => ({ choiceId: id, correct, explanationHtml: `<p>About ${id}</p>` })), missing: 0 };
      }
      const solved = QUIZ.questions.map((q) => q.id).filter((id) => earlier.includes(id) || (results[id] as { correct?: boolean } | undefined)?.correct);
      const done = solved.length === QUIZ.questions.length;
      const data = {
        quizId: "demo",
        results,
        attempt: { answered: Object.keys(results).length, correct: Object.values(results).filter((r) => (r as { correct: boolean }).correct).length },
        solved,
        total: 4,
        token: JSON.stringify(solved),
        tokenAccepted: true,
        stepCompleted: done,
        ...(done ? { receipt: "receipt-1" } : {}),
      };
      return new Response(JSON.stringify(data), { status: 200, headers: { "content-type": "application/json" } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const question = (id: string) => screen.getByTestId(`quiz-question-${id}`);
const order = (id: string) => [...question(id).querySelectorAll("li[data-id]")].map((li) => li.getAttribute("data-id"));

async function check() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Check answers" }));
  });
}

describe("QuizView", () => {
  test("uses radio groups, checkboxes and ordering buttons, and shows a paused model beside a predict scenario", () => {
    render(<QuizView quiz={QUIZ} signedIn={false} initialSolved={[]} />);
    expect(within(question("q1")).getAllByRole("radio")).toHaveLength(3);
    expect(within(question("q1")).getByRole("radiogroup")).toBeTruthy();
    expect(within(question("q2")).getAllByRole("checkbox")).toHaveLength(3);
    expect(question("q2").textContent).toContain("Select all that apply");
    expect(within(question("q3")).getByTestId("paused-model-message-queue").textContent).toContain("Paused model");
    expect(within(question("q4")).getByRole("button", { name: "Move up: Step one" })).toBeTruthy();
    expect(screen.getByTestId("quiz-progress").textContent).toBe("0/4 correct");
  });

  test("Move up/down reorders and keeps focus on the pressed button", () => {
    render(<QuizView quiz={QUIZ} signedIn={false} initialSolved={[]} />);
    const up = within(question("q4")).getByRole("button", { name: "Move up: Step one" });
    fireEvent.click(up);
    expect(order("q4")).toEqual(["one", "three", "two"]);
    expect(document.activeElement).toBe(within(question("q4")).getByRole("button", { name: "Move up: Step one" }));
    // At the top, Move up does nothing (it stays focusable rather than vanishing from the tab order).
    fireEvent.click(within(question("q4")).getByRole("button", { name: "Move up: Step one" }));
    expect(order("q4")).toEqual(["one", "three", "two"]);
  });

  test("sends only answered questions; an untouched ordering is not an answer", async () => {
    render(<QuizView quiz={QUIZ} signedIn={false} initialSolved={[]} />);
    fireEvent.click(within(question("q1")).getByRole("radio", { name: "B" }));
    await check();
    expect(requests[0].answers).toEqual({ q1: "b" });
    expect(screen.getByTestId("quiz-progress").textContent).toBe("1/4 correct");
  });

  test("wrong answers get feedback; Retry resets only those; the token goes back; all correct marks the step", async () => {
    render(<QuizView quiz={QUIZ} signedIn={false} initialSolved={[]} />);
    fireEvent.click(within(question("q1")).getByRole("radio", { name: "A" })); // wrong
    fireEvent.click(within(question("q2")).getByRole("checkbox", { name: "A" }));
    fireEvent.click(within(question("q2")).getByRole("checkbox", { name: "C" }));
    fireEvent.click(within(question("q3")).getByRole("radio", { name: "Y" }));
    fireEvent.click(within(question("q4")).getByRole("button", { name: "Move up: Step one" }));
    await check();

    expect(within(question("q1")).getByTestId("quiz-feedback-q1").textContent).toContain("Not quite");
    expect(within(question("q1")).getByTestId("quiz-feedback-q1").textContent).toContain("About a");
    expect(within(question("q4")).getByTestId("quiz-feedback-q4").textContent).toContain("1 of 3 items are in the right place");
    expect(screen.getByRole("status").textContent).toContain("2 of 4 correct");
    expect(screen.getByTestId("quiz-progress").textContent).toBe("2/4 correct");

    fireEvent.click(screen.getByRole("button", { name: "Retry wrong questions" }));
    expect(within(question("q1")).queryByTestId("quiz-feedback-q1")).toBeNull();
    expect((within(question("q1")).getByRole("radio", { name: "A" }) as HTMLInputElement).checked).toBe(false);
    expect((within(question("q2")).getByRole("checkbox", { name: /^A\s*\(right\)$/ }) as HTMLInputElement).disabled).toBe(true); // right ones stay, marked
    expect(order("q4")).toEqual(["one", "three", "two"]); // the arrangement is kept to fix

    fireEvent.click(within(question("q1")).getByRole("radio", { name: "B" }));
    fireEvent.click(within(question("q4")).getByRole("button", { name: "Move down: Step three" }));
    await check();
    expect(requests[1]).toEqual({ answers: { q1: "b", q4: ["one", "two", "three"] }, token: JSON.stringify(["q2", "q3"]) });
    expect(screen.getByTestId("quiz-complete").textContent).toContain("All 4 questions answered correctly");
    expect(verified).toEqual([{ stepId: "quiz", receipt: "receipt-1" }]);
    expect(screen.queryByRole("button", { name: "Check answers" })).toBeNull();
  });

  test("a guest's token is kept in this browser and restores verified questions after a reload", async () => {
    const { unmount } = render(<QuizView quiz={QUIZ} signedIn={false} initialSolved={[]} />);
    fireEvent.click(within(question("q1")).getByRole("radio", { name: "B" }));
    await check();
    unmount();
    // What a reload shows comes from the response's plain `solved` list; the token goes back untouched.
    render(<QuizView quiz={QUIZ} signedIn={false} initialSolved={[]} />);
    expect(question("q1").textContent).toContain("You answered this correctly in an earlier attempt");
    expect(screen.getByTestId("quiz-progress").textContent).toBe("1/4 correct");
    fireEvent.click(within(question("q3")).getByRole("radio", { name: "Y" }));
    await check();
    expect(requests[1]).toEqual({ answers: { q3: "y" }, token: JSON.stringify(["q1"]) });
    expect(screen.getByTestId("quiz-progress").textContent).toBe("2/4 correct");
  });

  test("a token kept before the plain list existed is still sent back, without being decoded", async () => {
    localStorage.setItem("decoupled:quiz-token:v1:demo", JSON.stringify(["q1"]));
    render(<QuizView quiz={QUIZ} signedIn={false} initialSolved={[]} />);
    expect(screen.getByTestId("quiz-progress").textContent).toBe("0/4 correct");
    fireEvent.click(within(question("q3")).getByRole("radio", { name: "Y" }));
    await check();
    expect(requests[0].token).toBe(JSON.stringify(["q1"]));
    expect(screen.getByTestId("quiz-progress").textContent).toBe("2/4 correct");
  });

  test("an error reply is shown and nothing is marked", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ error: "quiz \"demo\" has no choice \"z\"" }), { status: 400 })));
    render(<QuizView quiz={QUIZ} signedIn={false} initialSolved={[]} />);
    fireEvent.click(within(question("q1")).getByRole("radio", { name: "B" }));
    await check();
    expect(screen.getByRole("alert").textContent).toContain('has no choice "z"');
    expect(screen.getByTestId("quiz-progress").textContent).toBe("0/4 correct");
    expect(verified).toEqual([]);
  });

  test("a signed-in student's earlier correct answers are shown as done", () => {
    render(<QuizView quiz={QUIZ} signedIn initialSolved={["q1", "q3"]} />);
    expect(question("q1").textContent).toContain("You answered this correctly in an earlier attempt");
    expect((within(question("q1")).getAllByRole("radio")[0] as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId("quiz-progress").textContent).toBe("2/4 correct");
  });
});
