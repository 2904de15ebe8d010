import type { ChoiceFeedback, QuestionResult } from "@/lib/api/quizzes";
import type { PublicQuestion } from "@/lib/content/quizzes";
import styles from "./quiz.module.css";

/** The server's verdict on one question: why each chosen choice is right or wrong, never the hidden right answer. */
export function QuestionFeedback({ question: q, result }: { question: PublicQuestion; result: QuestionResult }) {
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
