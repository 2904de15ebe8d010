import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { z } from "zod";

/*
 * The one way the server hands a browser a statement it must be able to trust when it comes back: step receipts
 * (receipts.ts), quiz progress (quiz-tokens.ts), guests' challenge attempt records and guests' claim to follow a
 * queued submission (submissions.ts). The browser stores the token and returns it; it never reads it (whatever it
 * needs to show travels in plain response fields).
 *
 * Format: base64url(JSON claims) "." base64url(HMAC-SHA256(claims, key)). Each kind signs with its own key derived
 * from AUTH_SECRET, so a token of one kind never verifies as another (a failure record is never a step receipt).
 * The labels are the ones the three separate implementations used, so tokens issued before this module still verify.
 */

export type TokenKind = "receipt" | "quiz-progress" | "challenge-attempts" | "submission";

/** Tolerated clock skew for `iat` in the future (several server processes, slightly different clocks). */
const FUTURE_SKEW_MS = 60_000;

function key(kind: TokenKind): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error(`AUTH_SECRET is not set: ${kind} tokens cannot be signed`);
  return `decoupled-${kind}:${secret}`;
}

const mac = (kind: TokenKind, payload: string) => createHmac("sha256", key(kind)).update(payload).digest("base64url");

/** Sign `claims` as a token of `kind`, stamped with `iat` (ms since epoch). */
export function signToken(kind: TokenKind, claims: object, now: number = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, iat: now })).toString("base64url");
  return `${payload}.${mac(kind, payload)}`;
}

export interface VerifyOptions {
  /** Longer strings are refused before any work. */
  maxChars: number;
  /** When set, the token must carry an `iat` no older than this (and not from the future). */
  maxAgeMs?: number;
  now?: number;
}

/**
 * The claims of a token this server signed as `kind`, validated by `schema`; null for anything else: wrong kind,
 * altered payload or signature (compared in constant time), expired, or claims of the wrong shape.
 */
export function verifyToken<S extends z.ZodType>(kind: TokenKind, token: unknown, schema: S, opts: VerifyOptions): z.infer<S> | null {
  if (typeof token !== "string" || token.length > opts.maxChars) return null;
  const [payload, given, extra] = token.split(".");
  if (!payload || !given || extra !== undefined) return null;
  const expected = Buffer.from(mac(kind, payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (opts.maxAgeMs !== undefined) {
    const iat = (raw as { iat?: unknown } | null)?.iat;
    const now = opts.now ?? Date.now();
    if (typeof iat !== "number" || now - iat > opts.maxAgeMs || iat > now + FUTURE_SKEW_MS) return null;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
