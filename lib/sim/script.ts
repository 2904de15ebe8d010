/**
 * Scripted runs: a list of actions at virtual times ("beats") replayed from a seed. A tour step or
 * a "what happens next?" quiz reproduces its exact state with `runScript(preset, seed, beats)`.
 */
import { advanceTo, createSim, dispatch } from "./engine";
import { getScenario, type ScenarioPreset } from "./scenarios";
import type { Beat, SimConfig, SimState } from "./types";

/**
 * Creates the preset (an id, a preset object or a raw config) with `seed`, then for each beat in
 * time order (ties keep list order) advances to `atMs` and dispatches its action. Finishes at
 * `untilMs` if given (it must not be before the last beat), otherwise at the last beat.
 */
export function runScript(preset: string | ScenarioPreset | SimConfig, seed: number | string, beats: readonly Beat[], options: { untilMs?: number } = {}): SimState {
  const config: SimConfig = typeof preset === "string" ? getScenario(preset).config : "config" in preset ? preset.config : preset;
  for (const b of beats) {
    if (!(b.atMs >= 0) || !Number.isFinite(b.atMs)) throw new RangeError(`beat time must be a finite number >= 0, got ${b.atMs}`);
  }
  const ordered = beats.map((b, i) => ({ b, i })).sort((x, y) => x.b.atMs - y.b.atMs || x.i - y.i);
  let s = createSim(config, seed);
  for (const { b } of ordered) {
    if (b.atMs > s.nowMs) s = advanceTo(s, b.atMs);
    s = dispatch(s, b.action);
  }
  if (options.untilMs !== undefined) s = advanceTo(s, options.untilMs);
  return s;
}
