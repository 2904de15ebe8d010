/*
 * The browser's side of the JSON API: one call that sends a request and reads the reply, typed with the lib/api
 * schema of that route. Importable from client components, and free of zod itself: components on a lesson's first
 * load pass no schema and get the type only; the lazily loaded panels pass the route's schema and get the reply
 * validated too.
 */

/** Every error reply: a message for the student, and for some routes the individual problems found. */
export interface ApiError {
  error: string;
  problems?: string[];
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      /** The server's message, or what went wrong with the reply. */
      error: string;
      problems?: string[];
      /** Seconds, from a 429's Retry-After header. */
      retryAfter: string | null;
      /** The whole error body (some 403s say more, e.g. `failedSubmissions`). */
      body: unknown;
    };

/** Anything with zod's `safeParse`, so this module does not import zod. */
export interface ReplySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

function asApiError(body: unknown): ApiError | null {
  const b = body as Partial<ApiError> | null;
  if (!b || typeof b !== "object" || typeof b.error !== "string") return null;
  return { error: b.error, ...(Array.isArray(b.problems) ? { problems: b.problems.filter((p): p is string => typeof p === "string") } : {}) };
}

/**
 * `fetch` plus typed reading. `json` is sent as the JSON body. Resolves with the body on a 2xx (validated when a
 * schema is given; a 204 reads as undefined), or with the error reply: status, the server's message, Retry-After.
 * Rejects only when the server could not be reached, as fetch does.
 */
export async function requestJson<T>(url: string, init: RequestInit & { json?: unknown } = {}, schema?: ReplySchema<T>): Promise<ApiResult<T>> {
  const { json, ...rest } = init;
  const res = await fetch(url, json === undefined ? rest : { ...rest, headers: { "content-type": "application/json", ...rest.headers }, body: JSON.stringify(json) });
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  const fail = (error: string, problems?: string[]) => ({ ok: false as const, status: res.status, error, ...(problems ? { problems } : {}), retryAfter: res.headers.get("retry-after"), body });
  if (!res.ok) {
    const e = asApiError(body);
    return e ? fail(e.error, e.problems) : fail(`HTTP ${res.status}`);
  }
  if (!schema) return { ok: true, status: res.status, data: body as T };
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, status: res.status, data: parsed.data } : fail("the server's reply was not understood");
}
