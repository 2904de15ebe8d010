"use client";
import { useRef } from "react";
import type { PublicQuiz } from "@/lib/content/quizzes";
import { QuestionCard } from "./question-card";
import { useQuizAttempts } from "./use-quiz-attempts";
import styles from "./quiz.module.css";

/*
 * The quiz, all questions on one page. A lesson quiz is 4–6 short questions: seeing them together lets a student
 * answer in any order, check once, and after "Retry wrong questions" see exactly which ones are still open, without
 * a pager's hidden state. Grading happens on the server; this component only shows what the server said.
 */

export function QuizView({ quiz, signedIn, initialSolved }: { quiz: PublicQuiz; signedIn: boolean; initialSolved: string[] }) {
  const q = useQuizAttempts(quiz, signedIn, initialSolved);
  const rootRef = useRef<HTMLDivElement>(null);
  const { total } = q;

  const retryWrong = () => {
    const [first] = q.retryWrong();
    requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>(`[data-question="${first}"] h3`)?.focus());
  };

  return (
    <div className={styles.quiz} ref={rootRef} data-testid={`quiz-${quiz.id}`}>
      <p className={styles.intro}>
        {total} questions. Answer any of them, then press <strong>Check answers</strong>: each answer is checked on the server and explained. The
        step is done when every question has been answered correctly.
      </p>
      <ol className={styles.questions}>
        {quiz.questions.map((question, i) => (
          <li key={question.id}>
            <QuestionCard
              quizId={quiz.id}
              question={question}
              n={i + 1}
              total={total}
              answer={q.answers[question.id]}
              onAnswer={(a) => q.answer(question, a)}
              result={q.results[question.id]}
              solvedEarlier={!q.results[question.id] && q.solved.has(question.id)}
            />
          </li>
        ))}
      </ol>

      <div className={styles.actions}>
        {q.complete ? null : (
          <button type="button" className="btn btn-primary" onClick={() => void q.check()} aria-disabled={q.busy || undefined} disabled={q.busy}>
            {q.busy ? "Checking…" : "Check answers"}
          </button>
        )}
        {q.wrong.length > 0 ? (
          <button type="button" className="btn" onClick={retryWrong}>
            Retry wrong questions
          </button>
        ) : null}
        <span className={styles.score} data-testid="quiz-progress">
          {q.solved.size}/{total} correct
        </span>
      </div>
      {q.error ? (
        <p role="alert" className={styles.error}>
          {q.error}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {q.announcement}
      </p>
      {q.complete ? (
        <div className={styles.complete} data-testid="quiz-complete">
          <strong>
            <span aria-hidden="true">✓ </span>All {total} questions answered correctly.
          </strong>{" "}
          This step is complete. {q.inLesson ? <a href="#step-challenge">On to the coding challenge</a> : null}
        </div>
      ) : null}
    </div>
  );
}
