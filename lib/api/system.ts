import { z } from "zod";

/** GET /api/health: liveness plus a database round trip (503 with `error` when the database is unreachable). */
export const healthResponseSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok") }),
  z.object({ status: z.literal("error"), error: z.string() }),
]);
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** GET /api/dev/content-version (development only; 404 otherwise): the stamp the lesson page polls. */
export const contentVersionResponseSchema = z.object({ version: z.number() });
export type ContentVersionResponse = z.infer<typeof contentVersionResponseSchema>;
