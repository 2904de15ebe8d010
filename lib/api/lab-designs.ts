import { z } from "zod";
import type { Design } from "@/lib/lab";

/**
 * Requests and responses of /api/lab/designs and /api/lab/designs/[id]. The design itself is checked by lib/lab's
 * parseDesign on the server (it knows a design's rules); here it is only "an object".
 */

/** Largest request body for saving a design, in bytes: the design's character limit plus room for multi-byte text. */
export const LAB_DESIGN_BODY_LIMIT = 1024 * 1024;

const designSchema = z.custom<Design>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "design must be an object");

export const createLabDesignRequestSchema = z.strictObject({ name: z.string().max(200), design: z.unknown() });
export type CreateLabDesignRequest = z.infer<typeof createLabDesignRequestSchema>;
export const updateLabDesignRequestSchema = z
  .strictObject({ name: z.string().max(200).optional(), design: z.unknown().optional() })
  .refine((b) => b.name !== undefined || b.design !== undefined, "send a name, a design or both");
export type UpdateLabDesignRequest = z.infer<typeof updateLabDesignRequestSchema>;

export const labDesignSummarySchema = z.object({ id: z.string(), name: z.string(), shareId: z.string(), updatedAt: z.string() });
export type LabDesignSummary = z.infer<typeof labDesignSummarySchema>;
export const savedLabDesignSchema = labDesignSummarySchema.extend({ design: designSchema });
export type SavedLabDesign = z.infer<typeof savedLabDesignSchema>;

/** GET /api/lab/designs: summaries only, newest first (designs can be large). */
export const labDesignListResponseSchema = z.object({ designs: z.array(labDesignSummarySchema) });
export type LabDesignListResponse = z.infer<typeof labDesignListResponseSchema>;
/** POST /api/lab/designs (201), GET and PUT /api/lab/designs/[id]. DELETE answers 204. */
export const labDesignResponseSchema = z.object({ design: savedLabDesignSchema });
export type LabDesignResponse = z.infer<typeof labDesignResponseSchema>;
