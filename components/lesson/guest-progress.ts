import { localEntry, parsers, removeByPrefix } from "@/components/ui/local-store";

/**
 * Progress of a guest, kept in this browser until they sign in or sign up, when it is merged into the account.
 * Shape: `{ [lessonSlug]: stepId[] }`.
 */
export const GUEST_PROGRESS_KEY = "decoupled:guest-progress:v1";

export type GuestProgress = Record<string, string[]>;

// The fallback is one object, so useSyncExternalStore sees the same snapshot while nothing is stored.
const NO_PROGRESS: GuestProgress = {};

const progress = localEntry<GuestProgress>(GUEST_PROGRESS_KEY, {
  fallback: NO_PROGRESS,
  parse(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    const out: GuestProgress = {};
    for (const [slug, steps] of Object.entries(raw)) if (Array.isArray(steps)) out[slug] = steps.filter((s): s is string => typeof s === "string");
    return out;
  },
});

/** The guest's progress; the same object until it changes (a `useSyncExternalStore` snapshot). */
export function readGuestProgress(): GuestProgress {
  return progress.read();
}

/** For `useSyncExternalStore`'s server snapshot: a guest's progress is unknown to the server. */
export function noGuestProgress(): GuestProgress {
  return NO_PROGRESS;
}

export function addGuestStep(slug: string, stepId: string): void {
  const p = readGuestProgress();
  // A full or disabled storage: the step shows as done for this page only.
  progress.write({ ...p, [slug]: [...new Set([...(p[slug] ?? []), stepId])] });
}

/** Server-signed receipts for quiz/challenge steps a guest passed; presented when merging into an account. */
export const GUEST_RECEIPTS_KEY = "decoupled:guest-receipts:v1";
const receipts = localEntry<string[]>(GUEST_RECEIPTS_KEY, { parse: parsers.strings, fallback: [] });

export function readGuestReceipts(): string[] {
  return receipts.read();
}

/** Keep a receipt and show the step as done for the guest right away. */
export function addGuestReceipt(slug: string, stepId: string, receipt: string): void {
  receipts.write([...new Set([...readGuestReceipts(), receipt])].slice(-200));
  addGuestStep(slug, stepId);
}

/** Per-quiz tokens of questions a guest answered right (components/quiz); they belong to the guest too. */
const QUIZ_TOKEN_PREFIX = "decoupled:quiz-token:v1:";

export function clearGuestProgress(): void {
  receipts.remove();
  progress.remove();
  removeByPrefix(QUIZ_TOKEN_PREFIX);
}

export function hasGuestProgress(p: GuestProgress = readGuestProgress()): boolean {
  return Object.values(p).some((s) => s.length > 0);
}

/** Re-render on changes from this tab and other tabs. */
export function subscribeGuestProgress(cb: () => void): () => void {
  return progress.subscribe(cb);
}
