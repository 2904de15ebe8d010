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
