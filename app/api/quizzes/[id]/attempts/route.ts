import { z } from "zod";
import { jsonError, readJson } from "@/lib/server/http";
import { loadQuiz, QuizAnswerError, submitQuizAttempt } from "@/lib/server/quizzes";
import { currentUserId } from "@/lib/server/session";

export const dynamic = "force-dynamic";

// Ids are short kebab-case strings and a quiz has at most six questions of at most a handful of choices, so a few KB
// is generous; anything bigger is not a quiz attempt.
const BODY_LIMIT = 8 * 1024;
const answerId = z.string().min(1).max(100);
const body = z.strictObject({
  answers: z.record(answerId, z.union([answerId, z.array(answerId).max(20)])),
  /** The `token` from the previous attempt's response, if any. */
  token: z.string().max(4096).optional(),
});

type Params = { params: Promise<{ id: string }> };

/**
 * Grade answers to a quiz: `{ answers: { [questionId]: choiceId | choiceIds | itemIdsInOrder }, token? }`.
 * Responds with per-question verdicts and explanations of what was chosen (never the correct answer to a question
 * answered wrongly), the questions verified so far, a signed token for the next attempt, and `stepCompleted`.
 */
export async function POST(req: Request, { params }: Params) {
  const { id } = await params;
  // 1. find the quiz (404 before reading a body that could only be for nothing)
  const quiz = loadQuiz(id);
  if (!quiz) return jsonError(404, `unknown quiz "${id}"`);
  // 2. authenticate: optional, guests may take quizzes
  const userId = await currentUserId();
  // 3. validate the body's shape (400/413), then the answers against this quiz (400)
  const parsed = await readJson(req, body, BODY_LIMIT);
  if (!parsed.ok) return parsed.response;
  try {
    // 4. grade, store, respond
    return Response.json(await submitQuizAttempt({ quiz, answers: parsed.data.answers, token: parsed.data.token, userId }));
  } catch (e) {
    if (e instanceof QuizAnswerError) return jsonError(400, e.message);
    throw e;
  }
}
