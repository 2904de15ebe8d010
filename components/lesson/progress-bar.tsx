"use client";
import { progressLabel, TOTAL_STEPS } from "@/lib/content/steps";
import { useLessonProgress } from "./lesson-progress";

export function LessonProgressBar() {
  const { completed } = useLessonProgress();
  const { fraction, status } = progressLabel(completed.size);
  return (
    <div className="progress-row">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Lesson progress"
        aria-valuemin={0}
        aria-valuemax={TOTAL_STEPS}
        aria-valuenow={completed.size}
        aria-valuetext={`${fraction} steps, ${status}`}
      >
        <div className="progress-fill" style={{ transform: `scaleX(${completed.size / TOTAL_STEPS})` }} />
      </div>
      <span className="progress-pill" data-status={status} data-testid="lesson-progress" aria-live="polite">
        {fraction} {status}
      </span>
    </div>
  );
}
