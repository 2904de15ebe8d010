// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { SubmissionAccepted, SubmissionResponse, SubmissionStatus } from "@/lib/api/challenges";
import { ChallengePanel, type ChallengePanelProps } from "./challenge-panel";
import { MAX_BACKOFF_MS, POLL_MS } from "./use-challenge-submission";

/*
 * The panel following a queued submission: POST answers 202, then GET /api/submissions/[id] is polled until the
 * verdict. The server is a script of replies in the contract's shapes (lib/api/challenges.ts); time is fake, so
 * every poll happens when the test advances the clock and never by waiting.
 */

vi.mock("@/components/editor/code-editor", async () => {
  const React = await import("react");
  return {
    CodeEditor: React.forwardRef(function CodeEditor(props: { value: string; onChange(v: string): void; ariaLabel: string }, ref) {
      React.useImperativeHandle(ref, () => ({ focus() {}, load() {}, element: null }));
      return <textarea aria-label={props.ariaLabel} value={props.value} onChange={(e) => props.onChange(e.target.value)} />;
    }),
  };
});
vi.mock("./run-visible-tests", () => ({ runVisibleTests: () => new Promise(() => {}) }));
let verified: Array<{ stepId: string; receipt?: string }> = [];
vi.mock("@/components/lesson/lesson-progress", () => ({
  useOptionalLessonProgress: () => ({ completed: new Set(), markVerified: (stepId: string, receipt?: string) => verified.push({ stepId, receipt }) }),
}));

function props(over: Partial<ChallengePanelProps> = {}): ChallengePanelProps {
  return {
    id: "counter",
    title: "A counter",
    difficulty: "easy",
    starter: "export class Counter {}\n",
    visibleTests: "",
    exports: ["Counter"],
    timeoutMs: 2000,
    signedIn: false,
    initial: { draft: null, passed: false, failedSubmissions: 0 },
    failuresToUnlock: 3,
    prompt: <p>Count.</p>,
    hints: [],
    ...over,
  };
}

/** A reply, or a connection that fails (fetch rejects). */
type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | "offline";
let requests: Array<{ url: string; method: string; body?: unknown; headers: Record<string, string> }> = [];
/** Replies to the POST, in order. */
let posts: Reply[] = [];
/** Replies to the polls, in order; the last one repeats, as a server would while nothing changes. */
let polls: Reply[] = [];

function reply(r: Reply | undefined) {
  if (r === "offline") throw new TypeError("Failed to fetch");
  const { status, body, headers = {} } = r ?? { status: 500, body: { error: "no reply scripted" } };
  const h = new Headers(headers);
  // A plain object rather than a Response: reading it takes only microtasks, so fake timers drive everything.
  return { ok: status >= 200 && status < 300, status, headers: h, json: async () => body };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: new Date("2025-01-01T10:00:00Z") });
  verified = [];
  requests = [];
  posts = [];
  polls = [];
  localStorage.clear();
  vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (init.signal?.aborted) throw new DOMException("aborted", "AbortError");
      const method = init.method ?? "GET";
      requests.push({ url, method, body: init.body ? JSON.parse(String(init.body)) : undefined, headers: (init.headers ?? {}) as Record<string, string> });
      if (method === "POST") return reply(posts.shift());
      return reply(polls.length > 1 ? polls.shift() : polls[0]);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const accepted = (over: Partial<SubmissionAccepted> = {}): Reply => ({ status: 202, body: { id: "sub-1", status: "queued", position: 3, ...over } });
const verdict = (over: Partial<SubmissionResponse> = {}): SubmissionResponse => ({
  status: "passed",
  passed: 11,
  total: 11,
  durationMs: 40,
  tests: [{ name: "hands each job to one worker", passed: true }],
  stepCompleted: true,
  receipt: "RECEIPT",
  solutionUnlocked: true,
  failedSubmissions: 0,
  hasPassed: true,
  attempts: "ATTEMPTS",
  ...over,
});
const status = (over: Partial<SubmissionStatus>): Reply => ({
  status: 200,
  body: {
    id: "sub-1",
    challengeId: "counter",
    status: "queued",
    ahead: null,
    worker: null,
    attempt: 0,
    maxAttempts: 2,
    deadLettered: false,
    createdAt: "2025-01-01T10:00:00.000Z",
    startedAt: null,
    finishedAt: null,
    verdict: null,
    ...over,
  } satisfies SubmissionStatus,
});

const submitButton = () => screen.getByRole("button", { name: /^Submit/ }) as HTMLButtonElement;
const announcer = () => screen.getByTestId("challenge-announcer").textContent;
/**
 * Every message the live region takes from now on, in order. (Repeating a message changes the region's text too, by
 * an invisible suffix that is stripped here, so a message announced on every poll would show up as repeats.)
 */
function recordAnnouncements(): string[] {
  const said: string[] = [];
  const region = screen.getByTestId("challenge-announcer");
  new MutationObserver(() => said.push((region.textContent ?? "").replace(/\u200b/g, ""))).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}
const stage = (key: "queued" | "running" | "verdict") => screen.getByTestId(`pipeline-${key}`);
const pollsSent = () => requests.filter((r) => r.method === "GET" && r.url === "/api/submissions/sub-1").length;

/** Let the clock run `ms` (fake), settling every reply it triggers. */
async function elapse(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}
/** `n` polls, each settled (and rendered) on its own, as a browser would. */
async function pollTimes(n: number) {
  for (let i = 0; i < n; i++) await elapse(POLL_MS);
}
async function pressSubmit() {
  await act(async () => {
    fireEvent.click(submitButton());
  });
}

describe("following a queued submission", () => {
  test("queued (3 ahead) → running on w-2 → passed 11/11: each stage drawn and announced once, then the verdict acts", async () => {
    render(<ChallengePanel {...props()} />);
    const said = recordAnnouncements();
    posts.push(accepted({ token: "GUEST-TOKEN" }));
    polls.push(status({ ahead: 1 }));
    await pressSubmit();

    expect(requests[0]).toMatchObject({ url: "/api/challenges/counter/submissions", method: "POST" });
    expect(stage("queued").textContent).toContain("3 ahead of you");
    expect(stage("queued").getAttribute("aria-current")).toBe("step");
    expect(announcer()).toBe("Queued for grading: 3 submissions ahead of yours.");
    expect(submitButton().disabled).toBe(true);
    expect(screen.getByRole("link", { name: "This grader is itself a work queue" }).getAttribute("href")).toBe("/learn/work-queues");

    // Polls that only move it up the line redraw the count but say nothing new.
    await elapse(POLL_MS);
    expect(stage("queued").textContent).toContain("1 ahead of you");
    await pollTimes(3);
    expect(pollsSent()).toBe(4);
    expect(announcer()).toBe("Queued for grading: 3 submissions ahead of yours.");
    // A guest follows their submission with the token from the 202.
    expect(requests[1].headers["x-submission-token"]).toBe("GUEST-TOKEN");

    polls = [status({ status: "running", worker: "w-2", attempt: 1, startedAt: "2025-01-01T10:00:00.300Z" })];
    await elapse(POLL_MS);
    expect(stage("running").textContent).toContain("on worker w-2");
    expect(stage("running").getAttribute("aria-current")).toBe("step");
    expect(stage("queued").textContent).toContain("waited 300 ms");
    expect(announcer()).toBe("Running on worker w-2.");
    await pollTimes(3);
    expect(announcer()).toBe("Running on worker w-2."); // not announced again (see `said` below)

    expect(screen.queryByTestId("hidden-results")).toBeNull();
    polls = [status({ status: "passed", worker: "w-2", attempt: 1, startedAt: "2025-01-01T10:00:00.300Z", finishedAt: "2025-01-01T10:00:00.350Z", verdict: verdict() })];
    await elapse(POLL_MS);
    expect(stage("verdict").textContent).toContain("passed 11/11");
    expect(stage("verdict").getAttribute("data-state")).toBe("done");
    expect(screen.getByTestId("hidden-results-summary").textContent).toBe("All 11 hidden tests passed.");
    expect(announcer()).toContain("The Coding Challenge step is complete.");
    expect(verified).toEqual([{ stepId: "challenge", receipt: "RECEIPT" }]);
    expect(JSON.parse(localStorage.getItem("decoupled:challenge-attempts:v2:counter")!)).toEqual({ token: "ATTEMPTS", failedSubmissions: 0, hasPassed: true });
    expect(screen.getByRole("button", { name: "Show solution" })).toBeTruthy();
    expect(submitButton().disabled).toBe(false);

    expect(said).toEqual([
      "Submitting: sending your code to the grader…",
      "Queued for grading: 3 submissions ahead of yours.",
      "Running on worker w-2.",
      "Hidden tests: All 11 hidden tests passed. The Coding Challenge step is complete.",
    ]);

    // Following ends with the verdict.
    const sent = requests.length;
    await elapse(MAX_BACKOFF_MS * 2);
    expect(requests.length).toBe(sent);
  });

  test("a retry: the first worker stops mid-run, attempt 2 of 2 runs elsewhere and fails 8/11", async () => {
    render(<ChallengePanel {...props({ signedIn: true })} />);
    posts.push(accepted({ position: 0 }));
    polls.push(status({ status: "running", worker: "w-1", attempt: 1 }));
    await pressSubmit();
    expect(stage("queued").textContent).toContain("next in line");
    expect(announcer()).toBe("Queued for grading: you are next.");
    expect(requests[0].body).toEqual({ code: "export class Counter {}\n" }); // signed in: no attempt record

    await elapse(POLL_MS);
    expect(stage("running").textContent).toContain("on worker w-1");
    expect(screen.queryByTestId("pipeline-retry")).toBeNull();

    polls = [status({ status: "running", worker: "w-3", attempt: 2 })];
    await elapse(POLL_MS);
    expect(stage("running").textContent).toContain("on worker w-3, attempt 2 of 2");
    expect(screen.getByTestId("pipeline-retry").textContent).toContain("Attempt 2 of 2 — the first worker stopped mid-run");
    expect(announcer()).toBe("Attempt 2 of 2 running on worker w-3: the first worker stopped mid-run.");

    const failed = verdict({ status: "failed", passed: 8, stepCompleted: false, receipt: undefined, solutionUnlocked: false, failedSubmissions: 1, hasPassed: false, attempts: undefined });
    polls = [status({ status: "failed", worker: "w-3", attempt: 2, verdict: failed })];
    await elapse(POLL_MS);
    expect(stage("verdict").textContent).toContain("failed 8/11");
    expect(stage("verdict").getAttribute("data-state")).toBe("failed");
    expect(stage("running").textContent).toContain("attempt 2 of 2");
    expect(screen.getByTestId("hidden-results-summary").textContent).toBe("8 of 11 hidden tests passed.");
    expect(screen.getByTestId("solution-locked").textContent).toContain("(1 so far)");
    expect(verified).toEqual([]);
  });

  test("a submission that stops workers twice ends dead-lettered, with the plain reason", async () => {
    render(<ChallengePanel {...props()} />);
    posts.push(accepted({ position: 0 }));
    polls.push(status({ status: "running", worker: "w-1", attempt: 1 }));
    await pressSubmit();
    await elapse(POLL_MS);

    // Back in line between the two attempts.
    polls = [status({ status: "queued", ahead: 0, worker: null, attempt: 1 })];
    await elapse(POLL_MS);
    expect(screen.getByTestId("pipeline-retry").textContent).toContain("Back in the queue — the first worker stopped mid-run");
    expect(announcer()).toBe("Back in the queue: the first worker stopped mid-run.");

    const reason = "the grader stopped twice on this code: look for very deep recursion or a huge allocation";
    const dead = verdict({ status: "error", passed: 0, total: 11, tests: [], error: reason, stepCompleted: false, receipt: undefined, solutionUnlocked: false, failedSubmissions: 1, hasPassed: false });
    polls = [status({ status: "error", worker: "w-2", attempt: 2, deadLettered: true, verdict: dead })];
    await elapse(POLL_MS);
    const diagram = screen.getByTestId("grading-pipeline");
    expect(diagram.getAttribute("data-dead-lettered")).toBe("true");
    expect(stage("verdict").textContent).toContain("Dead-lettered");
    expect(stage("verdict").getAttribute("data-state")).toBe("dead");
    expect(stage("running").textContent).toContain("workers stopped 2 of 2 times");
    expect(screen.getByTestId("pipeline-dead-letter").textContent).toContain(`Dead-lettered: ${reason}.`);
    expect(within(diagram).getByRole("link", { name: "dead letter queue" }).getAttribute("href")).toBe("/learn/dead-letter-queues");
    expect(screen.queryByTestId("pipeline-retry")).toBeNull();
    expect(screen.getByTestId("hidden-results").getAttribute("data-status")).toBe("error");
    expect(announcer()).toBe(`Your submission could not be graded: ${reason}`);
    expect(verified).toEqual([]);
  });

  test("a 503 and a dropped connection while following: reconnecting with backoff, announced once, then back on track", async () => {
    render(<ChallengePanel {...props()} />);
    const said = recordAnnouncements();
    posts.push(accepted({ position: 2 }));
    polls.push({ status: 503, body: { error: "the grader is restarting" }, headers: { "Retry-After": "2" } }, "offline", "offline", status({ status: "running", worker: "w-1", attempt: 1 }));
    await pressSubmit();

    await elapse(POLL_MS);
    expect(screen.getByTestId("pipeline-reconnecting").textContent).toContain("Reconnecting");
    expect(stage("queued").textContent).toContain("2 ahead of you"); // the last stage known stays drawn
    const lost = announcer();
    expect(lost).toContain("reconnecting");

    // The 503 asked for 2 s: nothing is sent before.
    await elapse(1999);
    expect(pollsSent()).toBe(1);
    await elapse(1);
    expect(pollsSent()).toBe(2); // offline
    // Then backoff doubles: 1600 ms after the second failure (400 · 2²).
    await elapse(1599);
    expect(pollsSent()).toBe(2);
    await elapse(1);
    expect(pollsSent()).toBe(3); // offline again
    expect(announcer()).toBe(lost); // not announced on every failed poll

    await elapse(3200);
    expect(pollsSent()).toBe(4);
    expect(screen.queryByTestId("pipeline-reconnecting")).toBeNull();
    expect(stage("running").textContent).toContain("on worker w-1");
    expect(announcer()).toBe("Running on worker w-1.");
    expect(said).toEqual([
      "Submitting: sending your code to the grader…",
      "Queued for grading: 2 submissions ahead of yours.",
      "Lost contact with the grader; reconnecting. Your submission is stored on the server.",
      "Running on worker w-1.",
    ]);
  });

  test("leaving the page stops following: no request after unmount", async () => {
    const view = render(<ChallengePanel {...props()} />);
    posts.push(accepted());
    polls.push(status({ ahead: 3 }));
    await pressSubmit();
    await elapse(POLL_MS);
    expect(pollsSent()).toBe(1);
    view.unmount();
    await elapse(MAX_BACKOFF_MS * 4);
    expect(pollsSent()).toBe(1);
  });

  test("a poll the server cannot answer for good (404) ends following with a message, and Submit works again", async () => {
    render(<ChallengePanel {...props()} />);
    posts.push(accepted());
    polls.push({ status: 404, body: { error: "no such submission" } });
    await pressSubmit();
    await elapse(POLL_MS);
    expect(screen.getByTestId("submit-error").textContent).toContain("Lost track of your submission (no such submission)");
    expect(submitButton().disabled).toBe(false);
  });
});

describe("when the server refuses a submission", () => {
  test("429: the server's message and when to retry; Submit stays off until Retry-After has passed", async () => {
    render(<ChallengePanel {...props()} />);
    posts.push({ status: 429, body: { error: "you already have 1 running and 2 queued submissions" }, headers: { "Retry-After": "17" } });
    await pressSubmit();
    expect(screen.getByTestId("submit-error").textContent).toBe("Not submitted: you already have 1 running and 2 queued submissions. Try again in 17 seconds.");
    expect(screen.queryByTestId("grading-pipeline")).toBeNull();
    expect(submitButton().disabled).toBe(true);
    expect(submitButton().textContent).toBe("Submit");

    // The keyboard shortcut does not get round it.
    await act(async () => {
      fireEvent.keyDown(screen.getByLabelText("Code editor: A counter"), { key: "Enter", ctrlKey: true, shiftKey: true });
    });
    expect(requests).toHaveLength(1);

    await elapse(16_999);
    expect(submitButton().disabled).toBe(true);
    await elapse(1);
    expect(submitButton().disabled).toBe(false);
    expect(screen.queryByTestId("submit-error")).toBeNull();
    expect(announcer()).toBe("You can submit again.");

    posts.push(accepted());
    await pressSubmit();
    expect(requests).toHaveLength(2);
    expect(stage("queued").textContent).toContain("3 ahead of you");
  });

  test("503 queue full: the message, and a Retry-After given as a date", async () => {
    render(<ChallengePanel {...props()} />);
    posts.push({ status: 503, body: { error: "The grading queue is full." }, headers: { "Retry-After": "Wed, 01 Jan 2025 10:00:30 GMT" } });
    await pressSubmit();
    expect(screen.getByTestId("submit-error").textContent).toBe("Not submitted: The grading queue is full. Try again in 30 seconds.");
    await elapse(29_999);
    expect(submitButton().disabled).toBe(true);
    await elapse(1);
    expect(submitButton().disabled).toBe(false);
  });
});
