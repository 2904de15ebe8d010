/**
 * The plain, serializable description of a visual model that the server hands to the client
 * placeholder: titles, the preset's words for every component, control labels, and both layouts
 * with the initial state's status lines. Building it needs the engine; shipping it does not.
 */
import { createScenario, getScenario, type ComponentLabel } from "@/lib/sim";
import type { VisualModelId } from "@/lib/tours/types";
import { describeState, type ModelView } from "./describe";
import { initialLayout, MODEL_LAYOUTS, type Layout } from "./layouts";

export interface ControlMeta {
  id: string;
  label: string;
  hint: string;
  toggle: boolean;
}

export interface ModelMeta {
  id: VisualModelId;
  title: string;
  summary: string;
  labels: Record<string, ComponentLabel>;
  controls: ControlMeta[];
}

export interface ModelStart {
  meta: ModelMeta;
  layouts: { wide: Layout; narrow: Layout };
  view: ModelView;
  /** Toggle controls' state at the start, by control id. */
  toggles: Record<string, boolean>;
  /** Controls that do not apply at the start (rendered disabled). */
  disabled: string[];
}

/** The model's words, controls and starting picture. */
export function modelStart(id: VisualModelId): ModelStart {
  const preset = getScenario(id);
  const state = createScenario(id);
  const sources = Object.fromEntries(Object.values(state.consumers).map((c) => [c.id, c.source]));
  return {
    meta: {
      id,
      title: preset.title,
      summary: preset.summary,
      labels: preset.labels,
      controls: preset.controls.map((c) => ({ id: c.id, label: c.label, hint: c.hint, toggle: c.isOn !== undefined })),
    },
    layouts: { wide: initialLayout(id, "wide", sources), narrow: initialLayout(id, "narrow", sources) },
    view: describeState(state, MODEL_LAYOUTS[id]),
    toggles: Object.fromEntries(preset.controls.filter((c) => c.isOn).map((c) => [c.id, c.isOn!(state)])),
    disabled: preset.controls.filter((c) => c.build(state) === null).map((c) => c.id),
  };
}
