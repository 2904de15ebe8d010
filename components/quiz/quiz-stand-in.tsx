import type { PublicQuiz } from "@/lib/content/quizzes";
import styles from "./quiz.module.css";

const KIND: Record<PublicQuiz["questions"][number]["kind"], string> = {
  single: "One answer",
  multiple: "Select all that apply",
  ordering: "Put in order",
  predict: "Predict the outcome",
};

/**
 * The quiz as plain server-rendered HTML: what the lesson ships before the student gets near the quiz. Same
 * questions and choices (public view only: no answers), inputs inert until the interactive quiz replaces it.
 */
export function QuizStandIn({ quiz }: { quiz: PublicQuiz }) {
  const total = quiz.questions.length;
  return (
    <div className={styles.quiz} data-testid={`quiz-${quiz.id}`} data-state="loading" aria-busy="true">
      <p className={styles.intro}>
        {total} questions. Answer any of them, then press <strong>Check answers</strong>: each answer is checked on the server and explained. The step is
        done when every question has been answered correctly.
      </p>
      <ol className={styles.questions}>
        {quiz.questions.map((q, i) => (
          <li key={q.id}>
            <section className={styles.question} data-state="open">
              <h3 className={styles.questionTitle}>
                Question {i + 1} of {total}
                <span className={styles.kind}>{KIND[q.kind]}</span>
              </h3>
              {q.kind === "predict" ? (
                <div className={styles.scenario}>
                  <p className={styles.scenarioLabel}>Scenario</p>
                  <div dangerouslySetInnerHTML={{ __html: q.scenarioHtml }} />
                </div>
              ) : null}
              <div dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
              <ul>
                {(q.kind === "ordering" ? q.items : q.choices).map((c) => (
                  <li key={c.id} dangerouslySetInnerHTML={{ __html: c.html }} />
                ))}
              </ul>
            </section>
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-primary" disabled>
        Check answers
      </button>
    </div>
  );
}
