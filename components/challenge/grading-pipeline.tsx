import Link from "next/link";
import type { PublicGradeResult, SubmissionAccepted, SubmissionResponse, SubmissionStage, SubmissionStatus } from "@/lib/api/challenges";
import { MAX_GRADING_ATTEMPTS } from "@/lib/api/challenges";
import styles from "./challenge.module.css";

/*
 * Where the student's submission is in the grader, drawn as the queue it is: Queued → Running → Verdict. The
 * grader is a work queue (the lesson on work queues says so too), so the diagram is the lesson applied to the page.
 * It only renders state; use-challenge-submission.ts follows the server and announces stage changes.
 */

/** "sending": the POST is on its way and the server has not yet answered with a place in the queue. */
export type PipelineStage = "sending" | SubmissionStage;

export interface GradingPipelineState {
  stage: PipelineStage;
  /** While queued: submissions that will be started before this one. */
  ahead: number | null;
  /** The worker running it or that ran it, e.g. "w-2". */
  worker: string | null;
  /** Times a worker has started it; above 1 means an earlier worker stopped mid-run. */
  attempt: number;
  maxAttempts: number;
  /** Workers stopped on it maxAttempts times, so it was set aside with a plain reason (verdict.error). */
  deadLettered: boolean;
  /** Time in the queue before its first start, in milliseconds (server clock). Null when unknown or retried. */
  waitedMs: number | null;
  verdict: Pick<PublicGradeResult, "status" | "passed" | "total" | "error"> | null;
  /** Polls are failing (network or a 503); the diagram shows the last stage known. */
  reconnecting: boolean;
}

export const SENDING: GradingPipelineState = {
  stage: "sending",
  ahead: null,
  worker: null,
  attempt: 0,
  maxAttempts: MAX_GRADING_ATTEMPTS,
  deadLettered: false,
  waitedMs: null,
  verdict: null,
  reconnecting: false,
};

/** The 202's answer: queued, with its place in line. */
export function pipelineFromAccepted(a: SubmissionAccepted): GradingPipelineState {
  return { ...SENDING, stage: "queued", ahead: a.position };
}

/** A GET /api/submissions/[id] reply. */
export function pipelineFromStatus(s: SubmissionStatus): GradingPipelineState {
  const waited = s.startedAt && s.attempt <= 1 ? Date.parse(s.startedAt) - Date.parse(s.createdAt) : NaN;
  return {
    stage: s.status,
    ahead: s.status === "queued" ? s.ahead : null,
    worker: s.worker,
    attempt: s.attempt,
    maxAttempts: s.maxAttempts,
    deadLettered: s.deadLettered,
    waitedMs: Number.isFinite(waited) && waited >= 0 ? waited : null,
    verdict: s.verdict,
    reconnecting: false,
  };
}

/** A verdict that arrived without the pipeline (the synchronous 200 of the server before the queue). */
export function pipelineFromVerdict(v: SubmissionResponse): GradingPipelineState {
  return { ...SENDING, stage: v.status, attempt: 1, verdict: v };
}

const isFinished = (stage: PipelineStage) => stage === "passed" || stage === "failed" || stage === "error";

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function aheadText(ahead: number | null): string {
  if (ahead === null) return "waiting for a worker";
  if (ahead === 0) return "next in line";
  return `${ahead} ahead of you`;
}

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** "the first worker stopped mid-run" for attempt 2; counts beyond that. */
export function retryReason(attempt: number): string {
  return attempt === 2 ? "the first worker stopped mid-run" : `${attempt - 1} earlier workers stopped mid-run`;
}

type StepState = "done" | "current" | "waiting" | "failed" | "dead";
interface Step {
  key: "queued" | "running" | "verdict";
  name: string;
  detail: string;
  state: StepState;
}

/** Marks beside each stage, so no stage is told apart by colour alone; the hidden word says it to screen readers. */
const MARK: Record<StepState, string> = { done: "✓", current: "●", waiting: "○", failed: "✗", dead: "⚠" };
const STATE_WORD: Record<StepState, string> = { done: "done", current: "now", waiting: "not yet", failed: "did not pass", dead: "set aside" };

function steps(p: GradingPipelineState): Step[] {
  const finished = isFinished(p.stage);
  const retried = p.attempt > 1 ? `, attempt ${p.attempt} of ${p.maxAttempts}` : "";

  const queued: Step =
    p.stage === "sending"
      ? { key: "queued", name: "Queued", detail: "sending…", state: "current" }
      : p.stage === "queued"
        ? { key: "queued", name: "Queued", detail: aheadText(p.ahead), state: "current" }
        : { key: "queued", name: "Queued", detail: p.waitedMs === null ? "done" : `waited ${seconds(p.waitedMs)}`, state: "done" };

  const where = p.worker ? `on worker ${p.worker}` : finished ? "done" : "starting";
  const running: Step =
    p.stage === "running"
      ? { key: "running", name: "Running", detail: `${where}${retried}`, state: "current" }
      : p.deadLettered
        ? { key: "running", name: "Running", detail: `workers stopped ${p.attempt} of ${p.maxAttempts} times`, state: "dead" }
        : finished
          ? { key: "running", name: "Running", detail: `${where}${retried}`, state: "done" }
          : { key: "running", name: "Running", detail: "", state: "waiting" };

  const v = p.verdict;
  const verdict: Step = p.deadLettered
    ? { key: "verdict", name: "Dead-lettered", detail: "not graded", state: "dead" }
    : !finished || !v
      ? { key: "verdict", name: "Verdict", detail: "", state: "waiting" }
      : v.status === "passed"
        ? { key: "verdict", name: "Verdict", detail: `passed ${v.passed}/${v.total}`, state: "done" }
        : v.status === "failed"
          ? { key: "verdict", name: "Verdict", detail: `failed ${v.passed}/${v.total}`, state: "failed" }
          : { key: "verdict", name: "Verdict", detail: "could not run", state: "failed" };

  return [queued, running, verdict];
}

/** The diagram: three stages, the current one marked, notes for a retry, a dead letter and a lost connection. */
export function GradingPipeline({ state }: { state: GradingPipelineState }) {
  const requeued = state.stage === "queued" && state.attempt >= 1;
  const retried = state.attempt > 1 && !state.deadLettered;
  return (
    <figure className={styles.pipeline} data-testid="grading-pipeline" data-stage={state.stage} data-dead-lettered={state.deadLettered}>
      <ol className={styles.pipelineSteps} aria-label="Your submission in the grading queue">
        {steps(state).map((s) => (
          <li key={s.key} className={styles.pipelineStep} data-state={s.state} data-testid={`pipeline-${s.key}`} aria-current={s.state === "current" ? "step" : undefined}>
            <span className={styles.pipelineMark} aria-hidden="true">
              {MARK[s.state]}
            </span>
            <span className={styles.pipelineText}>
              <span className={styles.pipelineName}>{s.name}</span> <span className={styles.pipelineDetail}>{s.detail}</span>
              <span className="visually-hidden"> ({STATE_WORD[s.state]})</span>
            </span>
          </li>
        ))}
      </ol>
      {requeued ? (
        <p className={styles.pipelineNote} data-testid="pipeline-retry">
          Back in the queue — {retryReason(state.attempt + 1)}, so attempt {state.attempt + 1} of {state.maxAttempts} goes to another worker.
        </p>
      ) : retried ? (
        <p className={styles.pipelineNote} data-testid="pipeline-retry">
          Attempt {state.attempt} of {state.maxAttempts} — {retryReason(state.attempt)}, so another worker took the submission over.
        </p>
      ) : null}
      {state.deadLettered ? (
        <p className={styles.pipelineNote} data-testid="pipeline-dead-letter">
          Dead-lettered: {sentence(state.verdict?.error ?? "the grader could not finish this submission")} It was set aside like a poison message in a{" "}
          <Link href="/learn/dead-letter-queues">dead letter queue</Link>, so it stops taking workers from everyone else.
        </p>
      ) : null}
      {state.reconnecting ? (
        <p className={styles.pipelineNote} data-testid="pipeline-reconnecting">
          Reconnecting… the server did not answer. Your submission is stored there; this page keeps asking about it.
        </p>
      ) : null}
      <figcaption className={styles.pipelineCaption}>
        <Link href="/learn/work-queues">This grader is itself a work queue</Link>: submissions wait in line and competing workers take them one at a time.
      </figcaption>
    </figure>
  );
}
