import "server-only";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import { ContentError } from "@/lib/content/errors";
import { displayPath, contentRoot } from "@/lib/content/paths";
import {
  parseQuiz,
  quizPath,
  type ChoiceQuestion,
  type OrderingQuestion,
  type PublicOption,
  type PublicQuestion,
  type PublicQuiz,
  type Quiz,
  type QuizQuestion,
} from "@/lib/content/quizzes";
import type { ChoiceFeedback, QuestionResult, QuizAnswer, QuizAttemptResponse } from "@/lib/api/quizzes";
import { prisma } from "./db";
import { ClientError } from "./http";
import { recordVerifiedStep } from "./progress";
import { htmlToText, renderInline, renderMarkdown } from "./quiz-markdown";
import { GUEST_SUBJECT, issueQuizToken, verifyQuizToken } from "./quiz-tokens";
import { issueReceipt } from "./receipts";

/*
 * Quizzes on the server: the only place the app reads correct answers. Pages get `toPublicQuiz` (no answers, no
 * explanations); the attempts API grades with `submitQuizAttempt`. Nothing here is importable from a client
 * component (`server-only`).
 */

// ---- Loading ----

const loaded = new Map<string, { stamp: string; quiz: Quiz }>();

/**
 * !!! CORRECT ANSWERS ARE READ HERE !!!
 * Loads content/quizzes/<id>.yaml in full: `correct` flags, the correct order of ordering items and every explanation.
 * The result must never be passed to a client component or returned from a route as is: use {@link toPublicQuiz} for
 * pages and {@link submitQuizAttempt} for grading. Returns null for an unknown id; throws a ContentError (file:line)
 * for a quiz file that does not validate, so broken content fails loudly instead of grading wrongly.
 */
export function loadQuiz(quizId: string, root: string = contentRoot()): Quiz | null {
  const file = quizPath(root, quizId);
  if (!file || !fs.existsSync(file)) return null;
  const stamp = `${file}@${fs.statSync(file).mtimeMs}`;
  const hit = loaded.get(quizId);
  if (hit?.stamp === stamp) return hit.quiz;
  const { quiz, problems } = parseQuiz(displayPath(file), fs.readFileSync(file, "utf8"));
  if (!quiz) throw new ContentError(problems);
  if (quiz.id !== quizId) throw new ContentError([{ file: quiz.file, message: `"id" is "${quiz.id}" but the file name says "${quizId}"` }]);
  loaded.set(quizId, { stamp, quiz });
  return quiz;
}

// Quiz text is rendered once per distinct string and process (the content is fixed in production).
const htmlCache = new Map<string, string>();
function cached(kind: "block" | "inline", md: string): string {
  const k = `${kind}\0${md}`;
  let html = htmlCache.get(k);
  if (html === undefined) {
    html = kind === "block" ? renderMarkdown(md) : renderInline(md);
    if (htmlCache.size > 5000) htmlCache.clear();
    htmlCache.set(k, html);
  }
  return html;
}
const block = (md: string) => cached("block", md);
const option = (o: { id: string; text: string }): PublicOption => {
  const html = cached("inline", o.text);
  return { id: o.id, html, label: htmlToText(html) };
};

// ---- The client's view ----

/**
 * A deterministic shuffle that is never the identity. Seeded by an HMAC of quiz and question id under the server
 * secret: the same for every render (server HTML and hydration see the same props anyway, and a reload does not
 * reshuffle under the student), but not computable from the public source, which would let anyone invert the shuffle
 * and read off the correct order.
 */
export function shuffledOrder<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const secret = process.env.AUTH_SECRET ?? "decoupled-dev-shuffle";
  for (let i = out.length - 1; i > 0; i--) {
    const n = createHmac("sha256", `decoupled-quiz-shuffle:${secret}`).update(`${seed}#${i}`).digest().readUInt32BE(0);
    const j = n % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  // Showing the items already in order would give the answer away; a rotation of distinct items never is in order.
  if (out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift()!);
  return out;
}

function publicQuestion(quizId: string, q: QuizQuestion): PublicQuestion {
  const promptHtml = block(q.prompt);
  switch (q.kind) {
    case "ordering":
      return { id: q.id, kind: q.kind, promptHtml, items: shuffledOrder(q.items, `${quizId}/${q.id}`).map(option) };
    case "predict":
      return {
        id: q.id,
        kind: q.kind,
        promptHtml,
        scenarioHtml: block(q.scenario),
        ...(q.visual ? { visual: q.visual } : {}),
        choices: q.choices.map(option),
      };
    default:
      return { id: q.id, kind: q.kind, promptHtml, choices: q.choices.map(option) };
  }
}

/**
 * What a browser may see of a quiz: prompts, scenarios, choice and item texts (as HTML), with ordering items
 * shuffled. No `correct` flags, no explanations, and no field derived from either.
 */
export function toPublicQuiz(quiz: Quiz): PublicQuiz {
  return { id: quiz.id, lessonSlug: quiz.lesson, questions: quiz.questions.map((q) => publicQuestion(quiz.id, q)) };
}

/** The public view of a quiz by id, or null when there is no such quiz. */
export function getPublicQuiz(quizId: string): PublicQuiz | null {
  const quiz = loadQuiz(quizId);
  return quiz ? toPublicQuiz(quiz) : null;
}

// ---- Grading ----

/** A malformed answer (unknown question or choice, wrong shape, duplicates, not a permutation): a 400, not a 0. */
export class QuizAnswerError extends ClientError {
  constructor(message: string) {
    super(message, 400);
  }
}

const feedback = (c: { id: string; correct?: boolean; explanation: string }): ChoiceFeedback => ({
  choiceId: c.id,
  correct: c.correct === true,
  explanationHtml: block(c.explanation),
});

function distinct(ids: string[], qid: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new QuizAnswerError(`answer to "${qid}" lists "${id}" twice`);
    seen.add(id);
  }
}

function gradeChoice(q: ChoiceQuestion, answer: QuizAnswer): QuestionResult {
  const byId = new Map(q.choices.map((c) => [c.id, c]));
  const pick = (id: string) => {
    const c = byId.get(id);
    if (!c) throw new QuizAnswerError(`"${q.id}" has no choice "${id}"`);
    return c;
  };
  if (q.kind === "multiple") {
    if (!Array.isArray(answer)) throw new QuizAnswerError(`answer to "${q.id}" must be a list of choice ids (select all that apply)`);
    if (answer.length === 0) throw new QuizAnswerError(`answer to "${q.id}" selects nothing: leave the question out to skip it`);
    distinct(answer, q.id);
    const chosen = answer.map(pick);
    const missing = q.choices.filter((c) => c.correct && !answer.includes(c.id)).length;
    const correct = missing === 0 && chosen.every((c) => c.correct);
    return { kind: "multiple", correct, chosen: chosen.map(feedback), missing, ...(correct ? { review: q.choices.map(feedback) } : {}) };
  }
  if (typeof answer !== "string") throw new QuizAnswerError(`answer to "${q.id}" must be one choice id`);
  const c = pick(answer);
  const correct = c.correct === true;
  return { kind: q.kind, correct, chosen: [feedback(c)], ...(correct ? { review: q.choices.map(feedback) } : {}) };
}

function gradeOrdering(q: OrderingQuestion, answer: QuizAnswer): QuestionResult {
  if (!Array.isArray(answer)) throw new QuizAnswerError(`answer to "${q.id}" must be the list of item ids in order`);
  distinct(answer, q.id);
  const known = new Set(q.items.map((i) => i.id));
  const unknown = answer.find((id) => !known.has(id));
  if (unknown !== undefined) throw new QuizAnswerError(`"${q.id}" has no item "${unknown}"`);
  if (answer.length !== q.items.length) throw new QuizAnswerError(`answer to "${q.id}" must order all ${q.items.length} items exactly once`);
  const inPlace = q.items.filter((item, i) => answer[i] === item.id).length;
  const correct = inPlace === q.items.length;
  return { kind: "ordering", correct, inPlace, total: q.items.length, ...(correct ? { explanationHtml: block(q.explanation) } : {}) };
}

/**
 * Grade the answered questions of one attempt (partial attempts are fine: unanswered questions are not graded).
 * Throws {@link QuizAnswerError} for anything malformed, before grading anything.
 */
export function gradeAnswers(quiz: Quiz, answers: Record<string, QuizAnswer>): Record<string, QuestionResult> {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const entries = Object.entries(answers);
  if (entries.length === 0) throw new QuizAnswerError("answers is empty: answer at least one question");
  const results: Record<string, QuestionResult> = {};
  for (const [qid, answer] of entries) {
    const q = byId.get(qid);
    if (!q) throw new QuizAnswerError(`quiz "${quiz.id}" has no question "${qid}"`);
    results[qid] = q.kind === "ordering" ? gradeOrdering(q, answer) : gradeChoice(q, answer);
  }
  return results;
}

/** Question ids a user has answered correctly in any stored attempt (still in the quiz). */
export async function solvedFromAttempts(userId: string, quiz: Quiz): Promise<Set<string>> {
  const rows = await prisma.quizAttempt.findMany({ where: { userId, quizId: quiz.id }, select: { results: true } });
  const current = new Set(quiz.questions.map((q) => q.id));
  const solved = new Set<string>();
  for (const row of rows) {
    for (const [qid, r] of Object.entries((row.results ?? {}) as Record<string, { correct?: unknown }>)) {
      if (r?.correct === true && current.has(qid)) solved.add(qid);
    }
  }
  return solved;
}

/** Question ids the signed-in user has already answered correctly, for restoring the quiz on a later visit. */
export async function solvedQuestionIds(userId: string, quizId: string): Promise<string[]> {
  const quiz = loadQuiz(quizId);
  return quiz ? [...(await solvedFromAttempts(userId, quiz))] : [];
}

/**
 * Grade an attempt and work out whether the quiz step is now complete. Signed in: the attempt is stored and, when
 * every question has been answered correctly across attempts, the step is recorded for the user. Guest: the union
 * travels in the signed token, and completion comes with a step receipt.
 */
export async function submitQuizAttempt(input: { quiz: Quiz; answers: Record<string, QuizAnswer>; token?: string; userId: string | null }): Promise<QuizAttemptResponse> {
  const { quiz, answers, token, userId } = input;
  const results = gradeAnswers(quiz, answers);
  const correctNow = Object.keys(results).filter((qid) => results[qid].correct);

  const fromToken = token ? verifyQuizToken(token, quiz.id, userId) : [];
  const earlier = userId ? await solvedFromAttempts(userId, quiz) : new Set<string>();
  const union = new Set([...(fromToken ?? []), ...earlier, ...correctNow]);
  const solved = quiz.questions.map((q) => q.id).filter((id) => union.has(id));
  const stepCompleted = solved.length === quiz.questions.length;

  if (userId) {
    await prisma.quizAttempt.create({
      data: {
        userId,
        quizId: quiz.id,
        answers,
        // Only the verdicts are stored; explanations come from the quiz file when needed.
        results: Object.fromEntries(Object.entries(results).map(([qid, r]) => [qid, { correct: r.correct }])),
        correct: correctNow.length,
        total: quiz.questions.length,
      },
    });
    if (stepCompleted) await recordVerifiedStep(userId, quiz.lesson, "quiz");
  }

  return {
    quizId: quiz.id,
    results,
    attempt: { answered: Object.keys(results).length, correct: correctNow.length },
    solved,
    total: quiz.questions.length,
    token: issueQuizToken({ quizId: quiz.id, sub: userId ?? GUEST_SUBJECT, solved }),
    tokenAccepted: fromToken !== null,
    stepCompleted,
    ...(stepCompleted && !userId ? { receipt: issueReceipt({ lessonSlug: quiz.lesson, stepId: "quiz", subject: `quiz:${quiz.id}` }) } : {}),
  };
}
