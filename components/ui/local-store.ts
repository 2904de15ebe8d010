/**
 * The one way the app keeps things in this browser's localStorage. Each entry is a typed key: reads are validated
 * (storage outlives deployments; another tab or an older version may have written it) and fall back to a default,
 * writes and removals never throw (a full quota or a private window only means the value lasts for this page), and
 * `subscribe` reports changes from this tab and from other tabs (the `storage` event), so an entry can back
 * `useSyncExternalStore`.
 *
 * Deliberately free of zod: this module is on every lesson page's first load. A zod schema still fits `parse`
 * (anything with `safeParse`), at the caller's cost.
 */

/** Why a write did not stick: the quota is full, or storage is off (private mode, blocked cookies, no window). */
export type StoreFailure = "quota" | "unavailable";
export type WriteResult = { ok: true } | { ok: false; reason: StoreFailure };

/** A validator: the typed value, or null when `value` is not acceptable (the default is used instead). */
export type Parse<T> = ((value: unknown) => T | null) | { safeParse(value: unknown): { success: true; data: T } | { success: false } };

export interface LocalEntry<T> {
  readonly key: string;
  /** The stored value, validated; `fallback` when absent, unreadable or invalid. Stable while the stored text is. */
  read(): T;
  write(value: T): WriteResult;
  remove(): void;
  /** Calls `onChange` after a write or removal of this key in this tab or another; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
}

export interface EntryOptions<T> {
  parse: Parse<T>;
  fallback: T;
  /** `json` (default) stores `JSON.stringify(value)`; `text` stores a string as is (read by inline scripts, say). */
  format?: "json" | "text";
}

const CHANGE_EVENT = "decoupled:local-store";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // SecurityError: storage blocked for this origin
  }
}

function failure(e: unknown): StoreFailure {
  const name = (e as { name?: string } | null)?.name ?? "";
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" ? "quota" : "unavailable";
}

/** Tells this tab's subscribers; `key` null: many keys changed at once (a prefix removal), everyone looks again. */
function announce(key: string | null): void {
  if (typeof window !== "undefined") window.dispatchEvent(new CustomEvent<string | null>(CHANGE_EVENT, { detail: key }));
}

function runParse<T>(parse: Parse<T>, value: unknown): T | null {
  if (typeof parse === "function") return parse(value);
  const r = parse.safeParse(value);
  return r.success ? r.data : null;
}

/** The stored text of `key`, or null when absent or storage is unavailable. */
function readRaw(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Listens for changes to keys that `matches` accepts, here and in other tabs. */
function subscribeKeys(matches: (key: string) => boolean, onChange: () => void): () => void {
  if (typeof window === "undefined") return () => {};
  // key === null: another tab cleared the whole storage.
  const onStorage = (e: StorageEvent) => (e.key === null || matches(e.key)) && onChange();
  const onLocal = (e: Event) => {
    const key = (e as CustomEvent<string | null>).detail;
    if (key === null || matches(key)) onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGE_EVENT, onLocal);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGE_EVENT, onLocal);
  };
}

/** Removes every key that starts with `prefix` (a family of per-item entries). */
export function removeByPrefix(prefix: string): void {
  const s = storage();
  if (!s) return;
  try {
    for (const k of Object.keys(s)) if (k.startsWith(prefix)) s.removeItem(k);
  } catch {
    return;
  }
  announce(null);
}

export function localEntry<T>(key: string, { parse, fallback, format = "json" }: EntryOptions<T>): LocalEntry<T> {
  // The last text read and what it parsed to, so repeated reads of unchanged storage return the same object.
  let lastRaw: string | null = null;
  let lastValue: T = fallback;
  return {
    key,
    read() {
      const raw = readRaw(key);
      if (raw === null) return fallback;
      if (raw === lastRaw) return lastValue;
      let value: T | null;
      try {
        value = runParse(parse, format === "json" ? JSON.parse(raw) : raw);
      } catch {
        value = null; // corrupt JSON
      }
      lastRaw = raw;
      lastValue = value ?? fallback;
      return lastValue;
    },
    write(value) {
      const s = storage();
      if (!s) return { ok: false, reason: "unavailable" };
      try {
        s.setItem(key, format === "json" ? JSON.stringify(value) : String(value));
      } catch (e) {
        return { ok: false, reason: failure(e) };
      }
      announce(key);
      return { ok: true };
    },
    remove() {
      try {
        storage()?.removeItem(key);
      } catch {
        return;
      }
      announce(key);
    },
    subscribe(onChange) {
      return subscribeKeys((k) => k === key, onChange);
    },
  };
}

/** Validators for the common shapes. */
export const parsers = {
  string: (v: unknown): string | null => (typeof v === "string" ? v : null),
  /** An array, keeping only the strings in it. */
  strings: (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null),
  oneOf:
    <const V extends string>(...values: V[]) =>
    (v: unknown): V | null =>
      values.includes(v as V) ? (v as V) : null,
};
