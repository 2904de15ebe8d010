"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { createScenario, spikeSummary, type SimState } from "@/lib/sim";
import { formatSpikeSummary, settledAnnouncement } from "./spike-text";
import { useLivePlayback } from "./use-live-playback";

export type Mode = "sync" | "queue";
export type SpeedChoice = "auto" | "0.25" | "1" | "4" | "10";

const SEED = 1;
export const SPIKE = { count: 50, overMs: 2000 };
/** Keep the clock running this long after everything settled, so the charts show the flat tail. */
const TAIL_MS = 2000;
/** A click within this many real ms counts as "the student is clicking" for Auto speed. */
const CLICKING_MS = 1200;

/** Nothing left to happen: no request waiting or being served, no order queued, no spike still arriving, service up. */
function isQuiet(s: SimState): boolean {
  const svc = s.service!;
  return svc.waiting.length === 0 && svc.active.length === 0 && svc.status === "up" && s.totals.backlog === 0 && !s.timers.some((t) => t.k === "arrive");
}

function autoSpeed(clickedRecently: boolean, spikeArriving: boolean): { speed: number; why: string } {
  if (clickedRecently) return { speed: 0.25, why: "slow motion while you click" };
  if (spikeArriving) return { speed: 0.5, why: "slow motion while the spike arrives" };
  return { speed: 4, why: "fast-forward" };
}

/**
 * The traffic-spike toy's state: the engine's preset on a live clock (Auto speed, held while `paused`), the mode,
 * what the screen reader hears (crash, recovery, the outcome once settled) and the previous run's summary.
 */
export function useTrafficSpike(paused: boolean) {
  const [mode, setModeState] = useState<Mode>("sync");
  const [speedChoice, setSpeedChoice] = useState<SpeedChoice>("auto");
  const [announcement, setAnnouncement] = useState("");
  const [previous, setPrevious] = useState<{ mode: Mode; line: string } | null>(null);
  const lastClickAt = useRef(-Infinity);
  const spikeEndsAtMs = useRef(-1);
  const spikeStarted = useRef(false);
  const quietSinceMs = useRef<number | null>(null);

  const speedOf = useCallback(
    (s: SimState, realNow: number) => {
      if (speedChoice !== "auto") return Number(speedChoice);
      return autoSpeed(realNow - lastClickAt.current < CLICKING_MS, s.nowMs < spikeEndsAtMs.current).speed;
    },
    [speedChoice],
  );

  const keepRunning = useCallback((s: SimState) => {
    if (s.service!.stats.orders === 0) return false;
    if (!isQuiet(s)) {
      quietSinceMs.current = null;
      return true;
    }
    quietSinceMs.current ??= s.nowMs;
    return s.nowMs - quietSinceMs.current < TAIL_MS;
  }, []);

  const sim = useLivePlayback({
    init: () => createScenario("traffic-spike", SEED, { serviceMode: "sync" }),
    speed: speedOf,
    keepRunning,
    paused,
  });
  const s = sim.state;
  const sum = spikeSummary(s)!;
  const settled = sum.orders > 0 && isQuiet(s) && !sim.running;

  // Announce what the engine reports: crash and recovery as they happen, the outcome once settled.
  const lastSeq = useRef(0);
  useEffect(() => {
    const items = s.log.items;
    let said: string | null = null;
    for (const e of items) {
      if (e.seq <= lastSeq.current) continue;
      if (e.type === "service-crashed") said = "Service crashed: checkout fails every order until it recovers";
      else if (e.type === "service-recovered") said = "Service recovered";
    }
    lastSeq.current = s.log.next;
    if (said) setAnnouncement(said);
  }, [s]);
  const wasSettled = useRef(false);
  useEffect(() => {
    // Only the transition into "settled" speaks.
    if (settled && !wasSettled.current) setAnnouncement(settledAnnouncement(spikeSummary(s)!) ?? "");
    wasSettled.current = settled;
  }, [settled, s]);

  const startOver = (nextMode: Mode) => {
    const line = formatSpikeSummary(sum, { spike: spikeStarted.current });
    if (line) setPrevious({ mode, line });
    spikeEndsAtMs.current = -1;
    spikeStarted.current = false;
    quietSinceMs.current = null;
    lastSeq.current = 0;
    setAnnouncement("");
    sim.reset(createScenario("traffic-spike", SEED, { serviceMode: nextMode }));
  };

  const setMode = (m: Mode) => {
    setModeState(m);
    startOver(m);
  };

  const placeOrder = () => {
    lastClickAt.current = performance.now();
    sim.dispatch({ type: "request" });
  };
  const simulateSpike = () => {
    if (s.service!.stats.orders === 0) spikeStarted.current = true;
    spikeEndsAtMs.current = s.nowMs + SPIKE.overMs;
    sim.dispatch({ type: "burst", count: SPIKE.count, overMs: SPIKE.overMs });
  };

  // Read at render, like the clock line it feeds: which Auto speed applies right now.
  const speedNow =
    speedChoice === "auto"
      ? autoSpeed(performance.now() - lastClickAt.current < CLICKING_MS, s.nowMs < spikeEndsAtMs.current)
      : { speed: Number(speedChoice), why: "" };

  return {
    state: s,
    summary: sum,
    running: sim.running,
    mode,
    setMode,
    speedChoice,
    setSpeedChoice,
    speedNow,
    announcement,
    previous,
    summaryLine: settled ? formatSpikeSummary(sum, { spike: spikeStarted.current }) : null,
    placeOrder,
    simulateSpike,
    reset: () => startOver(mode),
  };
}
