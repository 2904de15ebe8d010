"use client";
import { lazy } from "react";
import { LazyWidget } from "@/components/ui/lazy-widget";
import type { PublicQuiz } from "@/lib/content/quizzes";

// The quiz is the sixth of nine steps: its code is fetched only when the student gets near it (or touches it),
// so the lesson's first load stays inside the JavaScript budget. Until then the server-rendered stand-in shows.
const QuizView = lazy(() => import("./quiz-view").then((m) => ({ default: m.QuizView })));
const LOAD_MARGIN_PX = 600;

export function QuizLoader({
  quiz,
  signedIn,
  initialSolved,
  children,
}: {
  quiz: PublicQuiz;
  signedIn: boolean;
  initialSolved: string[];
  /** The server-rendered stand-in. */
  children: React.ReactNode;
}) {
  return (
    <LazyWidget marginPx={LOAD_MARGIN_PX} standIn={children}>
      <QuizView quiz={quiz} signedIn={signedIn} initialSolved={initialSolved} />
    </LazyWidget>
  );
}
