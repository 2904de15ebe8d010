import { QUIZ_ATTEMPT_BODY_LIMIT, quizAttemptRequestSchema } from "@/lib/api/quizzes";
import { clientErrors, jsonError, readJson } from "@/lib/server/http";
import { loadQuiz, submitQuizAttempt } from "@/lib/server/quizzes";
import { currentUserId } from "@/lib/server/session";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/**
 * Grade answers to a quiz: `{ answers: { [questionId]: choiceId | choiceIds | itemIdsInOrder }, token? }`.
 * Responds with per-question verdicts and explanations of what was chosen (never the correct answer to a question
 * answered wrongly), the questions verified so far, a signed token for the next attempt, and `stepCompleted`.
 */
export async function POST(req: Request, { params }: Params) {
  return clientErrors(async () => {
    const { id } = await params;
    // 1. find the quiz (404 before reading a body that could only be for nothing)
    const quiz = loadQuiz(id);
    if (!quiz) return jsonError(404, `unknown quiz "${id}"`);
    // 2. authenticate: optional, guests may take quizzes
    const userId = await currentUserId();
    // 3. validate the body's shape (415/413/400), then the answers against this quiz (400, from submitQuizAttempt)
    const body = await readJson(req, quizAttemptRequestSchema, QUIZ_ATTEMPT_BODY_LIMIT);
    if (!body.ok) return body.response;
    // 4. grade, store, respond
    return Response.json(await submitQuizAttempt({ quiz, answers: body.data.answers, token: body.data.token, userId }));
  });
}
