"use client";
import Link from "next/link";
import { useMemo, useSyncExternalStore } from "react";
import { progressLabel, STEP_IDS } from "@/lib/content/steps";
import { noGuestProgress, readGuestProgress, subscribeGuestProgress } from "./guest-progress";

export interface LessonSummary {
  slug: string;
  title: string;
  summary: string;
  category: string;
  minutes: number;
  order: number;
}

/** Course home list with per-lesson progress, and a "continue" link to the first unfinished step. */
export function LessonList({ lessons, serverCompleted }: { lessons: LessonSummary[]; serverCompleted: Record<string, string[]> | null }) {
  const guest = useSyncExternalStore(subscribeGuestProgress, readGuestProgress, noGuestProgress);
  const completed = serverCompleted ?? guest;

  const next = useMemo(() => {
    for (const l of lessons) {
      const done = new Set(completed[l.slug] ?? []);
      const step = STEP_IDS.find((id) => !done.has(id));
      if (step) return { lesson: l, step, started: done.size > 0 };
    }
    return null;
  }, [lessons, completed]);

  return (
    <>
      <section className="card continue-card" aria-label="Continue learning">
        {next ? (
          <>
            <div>
              <div className="lesson-meta">{next.started ? "Continue where you left off" : "Start the course"}</div>
              <strong>
                Lesson {next.lesson.order}: {next.lesson.title}
              </strong>
            </div>
            <Link className="btn btn-primary" href={`/learn/${next.lesson.slug}#step-${next.step}`} data-testid="continue-link">
              {next.started ? "Continue" : "Start"}
              <span className="visually-hidden">: {next.lesson.title}</span> →
            </Link>
          </>
        ) : (
          <strong>You have completed every lesson. Try the architecture lab next.</strong>
        )}
      </section>
      <ol className="lesson-list" aria-label="Lessons">
        {lessons.map((l) => {
          const { fraction, status } = progressLabel((completed[l.slug] ?? []).filter((s) => (STEP_IDS as readonly string[]).includes(s)).length);
          return (
            <li key={l.slug} className="card lesson-card" data-testid={`lesson-${l.slug}`}>
              <span className="lesson-num" aria-hidden="true">
                {l.order}
              </span>
              <div>
                <h2>
                  <Link href={`/learn/${l.slug}`}>{l.title}</Link>
                </h2>
                <div className="lesson-meta">
                  <span>{l.category}</span>
                  <span>{l.minutes} min</span>
                </div>
                <p>{l.summary}</p>
              </div>
              <span className="progress-pill" data-status={status} data-testid={`progress-${l.slug}`}>
                {fraction} {status}
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
