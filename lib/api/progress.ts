import { z } from "zod";
import { STEP_IDS, type StepId } from "@/lib/content/steps";

/** Requests and responses of /api/progress, /api/progress/steps and /api/progress/merge. */

export const stepIdSchema = z.enum(STEP_IDS as [StepId, ...StepId[]]);

/** GET /api/progress: `{ lessons: [{ slug, completed, total }] }` in course order. */
export const lessonProgressSchema = z.object({ slug: z.string(), completed: z.number(), total: z.number() });
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export const progressResponseSchema = z.object({ lessons: z.array(lessonProgressSchema) });
export type ProgressResponse = z.infer<typeof progressResponseSchema>;

/** POST /api/progress/steps: mark one browser-completable step done. */
export const completeStepRequestSchema = z.strictObject({ lessonSlug: z.string().min(1).max(100), stepId: stepIdSchema });
export type CompleteStepRequest = z.infer<typeof completeStepRequestSchema>;
export const completeStepResponseSchema = z.object({ lessonSlug: z.string(), completedSteps: z.array(stepIdSchema) });
export type CompleteStepResponse = z.infer<typeof completeStepResponseSchema>;

/**
 * POST /api/progress/merge: `{ progress: { "<lesson-slug>": ["why", ...] }, receipts: ["..."] }`, what a guest
 * completed in this browser plus the server-signed receipts for steps only the server can verify.
 */
export const mergeProgressRequestSchema = z.strictObject({
  progress: z.record(z.string().max(100), z.array(z.string().max(40)).max(20)).refine((r) => Object.keys(r).length <= 100, "too many lessons"),
  receipts: z.array(z.string().max(2048)).max(200).default([]),
});
export type MergeProgressRequest = z.input<typeof mergeProgressRequestSchema>;
/** `merged`: steps written; `skipped`: `slug/step` entries and bad receipts ("receipt") that were ignored. */
export const mergeProgressResponseSchema = z.object({ merged: z.number(), skipped: z.array(z.string()) });
export type MergeProgressResponse = z.infer<typeof mergeProgressResponseSchema>;
