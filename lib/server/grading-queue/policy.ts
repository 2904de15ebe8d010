/**
 * Fairness arithmetic of the grading queue, as pure functions of what the database holds (no clock, no I/O), so the
 * rules can be read and tested on their own. enqueue.ts applies them inside the submitting transaction.
 */
import { CPU_BUDGET_MS, CPU_WINDOW_MS, MAX_PRIORITY, PRIORITY_STEP_MS } from "./config";

/** Grader time charged to an author: one finished submission's `cpuMs` at the moment it finished. */
export interface CpuCharge {
  cpuMs: number;
  /** ms since the epoch. */
  finishedAt: number;
}

/** Sum of the charges inside the window ending at `now`. */
export function recentCpuMs(charges: readonly CpuCharge[], now: number, windowMs = CPU_WINDOW_MS): number {
  return charges.reduce((sum, c) => (c.finishedAt > now - windowMs && c.finishedAt <= now ? sum + c.cpuMs : sum), 0);
}

/**
 * Queue priority for an author's next job (graphile-worker's convention: lower runs first). An author who has
 * burned grader time recently queues behind those who have not, one step per {@link PRIORITY_STEP_MS}; an honest
 * student (tens of ms per submission) stays at 0.
 */
export function priorityFor(recentMs: number): number {
  return Math.min(MAX_PRIORITY, Math.max(0, Math.floor(recentMs / PRIORITY_STEP_MS)));
}

/**
 * How long until the author's recent grader time is back within the budget, in ms: 0 when it already is. Charges
 * leave the window `windowMs` after they were made, oldest first.
 */
export function cpuRetryAfterMs(charges: readonly CpuCharge[], now: number, budgetMs = CPU_BUDGET_MS, windowMs = CPU_WINDOW_MS): number {
  const inWindow = charges.filter((c) => c.finishedAt > now - windowMs && c.finishedAt <= now).sort((a, b) => a.finishedAt - b.finishedAt);
  let total = inWindow.reduce((s, c) => s + c.cpuMs, 0);
  if (total <= budgetMs) return 0;
  for (const c of inWindow) {
    total -= c.cpuMs;
    if (total <= budgetMs) return Math.max(1, c.finishedAt + windowMs - now);
  }
  return windowMs;
}

/**
 * Retry-After for a full queue, in seconds: roughly how long the graders take to work off a tenth of what waits,
 * at the rate they finished submissions over the last minute. Clamped to 2..60 s so clients neither stampede nor
 * give up.
 */
export function queueFullRetryAfterSeconds(depth: number, finishedLastMinute: number): number {
  const perSecond = Math.max(finishedLastMinute / 60, 1);
  return Math.min(60, Math.max(2, Math.ceil((0.1 * depth) / perSecond)));
}
