"use client";
import { motion } from "motion/react";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { KIND_LABELS, canConnect, type Connection, type Design, type LabComponent, type Position } from "@/lib/lab";
import { NodeSummary, QueueStatusButton, componentLabel, type QueueBadge } from "./lab-parts";
import { NODE_HEIGHT, NODE_WIDTH, canStartConnection } from "./lab-state";
import { STEP_MS, wireKey, type Highlights } from "./use-lab-run";
import styles from "./lab.module.css";

/** Space around the outermost components, in canvas pixels. */
const PAD = 24;
/** Keyboard move step, in canvas pixels (Shift: five times as far). */
const KEY_STEP = 10;
/** Below this many screen pixels of travel a press on a component is a click, not a drag. */
const DRAG_THRESHOLD = 4;
/** The canvas shrinks to fit its container down to this scale, then scrolls. */
const MIN_SCALE = 0.6;

interface Point {
  x: number;
  y: number;
}

function bezier(a: Point, b: Point) {
  const dx = Math.max(40, Math.abs(b.x - a.x) * 0.5);
  return { p0: a, p1: { x: a.x + dx, y: a.y }, p2: { x: b.x - dx, y: b.y }, p3: b };
}

function pathD(a: Point, b: Point): string {
  const { p1, p2 } = bezier(a, b);
  return `M ${a.x} ${a.y} C ${p1.x} ${p1.y}, ${p2.x} ${p2.y}, ${b.x} ${b.y}`;
}

/** Points along the wire, for a message dot that follows its curve using transform keyframes only. */
function samplePath(a: Point, b: Point, n = 12): { xs: number[]; ys: number[] } {
  const { p0, p1, p2, p3 } = bezier(a, b);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    xs.push(u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x);
    ys.push(u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y);
  }
  return { xs, ys };
}

type DragState =
  | { kind: "move"; id: string; pointerId: number; startX: number; startY: number; from: Position; moved: boolean; at: Position }
  | { kind: "wire"; from: string; pointerId: number; at: Point };

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
  const suppressClick = useRef(false);
  const [drag, setDrag] = useState<DragState | null>(null);
  const [available, setAvailable] = useState(0);

  const positionOf = (c: LabComponent): Position => (drag?.kind === "move" && drag.id === c.id ? drag.at : c.position);
  const xs = design.components.map((c) => positionOf(c).x);
  const ys = design.components.map((c) => positionOf(c).y);
  const minX = Math.min(0, ...xs);
  const minY = Math.min(0, ...ys);
  const width = Math.max(640, (xs.length ? Math.max(...xs) : 0) - minX + NODE_WIDTH + PAD * 2);
  const height = Math.max(360, (ys.length ? Math.max(...ys) : 0) - minY + NODE_HEIGHT + PAD * 2);
  const scale = available > 0 ? Math.min(1, Math.max(MIN_SCALE, available / width)) : 1;
  const view = (p: Position): Point => ({ x: p.x - minX + PAD, y: p.y - minY + PAD });

  useLayoutEffect(() => {
    const outer = outerRef.current;
    if (!outer) return;
    const measure = () => setAvailable(outer.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(outer);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (focus) titleRefs.current.get(focus.id)?.focus();
  }, [focus]);

  const byId = new Map(design.components.map((c) => [c.id, c]));
  const anchorOut = (c: LabComponent): Point => {
    const p = view(positionOf(c));
    return { x: p.x + NODE_WIDTH, y: p.y + NODE_HEIGHT / 2 };
  };
  const anchorIn = (c: LabComponent): Point => {
    const p = view(positionOf(c));
    return { x: p.x, y: p.y + NODE_HEIGHT / 2 };
  };
  const ends = (c: Connection) => {
    const from = byId.get(c.from);
    const to = byId.get(c.to);
    return from && to ? { a: anchorOut(from), b: anchorIn(to) } : null;
  };

  /** Client coordinates → canvas layer coordinates (undoing the fit-to-width scale). */
  function toLayer(clientX: number, clientY: number): Point {
    const rect = layerRef.current!.getBoundingClientRect();
    return { x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale };
  }

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
        props.onMove(drag.id, drag.at);
      }
    } else {
      const target = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>("[data-node-id]");
      const to = target?.dataset.nodeId;
      if (to && to !== drag.from) props.onConnect(drag.from, to);
    }
    setDrag(null);
  }

  function onTitleClick(component: LabComponent) {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    if (connectFrom && connectFrom !== component.id) props.onConnect(connectFrom, component.id);
    else props.onSelect(component.id);
  }

  function onTitleKeyDown(event: React.KeyboardEvent, component: LabComponent) {
    const delta: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const d = delta[event.key];
    if (!d) return;
    event.preventDefault();
    const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
    props.onSelect(component.id);
    props.onMove(component.id, { x: Math.max(0, component.position.x + d[0] * step), y: Math.max(0, component.position.y + d[1] * step) });
  }

  function onPortPointerDown(event: React.PointerEvent<HTMLSpanElement>, component: LabComponent) {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ kind: "wire", from: component.id, pointerId: event.pointerId, at: toLayer(event.clientX, event.clientY) });
  }

  const current = highlights.current;
  const source = connectFrom ? byId.get(connectFrom) : undefined;

  return (
    <div className={styles.canvasOuter} ref={outerRef}>
      <p id={hintId} className="visually-hidden">
        Arrow keys move the component; Shift with an arrow moves it further.
      </p>
      <div className={styles.canvasSizer} style={{ width: width * scale, height: height * scale }}>
        <div
          ref={layerRef}
          className={styles.canvasLayer}
          style={{ width, height, transform: `scale(${scale})` }}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
          data-testid="lab-canvas"
        >
          <svg className={styles.wires} width={width} height={height} aria-hidden="true">
            <defs>
              <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" className={styles.arrowHead} />
              </marker>
            </defs>
            {design.connections.map((c) => {
              const e = ends(c);
              if (!e) return null;
              const key = wireKey(c.from, c.to);
              const status = highlights.wires.get(key);
              const d = pathD(e.a, e.b);
              return (
                <g key={key} data-wire={key} data-status={status ?? "none"}>
                  <path d={d} className={styles.wire} markerEnd={`url(#${markerId})`} />
                  <motion.path d={d} className={styles.wireLit} data-status={status ?? "none"} initial={false} animate={{ opacity: status ? 1 : 0 }} transition={{ duration: 0.25 }} />
                </g>
              );
            })}
            {!reduceMotion && current
              ? current.connections.map((c) => {
                  const e = ends(c);
                  if (!e) return null;
                  const { xs: px, ys: py } = samplePath(e.a, e.b);
                  return (
                    <motion.circle
                      key={`${highlights.currentIndex}-${wireKey(c.from, c.to)}`}
                      r={6}
                      cx={0}
                      cy={0}
                      className={styles.packet}
                      data-status={current.status}
                      initial={{ x: px[0], y: py[0], opacity: 0 }}
                      animate={{ x: px, y: py, opacity: [0, 1, 1, 0] }}
                      transition={{ duration: (STEP_MS * 0.9) / 1000, ease: "easeInOut" }}
                    />
                  );
                })
              : null}
            {drag?.kind === "wire" && byId.get(drag.from) ? <path d={pathD(anchorOut(byId.get(drag.from)!), drag.at)} className={styles.wireDraft} /> : null}
          </svg>

          {design.components.map((component) => {
            const p = view(positionOf(component));
            const status = highlights.components.get(component.id);
            const selected = component.id === selectedId;
            const connectState = !source
              ? undefined
              : component.id === source.id
                ? "source"
                : canConnect(design, source.id, component.id).ok
                  ? "valid"
                  : "invalid";
            const badge = component.kind === "message-queue" ? queueBadges.get(component.id) : undefined;
            const dragging = drag?.kind === "move" && drag.id === component.id && drag.moved;
            return (
              <div
                key={component.id}
                className={styles.node}
                data-node-id={component.id}
                data-kind={component.kind}
                data-status={status ?? "none"}
                data-selected={selected || undefined}
                data-connect={connectState}
                data-dragging={dragging || undefined}
                role="group"
                aria-label={componentLabel(component)}
                style={{ transform: `translate(${p.x}px, ${p.y}px)`, width: NODE_WIDTH, height: NODE_HEIGHT }}
                onClick={() => {
                  if (connectFrom && connectFrom !== component.id) props.onConnect(connectFrom, component.id);
                }}
              >
                <motion.span
                  className={styles.nodeGlow}
                  data-status={status ?? "none"}
                  aria-hidden="true"
                  initial={false}
                  animate={{ opacity: status ? 1 : 0, scale: status === "active" ? [1, 1.04, 1] : 1 }}
                  transition={{ duration: 0.35 }}
                />
                <div className={styles.nodeHead}>
                  <button
                    type="button"
                    ref={(el) => {
                      if (el) titleRefs.current.set(component.id, el);
                      else titleRefs.current.delete(component.id);
                    }}
                    className={styles.nodeTitle}
                    aria-pressed={selected}
                    aria-describedby={hintId}
                    aria-label={
                      connectState === "valid" || connectState === "invalid" ? `Connect ${source!.name} to ${component.name}` : `Select ${componentLabel(component)}`
                    }
                    onPointerDown={(e) => onTitlePointerDown(e, component)}
                    onClick={(e) => {
                      e.stopPropagation();
                      onTitleClick(component);
                    }}
                    onKeyDown={(e) => onTitleKeyDown(e, component)}
                  >
                    <span className={styles.nodeKind}>{KIND_LABELS[component.kind]}</span>
                    <span className={styles.nodeName}>{component.name}</span>
                  </button>
                  {badge ? <QueueStatusButton queueId={component.id} badge={badge} onOpen={props.onOpenStatus} /> : null}
                  {status === "success" || status === "error" ? (
                    <span className={styles.nodeMark} data-status={status} aria-hidden="true">
                      {status === "success" ? "✓" : "✕"}
                    </span>
                  ) : null}
                </div>
                <NodeSummary design={design} component={component} />
                {/* While another component waits for its target, this whole box is the target: no second button. */}
                {canStartConnection(component.kind) && (!connectFrom || connectFrom === component.id) ? (
                  <button
                    type="button"
                    className={styles.nodeConnect}
                    aria-label={connectFrom === component.id ? `Cancel connecting from ${component.name}` : `Connect ${component.name}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      if (connectFrom === component.id) props.onCancelConnect();
                      else props.onStartConnect(component.id);
                    }}
                  >
                    {connectFrom === component.id ? "Cancel" : "Connect"}
                  </button>
                ) : null}
                {component.kind !== "user-request" ? <span className={styles.portIn} aria-hidden="true" /> : null}
                {canStartConnection(component.kind) ? (
                  <span className={styles.portOut} aria-hidden="true" title="Drag to another component to connect" onPointerDown={(e) => onPortPointerDown(e, component)} />
                ) : null}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
