"use client";
import { getTemplate, type LabTask, type TaskCheck } from "@/lib/lab";
import { Glyph } from "./glyph";
import styles from "./lab.module.css";

/**
 * Lab tasks: what to achieve, hints, "Start task" (loads the task's starting design), and after each run the
 * task's own check of what the run did.
 */
export function LabTasks({
  tasks,
  activeTaskId,
  lastCheck,
  done,
  onStart,
  onStop,
}: {
  tasks: readonly LabTask[];
  activeTaskId: string | null;
  lastCheck: { taskId: string; check: TaskCheck } | null;
  done: ReadonlySet<string>;
  onStart: (task: LabTask) => void;
  onStop: () => void;
}) {
  return (
    <section className={styles.panel} aria-labelledby="lab-tasks-title">
      <h3 id="lab-tasks-title" className={styles.panelTitle}>
        {tasks.length === 1 ? "Task" : "Tasks"}
      </h3>
      <ul className={styles.taskList}>
        {tasks.map((task) => {
          const active = task.id === activeTaskId;
          const check = lastCheck?.taskId === task.id ? lastCheck.check : null;
          return (
            <li key={task.id} className={styles.task} data-active={active || undefined} data-testid={`task-${task.id}`}>
              <div className={styles.taskHead}>
                <strong>{task.title}</strong>
                {done.has(task.id) ? (
                  <span className={styles.doneBadge} data-testid={`task-done-${task.id}`}>
                    ✓ Done
                  </span>
                ) : null}
              </div>
              <p>{task.goal}</p>
              <p className={styles.muted}>Template: {getTemplate(task.templateId)?.title ?? task.templateId}</p>
              {task.hints.length > 0 ? (
                <details className={styles.why}>
                  <summary>Hints</summary>
                  <ul>
                    {task.hints.map((hint) => (
                      <li key={hint}>{hint}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {active ? (
                <>
                  <p className={styles.muted}>Active: run the simulation to check your work.</p>
                  {check ? (
                    <p className={check.done ? styles.okPanel : styles.taskFeedback} role="status" data-testid="task-feedback">
                      <Glyph kind={check.done ? "success" : "info"} />{" "}
                      {check.feedback}
                    </p>
                  ) : null}
                  <button type="button" className="btn btn-small" onClick={onStop}>
                    Stop checking this task
                  </button>
                </>
              ) : (
                <button type="button" className="btn btn-small btn-primary" onClick={() => onStart(task)} aria-label={`Start task: ${task.title}`}>
                  Start task
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
