"use client";
import { useCallback, useEffect, useId, useRef } from "react";
import { CodeEditor, type CodeEditorHandle } from "@/components/editor/code-editor";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import type { SubmissionResponse } from "@/lib/api/challenges";
import type { Difficulty } from "@/lib/content/challenges";
import { ReferenceSolution, ChallengeHints } from "./challenge-help";
import { ChallengeHeader } from "./challenge-header";
import { ChallengeToolbar } from "./challenge-toolbar";
import { GradingPipeline } from "./grading-pipeline";
import { EDITOR_HEIGHT } from "./layout";
import { SubmissionHistory } from "./submission-history";
import { TestResults } from "./test-results";
import { useAnnouncer } from "./use-announcer";
import { useChallengeSubmission, type ChallengeSubmission } from "./use-challenge-submission";
import { useDraft, type DraftState } from "./use-draft";
import { useHints } from "./use-hints";
import { useSolution } from "./use-solution";
import { useSubmissionHistory } from "./use-submission-history";
import { useVisibleTests, type VisibleTests } from "./use-visible-tests";
import styles from "./challenge.module.css";

/*
 * The coding challenge: prompt, editor, "Run tests" (visible tests in a Web Worker, in this browser) and "Submit"
 * (hidden tests on the server, which alone decides whether the step is complete), hints one at a time, the
 * reference solution once earned, and for signed-in students their submission history. Each of those keeps its
 * state in its own hook (use-*.ts); this component wires them together.
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

export function ChallengePanel(props: ChallengePanelProps) {
  const { id, title, difficulty, starter, signedIn, initial, failuresToUnlock, prompt, hints, initialAction } = props;
  const progress = useOptionalLessonProgress();
  const draft = useDraft({ challengeId: id, signedIn, starter, initialDraft: initial.draft });
  const editorRef = useRef<CodeEditorHandle>(null);
  const titleId = useId();
  const [announcement, announce] = useAnnouncer();
  const visible = useVisibleTests({ tests: props.visibleTests, exports: props.exports, timeoutMs: props.timeoutMs, announce });
  const history = useSubmissionHistory(id);
  const { open: historyOpen, refresh: refreshHistory } = history;
  const onSubmitted = useCallback(
    (result: SubmissionResponse) => {
      if (result.stepCompleted) progress?.markVerified("challenge", result.receipt);
      if (signedIn && historyOpen) void refreshHistory();
    },
    [progress, signedIn, historyOpen, refreshHistory],
  );
  const submission = useChallengeSubmission({ id, signedIn, initial, announce, onSubmitted });
  const solution = useSolution(id, submission.attemptsToken);
  const hint = useHints(id, hints.length);

  const runTests = () => {
    editorRef.current?.load();
    void visible.run(draft.code);
  };
  const submit = () => void submission.submit(draft.code);
  const reset = () => {
    draft.reset();
    announce("Your code was replaced with the starter code.");
    editorRef.current?.focus();
  };

  // Carry out what was pressed on the stand-in, once, now that the panel can ("reset" opens the toolbar's confirm).
  const handedOver = useRef(false);
  useEffect(() => {
    if (handedOver.current || !initialAction) return;
    handedOver.current = true;
    if (initialAction === "run") runTests();
    else if (initialAction === "submit") submit();
    else if (initialAction === "hint") hint.showNext();
    else if (initialAction === "focus") {
      // Tabbed into the stand-in's code: into the editor, unless the student has already tabbed on elsewhere.
      const a = document.activeElement;
      const box = editorRef.current?.element;
      if (!a || a === document.body || !a.isConnected || box?.contains(a)) editorRef.current?.focus();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mount-time only: later renders must not repeat the action
  }, []);

  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    // Captured above the editor, whose own Mod-Enter would insert a line (and whose shortcut would run, not submit).
    e.preventDefault();
    e.stopPropagation();
    if (e.shiftKey) submit();
    else runTests();
  };

  const { attempts } = submission;
  return (
    <section className={styles.challenge} aria-labelledby={titleId} data-testid={`challenge-${id}`} data-state="ready" onKeyDownCapture={onKeyDownCapture}>
      <ChallengeHeader title={title} titleId={titleId} difficulty={difficulty} passed={(progress?.completed.has("challenge") ?? false) || attempts.passed} />
      <div className={styles.prompt}>{prompt}</div>
      <CodeEditor
        ref={editorRef}
        value={draft.code}
        onChange={draft.setCode}
        fileName={`${id}.ts`}
        height={EDITOR_HEIGHT}
        ariaLabel={`Code editor: ${title}`}
        headerExtra={<DraftStatus draft={draft} signedIn={signedIn} />}
      />
      <ChallengeToolbar
        running={visible.running}
        submitting={submission.busy}
        submitBlocked={submission.blocked}
        canReset={draft.code !== starter}
        onRun={runTests}
        onStop={visible.stop}
        onSubmit={submit}
        onReset={reset}
        confirmAtStart={initialAction === "reset"}
      />
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="challenge-announcer">
        {announcement}
      </p>
      <ChallengeResults visible={visible} submission={submission} signedIn={signedIn} />
      <ChallengeHints hints={hints} shown={hint.shown} onShowNext={hint.showNext} refs={hint.refs} />
      <ReferenceSolution solution={solution} unlocked={attempts.passed || attempts.failed >= failuresToUnlock} failuresToUnlock={failuresToUnlock} failed={attempts.failed} />
      {signedIn ? (
        <SubmissionHistory
          items={history.items}
          error={history.error}
          onToggle={history.setOpen}
          onLoad={(code) => {
            draft.setCode(code);
            announce("Loaded that submission's code into the editor.");
          }}
        />
      ) : null}
    </section>
  );
}

function DraftStatus({ draft, signedIn }: { draft: DraftState; signedIn: boolean }) {
  const text: Record<DraftState["status"], string> = {
    idle: signedIn ? "Drafts save to your account." : "Drafts save in this browser.",
    unsaved: "Editing…",
    saving: "Saving…",
    saved: signedIn ? "Draft saved to your account." : "Draft saved in this browser.",
    error: `Draft not saved: ${draft.error ?? "error"}.`,
  };
  return (
    <span data-testid="draft-status" data-state={draft.status}>
      {draft.restored && draft.status === "saved" ? "Restored your draft." : text[draft.status]}
    </span>
  );
}

/** What the last run and the last submission said, where a submission is in the grading queue, and its error. */
function ChallengeResults({ visible, submission, signedIn }: { visible: VisibleTests; submission: ChallengeSubmission; signedIn: boolean }) {
  const sub = submission.result;
  return (
    <>
      {visible.running ? <p className={styles.pending}>Running the visible tests in your browser…</p> : null}
      {visible.result ? <TestResults title="Visible tests (run in your browser)" result={visible.result} kind="visible" testId="visible-results" /> : null}
      {submission.pipeline ? <GradingPipeline state={submission.pipeline} /> : null}
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
    </>
  );
}
