"use client";
/**
 * The diagram of a visual model without any animation: frames, boxes, lanes, arrows and the
 * popover that says what each component does and why it is needed. The placeholder, the
 * interactive widget and the static snapshot all draw it; the widget lays tokens on top as children.
 */
import { memo, useCallback, useEffect, useId, useRef, useState } from "react";
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

interface StageProps {
  layout: Layout;
  view: ModelView;
  labels: Readonly<Record<string, ComponentLabel>>;
  highlight?: ReadonlySet<string>;
  /** Token layer, drawn above the boxes. */
  children?: React.ReactNode;
  /** Distinguishes the ids of several stages of one model on a page. */
  idPrefix: string;
}

/** The model's boxes and arrows; owns which component's popover is open. */
export function ModelStage({ layout, view, labels, highlight, children, idPrefix }: StageProps) {
  const [pinned, setPinned] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const open = pinned ?? hovered;
  const markerId = `${useId().replace(/:/g, "")}-arrow`;

  useEffect(() => {
    if (!pinned) return;
    const onDown = (e: PointerEvent) => {
      const el = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-popover-for], [data-node]") : null;
      if (el?.dataset.popoverFor !== pinned && el?.dataset.node !== pinned) setPinned(null);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [pinned]);

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent) => {
      if (e.key !== "Escape" || !open) return;
      e.stopPropagation();
      const id = open;
      setPinned(null);
      setHovered(null);
      const boxes = stageRef.current?.querySelectorAll<HTMLElement>("[data-node]") ?? [];
      [...boxes].find((el) => el.dataset.node === id)?.focus();
    },
    [open],
  );

  const toggle = useCallback((id: string) => setPinned((p) => (p === id ? null : id)), []);
  const hover = useCallback((id: string | null) => setHovered(id), []);

  const openNode = open ? layout.nodes.find((n) => n.id === open) : undefined;
  const openLabel = openNode ? labelFor(labels, openNode.id, view.nodes[openNode.id]?.name ?? openNode.id) : null;

  return (
    <div
      ref={stageRef}
      className={styles.stage}
      data-mode={layout.mode}
      style={{ aspectRatio: `${layout.width} / ${layout.height}` }}
      onKeyDown={onKeyDown}
    >
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
          expanded={open === n.id}
          popoverId={`${idPrefix}-pop-${n.id}`}
          onToggle={toggle}
          onHover={hover}
        />
      ))}
      {children}
      {openNode && openLabel ? <Popover node={openNode} layout={layout} label={openLabel} id={`${idPrefix}-pop-${openNode.id}`} onClose={() => (setPinned(null), setHovered(null))} /> : null}
    </div>
  );
}

interface NodeProps {
  node: NodeBox;
  layout: Layout;
  view: NodeView | undefined;
  label: ComponentLabel | null;
  highlighted: boolean;
  expanded: boolean;
  popoverId: string;
  onToggle: (id: string) => void;
  onHover: (id: string | null) => void;
}

const StageNode = memo(function StageNode({ node, layout, view, label, highlighted, expanded, popoverId, onToggle, onHover }: NodeProps) {
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
      data-highlight={highlighted || undefined}
      data-compact={node.h < 44 || undefined}
      aria-expanded={expanded}
      aria-controls={expanded ? popoverId : undefined}
      onClick={() => onToggle(node.id)}
      onPointerEnter={(e) => e.pointerType === "mouse" && onHover(node.id)}
      onPointerLeave={(e) => e.pointerType === "mouse" && onHover(null)}
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
});

function Popover({ node, layout, label, id, onClose }: { node: NodeBox; layout: Layout; label: ComponentLabel; id: string; onClose: () => void }) {
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
