/** JSON value helpers shared by the lab's design model, service contract and runner. */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * Deepest nesting a stored value may have. Rows and messages are flat records
 * in practice; the bound keeps recursive checks from exhausting the stack on
 * hostile input (a share link can carry anything).
 */
export const MAX_JSON_DEPTH = 16;

/** True for a non-null, non-array object whose prototype is Object.prototype or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * True when `value` survives JSON round-tripping unchanged: finite numbers,
 * strings, booleans, null, arrays and plain objects, nested at most `maxDepth`.
 */
export function isJsonValue(value: unknown, maxDepth: number = MAX_JSON_DEPTH): value is JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (maxDepth <= 0) return false;
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, maxDepth - 1));
  if (isPlainObject(value)) return Object.values(value).every((item) => isJsonValue(item, maxDepth - 1));
  return false;
}

/** Words a student would use for the type of a value: "an array", "null", "a string". */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "object") return isPlainObject(value) ? "an object" : "a non-plain object";
  return `a ${typeof value}`;
}

/** Deep copy of a JSON value (structuredClone is not in every test runtime's lib typings). */
export function cloneJson<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `JSON.stringify` that never throws; oversized or cyclic values report `null`. */
export function safeStringify(value: unknown): string | null {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : text;
  } catch {
    return null;
  }
}

/** A short, single-line rendering of a value for log lines and error messages. */
export function preview(value: unknown, maxLength = 60): string {
  const text = typeof value === "string" ? JSON.stringify(value) : (safeStringify(value) ?? String(value));
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
