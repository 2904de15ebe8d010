"use client";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type { Connection, Design, Position } from "@/lib/lab";
import { anchorIn, anchorOut, canvasFrame, type Point } from "./canvas-geometry";
import { CanvasNode } from "./canvas-node";
import { CanvasWires } from "./canvas-wires";
import type { QueueBadge } from "./lab-parts";
import { connectStateOf } from "./lab-state";
import { useCanvasDrag } from "./use-canvas-drag";
import type { Highlights } from "./use-lab-run";
import styles from "./lab.module.css";

export interface CanvasProps {
  design: Design;
  selectedId: string | null;
  connectFrom: string | null;
  highlights: Highlights;
  queueBadges: ReadonlyMap<string, QueueBadge>;
  reduceMotion: boolean;
  focus: { id: string; seq: number } | null;
  onSelect: (id: string) => void;
  onMove: (id: string, position: Position) => void;
  onStartConnect: (id: string) => void;
  onCancelConnect: () => void;
  onConnect: (from: string, to: string) => void;
  onOpenStatus: () => void;
}

/** The width available to the canvas, in screen pixels (0 until measured), following resizes. */
function useAvailableWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [available, setAvailable] = useState(0);
  useLayoutEffect(() => {
    const outer = ref.current;
    if (!outer) return;
    const measure = () => setAvailable(outer.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(outer);
    return () => observer.disconnect();
  }, [ref]);
  return available;
}

/**
 * The design as boxes and SVG wires. Pointer: drag a box by its title to move it; drag from the dot on its right
 * edge to another box to connect; or press "Connect" and then click/tap the target. Keyboard: Tab to a box's
 * title, arrow keys move it (Shift for bigger steps), "Connect" opens the list of valid targets.
 */
export function LabCanvas(props: CanvasProps) {
  const { design, selectedId, connectFrom, highlights, queueBadges, reduceMotion, focus } = props;
  const hintId = useId();
  const markerId = `${hintId}-arrow`.replace(/:/g, "");
  const outerRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const titleRefs = useRef(new Map<string, HTMLButtonElement>());
  const available = useAvailableWidth(outerRef);
  const drag = useCanvasDrag(props);
  const { width, height, scale, view } = canvasFrame(design.components.map(drag.positionOf), available);
  /** Client coordinates → canvas layer coordinates (undoing the fit-to-width scale). */
  const toLayer = (clientX: number, clientY: number): Point => {
    const rect = layerRef.current!.getBoundingClientRect();
    return { x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale };
  };
  const handlers = drag.handlers(scale, toLayer);

  useEffect(() => {
    if (focus) titleRefs.current.get(focus.id)?.focus();
  }, [focus]);

  const byId = new Map(design.components.map((c) => [c.id, c]));
  const topLeft = (id: string) => {
    const c = byId.get(id);
    return c ? view(drag.positionOf(c)) : null;
  };
  const ends = (c: Connection) => {
    const from = topLeft(c.from);
    const to = topLeft(c.to);
    return from && to ? { a: anchorOut(from), b: anchorIn(to) } : null;
  };
  const wireFrom = drag.drag?.kind === "wire" ? topLeft(drag.drag.from) : null;
  const source = connectFrom ? byId.get(connectFrom) : undefined;

  return (
    <div className={styles.canvasOuter} ref={outerRef}>
      <p id={hintId} className="visually-hidden">
        Arrow keys move the component; Shift with an arrow moves it further.
      </p>
      <div className={styles.canvasSizer} style={{ width: width * scale, height: height * scale }}>
        <div ref={layerRef} className={styles.canvasLayer} style={{ width, height, transform: `scale(${scale})` }} {...handlers.layer} data-testid="lab-canvas">
          <CanvasWires
            width={width}
            height={height}
            markerId={markerId}
            connections={design.connections}
            ends={ends}
            highlights={highlights}
            reduceMotion={reduceMotion}
            draft={wireFrom && drag.drag?.kind === "wire" ? { a: anchorOut(wireFrom), b: drag.drag.at } : null}
          />
          {design.components.map((component) => (
            <CanvasNode
              key={component.id}
              design={design}
              component={component}
              at={view(drag.positionOf(component))}
              status={highlights.components.get(component.id)}
              selected={component.id === selectedId}
              dragging={drag.drag?.kind === "move" && drag.drag.id === component.id && drag.drag.moved}
              connectState={connectStateOf(design, source?.id, component.id)}
              connectFrom={connectFrom}
              sourceName={source?.name}
              badge={component.kind === "message-queue" ? queueBadges.get(component.id) : undefined}
              hintId={hintId}
              titleRef={(el) => {
                if (el) titleRefs.current.set(component.id, el);
                else titleRefs.current.delete(component.id);
              }}
              handlers={handlers.node}
              onConnect={props.onConnect}
              onStartConnect={props.onStartConnect}
              onCancelConnect={props.onCancelConnect}
              onOpenStatus={props.onOpenStatus}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
