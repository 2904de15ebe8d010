import "server-only";
import type { z } from "zod";

/** Default cap for JSON bodies: progress and quiz payloads are tiny; code submissions set their own limit. */
export const DEFAULT_BODY_LIMIT = 16 * 1024;

export function jsonError(status: number, error: string, headers?: HeadersInit): Response {
  return Response.json({ error }, { status, headers });
}

export const unauthorized = () => jsonError(401, "sign in to save this to your account");

type BodyResult<T> = { ok: true; data: T } | { ok: false; response: Response };

/**
 * Read a JSON body with a hard byte cap (413 past it, whatever Content-Length claims), parse it (400 on bad JSON)
 * and validate it with zod (400 naming the first bad field).
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_BODY_LIMIT): Promise<BodyResult<z.infer<S>>> {
  const tooLarge = () => ({ ok: false as const, response: jsonError(413, `request body is larger than ${Math.round(maxBytes / 1024)} KB`) });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) return { ok: false, response: jsonError(400, "request body is empty: send JSON") };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, response: jsonError(400, "request body is not valid JSON") };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `"${issue.path.join(".")}"` : "body";
    return { ok: false, response: jsonError(400, `invalid ${where}: ${issue.message}`) };
  }
  return { ok: true, data: parsed.data };
}
