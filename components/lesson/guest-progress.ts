/**
 * Progress of a guest, kept in this browser until they sign in or sign up, when it is merged into the account.
 * Shape: `{ [lessonSlug]: stepId[] }`.
 */
export const GUEST_PROGRESS_KEY = "decoupled:guest-progress:v1";
const EVENT = "decoupled:guest-progress";

export type GuestProgress = Record<string, string[]>;

export function readGuestProgress(): GuestProgress {
  try {
    const raw = JSON.parse(localStorage.getItem(GUEST_PROGRESS_KEY) ?? "{}");
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
    const out: GuestProgress = {};
    for (const [slug, steps] of Object.entries(raw)) if (Array.isArray(steps)) out[slug] = steps.filter((s): s is string => typeof s === "string");
    return out;
  } catch {
    return {};
  }
}

function write(p: GuestProgress): void {
  try {
    localStorage.setItem(GUEST_PROGRESS_KEY, JSON.stringify(p));
  } catch {
    /* storage full or disabled: progress lives for this page only */
  }
  window.dispatchEvent(new Event(EVENT));
}

export function addGuestStep(slug: string, stepId: string): void {
  const p = readGuestProgress();
  const steps = new Set(p[slug] ?? []);
  steps.add(stepId);
  p[slug] = [...steps];
  write(p);
}

/** Server-signed receipts for quiz/challenge steps a guest passed; presented when merging into an account. */
export const GUEST_RECEIPTS_KEY = "decoupled:guest-receipts:v1";

export function readGuestReceipts(): string[] {
  try {
    const raw = JSON.parse(localStorage.getItem(GUEST_RECEIPTS_KEY) ?? "[]");
    return Array.isArray(raw) ? raw.filter((r): r is string => typeof r === "string") : [];
  } catch {
    return [];
  }
}

/** Keep a receipt and show the step as done for the guest right away. */
export function addGuestReceipt(slug: string, stepId: string, receipt: string): void {
  try {
    localStorage.setItem(GUEST_RECEIPTS_KEY, JSON.stringify([...new Set([...readGuestReceipts(), receipt])].slice(-200)));
  } catch {
    /* storage full or disabled */
  }
  addGuestStep(slug, stepId);
}

/** Per-quiz tokens of questions a guest answered right (components/quiz); they belong to the guest too. */
const QUIZ_TOKEN_PREFIX = "decoupled:quiz-token:v1:";

export function clearGuestProgress(): void {
  try {
    localStorage.removeItem(GUEST_RECEIPTS_KEY);
    localStorage.removeItem(GUEST_PROGRESS_KEY);
    for (const k of Object.keys(localStorage)) if (k.startsWith(QUIZ_TOKEN_PREFIX)) localStorage.removeItem(k);
  } catch {
    /* nothing stored */
  }
  window.dispatchEvent(new Event(EVENT));
}

export function hasGuestProgress(p: GuestProgress = readGuestProgress()): boolean {
  return Object.values(p).some((s) => s.length > 0);
}

/** Re-render on changes from this tab (custom event) and other tabs (storage event). */
export function subscribeGuestProgress(cb: () => void): () => void {
  const onStorage = (e: StorageEvent) => e.key === GUEST_PROGRESS_KEY && cb();
  window.addEventListener(EVENT, cb);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(EVENT, cb);
    window.removeEventListener("storage", onStorage);
  };
}
