import { describe, expect, it } from "vitest";
import { advance, createScenario, dispatch, spikeSummary, type SpikeSummary } from "@/lib/sim";
import { formatMs, formatSeconds, formatSpeed, formatSpikeSummary, settledAnnouncement } from "./spike-text";

function runSpike(mode: "sync" | "queue"): SpikeSummary {
  let s = createScenario("traffic-spike", 7, { serviceMode: mode });
  s = dispatch(s, { type: "burst", count: 50, overMs: 2000 });
  s = advance(s, 60_000);
  return spikeSummary(s)!;
}

describe("formatSeconds / formatMs", () => {
  it("uses tenths below 20 s and whole seconds above", () => {
    expect(formatSeconds(800)).toBe("0.8 s");
    expect(formatSeconds(12_449)).toBe("12.4 s");
    expect(formatSeconds(27_500)).toBe("28 s");
    expect(formatMs(30)).toBe("30 ms");
    expect(formatMs(2140)).toBe("2.1 s");
    expect(formatMs(null)).toBe("–");
    expect(formatSpeed(0.25)).toBe("¼×");
    expect(formatSpeed(4)).toBe("4×");
  });
});

describe("the summary line, from real engine runs", () => {
  it("queue mode: nothing failed and it says when the last email went out", () => {
    const sum = runSpike("queue");
    const line = formatSpikeSummary(sum, { spike: true })!;
    expect(line.startsWith(`50 orders: 0 failed, last email sent ${formatSeconds(sum.lastEmailAfterSpikeMs!)} after the spike began`)).toBe(true);
    expect(line).not.toContain("crashed");
    expect(settledAnnouncement(sum)).toBe("All 50 orders processed, 0 failed");
  });

  it("sync mode: counts the failures, explains them and mentions the crash", () => {
    const sum = runSpike("sync");
    expect(sum.failed).toBeGreaterThan(0);
    const line = formatSpikeSummary(sum)!;
    expect(line).toMatch(new RegExp(`^50 orders: ${sum.failed} failed \\(`));
    if (sum.failedInCrash > 0) expect(line).toContain(`${sum.failedInCrash} lost when the service crashed`);
    expect(line).toContain(`${sum.emailsSent} emails sent`);
    expect(line).toMatch(/the service crashed (once|twice|\d+ times)$/);
    expect(settledAnnouncement(sum)).toBe(`50 orders: ${sum.failed} failed, ${sum.emailsSent} emails sent`);
  });

  it("says nothing before the first order and handles one order and queued emails", () => {
    const empty = spikeSummary(createScenario("traffic-spike", 1))!;
    expect(formatSpikeSummary(empty)).toBeNull();
    expect(settledAnnouncement(empty)).toBeNull();
    let s = createScenario("traffic-spike", 1, { serviceMode: "queue" });
    s = dispatch(s, { type: "request", count: 3 });
    s = advance(s, 100);
    const mid = spikeSummary(s)!;
    expect(formatSpikeSummary(mid)).toBe("3 orders: 0 failed, 3 emails still queued, no email sent");
    const one = spikeSummary(dispatch(createScenario("traffic-spike", 1, { serviceMode: "queue" }), { type: "request" }))!;
    expect(formatSpikeSummary(one)).toMatch(/^1 order: 0 failed/);
  });
});
