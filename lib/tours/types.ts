/**
 * Guided tours of the visual models. A tour is data: one scripted run of a preset (seed, options,
 * timed beats) and the steps that narrate it. Each step names a span of virtual time: its start
 * state is reproduced with `runScript` (so "Previous step" recomputes instead of undoing) and the
 * widget plays the span, dispatching the beats that fall inside it, then holds.
 */
import type { Beat, ScenarioId, ScenarioOptions } from "@/lib/sim";

/** The presets that have a visual model (the traffic-spike toy is a different widget). */
export type VisualModelId = Exclude<ScenarioId, "traffic-spike">;

export const VISUAL_MODEL_IDS: readonly VisualModelId[] = [
  "message-queue",
  "point-to-point",
  "pub-sub",
  "work-queue",
  "delivery-guarantees",
  "dead-letter",
  "partitions",
];

export interface TourStep {
  /** Stable within the tour (tests and analytics refer to it). */
  id: string;
  title: string;
  /** What the student sees during the span, in plain words; announced politely to screen readers. */
  narration: string;
  /** Virtual ms the step starts at. Beats at exactly this time are already applied in the start state. */
  fromMs: number;
  /** Virtual ms the span plays to before holding; `toMs >= fromMs`. */
  toMs: number;
  /** Component ids (preset label keys) the narration talks about; the widget highlights them. */
  highlight: readonly string[];
  /** Message ids the narration follows (`m2`); their tokens get a ring. */
  follow?: readonly string[];
}

export interface Tour {
  modelId: VisualModelId;
  seed: number;
  /** Preset options for the scripted run (most tours pause the producers and publish by beat). */
  options: ScenarioOptions;
  /** Every action of the run at its virtual time, across all steps. */
  beats: readonly Beat[];
  steps: readonly TourStep[];
}
