import type { SolutionState } from "./use-solution";
import styles from "./challenge.module.css";

/** Hints, gentlest first, revealed one at a time. */
export function ChallengeHints({ hints, shown, onShowNext, refs }: { hints: React.ReactNode[]; shown: number; onShowNext(): void; refs: React.RefObject<Array<HTMLLIElement | null>> }) {
  if (!hints.length) return null;
  return (
    <div className={styles.hints}>
      <h4>Hints</h4>
      {shown ? (
        <ol className={styles.hintList}>
          {hints.slice(0, shown).map((hint, i) => (
            <li
              key={i}
              ref={(el) => {
                refs.current[i] = el;
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
      {shown < hints.length ? (
        <button type="button" className="btn btn-small" onClick={onShowNext}>
          Show hint {shown + 1} of {hints.length}
        </button>
      ) : null}
    </div>
  );
}

/** The reference solution: locked (with the count so far), a button once earned, then the code. */
export function ReferenceSolution({ solution, unlocked, failuresToUnlock, failed }: { solution: SolutionState; unlocked: boolean; failuresToUnlock: number; failed: number }) {
  return (
    <div className={styles.solution}>
      <h4>Reference solution</h4>
      {solution.text !== null ? (
        <pre className={styles.solutionCode} data-testid="solution-code" tabIndex={0} aria-label="Reference solution">
          <code>{solution.text}</code>
        </pre>
      ) : unlocked ? (
        <button type="button" className="btn btn-small" onClick={() => void solution.show()} disabled={solution.loading}>
          {solution.loading ? "Loading…" : "Show solution"}
        </button>
      ) : (
        <p className={styles.muted} data-testid="solution-locked">
          Unlocks after you pass, or after {failuresToUnlock} failed submissions ({failed} so far).
        </p>
      )}
      {solution.error ? (
        <p className={styles.error} role="alert">
          {solution.error}
        </p>
      ) : null}
    </div>
  );
}
