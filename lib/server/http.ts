import "server-only";
import type { z } from "zod";

/*
 * The HTTP edge of every route handler: JSON error replies, reading a JSON body against a lib/api schema, and
 * turning the domain's client errors into 4xx replies. A client's mistake is never a 500.
 */

/** Default cap for JSON bodies: progress and quiz payloads are tiny; code submissions set their own limit. */
export const DEFAULT_BODY_LIMIT = 16 * 1024;

export function jsonError(status: number, error: string, headers?: HeadersInit, extra?: object): Response {
  return Response.json({ ...extra, error }, { status, headers });
}

export const unauthorized = () => jsonError(401, "sign in to save this to your account");

/**
 * A request the server understood but refuses: thrown by lib/server with the status and message the student should
 * see (and, for some, a list of `problems`); {@link clientErrors} turns it into the reply.
 */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 413,
    readonly problems?: string[],
  ) {
    super(message);
  }
}

/** Run a route's work; a {@link ClientError} becomes its 4xx reply, anything else is a real server failure. */
export async function clientErrors(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ClientError) return jsonError(e.status, e.message, undefined, e.problems ? { problems: e.problems } : undefined);
    throw e;
  }
}

type BodyResult<T> = { ok: true; data: T } | { ok: false; response: Response };

const isJsonType = (contentType: string | null) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? "");

/**
 * Read a JSON body: 415 unless it is declared as JSON, 413 past `maxBytes` (whatever Content-Length claims), 400 on
 * bad JSON and 400 naming the first field the lib/api `schema` rejects.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_BODY_LIMIT): Promise<BodyResult<z.infer<S>>> {
  const fail = (status: number, error: string) => ({ ok: false as const, response: jsonError(status, error) });
  if (!isJsonType(req.headers.get("content-type"))) return fail(415, "send the request body as JSON (content-type: application/json)");
  const tooLarge = () => fail(413, `request body is larger than ${Math.round(maxBytes / 1024)} KB`);
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
  if (!text.trim()) return fail(400, "request body is empty: send JSON");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail(400, "request body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `"${issue.path.join(".")}"` : "body";
    return fail(400, `invalid ${where}: ${issue.message}`);
  }
  return { ok: true, data: parsed.data };
}
