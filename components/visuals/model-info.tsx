"use client";
import type { ModelMeta } from "./model-meta";
import type { ModelTour } from "./use-model-tour";
import styles from "./visual-model.module.css";

/** Under the model: the tour step's narration (or the summary, a control's hint, "tour complete") and the tour's buttons. */
export function ModelInfo({ meta, tour: t }: { meta: ModelMeta; tour: ModelTour }) {
  const { step, tourIndex, message, tour } = t;
  const last = tourIndex !== null && tourIndex === tour.steps.length - 1;
  return (
    <div className={styles.info}>
      <div aria-live="polite" aria-atomic="true">
        {step && tourIndex !== null ? (
          <>
            <p className={styles.narration}>
              <strong className={styles.stepTitle}>
                Step {tourIndex + 1} of {tour.steps.length}: {step.title}
              </strong>
              {step.narration}
            </p>
          </>
        ) : message.kind === "finished" ? (
          <p className={styles.narration}>
            <span className={styles.done}>Tour complete.</span> {t.markedDone ? "This step is marked done. " : ""}Now drive the model yourself: press Play and
            try the buttons above.
          </p>
        ) : message.kind === "hint" ? (
          <p className={styles.narration}>{message.text}</p>
        ) : (
          <p className={styles.narration}>{meta.summary}</p>
        )}
      </div>
      {tourIndex === null ? (
        <p className={styles.hint}>Hover over or tap any box to see what it does and why it is needed.</p>
      ) : (
        <div className={styles.tourNav} role="group" aria-label="Tour">
          <button type="button" className="btn btn-small" data-action="prev" onClick={t.prev} disabled={tourIndex === 0}>
            Previous step
          </button>
          <button type="button" className="btn btn-small btn-primary" data-action="next" onClick={t.next}>
            {last ? "Finish tour" : "Next step"}
          </button>
          <button type="button" className="btn btn-small" data-action="replay" onClick={() => t.goTo(tourIndex)}>
            Replay step
          </button>
          <button type="button" className={`btn btn-small ${styles.tourExit}`} data-action="exit" onClick={t.exitTour}>
            Exit tour
          </button>
        </div>
      )}
    </div>
  );
}
