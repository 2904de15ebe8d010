import type { GradeResult, TestOutcome } from "@/lib/grading/types";
import styles from "./challenge.module.css";

/** The verdict of a run or a submission in one sentence. */
export function summarize(result: Pick<GradeResult, "status" | "passed" | "total" | "error">, kind: "visible" | "hidden"): string {
  const what = kind === "visible" ? "visible" : "hidden";
  if (result.status === "error") return result.error ?? "The tests could not run.";
  if (result.status === "passed") return `All ${result.total} ${what} test${result.total === 1 ? "" : "s"} passed.`;
  return `${result.passed} of ${result.total} ${what} tests passed.`;
}

function durationText(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function TestRow({ test }: { test: TestOutcome }) {
  return (
    <li className={styles.test} data-passed={test.passed}>
      <span className={styles.mark} aria-hidden="true">
        {test.passed ? "✓" : "✗"}
      </span>
      <span className={styles.testBody}>
        <span className="visually-hidden">{test.passed ? "Passed: " : "Failed: "}</span>
        <span className={styles.testName}>{test.name}</span>
        {!test.passed && test.message ? <span className={styles.testMessage}>{test.message}</span> : null}
      </span>
    </li>
  );
}

/**
 * One result block: a heading, the summary, and each test with pass/fail and, for failures, the message (expected
 * vs received, the error thrown, a timeout). For hidden tests that is all the student learns: names and messages.
 */
export function TestResults({ title, result, kind, testId, note }: { title: string; result: GradeResult; kind: "visible" | "hidden"; testId: string; note?: React.ReactNode }) {
  return (
    <section className={styles.results} data-status={result.status} data-testid={testId} aria-label={title}>
      <header className={styles.resultsHeader}>
        <h4 className={styles.resultsTitle}>{title}</h4>
        <span className={styles.duration}>{durationText(result.durationMs)}</span>
      </header>
      <p className={styles.summary} data-testid={`${testId}-summary`}>
        {summarize(result, kind)}
      </p>
      {note}
      {result.tests.length ? (
        <ul className={styles.tests}>
          {result.tests.map((t, i) => (
            <TestRow key={`${i}:${t.name}`} test={t} />
          ))}
        </ul>
      ) : null}
      {result.output ? (
        <details className={styles.output}>
          <summary>Console output</summary>
          <pre>{result.output}</pre>
        </details>
      ) : null}
    </section>
  );
}
