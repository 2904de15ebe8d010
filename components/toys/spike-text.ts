/**
 * Words for the traffic-spike toy: the one-line summary after a run and what the live region
 * announces. Every number comes from the engine's `spikeSummary`; these functions only phrase it.
 */
import type { SpikeSummary } from "@/lib/sim";

/** Virtual milliseconds as seconds for people: "0.8 s", "12.4 s", "28 s" (whole seconds from 20 s up). */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s >= 20) return `${Math.round(s)} s`;
  return `${(Math.round(s * 10) / 10).toFixed(1)} s`;
}

/** Milliseconds for a response-time readout: "30 ms", "740 ms", "2.1 s". */
export function formatMs(ms: number | null): string {
  if (ms === null) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/**
 * The one-line result of a run, e.g. "50 orders: 0 failed, last email sent 28 s after the spike began".
 * `spike` says whether the run started with the "Simulate spike" burst (for the wording only).
 * Returns null before the first order.
 */
export function formatSpikeSummary(sum: SpikeSummary, opts: { spike?: boolean } = {}): string | null {
  if (sum.orders === 0) return null;
  const head = `${plural(sum.orders, "order")}: ${sum.failed} failed`;
  const parts: string[] = [];
  if (sum.failed > 0) {
    const why: string[] = [];
    if (sum.failedInCrash > 0) why.push(`${sum.failedInCrash} lost when the service crashed`);
    if (sum.failedFast > 0) why.push(sum.mode === "sync" ? `${sum.failedFast} turned away while it was down` : `${sum.failedFast} refused by a full queue`);
    if (sum.timedOut > 0) why.push(`${sum.timedOut} timed out waiting`);
    parts.push(`${head} (${why.join(", ")})`);
  } else {
    parts.push(head);
  }
  if (sum.emailsPending > 0) parts.push(`${plural(sum.emailsPending, "email")} still queued`);
  if (sum.lastEmailAfterSpikeMs !== null) {
    const since = opts.spike ? "after the spike began" : "after the first order";
    const after = `${formatSeconds(sum.lastEmailAfterSpikeMs)} ${since}`;
    parts.push(sum.emailsSent === sum.orders ? `last email sent ${after}` : `${plural(sum.emailsSent, "email")} sent, the last ${after}`);
  } else {
    parts.push("no email sent");
  }
  let line = parts.join(", ");
  if (sum.serviceCrashes > 0) line += `; the service crashed ${times(sum.serviceCrashes)}`;
  return line;
}

/** What the live region says once a run has settled: short, and leading with the outcome. */
export function settledAnnouncement(sum: SpikeSummary): string | null {
  if (sum.orders === 0) return null;
  if (sum.failed === 0 && sum.emailsPending === 0) {
    return sum.orders === 1 ? "The order was processed, 0 failed" : `All ${sum.orders} orders processed, 0 failed`;
  }
  return `${plural(sum.orders, "order")}: ${sum.failed} failed, ${plural(sum.emailsSent, "email")} sent`;
}

/** The speed readout: "¼×", "0.5×" would be odd next to "4×", so quarter and half use fractions. */
export function formatSpeed(speed: number): string {
  if (speed === 0.25) return "¼×";
  if (speed === 0.5) return "½×";
  return `${speed}×`;
}
