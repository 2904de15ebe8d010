"use client";
import { STEPS, type StepId } from "@/lib/content/steps";
import { useLessonProgress } from "./lesson-progress";

const HOW_IT_COMPLETES: Partial<Record<StepId, string>> = {
  visual: "This step completes when you finish the guided tour of the model.",
  experiment: "This step completes when you run two different experiments (or finish a lab task).",
  quiz: "This step completes when every question has been answered correctly (checked on the server).",
  challenge: "This step completes when your solution passes the hidden tests on the server.",
};

export function StepDot({ stepId, n }: { stepId: StepId; n: number }) {
  const { completed } = useLessonProgress();
  const done = completed.has(stepId);
  return (
    <span className="step-dot" data-done={done} aria-hidden="true">
      {done ? "✓" : n}
    </span>
  );
}

/** "Mark as done" for reading steps; a note on how interactive steps complete. */
export function StepFooter({ stepId }: { stepId: StepId }) {
  const { completed, markDone, error } = useLessonProgress();
  const step = STEPS.find((s) => s.id === stepId)!;
  const done = completed.has(stepId);
  return (
    <footer className="step-footer">
      {done ? (
        <span className="done-badge" data-testid={`step-done-${stepId}`}>
          ✓ Done
        </span>
      ) : step.completion === "reader" ? (
        <button type="button" className="btn btn-primary btn-small" aria-label={`Mark as done: ${step.title}`} onClick={() => void markDone(stepId)}>
          Mark as done
        </button>
      ) : (
        <span>{HOW_IT_COMPLETES[stepId]}</span>
      )}
      {error?.stepId === stepId && !done ? (
        <span role="alert" className="form-error" style={{ margin: 0 }}>
          {error.message}
        </span>
      ) : null}
    </footer>
  );
}
