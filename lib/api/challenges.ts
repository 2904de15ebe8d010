import { z } from "zod";

/** Requests and responses of /api/challenges/[id]/submissions, /draft and /solution. */

/** Largest submission or draft, in UTF-8 bytes of code. */
export const MAX_CODE_BYTES = 64 * 1024;
/**
 * Cap on the JSON request body. Above MAX_CODE_BYTES because JSON escaping grows code: every newline, quote and
 * backslash costs a byte more. A half-again margin covers real code (a few percent of escapes); the exact limit is
 * then applied to the decoded `code`.
 */
export const SUBMISSION_BODY_LIMIT = MAX_CODE_BYTES + MAX_CODE_BYTES / 2;
/** Header in which a guest presents the signed attempt record from their last submission response. */
export const ATTEMPTS_HEADER = "x-challenge-attempts";

export const challengeUrl = (id: string, rest: "submissions" | "draft" | "solution") => `/api/challenges/${encodeURIComponent(id)}/${rest}`;

export const gradeStatusSchema = z.enum(["passed", "failed", "error"]);
export const testOutcomeSchema = z.object({ name: z.string(), passed: z.boolean(), message: z.string().optional() });

/** The verdict as the student sees it: per-test names, pass/fail and messages. No console output, no test source. */
export const publicGradeResultSchema = z.object({
  status: gradeStatusSchema,
  passed: z.number(),
  total: z.number(),
  durationMs: z.number(),
  tests: z.array(testOutcomeSchema),
  /** Why the tests could not run (status "error"): compile error, missing export, endless loop while loading. */
  error: z.string().optional(),
});
export type PublicGradeResult = z.infer<typeof publicGradeResultSchema>;

/** POST /api/challenges/[id]/submissions. */
export const submissionRequestSchema = z.strictObject({
  code: z.string(),
  /** Guests: the `attempts` record from the previous response (opaque: stored and sent back). */
  attempts: z.string().max(1024).optional(),
});
export type SubmissionRequest = z.infer<typeof submissionRequestSchema>;

export const submissionResponseSchema = publicGradeResultSchema.extend({
  /** Stored submission id (signed-in students only). */
  id: z.string().optional(),
  /** This submission passed every hidden test, so the lesson's Coding Challenge step is complete. */
  stepCompleted: z.boolean(),
  /** Guests who passed: the signed step receipt for `markVerified("challenge", receipt)`. */
  receipt: z.string().optional(),
  /** Whether the reference solution may now be requested. */
  solutionUnlocked: z.boolean(),
  /** Failed (or erroring) submissions so far, counting this one. */
  failedSubmissions: z.number(),
  /** Passed at least once, this submission or an earlier one. */
  hasPassed: z.boolean(),
  /** Guests: the signed attempt record to send with the next submission and with the solution request. Opaque. */
  attempts: z.string().optional(),
});
export type SubmissionResponse = z.infer<typeof submissionResponseSchema>;

// ---- The grading pipeline (issue 11) ----
//
// POST /api/challenges/[id]/submissions stores the submission as "queued" and answers 202 with
// SubmissionAccepted. The browser then follows GET /api/submissions/[id] (short polling) until `verdict` is set.

/** Header in which a guest presents the `token` from the 202 when following their submission. */
export const SUBMISSION_TOKEN_HEADER = "x-submission-token";
export const submissionUrl = (id: string) => `/api/submissions/${encodeURIComponent(id)}`;
/** A submission is started at most this many times; when workers stop on it every time, it is dead-lettered. */
export const MAX_GRADING_ATTEMPTS = 2;

export const submissionStageSchema = z.enum(["queued", "running", "passed", "failed", "error"]);
export type SubmissionStage = z.infer<typeof submissionStageSchema>;

/** 202 from POST /api/challenges/[id]/submissions. */
export const submissionAcceptedSchema = z.object({
  id: z.string(),
  status: z.literal("queued"),
  /** Submissions ahead of this one in the grading queue when it was accepted. */
  position: z.number().int().nonnegative(),
  /** Guests: the token to send in SUBMISSION_TOKEN_HEADER when following this submission. Opaque. */
  token: z.string().optional(),
});
export type SubmissionAccepted = z.infer<typeof submissionAcceptedSchema>;

/** GET /api/submissions/[id]: where the submission is in the pipeline, and its verdict once graded. */
export const submissionStatusSchema = z.object({
  id: z.string(),
  challengeId: z.string(),
  status: submissionStageSchema,
  /** While queued: how many submissions will be started before this one. Null otherwise. */
  ahead: z.number().int().nonnegative().nullable(),
  /** The worker running it (or that ran it), e.g. "w-2". Null until a worker starts it. */
  worker: z.string().nullable(),
  /** Times a worker has started it: 2 means the first worker stopped mid-run and it was retried. */
  attempt: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  /** Ended as "error" because workers stopped on it MAX_GRADING_ATTEMPTS times; `verdict.error` says why. */
  deadLettered: z.boolean(),
  /** ISO timestamps. */
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Once graded (status passed/failed/error): everything the student needs to act on the verdict. */
  verdict: z.lazy(() => submissionResponseSchema).nullable(),
});
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

/** GET /api/challenges/[id]/submissions: the signed-in student's own recent submissions, newest first. */
export const submissionSummarySchema = publicGradeResultSchema.extend({
  id: z.string(),
  /** ISO timestamp. */
  createdAt: z.string(),
  code: z.string(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;
export const submissionListResponseSchema = z.object({ submissions: z.array(submissionSummarySchema) });

/** /api/challenges/[id]/draft: PUT `{ code }` → `{ draft }`; GET → `{ draft | null }`; DELETE → 204. */
export const draftRequestSchema = z.strictObject({ code: z.string() });
export const draftSchema = z.object({
  code: z.string(),
  /** ISO timestamp of the last save. */
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;
export const draftResponseSchema = z.object({ draft: draftSchema.nullable() });

/** GET /api/challenges/[id]/solution, once earned (403 with `failedSubmissions` until then). */
export const solutionResponseSchema = z.object({ solution: z.string(), reason: z.enum(["passed", "failures"]) });
export type SolutionResponse = z.infer<typeof solutionResponseSchema>;
