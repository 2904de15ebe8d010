"use client";
import { useEffect, useRef, useState } from "react";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import { localEntry, parsers } from "@/components/ui/local-store";
import { requestJson } from "@/lib/api/client";
import { quizAttemptResponseSchema, type QuestionResult, type QuizAnswer } from "@/lib/api/quizzes";
import type { PublicQuestion, PublicQuiz } from "@/lib/content/quizzes";

/*
 * A quiz's state: the answers given, the server's verdicts, and which questions are verified correct so far. Guests
 * keep the server's signed progress token in this browser, next to the plain `solved` list from the same response:
 * the list is what a reload shows, the token (never read here) goes back with the next attempt so the server can
 * verify it. Signed-in students need neither: the server has their attempts.
 */

interface GuestQuizProgress {
  token: string;
  solved: string[];
}

function parseGuestProgress(v: unknown): GuestQuizProgress | null {
  const r = v as Partial<GuestQuizProgress> | null;
  return r && typeof r.token === "string" && Array.isArray(r.solved) ? { token: r.token, solved: r.solved.filter((s): s is string => typeof s === "string") } : null;
}

const guestProgress = (quizId: string) => localEntry<GuestQuizProgress | null>(`decoupled:quiz-token:v2:${quizId}`, { parse: parseGuestProgress, fallback: null });
// Before v2 only the token was kept: still sent back (the server still accepts it); its questions show after the next check.
const legacyToken = (quizId: string) => localEntry<string | null>(`decoupled:quiz-token:v1:${quizId}`, { parse: parsers.string, fallback: null, format: "text" });

function initialAnswers(quiz: PublicQuiz): Record<string, QuizAnswer> {
  const out: Record<string, QuizAnswer> = {};
  for (const q of quiz.questions) if (q.kind === "ordering") out[q.id] = q.items.map((i) => i.id);
  return out;
}

export function useQuizAttempts(quiz: PublicQuiz, signedIn: boolean, initialSolved: string[]) {
  const progress = useOptionalLessonProgress();
  const total = quiz.questions.length;
  const [answers, setAnswers] = useState<Record<string, QuizAnswer>>(() => initialAnswers(quiz));
  // Ordering questions always have an order; they count as answered once the student has moved something.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<Record<string, QuestionResult>>({});
  const [solved, setSolved] = useState<ReadonlySet<string>>(() => new Set(initialSolved));
  const token = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // Guests: read after hydration, the server rendered without it.
  useEffect(() => {
    if (signedIn) return;
    const stored = guestProgress(quiz.id).read();
    token.current = stored?.token ?? legacyToken(quiz.id).read();
    if (!stored) return;
    const ids = new Set(quiz.questions.map((q) => q.id));
    setSolved((prev) => new Set([...prev, ...stored.solved.filter((id) => ids.has(id))]));
  }, [signedIn, quiz]);

  const isOpen = (id: string) => !results[id] && !solved.has(id);
  const isAnswered = (q: PublicQuestion) => {
    const a = answers[q.id];
    if (q.kind === "ordering") return touched.has(q.id);
    return Array.isArray(a) ? a.length > 0 : typeof a === "string";
  };
  const wrong = quiz.questions.filter((q) => results[q.id] && !results[q.id].correct);

  const answer = (q: PublicQuestion, a: QuizAnswer) => {
    setAnswers((prev) => ({ ...prev, [q.id]: a }));
    if (q.kind === "ordering") setTouched((prev) => new Set(prev).add(q.id));
    setError(null);
  };

  async function check() {
    const toSend = quiz.questions.filter((q) => isOpen(q.id) && isAnswered(q));
    if (toSend.length === 0) {
      setError("Answer at least one question first.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { answers: Object.fromEntries(toSend.map((q) => [q.id, answers[q.id]])), ...(token.current ? { token: token.current } : {}) };
      const reply = await requestJson(`/api/quizzes/${encodeURIComponent(quiz.id)}/attempts`, { method: "POST", json: body }, quizAttemptResponseSchema);
      if (!reply.ok) throw new Error(reply.error);
      const data = reply.data;
      setResults((prev) => ({ ...prev, ...data.results }));
      setSolved(new Set(data.solved));
      token.current = data.token;
      if (!signedIn) guestProgress(quiz.id).write({ token: data.token, solved: data.solved });
      const { answered, correct } = data.attempt;
      setAnnouncement(
        data.stepCompleted
          ? `${correct} of ${answered} correct. All ${total} questions answered correctly: quiz complete.`
          : `${correct} of ${answered} correct. ${data.solved.length}/${total} questions correct so far.${answered > correct ? " Read the explanations, then retry the wrong questions." : ""}`,
      );
      if (data.stepCompleted) progress?.markVerified("quiz", data.receipt);
    } catch (e) {
      setError(`Could not check your answers (${(e as Error).message}). Try again.`);
    } finally {
      setBusy(false);
    }
  }

  /** Reopen the wrongly answered questions; returns their ids. */
  function retryWrong(): string[] {
    const ids = wrong.map((q) => q.id);
    setResults((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => !ids.includes(id))));
    // Choices are cleared; an ordering keeps the student's arrangement so they can fix just the misplaced items.
    setAnswers((prev) => {
      const next = { ...prev };
      for (const q of wrong) if (q.kind !== "ordering") delete next[q.id];
      return next;
    });
    setAnnouncement(`${ids.length} question${ids.length === 1 ? "" : "s"} reset. Answer ${ids.length === 1 ? "it" : "them"} again.`);
    return ids;
  }

  return { total, answers, results, solved, busy, error, announcement, wrong, complete: solved.size === total, inLesson: Boolean(progress), answer, check, retryWrong };
}
