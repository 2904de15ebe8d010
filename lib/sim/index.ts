/**
 * Public API of the message-broker simulation engine. Pure and deterministic: no timers, no
 * wall clock, no Math.random; state is plain JSON. See engine.ts for the contract.
 */
export { createSim, dispatch, advance, advanceTo, nextEventAtMs } from "./engine";
export { runScript } from "./script";
export { SimError } from "./core";
export { hashKey, partitionForKey } from "./hash";
export { auditState } from "./audit";
export {
  metrics,
  percentile,
  recentEvents,
  timeSeries,
  tokens,
  placeOf,
  queueView,
  groupOffsets,
  spikeSummary,
  throughputPerSec,
  type SimMetrics,
  type QueueMetrics,
  type Token,
  type TokenPlace,
  type SpikeSummary,
} from "./metrics";
export {
  scenarios,
  scenarioIds,
  isScenarioId,
  getScenario,
  scenarioConfig,
  createScenario,
  cloneConsumerAction,
  type ScenarioId,
  type ScenarioPreset,
  type ScenarioControl,
  type ScenarioOptions,
  type ComponentLabel,
} from "./scenarios";
export type * from "./types";
