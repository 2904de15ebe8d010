// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { runVisibleTests as runInRealm } from "@/lib/grading/browser-tests";
import { ChallengeLoader } from "./challenge-loader";
import { ChallengePanel, type ChallengePanelProps } from "./challenge-panel";

// The editor is a textarea here (Sandpack needs a real browser); the visible tests run through the real harness in
// this realm (lockdown off, since jsdom shares the test's built-ins) instead of a Web Worker.
vi.mock("@/components/editor/code-editor", async () => {
  const React = await import("react");
  return {
    CodeEditor: React.forwardRef(function CodeEditor(props: { value: string; onChange(v: string): void; ariaLabel: string; headerExtra?: React.ReactNode }, ref) {
      React.useImperativeHandle(ref, () => ({ focus() {}, load() {}, element: null }));
      return (
        <div>
          <textarea aria-label={props.ariaLabel} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
          {props.headerExtra}
        </div>
      );
    }),
  };
});
vi.mock("./run-visible-tests", () => ({
  runVisibleTests: (r: { code: string; tests: string; exports: string[]; timeoutMs: number }) => runInRealm(r.code, r.tests, r.exports, { timeoutMs: r.timeoutMs, lockdown: false }),
}));
let verified: Array<{ stepId: string; receipt?: string }> = [];
vi.mock("@/components/lesson/lesson-progress", () => ({
  useOptionalLessonProgress: () => ({ completed: new Set(), markVerified: (stepId: string, receipt?: string) => verified.push({ stepId, receipt }) }),
}));

const STARTER = "export class Counter {\n  next(): number {\n    return 0; // TODO\n  }\n}\n";
const RIGHT = "export class Counter {\n  private n = 0;\n  next(): number {\n    return ++this.n;\n  }\n}\n";
const VISIBLE = `test("counts up from one", () => {
  const c = new Counter();
  expect(c.next()).toBe(1);
  expect(c.next()).toBe(2);
});
test("counters are independent", () => {
  const a = new Counter();
  a.next();
  expect(new Counter().next()).toBe(1);
});`;

function props(over: Partial<ChallengePanelProps> = {}): ChallengePanelProps {
  return {
    id: "counter",
    title: "A counter",
    difficulty: "easy",
    starter: STARTER,
    visibleTests: VISIBLE,
    exports: ["Counter"],
    timeoutMs: 2000,
    signedIn: false,
    initial: { draft: null, passed: false, failedSubmissions: 0 },
    failuresToUnlock: 3,
    prompt: <p>Count.</p>,
    hints: [<p key="1">First hint</p>, <p key="2">Second hint</p>, <p key="3">Third hint</p>],
    ...over,
  };
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
let requests: Array<{ url: string; method: string; body?: unknown; headers: Record<string, string> }> = [];
let replies: Reply[] = [];

beforeEach(() => {
  verified = [];
  requests = [];
  replies = [];
  localStorage.clear();
  vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      requests.push({ url, method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : undefined, headers: (init.headers ?? {}) as Record<string, string> });
      const r = replies.shift() ?? { status: 500, body: { error: "no reply queued" } };
      return new Response(JSON.stringify(r.body), { status: r.status, headers: { "content-type": "application/json", ...r.headers } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const editor = () => screen.getByLabelText("Code editor: A counter") as HTMLTextAreaElement;
const type = (code: string) => fireEvent.change(editor(), { target: { value: code } });
const hiddenResult = (over: object) => ({
  status: "failed",
  passed: 1,
  total: 2,
  durationMs: 12,
  tests: [
    { name: "hidden one", passed: true },
    { name: "hidden two", passed: false, message: "expected 2, received 1" },
  ],
  stepCompleted: false,
  solutionUnlocked: false,
  failedSubmissions: 1,
  hasPassed: false,
  ...over,
});

describe("running the visible tests", () => {
  test("Ctrl+Enter in the editor runs them and lists each test with expected vs received", async () => {
    render(<ChallengePanel {...props()} />);
    await act(async () => {
      fireEvent.keyDown(editor(), { key: "Enter", ctrlKey: true });
    });
    const results = await screen.findByTestId("visible-results");
    expect(within(results).getByTestId("visible-results-summary").textContent).toBe("0 of 2 visible tests passed.");
    expect(results.textContent).toContain("counts up from one");
    expect(results.textContent).toContain("expected 1, received 0");
    expect(requests).toEqual([]); // visible tests never touch the server

    type(RIGHT);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Run tests" }));
    });
    await vi.waitFor(() => expect(screen.getByTestId("visible-results-summary").textContent).toBe("All 2 visible tests passed."));
    expect(screen.getByTestId("challenge-announcer").textContent).toContain("All 2 visible tests passed.");
  });
});

describe("submitting", () => {
  test("Ctrl+Shift+Enter submits the editor's code; hidden results show names and messages", async () => {
    render(<ChallengePanel {...props()} />);
    type(RIGHT);
    replies.push({ status: 200, body: hiddenResult({}) });
    await act(async () => {
      fireEvent.keyDown(editor(), { key: "Enter", ctrlKey: true, shiftKey: true });
    });
    const hidden = await screen.findByTestId("hidden-results");
    expect(requests[0]).toMatchObject({ url: "/api/challenges/counter/submissions", method: "POST", body: { code: RIGHT } });
    expect(hidden.textContent).toContain("hidden two");
    expect(hidden.textContent).toContain("expected 2, received 1");
    expect(screen.getByTestId("hidden-results-summary").textContent).toBe("1 of 2 hidden tests passed.");
    expect(verified).toEqual([]);
    expect(screen.getByTestId("solution-locked").textContent).toContain("(1 so far)");
  });

  test("a pass marks the step verified with the guest's receipt and keeps the attempt record for next time", async () => {
    const first = render(<ChallengePanel {...props()} />);
    replies.push({
      status: 200,
      body: hiddenResult({ status: "passed", passed: 2, stepCompleted: true, receipt: "RECEIPT", solutionUnlocked: true, failedSubmissions: 0, hasPassed: true, attempts: "ATTEMPTS" }),
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Submit" }));
    });
    await screen.findByTestId("hidden-results");
    expect(verified).toEqual([{ stepId: "challenge", receipt: "RECEIPT" }]);
    expect(screen.getByTestId("challenge-announcer").textContent).toContain("step is complete");
    first.unmount();

    // Back later: the badge and the solution button come from the response's plain fields kept beside the record,
    // and the record (opaque to the browser) goes back with the next submission.
    render(<ChallengePanel {...props()} />);
    expect(await screen.findByTestId("challenge-passed")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Show solution" })).toBeTruthy();
    replies.push({ status: 200, body: hiddenResult({ attempts: "ATTEMPTS-2", hasPassed: true }) });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Submit" }));
    });
    expect(requests[1].body).toMatchObject({ attempts: "ATTEMPTS" });
  });

  test("a reply that does not match the API schema is reported, not shown as a verdict", async () => {
    render(<ChallengePanel {...props()} />);
    replies.push({ status: 200, body: { status: "passed" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Submit" }));
    });
    expect((await screen.findByTestId("submit-error")).textContent).toContain("not understood");
    expect(screen.queryByTestId("hidden-results")).toBeNull();
    expect(verified).toEqual([]);
  });

  test("the rate limit's Retry-After is shown, and the code stays in the editor", async () => {
    render(<ChallengePanel {...props()} />);
    type(RIGHT);
    replies.push({ status: 429, body: { error: "too many" }, headers: { "Retry-After": "17" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Submit" }));
    });
    expect((await screen.findByTestId("submit-error")).textContent).toContain("Try again in 17 seconds");
    expect(editor().value).toBe(RIGHT);
  });
});

describe("help", () => {
  test("hints unlock one at a time", async () => {
    render(<ChallengePanel {...props()} />);
    expect(screen.queryByText("First hint")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Show hint 1 of 3" }));
    expect(screen.getByText("First hint")).toBeTruthy();
    expect(screen.queryByText("Second hint")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Show hint 2 of 3" }));
    fireEvent.click(screen.getByRole("button", { name: "Show hint 3 of 3" }));
    expect(screen.getByText("Third hint")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Show hint/ })).toBeNull();
  });

  test("the solution is requested only once unlocked, with the guest's attempt record", async () => {
    localStorage.setItem("decoupled:challenge-attempts:v2:counter", JSON.stringify({ token: "opaque.sig", failedSubmissions: 3, hasPassed: false }));
    render(<ChallengePanel {...props()} />);
    replies.push({ status: 200, body: { solution: "export class Counter { /* reference */ }", reason: "failures" } });
    await act(async () => {
      fireEvent.click(await screen.findByRole("button", { name: "Show solution" }));
    });
    expect((await screen.findByTestId("solution-code")).textContent).toContain("/* reference */");
    expect(requests[0].url).toBe("/api/challenges/counter/solution");
    expect(requests[0].headers["x-challenge-attempts"]).toBe("opaque.sig");
  });

  test("a record kept before the plain counts existed is still sent back, without being decoded", async () => {
    localStorage.setItem("decoupled:challenge-attempts:v1:counter", "old.sig");
    render(<ChallengePanel {...props()} />);
    expect(screen.getByTestId("solution-locked").textContent).toContain("(0 so far)");
    replies.push({ status: 200, body: hiddenResult({ failedSubmissions: 4, solutionUnlocked: true, attempts: "new.sig" }) });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Submit" }));
    });
    expect(requests[0].body).toMatchObject({ attempts: "old.sig" });
    expect(await screen.findByRole("button", { name: "Show solution" })).toBeTruthy();
  });

  test("before that, there is no way to ask for it", () => {
    render(<ChallengePanel {...props({ signedIn: true, initial: { draft: null, passed: false, failedSubmissions: 2 } })} />);
    expect(screen.queryByRole("button", { name: "Show solution" })).toBeNull();
    expect(screen.getByTestId("solution-locked").textContent).toContain("(2 so far)");
  });
});

describe("drafts and reset", () => {
  test("a guest's draft is saved after a pause, restored on return, and Reset asks before replacing it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const first = render(<ChallengePanel {...props()} />);
      type(RIGHT);
      expect(screen.getByTestId("draft-status").textContent).toBe("Editing…");
      await act(async () => {
        vi.advanceTimersByTime(1000);
      });
      expect(localStorage.getItem("decoupled:challenge-draft:v1:counter")).toBe(RIGHT);
      first.unmount();
    } finally {
      vi.useRealTimers();
    }

    render(<ChallengePanel {...props()} />);
    expect(editor().value).toBe(RIGHT);
    expect(screen.getByTestId("draft-status").textContent).toBe("Restored your draft.");

    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    expect(editor().value).toBe(RIGHT); // nothing lost yet
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(editor().value).toBe(RIGHT);
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    fireEvent.click(screen.getByRole("button", { name: "Reset to starter" }));
    expect(editor().value).toBe(STARTER);
    expect(localStorage.getItem("decoupled:challenge-draft:v1:counter")).toBeNull();
  });

  test("a signed-in student's draft starts from the server's copy and is saved with PUT", async () => {
    render(<ChallengePanel {...props({ signedIn: true, initial: { draft: "// mine", passed: false, failedSubmissions: 0 } })} />);
    expect(editor().value).toBe("// mine");
    replies.push({ status: 200, body: { draft: { code: "// mine, edited", updatedAt: new Date().toISOString() } } });
    type("// mine, edited");
    await vi.waitFor(() => expect(screen.getByTestId("draft-status").textContent).toBe("Draft saved to your account."), { timeout: 3000 });
    expect(requests[0]).toMatchObject({ url: "/api/challenges/counter/draft", method: "PUT", body: { code: "// mine, edited" } });
  });
});

describe("the stand-in the lesson page ships", () => {
  test("shows the code and buttons without the panel, and a press on it is carried out once the panel loads", async () => {
    // Far from the viewport: the observer never reports, so only a press loads the panel.
    vi.stubGlobal(
      "IntersectionObserver",
      class {
        observe() {}
        disconnect() {}
      },
    );
    render(<ChallengeLoader {...props({ initial: { draft: "// my draft", passed: false, failedSubmissions: 0 } })} />);
    const shell = screen.getByTestId("challenge-counter");
    expect(shell.getAttribute("data-state")).toBe("loading");
    expect(shell.textContent).toContain("// my draft");
    expect(screen.queryByText("First hint")).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Show hint 1 of 3" }));
    });
    await vi.waitFor(() => expect(screen.getByText("First hint")).toBeTruthy());
    expect(screen.getByTestId("challenge-counter").getAttribute("data-state")).toBe("ready");
    expect(editor().value).toBe("// my draft");
  });
});
