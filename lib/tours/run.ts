/**
 * Turning a tour into engine states. Pure: the widget and the tests use the same functions, so
 * what a step shows is exactly what the tests check.
 */
import { advanceTo, dispatch, runScript, scenarioConfig, type Beat, type SimState } from "@/lib/sim";
import type { Tour } from "./types";

/** The state of the tour's run at virtual time `ms`, with every beat at or before `ms` applied. */
export function tourStateAt(tour: Tour, ms: number): SimState {
  const beats = tour.beats.filter((b) => b.atMs <= ms);
  return runScript(scenarioConfig(tour.modelId, tour.options), tour.seed, beats, { untilMs: ms });
}

/** Where step `index` starts: the state the widget loads on "Next step" / "Previous step". */
export function stepStartState(tour: Tour, index: number): SimState {
  return tourStateAt(tour, stepAt(tour, index).fromMs);
}

/** Where step `index`'s span ends: the state its narration describes. */
export function stepEndState(tour: Tour, index: number): SimState {
  return tourStateAt(tour, stepAt(tour, index).toMs);
}

function stepAt(tour: Tour, index: number) {
  const step = tour.steps[index];
  if (!step) throw new RangeError(`tour "${tour.modelId}" has no step ${index}`);
  return step;
}

/**
 * Plays `state` forward to `targetMs`, dispatching the beats strictly after the current time and
 * at or before the target, in time order (ties keep list order). Beats at the current time count
 * as already applied. Chunking does not matter: playing in many small steps ends in the same state
 * as one call, and as `runScript` over the same beats.
 */
export function playTo(state: SimState, targetMs: number, beats: readonly Beat[]): SimState {
  let s = state;
  const due = beats
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b.atMs > state.nowMs && b.atMs <= targetMs)
    .sort((x, y) => x.b.atMs - y.b.atMs || x.i - y.i);
  for (const { b } of due) {
    if (b.atMs > s.nowMs) s = advanceTo(s, b.atMs);
    s = dispatch(s, b.action);
  }
  return targetMs > s.nowMs ? advanceTo(s, targetMs) : s;
}
