import {
  COMPONENT_KINDS,
  CONNECTION_RULES,
  addComponent,
  canConnect,
  connect,
  getComponent,
  removeComponent,
  type ComponentKind,
  type Design,
  type LabComponent,
  type TemplateId,
} from "@/lib/lab";
import type { SavedRef } from "./lab-storage";

/** Canvas size of a component box, in canvas pixels; wires attach at the middle of its left and right edges. */
export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 120;

export type MessageTone = "info" | "success" | "warning" | "error";

export interface LabMessage {
  tone: MessageTone;
  text: string;
}

/** Where the open design came from when it is someone's shared design (read-only original, editable copy). */
export interface SharedRef {
  name: string;
  shareId: string;
}

/**
 * The lab's editing state. Design edits go through lib/lab's pure functions; this adds what only the UI needs:
 * the selection, connect mode (a source waiting for its target) and the last message shown to the student.
 */
export interface LabState {
  design: Design;
  templateId: TemplateId;
  taskId: string | null;
  saved: SavedRef | null;
  shared: SharedRef | null;
  selectedId: string | null;
  /** Set while the student picks a target for a new connection from this component. */
  connectFrom: string | null;
  message: LabMessage | null;
  /** Bumped when a component should take keyboard focus (after adding, connecting…). */
  focus: { id: string; seq: number } | null;
}

export type LabAction =
  | { type: "load"; design: Design; templateId: TemplateId; taskId?: string | null; saved?: SavedRef | null; shared?: SharedRef | null; message?: LabMessage | null }
  | { type: "edit"; edit: (design: Design) => Design }
  | { type: "add"; kind: ComponentKind }
  | { type: "remove"; id: string }
  | { type: "select"; id: string | null }
  | { type: "start-connect"; from: string }
  | { type: "cancel-connect" }
  | { type: "connect"; from: string; to: string }
  | { type: "saved"; saved: SavedRef }
  /** A saved design was deleted from the account: if it is the one open, it is now only in this browser. */
  | { type: "deleted"; id: string }
  | { type: "message"; message: LabMessage | null };

export function initialLabState(init: Pick<LabState, "design" | "templateId"> & Partial<LabState>): LabState {
  return {
    taskId: null,
    saved: null,
    shared: null,
    selectedId: null,
    connectFrom: null,
    message: null,
    focus: null,
    ...init,
  };
}

/** Kinds that can start a wire (everything but a Database). */
export function canStartConnection(kind: ComponentKind): boolean {
  return CONNECTION_RULES[kind].length > 0;
}

export interface TargetOption {
  component: LabComponent;
  ok: boolean;
  /** Why not, in words for the student (from `canConnect`). */
  reason?: string;
}

/** Every other component as a possible target of `fromId`, valid ones first, each with `canConnect`'s verdict. */
export function connectTargets(design: Design, fromId: string): TargetOption[] {
  const options = design.components
    .filter((c) => c.id !== fromId)
    .map((component): TargetOption => {
      const check = canConnect(design, fromId, component.id);
      return check.ok ? { component, ok: true } : { component, ok: false, reason: check.reason };
    });
  return [...options.filter((o) => o.ok), ...options.filter((o) => !o.ok)];
}

/** While a connection waits for its target: the source itself, a target `canConnect` allows, or one it refuses. */
export type ConnectState = "source" | "valid" | "invalid";

/** How component `id` takes part in the connection being made from `fromId`; undefined when none is being made. */
export function connectStateOf(design: Design, fromId: string | undefined, id: string): ConnectState | undefined {
  if (!fromId) return undefined;
  if (fromId === id) return "source";
  return canConnect(design, fromId, id).ok ? "valid" : "invalid";
}

/** A free spot for a new component: below everything, stepping right so several additions do not stack. */
function placeNew(design: Design): { x: number; y: number } {
  if (design.components.length === 0) return { x: 40, y: 40 };
  const bottom = Math.max(...design.components.map((c) => c.position.y));
  return { x: 40 + (design.components.length % 5) * 250, y: bottom + NODE_HEIGHT + 50 };
}

let focusSeq = 0;
const focusOn = (id: string) => ({ id, seq: ++focusSeq });

export function labReducer(state: LabState, action: LabAction): LabState {
  switch (action.type) {
    case "load":
      return initialLabState({
        design: action.design,
        templateId: action.templateId,
        taskId: action.taskId ?? null,
        saved: action.saved ?? null,
        shared: action.shared ?? null,
        message: action.message ?? null,
      });
    case "edit": {
      const design = action.edit(state.design);
      return design === state.design ? state : { ...state, design };
    }
    case "add": {
      if (!COMPONENT_KINDS.includes(action.kind)) return state;
      const result = addComponent(state.design, action.kind, { position: placeNew(state.design) });
      if (!result.ok || !result.id) return { ...state, message: { tone: "error", text: result.ok ? "Could not add the component." : result.reason } };
      const added = getComponent(result.design, result.id)!;
      return {
        ...state,
        design: result.design,
        selectedId: added.id,
        connectFrom: null,
        focus: focusOn(added.id),
        message: { tone: "info", text: `Added ${added.name}. Connect it with "Connect", and move it by dragging or with the arrow keys.` },
      };
    }
    case "remove": {
      const component = getComponent(state.design, action.id);
      if (!component) return state;
      return {
        ...state,
        design: removeComponent(state.design, action.id),
        selectedId: state.selectedId === action.id ? null : state.selectedId,
        connectFrom: state.connectFrom === action.id ? null : state.connectFrom,
        message: { tone: "info", text: `Removed ${component.name} and its connections.` },
      };
    }
    case "select":
      return state.selectedId === action.id ? state : { ...state, selectedId: action.id };
    case "start-connect": {
      const from = getComponent(state.design, action.from);
      if (!from) return state;
      if (!canStartConnection(from.kind)) {
        return { ...state, message: { tone: "warning", text: "A Database only receives connections: start the wire at the service that writes to it." } };
      }
      return {
        ...state,
        connectFrom: from.id,
        selectedId: from.id,
        message: { tone: "info", text: `Connecting from ${from.name}: choose the component it sends to, or press Escape to cancel.` },
      };
    }
    case "cancel-connect":
      return state.connectFrom ? { ...state, connectFrom: null, message: { tone: "info", text: "Connection cancelled." } } : state;
    case "connect": {
      const from = getComponent(state.design, action.from);
      const to = getComponent(state.design, action.to);
      const result = connect(state.design, action.from, action.to);
      if (!result.ok || !from || !to) {
        // Stay in connect mode so the student can pick another target.
        return { ...state, message: { tone: "error", text: `Cannot connect${from && to ? ` ${from.name} → ${to.name}` : ""}: ${result.ok ? "unknown component." : result.reason}` } };
      }
      return {
        ...state,
        design: result.design,
        connectFrom: null,
        focus: focusOn(from.id),
        message: { tone: "success", text: `Connected ${from.name} → ${to.name}.` },
      };
    }
    case "saved":
      return { ...state, saved: action.saved, shared: null };
    case "deleted":
      return state.saved?.id === action.id ? { ...state, saved: null } : state;
    case "message":
      return { ...state, message: action.message };
  }
}
