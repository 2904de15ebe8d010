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

/**
 * Run a route's work (every JSON route runs its whole body in here): a {@link ClientError} becomes its 4xx reply, a
 * database that is busy, overloaded or unreachable a 503 with Retry-After ({@link isDatabaseUnavailable}), anything
 * else is a real server failure.
 */
export async function clientErrors(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ClientError) return jsonError(e.status, e.message, undefined, e.problems ? { problems: e.problems } : undefined);
    if (isDatabaseUnavailable(e)) {
      console.warn(`database unavailable, answered 503: ${describeError(e)}`);
      return databaseUnavailable();
    }
    throw e;
  }
}

/** Seconds a client is asked to wait before retrying when the database could not serve it. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The reply when the database is busy or unreachable: the request was fine, the moment was not. */
export const databaseUnavailable = () =>
  jsonError(503, "the database is busy or unreachable right now: try again in a few seconds", { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) });

// Prisma error codes for "not now" (https://www.prisma.io/docs/orm/reference/error-reference): can't reach the server,
// reached it but timed out, operation timed out (SQLite busy past its timeout, a socket timeout), connection closed,
// connection-pool timeout, write conflict or deadlock (retry), too many connections.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034", "P2037"]);
// Driver adapter error kinds behind those codes (@prisma/driver-adapter-utils), in case one arrives unwrapped.
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "SocketTimeout", "ConnectionClosed", "TooManyConnections", "TransactionWriteConflict"]);
// PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/15/errcodes-appendix.html) that Prisma passes on as a generic
// "Database error": classes 08 (connection exception) and 53 (insufficient resources), 57014 query canceled
// (statement_timeout), 57P01-57P03 shutting down or starting up, 55P03 lock not available, 40001/40P01 retryable.
const unavailableSqlState = (code: string) => /^(08|53)/.test(code) || ["57014", "57P01", "57P02", "57P03", "55P03", "40001", "40P01"].includes(code);
// SQLite primary result codes (the low byte of an extended code): 5 SQLITE_BUSY, 6 SQLITE_LOCKED.
const unavailableSqliteCode = (code: string) => /^\d+$/.test(code) && [5, 6].includes(Number(code) & 0xff);
// Node socket errors, and what node-postgres's pool throws itself, when they reach us without Prisma's wrapping.
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|database is locked|SQLITE_BUSY/;

type ErrorLike = { [key: string]: unknown };
const asObject = (v: unknown): ErrorLike | null => (v !== null && typeof v === "object" ? (v as ErrorLike) : null);
const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/**
 * Whether an error means the database could not serve this request right now — locked, overloaded, restarting or
 * unreachable — rather than that the request or the code is wrong. Looks through Prisma's errors (both generated
 * clients), the driver adapter's cause inside them, and raw driver errors along `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = asObject(queue.shift());
    if (!e || seen.has(e)) continue;
    seen.add(e);
    const code = str(e.code);
    const name = str(e.name);
    if (name.startsWith("PrismaClient") && (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_PRISMA_CODES.has(str(e.errorCode)))) return true;
    if (UNAVAILABLE_ADAPTER_KINDS.has(str(e.kind))) return true;
    if (e.kind === "postgres" && unavailableSqlState(str(e.originalCode) || code)) return true;
    if (e.kind === "sqlite" && unavailableSqliteCode(str(e.originalCode) || str(e.extendedCode))) return true;
    if (UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    queue.push(e.cause, asObject(e.meta)?.driverAdapterError);
  }
  return false;
}

function describeError(e: unknown): string {
  const o = asObject(e);
  const cause = asObject(asObject(asObject(o?.meta)?.driverAdapterError)?.cause);
  return [str(o?.code) || str(o?.errorCode), str(cause?.originalMessage) || str(cause?.kind) || str(o?.message).split("\n").pop()].filter(Boolean).join(" ");
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
