import type { SubmissionSummary } from "@/lib/api/challenges";
import styles from "./challenge.module.css";

const STATUS_TEXT = { passed: "✓ Passed", failed: "✗ Failed", error: "⚠ Error" } as const;

/** "Your submissions" (signed in): each with its verdict and time, and a button to load its code into the editor. */
export function SubmissionHistory({
  items,
  error,
  onToggle,
  onLoad,
}: {
  items: SubmissionSummary[] | null;
  error: string | null;
  onToggle(open: boolean): void;
  onLoad(code: string): void;
}) {
  return (
    <details className={styles.history} onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Your submissions</summary>
      {error ? <p className={styles.error}>{error}</p> : null}
      {items === null ? (
        error ? null : <p className={styles.muted}>Loading…</p>
      ) : items.length === 0 ? (
        <p className={styles.muted}>No submissions yet.</p>
      ) : (
        <ol className={styles.historyList} data-testid="submission-history">
          {items.map((s) => (
            <li key={s.id} data-status={s.status}>
              <span className={styles.historyStatus}>{STATUS_TEXT[s.status]}</span>
              <span>{s.status === "error" ? "did not run" : `${s.passed}/${s.total} tests`}</span>
              <time dateTime={s.createdAt}>{new Date(s.createdAt).toLocaleString()}</time>
              <button type="button" className="btn btn-small" onClick={() => onLoad(s.code)}>
                Load this code
              </button>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
