import { z } from "zod";

/** Requests and responses of POST /api/quizzes/[id]/attempts. The quiz itself reaches the page as `PublicQuiz`. */

/** Ids are short kebab-case strings and a quiz has a handful of questions, so a few KB is generous. */
export const QUIZ_ATTEMPT_BODY_LIMIT = 8 * 1024;
const answerId = z.string().min(1).max(100);

/** single/predict: a choice id; multiple: choice ids; ordering: every item id, in the student's order. */
export const quizAnswerSchema = z.union([answerId, z.array(answerId).max(20)]);
export type QuizAnswer = z.infer<typeof quizAnswerSchema>;

export const quizAttemptRequestSchema = z.strictObject({
  answers: z.record(answerId, quizAnswerSchema),
  /** The `token` from the previous attempt's response, if any: opaque, stored and sent back. */
  token: z.string().max(4096).optional(),
});
export type QuizAttemptRequest = z.infer<typeof quizAttemptRequestSchema>;

/** The explanation of one choice the student picked, and whether picking it was right. */
export const choiceFeedbackSchema = z.object({ choiceId: z.string(), correct: z.boolean(), explanationHtml: z.string() });
export type ChoiceFeedback = z.infer<typeof choiceFeedbackSchema>;

/**
 * The verdict on one answered question. Deliberately silent about the correct answer when the student got it wrong:
 * they see why what they chose is wrong, and retrying still means something.
 */
export const questionResultSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.enum(["single", "predict"]),
    correct: z.boolean(),
    /** The chosen choice with its explanation. */
    chosen: z.array(choiceFeedbackSchema),
    /** Only when correct: every choice with its explanation, so the student learns why the others are wrong. */
    review: z.array(choiceFeedbackSchema).optional(),
  }),
  z.object({
    kind: z.literal("multiple"),
    correct: z.boolean(),
    /** Each selected choice: whether it belongs in the answer, and its explanation. */
    chosen: z.array(choiceFeedbackSchema),
    /** How many choices that belong in the answer were not selected (which ones stays hidden). */
    missing: z.number(),
    review: z.array(choiceFeedbackSchema).optional(),
  }),
  z.object({
    kind: z.literal("ordering"),
    correct: z.boolean(),
    /** Items already in their correct position, out of `total`. */
    inPlace: z.number(),
    total: z.number(),
    /** Only when correct: why this is the order. */
    explanationHtml: z.string().optional(),
  }),
]);
export type QuestionResult = z.infer<typeof questionResultSchema>;

export const quizAttemptResponseSchema = z.object({
  quizId: z.string(),
  /** One entry per answered question. */
  results: z.record(z.string(), questionResultSchema),
  /** This attempt: questions answered and answered correctly. */
  attempt: z.object({ answered: z.number(), correct: z.number() }),
  /** Every question verified correct so far (this attempt, earlier stored attempts, a valid token), in quiz order. */
  solved: z.array(z.string()),
  total: z.number(),
  /** The server's signature over `solved`: opaque to the browser, which stores it and sends it with the next attempt. */
  token: z.string(),
  /** False when a token was sent but not accepted (forged, expired, another quiz or user); it counted for nothing. */
  tokenAccepted: z.boolean(),
  /** Every question has been answered correctly at least once: the quiz step is done. */
  stepCompleted: z.boolean(),
  /** Guests only, once stepCompleted: the step receipt for `markVerified("quiz", receipt)`. */
  receipt: z.string().optional(),
});
export type QuizAttemptResponse = z.infer<typeof quizAttemptResponseSchema>;
