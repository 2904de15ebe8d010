"use client";
import {
  KIND_LABELS,
  TRIGGER_MODE_LABELS,
  connectedConsumers,
  getComponent,
  targetsOf,
  type Design,
  type LabComponent,
  type RunResult,
} from "@/lib/lab";
import { Glyph, type GlyphKind } from "./glyph";
import type { ConnectState } from "./lab-state";
import type { HighlightStatus, LabRun } from "./use-lab-run";
import styles from "./lab.module.css";

export type QueueBadgeState = "idle" | "checking" | "success" | "warning";

export interface QueueBadge {
  state: QueueBadgeState;
  /** Accessible name of the status button, also its tooltip. */
  label: string;
}

const BADGE_GLYPHS: Record<QueueBadgeState, GlyphKind> = { idle: "info", checking: "info", success: "success", warning: "warning" };

/**
 * The status icon in a queue's header: info before anything was checked, a green check once every consumer
 * succeeded, a warning when any failed or none were triggered. It only reports on a finished run.
 */
export function queueBadge(queueId: string, lab: Pick<LabRun, "phase" | "run">): QueueBadge {
  const queue = lab.run?.queue;
  if (!queue || queue.componentId !== queueId || lab.phase === "idle") {
    return { state: "idle", label: "Consumer status: not checked yet. Run the simulation, then open the status." };
  }
  if (lab.phase !== "done") return { state: "checking", label: "Consumer status: checking…" };
  if (!queue.triggered) return { state: "warning", label: "Consumer status: consumers were not triggered. Open the status to see why." };
  const failed = queue.consumers.filter((c) => c.status !== "success").length;
  if (failed === 0) return { state: "success", label: `Consumer status: all ${queue.consumers.length} consumers succeeded` };
  return { state: "warning", label: `Consumer status: ${failed} of ${queue.consumers.length} consumers failed. Open the status for details.` };
}

export function QueueStatusButton({ queueId, badge, onOpen }: { queueId: string; badge: QueueBadge; onOpen: () => void }) {
  return (
    <button
      type="button"
      className={styles.statusIcon}
      data-state={badge.state}
      data-testid={`queue-status-${queueId}`}
      aria-label={badge.label}
      title={badge.label}
      onClick={(event) => {
        event.stopPropagation();
        onOpen();
      }}
    >
      <Glyph kind={BADGE_GLYPHS[badge.state]} />
    </button>
  );
}

/** The state the lab's stylesheet reads from a component's box, the same on the canvas and in the list. */
export function nodeStateAttributes(component: LabComponent, status: HighlightStatus | undefined, selected: boolean, connectState: ConnectState | undefined) {
  return {
    "data-node-id": component.id,
    "data-kind": component.kind,
    "data-status": status ?? "none",
    "data-selected": selected || undefined,
    "data-connect": connectState,
  };
}

/** A component's kind and name, as the text of the button that selects it on the canvas and in the list. */
export function NodeTitle({ component }: { component: LabComponent }) {
  return (
    <>
      <span className={styles.nodeKind}>{KIND_LABELS[component.kind]}</span>
      <span className={styles.nodeName}>{component.name}</span>
    </>
  );
}

/** ✓ or ✕ where the last run succeeded or failed at this component; nothing before it got there. */
export function NodeRunMark({ status }: { status: HighlightStatus | undefined }) {
  if (status !== "success" && status !== "error") return null;
  return (
    <span className={styles.nodeMark} data-status={status} aria-hidden="true">
      {status === "success" ? "✓" : "✕"}
    </span>
  );
}

function rowsLabel(n: number) {
  return `${n} ${n === 1 ? "row" : "rows"}`;
}

/** The one-line facts a component box shows: endpoint, where a service writes, the queue's mode and consumer count… */
export function NodeSummary({ design, component }: { design: Design; component: LabComponent }) {
  const outgoing = targetsOf(design, component.id);
  const sendsTo = outgoing.length ? outgoing.map((c) => c.name).join(", ") : "nothing yet";
  switch (component.kind) {
    case "user-request":
      return (
        <p className={styles.summary}>
          <code>
            {component.config.method} {component.config.endpoint}
          </code>
          <span>→ {sendsTo}</span>
        </p>
      );
    case "api-service":
    case "consumer":
      return (
        <p className={styles.summary}>
          <span>processRequest(input)</span>
          <span>→ {sendsTo}</span>
        </p>
      );
    case "message-queue": {
      const consumers = connectedConsumers(design, component.id).length;
      return (
        <p className={styles.summary}>
          <span>{TRIGGER_MODE_LABELS[component.config.triggerMode]}</span>
          <span data-testid={`consumer-count-${component.id}`}>
            {consumers} {consumers === 1 ? "consumer" : "consumers"}
          </span>
        </p>
      );
    }
    case "database": {
      const tables = component.config.tables;
      return (
        <p className={styles.summary}>
          {tables.length === 0 ? <span>No tables yet</span> : null}
          {tables.slice(0, 2).map((t) => (
            <span key={t.name}>
              {t.name}: {rowsLabel(t.rows.length)}
            </span>
          ))}
          {tables.length > 2 ? <span>+{tables.length - 2} more</span> : null}
        </p>
      );
    }
  }
}

/** "API Service: Order-Service", the accessible name of a component everywhere it appears. */
export function componentLabel(component: LabComponent): string {
  return `${KIND_LABELS[component.kind]}: ${component.name}`;
}

/** Primary keys of the rows a run inserted or updated, per `databaseId/table`, so the table view can mark them. */
export function touchedRows(run: RunResult | null): Map<string, Set<string>> {
  const touched = new Map<string, Set<string>>();
  if (!run) return touched;
  const services = [run.api, ...(run.queue?.consumers.map((c) => c.run) ?? [])];
  for (const service of services) {
    if (!service?.databaseId || !service.result?.table || service.result.operation === "SELECT" || service.result.operation === "NONE") continue;
    const db = run.databases.find((d) => d.componentId === service.databaseId);
    const table = db?.tables.find((t) => t.name === service.result!.table);
    if (!table) continue;
    const key = `${service.databaseId}/${table.name}`;
    const set = touched.get(key) ?? new Set<string>();
    for (const row of service.rows) {
      const id = row[table.primaryKey];
      if (typeof id === "string" || typeof id === "number") set.add(String(id));
    }
    touched.set(key, set);
  }
  return touched;
}

/** The component a wire's end belongs to, by id, for labels. */
export function nameOf(design: Design, id: string): string {
  return getComponent(design, id)?.name ?? id;
}
