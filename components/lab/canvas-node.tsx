"use client";
import { motion } from "motion/react";
import type { Design, LabComponent } from "@/lib/lab";
import type { Point } from "./canvas-geometry";
import { NodeRunMark, NodeSummary, NodeTitle, QueueStatusButton, componentLabel, nodeStateAttributes, type QueueBadge } from "./lab-parts";
import { NODE_HEIGHT, NODE_WIDTH, canStartConnection, type ConnectState } from "./lab-state";
import type { NodeHandlers } from "./use-canvas-drag";
import type { HighlightStatus } from "./use-lab-run";
import styles from "./lab.module.css";

export interface CanvasNodeProps {
  design: Design;
  component: LabComponent;
  /** Top-left corner on the canvas layer. */
  at: Point;
  status: HighlightStatus | undefined;
  selected: boolean;
  dragging: boolean;
  connectState: ConnectState | undefined;
  /** The component waiting for a target, if any. */
  connectFrom: string | null;
  sourceName: string | undefined;
  badge: QueueBadge | undefined;
  hintId: string;
  titleRef: (el: HTMLButtonElement | null) => void;
  handlers: NodeHandlers;
  onConnect: (from: string, to: string) => void;
  onStartConnect: (id: string) => void;
  onCancelConnect: () => void;
  onOpenStatus: () => void;
}

/** One component on the canvas: its title button (select, drag, arrow keys), summary, Connect button and ports. */
export function CanvasNode(props: CanvasNodeProps) {
  const { design, component, at, status, selected, dragging, connectState, connectFrom, badge, hintId, handlers } = props;
  return (
    <div
      className={styles.node}
      {...nodeStateAttributes(component, status, selected, connectState)}
      data-dragging={dragging || undefined}
      role="group"
      aria-label={componentLabel(component)}
      style={{ transform: `translate(${at.x}px, ${at.y}px)`, width: NODE_WIDTH, height: NODE_HEIGHT }}
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
          ref={props.titleRef}
          className={styles.nodeTitle}
          aria-pressed={selected}
          aria-describedby={hintId}
          aria-label={connectState === "valid" || connectState === "invalid" ? `Connect ${props.sourceName} to ${component.name}` : `Select ${componentLabel(component)}`}
          onPointerDown={(e) => handlers.onTitlePointerDown(e, component)}
          onClick={(e) => {
            e.stopPropagation();
            handlers.onTitleClick(component);
          }}
          onKeyDown={(e) => handlers.onTitleKeyDown(e, component)}
        >
          <NodeTitle component={component} />
        </button>
        {badge ? <QueueStatusButton queueId={component.id} badge={badge} onOpen={props.onOpenStatus} /> : null}
        <NodeRunMark status={status} />
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
        <span className={styles.portOut} aria-hidden="true" title="Drag to another component to connect" onPointerDown={(e) => handlers.onPortPointerDown(e, component)} />
      ) : null}
    </div>
  );
}
