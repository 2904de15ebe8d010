"use client";
import { useRef, useState } from "react";
import type { LabComponent, Position } from "@/lib/lab";
import type { Point } from "./canvas-geometry";

/** Keyboard move step, in canvas pixels (Shift: five times as far). */
const KEY_STEP = 10;
/** Below this many screen pixels of travel a press on a component is a click, not a drag. */
const DRAG_THRESHOLD = 4;

export type DragState =
  | { kind: "move"; id: string; pointerId: number; startX: number; startY: number; from: Position; moved: boolean; at: Position }
  | { kind: "wire"; from: string; pointerId: number; at: Point };

export interface CanvasActions {
  connectFrom: string | null;
  onSelect: (id: string) => void;
  onMove: (id: string, position: Position) => void;
  onConnect: (from: string, to: string) => void;
}

/**
 * Moving boxes and drawing wires on the canvas, by pointer (drag a box's title; drag from its right-edge port to
 * another box) and by keyboard (arrow keys on a box's title).
 */
export function useCanvasDrag({ connectFrom, onSelect, onMove, onConnect }: CanvasActions) {
  const [drag, setDrag] = useState<DragState | null>(null);
  // A drag ends with a click on the title it started from; that click must not also select.
  const suppressClick = useRef(false);

  /** Where a component is drawn: where it is being dragged to, else where the design has it. */
  const positionOf = (c: LabComponent): Position => (drag?.kind === "move" && drag.id === c.id ? drag.at : c.position);

  /** The event handlers, for the canvas's current fit-to-width `scale`; `toLayer` maps client coordinates into the layer. */
  function handlers(scale: number, toLayer: (clientX: number, clientY: number) => Point) {
    function onTitlePointerDown(event: React.PointerEvent<HTMLButtonElement>, component: LabComponent) {
      if (event.button !== 0 || connectFrom) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      setDrag({ kind: "move", id: component.id, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, from: component.position, moved: false, at: component.position });
    }

    function onPointerMove(event: React.PointerEvent) {
      if (!drag || drag.pointerId !== event.pointerId) return;
      if (drag.kind === "move") {
        const dx = event.clientX - drag.startX;
        const dy = event.clientY - drag.startY;
        if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        // Kept at or right/below the origin so the canvas does not shift under the pointer while dragging.
        const at = { x: Math.max(0, Math.round(drag.from.x + dx / scale)), y: Math.max(0, Math.round(drag.from.y + dy / scale)) };
        setDrag({ ...drag, moved: true, at });
      } else {
        setDrag({ ...drag, at: toLayer(event.clientX, event.clientY) });
      }
    }

    function onPointerUp(event: React.PointerEvent) {
      if (!drag || drag.pointerId !== event.pointerId) return;
      if (drag.kind === "move") {
        if (drag.moved) {
          suppressClick.current = true;
          onMove(drag.id, drag.at);
        }
      } else {
        const target = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>("[data-node-id]");
        const to = target?.dataset.nodeId;
        if (to && to !== drag.from) onConnect(drag.from, to);
      }
      setDrag(null);
    }

    function onTitleClick(component: LabComponent) {
      if (suppressClick.current) {
        suppressClick.current = false;
        return;
      }
      if (connectFrom && connectFrom !== component.id) onConnect(connectFrom, component.id);
      else onSelect(component.id);
    }

    function onTitleKeyDown(event: React.KeyboardEvent, component: LabComponent) {
      const delta: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      const d = delta[event.key];
      if (!d) return;
      event.preventDefault();
      const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
      onSelect(component.id);
      onMove(component.id, { x: Math.max(0, component.position.x + d[0] * step), y: Math.max(0, component.position.y + d[1] * step) });
    }

    function onPortPointerDown(event: React.PointerEvent<HTMLSpanElement>, component: LabComponent) {
      if (event.button !== 0) return;
      event.stopPropagation();
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      setDrag({ kind: "wire", from: component.id, pointerId: event.pointerId, at: toLayer(event.clientX, event.clientY) });
    }

    return {
      /** For the canvas layer, which has the pointer captured during a drag. */
      layer: { onPointerMove, onPointerUp, onPointerCancel: () => setDrag(null) },
      node: { onTitlePointerDown, onTitleClick, onTitleKeyDown, onPortPointerDown },
    };
  }

  return { drag, positionOf, handlers };
}

export type NodeHandlers = ReturnType<ReturnType<typeof useCanvasDrag>["handlers"]>["node"];
