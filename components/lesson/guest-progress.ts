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

export function clearGuestProgress(): void {
  try {
    localStorage.removeItem(GUEST_PROGRESS_KEY);
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
