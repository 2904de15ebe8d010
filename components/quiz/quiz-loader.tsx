"use client";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
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
  const ref = useRef<HTMLDivElement>(null);
  const [load, setLoad] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el || load) return;
    if (typeof IntersectionObserver !== "function") {
      setLoad(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setLoad(true), { rootMargin: `${LOAD_MARGIN_PX}px 0px` });
    io.observe(el);
    return () => io.disconnect();
  }, [load]);

  return (
    <div ref={ref} onPointerDownCapture={() => setLoad(true)} onFocusCapture={() => setLoad(true)}>
      {load ? (
        <Suspense fallback={children}>
          <QuizView quiz={quiz} signedIn={signedIn} initialSolved={initialSolved} />
        </Suspense>
      ) : (
        children
      )}
    </div>
  );
}
