import { ContentError } from "@/lib/content/errors";
import { getPublicQuiz, solvedQuestionIds } from "@/lib/server/quizzes";
import { QuizLoader } from "./quiz-loader";
import { QuizStandIn } from "./quiz-stand-in";

/**
 * `<Quiz id="…" />` in a lesson: a Server Component that hands the client only the public view of the quiz (no
 * answers, no explanations) plus, for a signed-in student, which questions they already answered correctly.
 */
export async function Quiz({ id }: { id: string }) {
  const quiz = getPublicQuiz(id);
  if (!quiz) throw new ContentError([{ file: `content/quizzes/${id}.yaml`, message: `<Quiz id="${id}">: no such quiz file` }]);
  // Imported on render, not at module load: the MDX registry is also imported by the content checker's tests in
  // plain Node, where Auth.js (behind the session helper) cannot load.
  const { currentUserId } = await import("@/lib/server/session");
  const userId = await currentUserId();
  const solved = userId ? await solvedQuestionIds(userId, id) : [];
  return (
    <QuizLoader quiz={quiz} signedIn={Boolean(userId)} initialSolved={solved}>
      <QuizStandIn quiz={quiz} />
    </QuizLoader>
  );
}
