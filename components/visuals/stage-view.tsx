/**
 * The diagram of a visual model without any animation or state: frames, boxes, lanes, arrows, and
 * the popover of the component named by `openId`. No hooks and no "use client", so the server can
 * render it as the placeholder and the snapshot; the widget wraps it with popover state (model-stage).
 */
import { memo } from "react";
import type { ComponentLabel } from "@/lib/sim";
import type { ModelView, NodeView } from "./describe";
import { labelFor } from "./labels";
import type { Layout, NodeBox } from "./layouts";
import styles from "./visual-model.module.css";

const KIND_WORDS: Record<ComponentLabel["kind"], string> = {
  producer: "Producer",
  topic: "Topic",
  queue: "Queue",
  subscription: "Subscription",
  partition: "Partition",
  group: "Consumer group",
  consumer: "Consumer",
  dlq: "Dead-letter queue",
  service: "Service",
  store: "Side effects",
};

const pct = (v: number, of: number) => `${(v / of) * 100}%`;

function boxStyle(n: NodeBox, layout: Layout): React.CSSProperties {
  return { left: pct(n.x, layout.width), top: pct(n.y, layout.height), width: pct(n.w, layout.width), height: pct(n.h, layout.height) };
}

export interface StageHandlers {
  onToggle?: (id: string) => void;
  onHover?: (id: string | null) => void;
  onClose?: () => void;
  onKeyDown?: (e: React.KeyboardEvent) => void;
}

export interface StageViewProps extends StageHandlers {
  layout: Layout;
  view: ModelView;
  labels: Readonly<Record<string, ComponentLabel>>;
  highlight?: ReadonlySet<string>;
  /** The component whose popover is open. */
  openId?: string | null;
  /** Unique per stage on the page: popover and arrow-marker ids derive from it. */
  idPrefix: string;
  stageRef?: React.Ref<HTMLDivElement>;
  /** Token layer, drawn above the boxes. */
  children?: React.ReactNode;
}

export function StageView({ layout, view, labels, highlight, openId = null, idPrefix, stageRef, children, onToggle, onHover, onClose, onKeyDown }: StageViewProps) {
  const markerId = `${idPrefix}-arrow`;
  const openNode = openId ? layout.nodes.find((n) => n.id === openId) : undefined;
  const openLabel = openNode ? labelFor(labels, openNode.id, view.nodes[openNode.id]?.name ?? openNode.id) : null;
  return (
    <div ref={stageRef} className={styles.stage} data-mode={layout.mode} style={{ aspectRatio: `${layout.width} / ${layout.height}` }} onKeyDown={onKeyDown}>
      <svg className={styles.arrows} viewBox={`0 0 ${layout.width} ${layout.height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <defs>
          <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHead} />
          </marker>
        </defs>
        {layout.arrows.map((a) => (
          <g key={a.id}>
            <path d={a.d} className={styles.arrow} data-dashed={a.dashed} markerEnd={`url(#${markerId})`} />
            {a.label ? (
              <text x={a.label.x} y={a.label.y} className={styles.arrowLabel}>
                {a.label.text}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      {layout.nodes.map((n) => (
        <StageNode
          key={n.id}
          node={n}
          layout={layout}
          view={view.nodes[n.id]}
          label={labelFor(labels, n.id, view.nodes[n.id]?.name ?? n.id)}
          highlighted={highlight?.has(n.id) ?? false}
          expanded={openId === n.id}
          popoverId={`${idPrefix}-pop-${n.id}`}
          onToggle={onToggle}
          onHover={onHover}
        />
      ))}
      {children}
      {openNode && openLabel ? <Popover node={openNode} layout={layout} label={openLabel} id={`${idPrefix}-pop-${openNode.id}`} onClose={onClose} /> : null}
    </div>
  );
}

export interface StageNodeProps {
  node: NodeBox;
  layout: Layout;
  view: NodeView | undefined;
  label: ComponentLabel | null;
  highlighted: boolean;
  expanded: boolean;
  popoverId: string;
  onToggle?: (id: string) => void;
  onHover?: (id: string | null) => void;
}

/** Re-render a box only when what it shows changed (its view object is rebuilt every frame). */
function sameNode(a: StageNodeProps, b: StageNodeProps): boolean {
  return (
    a.node === b.node &&
    a.layout === b.layout &&
    a.label === b.label &&
    a.highlighted === b.highlighted &&
    a.expanded === b.expanded &&
    a.popoverId === b.popoverId &&
    a.onToggle === b.onToggle &&
    a.onHover === b.onHover &&
    a.view?.status === b.view?.status &&
    a.view?.tone === b.view?.tone &&
    a.view?.alert === b.view?.alert &&
    a.view?.name === b.view?.name
  );
}

/** One box, lane or frame title: a button, so it is focusable and Enter/Space open its popover. */
export const StageNode = memo(StageNodeView, sameNode);

function StageNodeView({ node, layout, view, label, highlighted, expanded, popoverId, onToggle, onHover }: StageNodeProps) {
  const name = label?.name ?? view?.name ?? node.id;
  const frame = node.kind === "topic" || node.kind === "group";
  const button = (
    <button
      type="button"
      className={frame ? styles.frameTitle : node.kind === "lane" || node.kind === "dlq" ? styles.lane : styles.box}
      style={frame ? undefined : boxStyle(node, layout)}
      data-node={node.id}
      data-kind={node.kind}
      data-tone={view?.tone ?? "normal"}
      data-highlight={(highlighted && !frame) || undefined}
      data-compact={node.h < 44 || undefined}
      aria-expanded={expanded}
      aria-controls={expanded ? popoverId : undefined}
      onClick={onToggle ? () => onToggle(node.id) : undefined}
      onPointerEnter={onHover ? (e) => e.pointerType === "mouse" && onHover(node.id) : undefined}
      onPointerLeave={onHover ? (e) => e.pointerType === "mouse" && onHover(null) : undefined}
    >
      {/* The spaces keep the accessible name readable ("Email idle · 0 done"); flex layout ignores them. */}
      <span className={styles.name}>{name}</span> {view ? <span className={styles.status}>{view.status}</span> : null}{" "}
      {view?.alert ? <span className={styles.alert}>{view.alert}</span> : null}
    </button>
  );
  if (!frame) return button;
  return (
    <div className={styles.frame} data-kind={node.kind} data-highlight={highlighted || undefined} style={boxStyle(node, layout)}>
      {button}
    </div>
  );
}

function Popover({ node, layout, label, id, onClose }: { node: NodeBox; layout: Layout; label: ComponentLabel; id: string; onClose?: () => void }) {
  const leftHalf = node.x + node.w / 2 < layout.width / 2;
  const below = node.y + node.h < layout.height * 0.55;
  const style: React.CSSProperties = {
    ...(leftHalf ? { left: pct(Math.max(0, node.x), layout.width) } : { right: pct(Math.max(0, layout.width - node.x - node.w), layout.width) }),
    ...(below ? { top: pct(node.y + node.h + 6, layout.height) } : { bottom: pct(layout.height - node.y + 6, layout.height) }),
  };
  return (
    <div id={id} className={styles.popover} style={style} data-popover-for={node.id} role="group" aria-label={label.name}>
      <div className={styles.popoverHead}>
        <strong>{label.name}</strong>
        <span className={styles.kind}>{KIND_WORDS[label.kind]}</span>
        <button type="button" className={styles.popoverClose} aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <p>
        <span className={styles.popoverTerm}>What it does: </span>
        {label.does}
      </p>
      <p>
        <span className={styles.popoverTerm}>Why it&apos;s needed: </span>
        {label.why}
      </p>
    </div>
  );
}
