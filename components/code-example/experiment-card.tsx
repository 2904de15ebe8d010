"use client";
import { useEffect, useId } from "react";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import { experimentsRequired, loadIntoEditor, registerExperiment, useExampleState } from "./example-store";
import styles from "./code-example.module.css";

export interface ExperimentCardProps {
  id: string;
  exampleId: string;
  title: string;
  /** The experiment's full program; null when its file is missing. */
  code: string | null;
  children?: React.ReactNode;
}

/**
 * One experiment: what changed and what to look for (the author's markdown), and buttons that put its code into
 * the lesson's example editor, optionally running it. The footer states the completion rule with a live count.
 */
export function ExperimentCard({ id, exampleId, title, code, children }: ExperimentCardProps) {
  const anchorId = `experiment-${exampleId}-${id}`;
  const titleId = useId();
  const state = useExampleState(exampleId);
  const progress = useOptionalLessonProgress();

  useEffect(() => registerExperiment(exampleId, id), [exampleId, id]);

  const ran = state.ran.includes(id);
  const required = experimentsRequired(state);
  const count = state.ran.filter((r) => state.registered.includes(r)).length;
  const stepDone = progress?.completed.has("experiment") ?? false;
  const hydrated = state.registered.length > 0;
  const noEditor = hydrated && !state.hasEditor;

  const send = (run: boolean) => {
    if (code === null) return;
    loadIntoEditor(exampleId, { code, run, experiment: { id, title, anchorId } });
  };

  let rule: string;
  if (stepDone) rule = count >= required ? `✓ Step complete: ${count} of ${state.registered.length} experiments run` : "✓ Step complete";
  else rule = `Run ${required} experiments to complete this step: ${Math.min(count, required)}/${required} done`;

  return (
    <section id={anchorId} className={`card ${styles.experiment}`} aria-labelledby={titleId} data-testid={`experiment-${id}`}>
      <h3 id={titleId}>
        <span>{title}</span>
        {ran ? <span className={styles.ranBadge}>✓ Ran</span> : null}
        {state.loadedId === id ? <span className={styles.loadedBadge}>In the editor</span> : null}
      </h3>
      {children}
      <div className={styles.actions}>
        <button type="button" className="btn btn-primary btn-small" aria-label={`Run experiment: ${title}`} disabled={code === null || !state.hasEditor} onClick={() => send(true)}>
          Run experiment
        </button>
        <button type="button" className="btn btn-small" aria-label={`Load into editor: ${title}`} disabled={code === null || !state.hasEditor} onClick={() => send(false)}>
          Load into editor
        </button>
        <span className={styles.rule} data-met={stepDone} data-testid="experiment-rule">
          {rule}
        </span>
        {code === null ? (
          <span role="alert" className={styles.missing}>
            Missing file content/examples/{exampleId}/{id}.ts.
          </span>
        ) : noEditor ? (
          <span className={styles.missing}>This lesson has no editor for the “{exampleId}” example.</span>
        ) : null}
      </div>
    </section>
  );
}
