"use client";
import { useEffect, useRef, useState } from "react";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import type { PublicQuestion, PublicQuiz } from "@/lib/content/quizzes";
import type { AttemptResponse, ChoiceFeedback, QuestionResult } from "@/lib/server/quizzes";
import { OrderingList } from "./ordering-list";
import styles from "./quiz.module.css";

/*
 * The quiz, all questions on one page. A lesson quiz is 4–6 short questions: seeing them together lets a student
 * answer in any order, check once, and after "Retry wrong questions" see exactly which ones are still open, without
 * a pager's hidden state. Grading happens on the server; this component only shows what the server said.
 */

type Answer = string | string[];

const KIND_LABEL: Record<PublicQuestion["kind"], string> = {
  single: "Choose one",
  multiple: "Select all that apply",
  predict: "Predict what happens",
  ordering: "Put in order",
};

// Guests keep the server-signed progress token in this browser so a reload does not forget questions already
// verified. Signed-in students do not need it: the server has their attempts.
const tokenKey = (quizId: string) => `decoupled:quiz-token:v1:${quizId}`;

/** Question ids a token claims. For display only: the server re-verifies the signature on every attempt. */
function solvedInToken(token: string): string[] {
  try {
    const b64 = token.split(".")[0].replace(/-/g, "+").replace(/_/g, "/");
    const payload = JSON.parse(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4))) as { solved?: unknown };
    return Array.isArray(payload.solved) ? payload.solved.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

function initialAnswers(quiz: PublicQuiz): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const q of quiz.questions) if (q.kind === "ordering") out[q.id] = q.items.map((i) => i.id);
  return out;
}

export function QuizView({ quiz, signedIn, initialSolved }: { quiz: PublicQuiz; signedIn: boolean; initialSolved: string[] }) {
  const progress = useOptionalLessonProgress();
  const total = quiz.questions.length;
  const [answers, setAnswers] = useState<Record<string, Answer>>(() => initialAnswers(quiz));
  // Ordering questions always have an order; they count as answered once the student has moved something.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<Record<string, QuestionResult>>({});
  const [solved, setSolved] = useState<ReadonlySet<string>>(() => new Set(initialSolved));
  const [token, setToken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (signedIn) return;
    try {
      const stored = localStorage.getItem(tokenKey(quiz.id));
      if (!stored) return;
      setToken(stored);
      const ids = new Set(quiz.questions.map((q) => q.id));
      setSolved((prev) => new Set([...prev, ...solvedInToken(stored).filter((id) => ids.has(id))]));
    } catch {
      /* storage disabled: progress lasts for this page */
    }
  }, [signedIn, quiz]);

  const complete = solved.size === total;
  const isOpen = (id: string) => !results[id] && !solved.has(id);
  const isAnswered = (q: PublicQuestion) => {
    const a = answers[q.id];
    if (q.kind === "ordering") return touched.has(q.id);
    return Array.isArray(a) ? a.length > 0 : typeof a === "string";
  };
  const wrong = quiz.questions.filter((q) => results[q.id] && !results[q.id].correct);

  const setAnswer = (qid: string, a: Answer) => {
    setAnswers((prev) => ({ ...prev, [qid]: a }));
    setError(null);
  };

  async function check() {
    const toSend = quiz.questions.filter((q) => isOpen(q.id) && isAnswered(q));
    if (toSend.length === 0) {
      setError("Answer at least one question first.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/quizzes/${encodeURIComponent(quiz.id)}/attempts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ answers: Object.fromEntries(toSend.map((q) => [q.id, answers[q.id]])), ...(token ? { token } : {}) }),
      });
      const data = (await res.json().catch(() => ({}))) as Partial<AttemptResponse> & { error?: string };
      if (!res.ok || !data.results) throw new Error(data.error ?? `HTTP ${res.status}`);
      setResults((prev) => ({ ...prev, ...data.results }));
      setSolved(new Set(data.solved));
      if (data.token) {
        setToken(data.token);
        if (!signedIn) {
          try {
            localStorage.setItem(tokenKey(quiz.id), data.token);
          } catch {
            /* storage full or disabled */
          }
        }
      }
      const { answered = 0, correct = 0 } = data.attempt ?? {};
      const sofar = data.solved?.length ?? 0;
      setAnnouncement(
        data.stepCompleted
          ? `${correct} of ${answered} correct. All ${total} questions answered correctly: quiz complete.`
          : `${correct} of ${answered} correct. ${sofar}/${total} questions correct so far.${answered > correct ? " Read the explanations, then retry the wrong questions." : ""}`,
      );
      if (data.stepCompleted) progress?.markVerified("quiz", data.receipt);
    } catch (e) {
      setError(`Could not check your answers (${(e as Error).message}). Try again.`);
    } finally {
      setBusy(false);
    }
  }

  function retryWrong() {
    const ids = wrong.map((q) => q.id);
    setResults((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => !ids.includes(id))));
    // Choices are cleared; an ordering keeps the student's arrangement so they can fix just the misplaced items.
    setAnswers((prev) => {
      const next = { ...prev };
      for (const q of wrong) if (q.kind !== "ordering") delete next[q.id];
      return next;
    });
    setAnnouncement(`${ids.length} question${ids.length === 1 ? "" : "s"} reset. Answer ${ids.length === 1 ? "it" : "them"} again.`);
    requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>(`[data-question="${ids[0]}"] h3`)?.focus());
  }

  return (
    <div className={styles.quiz} ref={rootRef} data-testid={`quiz-${quiz.id}`}>
      <p className={styles.intro}>
        {total} questions. Answer any of them, then press <strong>Check answers</strong>: each answer is checked on the server and explained. The
        step is done when every question has been answered correctly.
      </p>
      <ol className={styles.questions}>
        {quiz.questions.map((q, i) => (
          <li key={q.id}>
            <QuestionCard
              quizId={quiz.id}
              question={q}
              n={i + 1}
              total={total}
              answer={answers[q.id]}
              onAnswer={(a) => {
                setAnswer(q.id, a);
                if (q.kind === "ordering") setTouched((prev) => new Set(prev).add(q.id));
              }}
              result={results[q.id]}
              solvedEarlier={!results[q.id] && solved.has(q.id)}
            />
          </li>
        ))}
      </ol>

      <div className={styles.actions}>
        {complete ? null : (
          <button type="button" className="btn btn-primary" onClick={() => void check()} aria-disabled={busy || undefined} disabled={busy}>
            {busy ? "Checking…" : "Check answers"}
          </button>
        )}
        {wrong.length > 0 ? (
          <button type="button" className="btn" onClick={retryWrong}>
            Retry wrong questions
          </button>
        ) : null}
        <span className={styles.score} data-testid="quiz-progress">
          {solved.size}/{total} correct
        </span>
      </div>
      {error ? (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {complete ? (
        <div className={styles.complete} data-testid="quiz-complete">
          <strong>
            <span aria-hidden="true">✓ </span>All {total} questions answered correctly.
          </strong>{" "}
          This step is complete. {progress ? <a href="#step-challenge">On to the coding challenge</a> : null}
        </div>
      ) : null}
    </div>
  );
}

function QuestionCard({
  quizId,
  question: q,
  n,
  total,
  answer,
  onAnswer,
  result,
  solvedEarlier,
}: {
  quizId: string;
  question: PublicQuestion;
  n: number;
  total: number;
  answer: Answer | undefined;
  onAnswer: (a: Answer) => void;
  result: QuestionResult | undefined;
  solvedEarlier: boolean;
}) {
  const base = `quiz-${quizId}-${q.id}`;
  const locked = Boolean(result) || solvedEarlier;
  const state = result ? (result.correct ? "correct" : "wrong") : solvedEarlier ? "correct" : "open";
  return (
    <section className={styles.question} data-question={q.id} data-state={state} aria-labelledby={`${base}-title`} data-testid={`quiz-question-${q.id}`}>
      <h3 id={`${base}-title`} className={styles.questionTitle} tabIndex={-1}>
        Question {n} of {total}
        <span className={styles.kind}>{KIND_LABEL[q.kind]}</span>
        {state !== "open" ? (
          <span className={styles.badge} data-state={state}>
            {state === "correct" ? "✓ Correct" : "✗ Not yet"}
          </span>
        ) : null}
      </h3>
      {q.kind === "predict" ? (
        <div className={styles.scenario}>
          <p className={styles.scenarioLabel}>Scenario</p>
          <div dangerouslySetInnerHTML={{ __html: q.scenarioHtml }} />
          {q.visual ? <PausedModel id={q.visual} /> : null}
        </div>
      ) : null}
      <div id={`${base}-prompt`} className={styles.prompt} dangerouslySetInnerHTML={{ __html: q.promptHtml }} />

      {q.kind === "ordering" ? (
        <>
          <p className={styles.hint}>Top is first. Use the Move up and Move down buttons, or drag an item by its grip.</p>
          <OrderingList items={q.items} order={(answer as string[]) ?? q.items.map((i) => i.id)} onChange={onAnswer} locked={locked} labelledBy={`${base}-prompt`} />
        </>
      ) : (
        <Choices base={base} question={q} answer={answer} onAnswer={onAnswer} locked={locked} result={result} />
      )}

      {solvedEarlier ? <p className={styles.note}>You answered this correctly in an earlier attempt.</p> : null}
      {result ? <Feedback question={q} result={result} /> : null}
    </section>
  );
}

function Choices({
  base,
  question: q,
  answer,
  onAnswer,
  locked,
  result,
}: {
  base: string;
  question: Extract<PublicQuestion, { choices: unknown }>;
  answer: Answer | undefined;
  onAnswer: (a: Answer) => void;
  locked: boolean;
  result: QuestionResult | undefined;
}) {
  const multiple = q.kind === "multiple";
  const selected = new Set(Array.isArray(answer) ? answer : answer ? [answer] : []);
  const verdicts = new Map(result && result.kind !== "ordering" ? result.chosen.map((c) => [c.choiceId, c.correct]) : []);
  return (
    <div role={multiple ? "group" : "radiogroup"} aria-labelledby={`${base}-prompt`} className={styles.choices}>
      {q.choices.map((c) => {
        const verdict = verdicts.get(c.id);
        return (
          <label key={c.id} className={styles.choice} data-selected={selected.has(c.id) || undefined} data-verdict={verdict === undefined ? undefined : verdict ? "right" : "wrong"}>
            <input
              type={multiple ? "checkbox" : "radio"}
              name={base}
              value={c.id}
              checked={selected.has(c.id)}
              disabled={locked}
              onChange={(e) => {
                if (!multiple) onAnswer(c.id);
                else onAnswer(e.target.checked ? [...selected, c.id] : [...selected].filter((x) => x !== c.id));
              }}
            />
            <span className={styles.choiceText} dangerouslySetInnerHTML={{ __html: c.html }} />
            {verdict === undefined ? null : (
              <span className={styles.mark} data-verdict={verdict ? "right" : "wrong"}>
                <span aria-hidden="true">{verdict ? "✓" : "✗"}</span>
                <span className="visually-hidden">{verdict ? " (right)" : " (wrong)"}</span>
              </span>
            )}
          </label>
        );
      })}
    </div>
  );
}

function Feedback({ question: q, result }: { question: PublicQuestion; result: QuestionResult }) {
  const labelOf = (id: string) => (q.kind === "ordering" ? id : (q.choices.find((c) => c.id === id)?.html ?? id));
  const verdict = result.correct ? "Correct." : "Not quite.";
  return (
    <div className={styles.feedback} data-correct={result.correct} data-testid={`quiz-feedback-${q.id}`}>
      <p className={styles.verdict}>
        <span aria-hidden="true">{result.correct ? "✓ " : "✗ "}</span>
        {verdict}
        {result.kind === "multiple" && !result.correct ? ` ${multipleSummary(result)}` : null}
        {result.kind === "ordering" && !result.correct ? ` ${result.inPlace} of ${result.total} items are in the right place.` : null}
      </p>
      {result.kind === "ordering" ? (
        result.explanationHtml ? <div dangerouslySetInnerHTML={{ __html: result.explanationHtml }} /> : <p>Move the items and check again.</p>
      ) : (
        <>
          <ExplanationList items={result.chosen} labelOf={labelOf} heading={result.chosen.length > 1 ? "Your selections" : "Your answer"} />
          {result.review ? (
            <details className={styles.review}>
              <summary>Why the other choices are wrong</summary>
              <ExplanationList items={result.review.filter((r) => !result.chosen.some((c) => c.choiceId === r.choiceId))} labelOf={labelOf} />
            </details>
          ) : null}
        </>
      )}
    </div>
  );
}

function multipleSummary(r: Extract<QuestionResult, { kind: "multiple" }>): string {
  const bad = r.chosen.filter((c) => !c.correct).length;
  const parts: string[] = [];
  if (bad) parts.push(`${bad} of your ${r.chosen.length} selections ${bad === 1 ? "does" : "do"} not belong.`);
  if (r.missing) parts.push(`${r.missing} more choice${r.missing === 1 ? "" : "s"} ${r.missing === 1 ? "belongs" : "belong"} in the answer.`);
  return parts.join(" ");
}

function ExplanationList({ items, labelOf, heading }: { items: ChoiceFeedback[]; labelOf: (id: string) => string; heading?: string }) {
  return (
    <>
      {heading ? <p className={styles.feedbackHeading}>{heading}</p> : null}
      <ul className={styles.explanations}>
        {items.map((c) => (
          <li key={c.choiceId} data-verdict={c.correct ? "right" : "wrong"}>
            <p className={styles.explainedChoice}>
              <span aria-hidden="true">{c.correct ? "✓ " : "✗ "}</span>
              <span className="visually-hidden">{c.correct ? "Right: " : "Wrong: "}</span>
              <span dangerouslySetInnerHTML={{ __html: labelOf(c.choiceId) }} />
            </p>
            <div dangerouslySetInnerHTML={{ __html: c.explanationHtml }} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** Stand-in for the visual model, paused at the scenario, until the animated models are embedded here. */
function PausedModel({ id }: { id: string }) {
  return (
    <figure className={styles.pausedModel} data-testid={`paused-model-${id}`}>
      <span className={styles.pausedIcon} aria-hidden="true">
        ❚❚
      </span>
      <figcaption>
        <strong>Paused model: {id}</strong>
        <span>The &ldquo;{id}&rdquo; visual model, paused at the moment this scenario describes, will appear here. Picture the scenario on it, then predict.</span>
      </figcaption>
    </figure>
  );
}
