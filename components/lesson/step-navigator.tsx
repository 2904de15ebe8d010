"use client";
import { useEffect, useState } from "react";
import { STEPS, type StepId } from "@/lib/content/steps";
import { useLessonProgress } from "./lesson-progress";

function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Move to a step: scroll it into view and put keyboard focus on its heading, so Tab continues inside it. */
export function goToStep(id: StepId): void {
  const section = document.getElementById(`step-${id}`);
  if (!section) return;
  section.scrollIntoView({ behavior: prefersReducedMotion() ? "auto" : "smooth", block: "start" });
  section.querySelector<HTMLElement>("h2")?.focus({ preventScroll: true });
  history.replaceState(null, "", `#step-${id}`);
}

/** The nine steps with their state. Links work without JavaScript; with it, focus follows the jump. */
export function StepNavigator() {
  const { completed } = useLessonProgress();
  const [current, setCurrent] = useState<StepId>("why");
  const [open, setOpen] = useState(true);

  // On narrow screens the list sits above the lesson: start collapsed there so the lesson itself is in view.
  useEffect(() => {
    if (matchMedia("(max-width: 860px)").matches) setOpen(false);
  }, []);

  useEffect(() => {
    const sections = STEPS.map((s) => document.getElementById(`step-${s.id}`)).filter((el): el is HTMLElement => el !== null);
    const io = new IntersectionObserver(
      (entries) => {
        const visible = entries.filter((e) => e.isIntersecting).sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top);
        if (visible[0]) setCurrent(visible[0].target.id.replace("step-", "") as StepId);
      },
      { rootMargin: "-20% 0px -60% 0px" },
    );
    sections.forEach((s) => io.observe(s));
    return () => io.disconnect();
  }, []);

  const list = (
    <ol>
      {STEPS.map((s, i) => {
        const done = completed.has(s.id);
        return (
          <li key={s.id}>
            <a
              href={`#step-${s.id}`}
              aria-current={current === s.id ? "step" : undefined}
              onClick={(e) => {
                e.preventDefault();
                setCurrent(s.id);
                goToStep(s.id);
              }}
            >
              <span className="step-dot" data-done={done} aria-hidden="true">
                {done ? "✓" : i + 1}
              </span>
              <span>
                {s.title}
                <span className="visually-hidden">{done ? " (done)" : " (not done)"}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ol>
  );
  return (
    <nav className="step-nav" aria-label="Lesson steps">
      <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>Steps ({completed.size}/9)</summary>
        {list}
      </details>
    </nav>
  );
}
