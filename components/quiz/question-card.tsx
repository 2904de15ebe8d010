import type { QuestionResult, QuizAnswer } from "@/lib/api/quizzes";
import type { PublicQuestion } from "@/lib/content/quizzes";
import { OrderingList } from "./ordering-list";
import { QuestionFeedback } from "./question-feedback";
import styles from "./quiz.module.css";

const KIND_LABEL: Record<PublicQuestion["kind"], string> = {
  single: "Choose one",
  multiple: "Select all that apply",
  predict: "Predict what happens",
  ordering: "Put in order",
};

/** One question: its prompt (and a predict question's scenario), the answer controls, and the server's verdict. */
export function QuestionCard({
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
  answer: QuizAnswer | undefined;
  onAnswer: (a: QuizAnswer) => void;
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
      {result ? <QuestionFeedback question={q} result={result} /> : null}
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
  answer: QuizAnswer | undefined;
  onAnswer: (a: QuizAnswer) => void;
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
