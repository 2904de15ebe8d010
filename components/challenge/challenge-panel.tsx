"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { CodeEditor, type CodeEditorHandle } from "@/components/editor/code-editor";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import type { Difficulty } from "@/lib/content/challenges";
import type { GradeResult } from "@/lib/grading/types";
import type { SubmissionResponse, SubmissionSummary } from "@/lib/server/submissions";
import { EDITOR_HEIGHT } from "./layout";
import { runVisibleTests } from "./run-visible-tests";
import { summarize, TestResults } from "./test-results";
import { useDraft } from "./use-draft";
import styles from "./challenge.module.css";

/*
 * The coding challenge: prompt, editor, "Run tests" (visible tests in a Web Worker, in this browser) and "Submit"
 * (hidden tests on the server, which alone decides whether the step is complete), hints one at a time, the
 * reference solution once earned, and for signed-in students their submission history.
 */

export interface ChallengeInitialState {
  /** The signed-in student's saved draft. */
  draft: string | null;
  /** Signed in: passed before (from stored submissions). */
  passed: boolean;
  /** Signed in: failed submissions so far. */
  failedSubmissions: number;
}

export interface ChallengePanelProps {
  id: string;
  title: string;
  difficulty: Difficulty;
  starter: string;
  visibleTests: string;
  exports: string[];
  timeoutMs: number;
  signedIn: boolean;
  initial: ChallengeInitialState;
  failuresToUnlock: number;
  /** The prompt, rendered on the server. */
  prompt: React.ReactNode;
  /** Hints, gentlest first, rendered on the server. */
  hints: React.ReactNode[];
  /** Something the student pressed on the stand-in before the panel had loaded (challenge-loader.tsx). */
  initialAction?: ChallengeAction | null;
}

/** Actions the stand-in can hand over to the panel. */
export type ChallengeAction = "run" | "submit" | "hint" | "reset" | "focus";

const api = (id: string, rest: string) => `/api/challenges/${encodeURIComponent(id)}/${rest}`;
// Guests' signed attempt record; the solution route reads it from this header (app/api/challenges/[id]/solution).
const ATTEMPTS_HEADER = "x-challenge-attempts";
const attemptsKey = (id: string) => `decoupled:challenge-attempts:v1:${id}`;
const hintsKey = (id: string) => `decoupled:challenge-hints:v1:${id}`;

function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function storageSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage blocked: lasts for this page */
  }
}

/** What a guest's attempt record says, for display only (the server verifies the signature whenever it matters). */
function readAttemptsClaim(token: string | null): { failed: number; passed: boolean } {
  try {
    const b64 = (token ?? "").split(".")[0].replace(/-/g, "+").replace(/_/g, "/");
    const r = JSON.parse(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4))) as { f?: unknown; p?: unknown };
    return { failed: typeof r.f === "number" ? r.f : 0, passed: r.p === true };
  } catch {
    return { failed: 0, passed: false };
  }
}

const DIFFICULTY_LABEL: Record<Difficulty, string> = { easy: "Easy", medium: "Medium", hard: "Hard" };
const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function ChallengePanel(props: ChallengePanelProps) {
  const { id, title, difficulty, starter, visibleTests, exports, timeoutMs, signedIn, initial, failuresToUnlock, prompt, hints, initialAction } = props;
  const progress = useOptionalLessonProgress();
  const draft = useDraft({ challengeId: id, signedIn, starter, initialDraft: initial.draft });
  const editorRef = useRef<CodeEditorHandle>(null);
  const titleId = useId();

  const [visible, setVisible] = useState<{ running: boolean; result: GradeResult | null }>({ running: false, result: null });
  const [submission, setSubmission] = useState<{ busy: boolean; result: SubmissionResponse | null; error: string | null }>({ busy: false, result: null, error: null });
  const [attempts, setAttempts] = useState({ passed: initial.passed, failed: initial.failedSubmissions });
  const [solution, setSolution] = useState<{ text: string | null; loading: boolean; error: string | null }>({ text: null, loading: false, error: null });
  const [hintsShown, setHintsShown] = useState(0);
  const [confirmReset, setConfirmReset] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [history, setHistory] = useState<{ open: boolean; items: SubmissionSummary[] | null; error: string | null }>({ open: false, items: null, error: null });
  const [mod, setMod] = useState("Ctrl");
  const visibleAbort = useRef<AbortController | null>(null);
  const hintRefs = useRef<Array<HTMLLIElement | null>>([]);
  const resetButtonRef = useRef<HTMLButtonElement>(null);
  const latest = useRef({ code: draft.code, visible, submission });
  latest.current = { code: draft.code, visible, submission };

  const stepDone = progress?.completed.has("challenge") ?? false;
  const unlocked = attempts.passed || attempts.failed >= failuresToUnlock;

  // Guests: what this browser remembers (attempt record, hints opened). Read after hydration: the server has none.
  useEffect(() => {
    setMod(isMac() ? "⌘" : "Ctrl");
    const shown = Number(storageGet(hintsKey(id)) ?? 0);
    if (Number.isInteger(shown) && shown > 0) setHintsShown(Math.min(shown, hints.length));
    if (!signedIn) setAttempts(readAttemptsClaim(storageGet(attemptsKey(id))));
    return () => visibleAbort.current?.abort();
  }, [id, signedIn, hints.length]);

  // A repeated message must be announced again: alternate an invisible suffix so the text always changes.
  const announce = useCallback((text: string) => setAnnouncement((prev) => (prev === text ? `${text}\u200b` : text)), []);

  const runTests = useCallback(async () => {
    if (latest.current.visible.running) return;
    editorRef.current?.load();
    const controller = new AbortController();
    visibleAbort.current = controller;
    setVisible((v) => ({ ...v, running: true }));
    announce("Running the visible tests…");
    const result = await runVisibleTests({ code: latest.current.code, tests: visibleTests, exports, timeoutMs, signal: controller.signal });
    if (visibleAbort.current !== controller) return;
    visibleAbort.current = null;
    setVisible({ running: false, result });
    announce(`Visible tests: ${summarize(result, "visible")}`);
  }, [visibleTests, exports, timeoutMs, announce]);

  const stopTests = () => visibleAbort.current?.abort();

  const refreshHistory = useCallback(async () => {
    try {
      const res = await fetch(api(id, "submissions"), { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const data = (await res.json()) as { submissions: SubmissionSummary[] };
      setHistory((h) => ({ ...h, items: data.submissions, error: null }));
    } catch (e) {
      setHistory((h) => ({ ...h, error: `Could not load your submissions (${(e as Error).message}).` }));
    }
  }, [id]);

  const submit = useCallback(async () => {
    if (latest.current.submission.busy) return;
    setSubmission((s) => ({ ...s, busy: true, error: null }));
    announce("Submitting: running the hidden tests on the server…");
    try {
      const res = await fetch(api(id, "submissions"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code: latest.current.code, ...(signedIn ? {} : { attempts: storageGet(attemptsKey(id)) ?? undefined }) }),
      });
      const data = (await res.json().catch(() => ({}))) as SubmissionResponse & { error?: string };
      if (!res.ok) {
        const wait = res.headers.get("retry-after");
        const message =
          res.status === 429
            ? `Too many submissions in a minute. Try again in ${wait ?? "a few"} seconds.`
            : res.status === 413
              ? `Your code is too large to submit: ${data.error ?? "over 64 KB"}.`
              : `Could not submit (${data.error ?? `HTTP ${res.status}`}).`;
        setSubmission({ busy: false, result: latest.current.submission.result, error: message });
        announce(message);
        return;
      }
      setSubmission({ busy: false, result: data, error: null });
      setAttempts((a) => ({ passed: a.passed || data.status === "passed", failed: data.failedSubmissions }));
      if (data.attempts) storageSet(attemptsKey(id), data.attempts);
      if (data.stepCompleted) progress?.markVerified("challenge", data.receipt);
      announce(
        data.status === "passed"
          ? `Hidden tests: ${summarize(data, "hidden")} The Coding Challenge step is complete.`
          : data.status === "error"
            ? `Your submission could not be graded: ${data.error ?? "error"}`
            : `Hidden tests: ${summarize(data, "hidden")}`,
      );
      if (signedIn && history.open) void refreshHistory();
    } catch (e) {
      const message = `Could not reach the server (${(e as Error).message}). Your code is still here; try again.`;
      setSubmission((s) => ({ ...s, busy: false, error: message }));
      announce(message);
    }
  }, [id, signedIn, progress, announce, history.open, refreshHistory]);

  const showSolution = async () => {
    setSolution({ text: null, loading: true, error: null });
    try {
      const attemptsToken = signedIn ? null : storageGet(attemptsKey(id));
      const res = await fetch(api(id, "solution"), { cache: "no-store", headers: attemptsToken ? { [ATTEMPTS_HEADER]: attemptsToken } : {} });
      const data = (await res.json().catch(() => ({}))) as { solution?: string; error?: string };
      if (!res.ok || typeof data.solution !== "string") throw new Error(data.error ?? `HTTP ${res.status}`);
      setSolution({ text: data.solution, loading: false, error: null });
    } catch (e) {
      setSolution({ text: null, loading: false, error: `Could not load the solution: ${(e as Error).message}.` });
    }
  };

  const showNextHint = () => {
    setHintsShown((shown) => {
      const next = Math.min(shown + 1, hints.length);
      storageSet(hintsKey(id), String(next));
      // Focus follows the revealed hint so it is read next; the button for the following hint comes after it.
      requestAnimationFrame(() => hintRefs.current[next - 1]?.focus());
      return next;
    });
  };

  const doReset = () => {
    draft.reset();
    setConfirmReset(false);
    announce("Your code was replaced with the starter code.");
    editorRef.current?.focus();
  };

  // Carry out what was pressed on the stand-in, once, now that the panel can.
  const handedOver = useRef(false);
  useEffect(() => {
    if (handedOver.current || !initialAction) return;
    handedOver.current = true;
    if (initialAction === "run") void runTests();
    else if (initialAction === "submit") void submit();
    else if (initialAction === "hint") showNextHint();
    else if (initialAction === "reset") setConfirmReset(true);
    else {
      // Tabbed into the stand-in's code: into the editor, unless the student has already tabbed on elsewhere.
      const a = document.activeElement;
      const box = editorRef.current?.element;
      if (!a || a === document.body || !a.isConnected || box?.contains(a)) editorRef.current?.focus();
    }
    // Mount-time only: later renders must not repeat the action.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    // Captured above the editor, whose own Mod-Enter would insert a line (and whose shortcut would run, not submit).
    e.preventDefault();
    e.stopPropagation();
    if (e.shiftKey) void submit();
    else void runTests();
  };

  const saveText: Record<typeof draft.status, string> = {
    idle: signedIn ? "Drafts save to your account." : "Drafts save in this browser.",
    unsaved: "Editing…",
    saving: "Saving…",
    saved: signedIn ? "Draft saved to your account." : "Draft saved in this browser.",
    error: `Draft not saved: ${draft.error ?? "error"}.`,
  };

  const sub = submission.result;
  return (
    <section className={styles.challenge} aria-labelledby={titleId} data-testid={`challenge-${id}`} data-state="ready" onKeyDownCapture={onKeyDownCapture}>
      <header className={styles.head}>
        <h3 id={titleId} className={styles.title}>
          {title}
        </h3>
        <span className={styles.difficulty} data-difficulty={difficulty}>
          <span className="visually-hidden">Difficulty: </span>
          {DIFFICULTY_LABEL[difficulty]}
        </span>
        {stepDone || attempts.passed ? (
          <span className={styles.passedBadge} data-testid="challenge-passed">
            ✓ Passed
          </span>
        ) : null}
      </header>

      <div className={styles.prompt}>{prompt}</div>

      <CodeEditor
        ref={editorRef}
        value={draft.code}
        onChange={draft.setCode}
        fileName={`${id}.ts`}
        height={EDITOR_HEIGHT}
        ariaLabel={`Code editor: ${title}`}
        headerExtra={
          <span data-testid="draft-status" data-state={draft.status}>
            {draft.restored && draft.status === "saved" ? "Restored your draft." : saveText[draft.status]}
          </span>
        }
      />

      <div className={styles.toolbar}>
        <button type="button" className="btn" onClick={() => void runTests()} disabled={visible.running} aria-keyshortcuts="Control+Enter Meta+Enter">
          Run tests
        </button>
        {visible.running ? (
          <button type="button" className="btn btn-small" onClick={stopTests}>
            Stop
          </button>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={submission.busy} aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter">
          {submission.busy ? "Submitting…" : "Submit"}
        </button>
        <button ref={resetButtonRef} type="button" className="btn" onClick={() => setConfirmReset(true)} disabled={draft.code === starter || confirmReset} aria-expanded={confirmReset}>
          Reset
        </button>
        <span className={styles.shortcuts} aria-hidden="true">
          <kbd>{mod}</kbd>+<kbd>Enter</kbd> run tests · <kbd>{mod}</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> submit
        </span>
      </div>

      {confirmReset ? (
        <div className={styles.confirm} role="group" aria-label="Confirm reset">
          <p>Replace your code with the starter code? Your current code will be lost.</p>
          <button type="button" className="btn btn-small" onClick={doReset}>
            Reset to starter
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setConfirmReset(false);
              requestAnimationFrame(() => resetButtonRef.current?.focus());
            }}
            autoFocus
          >
            Cancel
          </button>
        </div>
      ) : null}

      <p className="visually-hidden" role="status" aria-live="polite" data-testid="challenge-announcer">
        {announcement}
      </p>

      {visible.running ? <p className={styles.pending}>Running the visible tests in your browser…</p> : null}
      {visible.result ? <TestResults title="Visible tests (run in your browser)" result={visible.result} kind="visible" testId="visible-results" /> : null}

      {submission.busy ? <p className={styles.pending}>Running the hidden tests on the server…</p> : null}
      {submission.error ? (
        <p className={styles.error} role="alert" data-testid="submit-error">
          {submission.error}
        </p>
      ) : null}
      {sub ? (
        <TestResults
          title="Hidden tests (graded on the server)"
          result={sub}
          kind="hidden"
          testId="hidden-results"
          note={
            sub.status === "passed" ? (
              <p className={styles.success}>Well done: the Coding Challenge step is complete{signedIn ? "." : " in this browser. Sign in or create an account to keep it."}</p>
            ) : null
          }
        />
      ) : null}

      {hints.length ? (
        <div className={styles.hints}>
          <h4>Hints</h4>
          {hintsShown ? (
            <ol className={styles.hintList}>
              {hints.slice(0, hintsShown).map((hint, i) => (
                <li
                  key={i}
                  ref={(el) => {
                    hintRefs.current[i] = el;
                  }}
                  tabIndex={-1}
                  aria-label={`Hint ${i + 1} of ${hints.length}`}
                  data-testid={`hint-${i + 1}`}
                >
                  {hint}
                </li>
              ))}
            </ol>
          ) : null}
          {hintsShown < hints.length ? (
            <button type="button" className="btn btn-small" onClick={showNextHint}>
              Show hint {hintsShown + 1} of {hints.length}
            </button>
          ) : null}
        </div>
      ) : null}

      <div className={styles.solution}>
        <h4>Reference solution</h4>
        {solution.text !== null ? (
          <pre className={styles.solutionCode} data-testid="solution-code" tabIndex={0} aria-label="Reference solution">
            <code>{solution.text}</code>
          </pre>
        ) : unlocked ? (
          <button type="button" className="btn btn-small" onClick={() => void showSolution()} disabled={solution.loading}>
            {solution.loading ? "Loading…" : "Show solution"}
          </button>
        ) : (
          <p className={styles.muted} data-testid="solution-locked">
            Unlocks after you pass, or after {failuresToUnlock} failed submissions ({attempts.failed} so far).
          </p>
        )}
        {solution.error ? (
          <p className={styles.error} role="alert">
            {solution.error}
          </p>
        ) : null}
      </div>

      {signedIn ? (
        <details
          className={styles.history}
          onToggle={(e) => {
            const open = (e.currentTarget as HTMLDetailsElement).open;
            setHistory((h) => ({ ...h, open }));
            if (open) void refreshHistory();
          }}
        >
          <summary>Your submissions</summary>
          {history.error ? <p className={styles.error}>{history.error}</p> : null}
          {history.items === null ? (
            history.error ? null : <p className={styles.muted}>Loading…</p>
          ) : history.items.length === 0 ? (
            <p className={styles.muted}>No submissions yet.</p>
          ) : (
            <ol className={styles.historyList} data-testid="submission-history">
              {history.items.map((s) => (
                <li key={s.id} data-status={s.status}>
                  <span className={styles.historyStatus}>{s.status === "passed" ? "✓ Passed" : s.status === "failed" ? "✗ Failed" : "⚠ Error"}</span>
                  <span>{s.status === "error" ? "did not run" : `${s.passed}/${s.total} tests`}</span>
                  <time dateTime={s.createdAt}>{new Date(s.createdAt).toLocaleString()}</time>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => {
                      draft.setCode(s.code);
                      announce("Loaded that submission's code into the editor.");
                    }}
                  >
                    Load this code
                  </button>
                </li>
              ))}
            </ol>
          )}
        </details>
      ) : null}
    </section>
  );
}
