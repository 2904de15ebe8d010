"use client";
import { useEffect, useRef } from "react";
import type { Design } from "@/lib/lab";
import { NodeRunMark, NodeSummary, NodeTitle, QueueStatusButton, componentLabel, nodeStateAttributes, type QueueBadge } from "./lab-parts";
import { canStartConnection, connectStateOf } from "./lab-state";
import type { Highlights } from "./use-lab-run";
import styles from "./lab.module.css";

/**
 * The components as a list, for narrow screens where a canvas would need panning: the same actions as the canvas
 * (select to edit, Connect then tap the target, remove from the editor), each card saying where it sends.
 * The selected component's editor opens inside its card.
 */
export function LabList({
  design,
  selectedId,
  connectFrom,
  highlights,
  queueBadges,
  focus,
  renderInspector,
  onSelect,
  onStartConnect,
  onCancelConnect,
  onConnect,
  onOpenStatus,
}: {
  design: Design;
  selectedId: string | null;
  connectFrom: string | null;
  highlights: Highlights;
  queueBadges: ReadonlyMap<string, QueueBadge>;
  focus: { id: string; seq: number } | null;
  renderInspector: (id: string) => React.ReactNode;
  onSelect: (id: string | null) => void;
  onStartConnect: (id: string) => void;
  onCancelConnect: () => void;
  onConnect: (from: string, to: string) => void;
  onOpenStatus: () => void;
}) {
  const titleRefs = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (focus) titleRefs.current.get(focus.id)?.focus();
  }, [focus]);
  const source = connectFrom ? design.components.find((c) => c.id === connectFrom) : undefined;

  if (design.components.length === 0) return <p className={styles.muted}>No components yet: add a User Request to start.</p>;

  return (
    <ol className={styles.list} aria-label="Components">
      {design.components.map((component) => {
        const selected = component.id === selectedId;
        const status = highlights.components.get(component.id);
        const badge = component.kind === "message-queue" ? queueBadges.get(component.id) : undefined;
        const connectState = connectStateOf(design, source?.id, component.id);
        return (
          <li
            key={component.id}
            className={styles.card}
            {...nodeStateAttributes(component, status, selected, connectState)}
          >
            <div className={styles.nodeHead}>
              <button
                type="button"
                ref={(el) => {
                  if (el) titleRefs.current.set(component.id, el);
                  else titleRefs.current.delete(component.id);
                }}
                className={styles.nodeTitle}
                aria-expanded={connectState === "valid" || connectState === "invalid" ? undefined : selected}
                aria-label={connectState === "valid" || connectState === "invalid" ? `Connect ${source!.name} to ${component.name}` : `Edit ${componentLabel(component)}`}
                onClick={() => {
                  if (source && source.id !== component.id) onConnect(source.id, component.id);
                  else onSelect(selected ? null : component.id);
                }}
              >
                <NodeTitle component={component} />
              </button>
              {badge ? <QueueStatusButton queueId={component.id} badge={badge} onOpen={onOpenStatus} /> : null}
              <NodeRunMark status={status} />
            </div>
            <NodeSummary design={design} component={component} />
            {canStartConnection(component.kind) && (!source || source.id === component.id) ? (
              <div className={styles.cardActions}>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={source ? `Cancel connecting from ${component.name}` : `Connect ${component.name}`}
                  onClick={() => (source ? onCancelConnect() : onStartConnect(component.id))}
                >
                  {source ? "Cancel" : "Connect"}
                </button>
              </div>
            ) : null}
            {selected && !source ? <div className={styles.cardInspector}>{renderInspector(component.id)}</div> : null}
          </li>
        );
      })}
    </ol>
  );
}
