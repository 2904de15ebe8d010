"use client";
import { useEffect, useId, useState } from "react";
import {
  HTTP_METHODS,
  KIND_LABELS,
  LIMITS,
  connectedConsumers,
  disconnect,
  hasControlChars,
  renameComponent,
  setServiceCode,
  setTriggerMode,
  setUserRequest,
  sourcesOf,
  type Design,
  type HttpMethod,
  type LabComponent,
  type MessageQueueComponent,
  type ServiceComponent,
  type TriggerMode,
  type UserRequestComponent,
} from "@/lib/lab";
import { CodeEditor } from "@/components/editor/code-editor";
import { PlainCodeEditor } from "./plain-code-editor";
import { RefusedTargets } from "./connect-menu";
import { nameOf } from "./lab-parts";
import { connectTargets } from "./lab-state";
import { DatabaseTables } from "./tables-view";
import styles from "./lab.module.css";

/** How the trigger modes are offered (the manual's wording). */
export const TRIGGER_MODE_OPTIONS: Record<TriggerMode, string> = {
  immediate: "Immediate (same input)",
  "after-response": "After Response (with results)",
};

function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "A name cannot be empty.";
  if (trimmed.length > LIMITS.nameLength) return `At most ${LIMITS.nameLength} characters.`;
  if (hasControlChars(trimmed)) return "No control characters.";
  return null;
}

function bodyProblem(body: string): string | null {
  if (!body.trim()) return null;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? null : "The body must be a JSON object ({ … }).";
  } catch (error) {
    return `Not valid JSON yet: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The keyboard (and screen reader) way to connect: a select of the targets `canConnect` allows, and why the rest are not offered. */
export function ConnectToControl({ design, fromId, onConnect }: { design: Design; fromId: string; onConnect: (to: string) => void }) {
  const id = useId();
  const options = connectTargets(design, fromId);
  const valid = options.filter((o) => o.ok);
  const invalid = options.filter((o) => !o.ok);
  const [choice, setChoice] = useState("");
  const chosen = valid.some((o) => o.component.id === choice) ? choice : (valid[0]?.component.id ?? "");
  return (
    <div className={styles.connectControl}>
      {valid.length > 0 ? (
        <div className={styles.inline}>
          <label htmlFor={id} className={styles.fieldLabel}>
            Connect to…
          </label>
          <select id={id} value={chosen} onChange={(e) => setChoice(e.target.value)}>
            {valid.map((o) => (
              <option key={o.component.id} value={o.component.id}>
                {o.component.name} ({KIND_LABELS[o.component.kind]})
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small" onClick={() => chosen && onConnect(chosen)}>
            Connect
          </button>
        </div>
      ) : (
        <p className={styles.muted}>No component can be connected from here right now.</p>
      )}
      <RefusedTargets refused={invalid} />
    </div>
  );
}

function NameField({ component, onEdit }: { component: LabComponent; onEdit: (edit: (d: Design) => Design) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(component.name);
  useEffect(() => setDraft(component.name), [component.id, component.name]);
  const problem = nameProblem(draft);
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.fieldLabel}>
        Name
      </label>
      <input
        id={id}
        value={draft}
        maxLength={LIMITS.nameLength + 10}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          if (!nameProblem(e.target.value)) {
            const next = e.target.value.trim();
            onEdit((d) => renameComponent(d, component.id, next));
          }
        }}
      />
      {problem ? (
        <p id={`${id}-error`} className={styles.fieldError}>
          {problem} The last valid name is kept.
        </p>
      ) : null}
    </div>
  );
}

/** Input shape a service sees, said for this service's place in the design. */
function serviceHint(design: Design, component: LabComponent): string {
  if (component.kind === "api-service") return "input = { endpoint, method, data }: data is the request body.";
  const queue = sourcesOf(design, component.id, "message-queue")[0];
  if (!queue) return "Connect a Message Queue to this consumer so it receives messages.";
  return queue.config.triggerMode === "after-response"
    ? `${queue.name} is After Response: input = { message_queue_input }, the object the API Service returned as message_queue.`
    : `${queue.name} is Immediate: input = { endpoint, method, data }, the same request the API Service got.`;
}

type Edit = (edit: (d: Design) => Design) => void;

/** A User Request's method, endpoint and JSON body. */
function RequestSettings({ component, onEdit }: { component: UserRequestComponent; onEdit: Edit }) {
  const baseId = useId();
  const problemOfBody = bodyProblem(component.config.body);
  return (
    <>
      <div className={styles.inline}>
        <div className={styles.field}>
          <label htmlFor={`${baseId}-method`} className={styles.fieldLabel}>
            Method
          </label>
          <select
            id={`${baseId}-method`}
            value={component.config.method}
            onChange={(e) => onEdit((d) => setUserRequest(d, component.id, { method: e.target.value as HttpMethod }))}
          >
            {HTTP_METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <div className={`${styles.field} ${styles.grow}`}>
          <label htmlFor={`${baseId}-endpoint`} className={styles.fieldLabel}>
            Endpoint
          </label>
          <input
            id={`${baseId}-endpoint`}
            value={component.config.endpoint}
            maxLength={LIMITS.endpointLength}
            onChange={(e) => {
              const value = e.target.value.replace(/\s/g, "");
              onEdit((d) => setUserRequest(d, component.id, { endpoint: value.startsWith("/") ? value : `/${value}` }));
            }}
          />
        </div>
      </div>
      <PlainCodeEditor
        label="Request body (JSON)"
        value={component.config.body}
        rows={8}
        invalid={problemOfBody !== null}
        hint={problemOfBody ?? "The API Service receives this as input.data."}
        onChange={(body) => onEdit((d) => setUserRequest(d, component.id, { body: body.slice(0, LIMITS.bodyLength) }))}
        testId="request-body-editor"
      />
    </>
  );
}

/** A service's code in the shared editor, with what its input looks like where it sits in the design. */
function ServiceCode({ design, component, onEdit }: { design: Design; component: ServiceComponent; onEdit: Edit }) {
  return (
    <div className={styles.editor}>
      <span className={styles.fieldLabel} aria-hidden="true">
        Code of {component.name}
      </span>
      {/* Keyed by component: each service gets its own editor instance (and undo history). */}
      <CodeEditor
        key={component.id}
        value={component.config.code}
        onChange={(code) => onEdit((d) => setServiceCode(d, component.id, code.slice(0, LIMITS.codeLength)))}
        fileName={`${component.id}.js`}
        ariaLabel={`Code of ${component.name}`}
        height={340}
      />
      <p className={styles.hint}>{serviceHint(design, component)}</p>
    </div>
  );
}

/** A queue's trigger mode (and why this template uses it) and its consumers. */
function QueueSettings({ design, component, triggerModeReason, onEdit }: { design: Design; component: MessageQueueComponent; triggerModeReason?: string; onEdit: Edit }) {
  const baseId = useId();
  return (
    <>
      <div className={styles.field}>
        <label htmlFor={`${baseId}-mode`} className={styles.fieldLabel}>
          Trigger mode
        </label>
        <select
          id={`${baseId}-mode`}
          value={component.config.triggerMode}
          onChange={(e) => onEdit((d) => setTriggerMode(d, component.id, e.target.value as TriggerMode))}
        >
          {(Object.keys(TRIGGER_MODE_OPTIONS) as TriggerMode[]).map((mode) => (
            <option key={mode} value={mode}>
              {TRIGGER_MODE_OPTIONS[mode]}
            </option>
          ))}
        </select>
        <p className={styles.hint}>
          {component.config.triggerMode === "immediate"
            ? "Consumers start together with the API Service and receive the same request (input.data)."
            : "Consumers start only after the API Service succeeded, and receive what it returned as message_queue (input.message_queue_input)."}
        </p>
        {triggerModeReason ? <p className={styles.hint}>In this template: {triggerModeReason}</p> : null}
      </div>
      <p>
        Connected consumers: <strong>{connectedConsumers(design, component.id).length}</strong>
      </p>
      <ol className={styles.plainList}>
        {connectedConsumers(design, component.id).map((c, i) => (
          <li key={c.id}>
            [{i + 1}] {c.name}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Every connection in and out of the component (incoming first), each with Disconnect. */
function ConnectionList({ design, component, onEdit }: { design: Design; component: LabComponent; onEdit: Edit }) {
  const rows = [
    ...design.connections.filter((c) => c.to === component.id).map((c) => ({ c, way: "from" as const, other: c.from })),
    ...design.connections.filter((c) => c.from === component.id).map((c) => ({ c, way: "to" as const, other: c.to })),
  ];
  return (
    <>
      <h4 className={styles.subTitle}>Connections</h4>
      {rows.length === 0 ? <p className={styles.muted}>Not connected yet.</p> : null}
      <ul className={styles.connectionList}>
        {rows.map(({ c, way, other }) => (
          <li key={`${way === "from" ? "in" : "out"}-${other}`}>
            <span>
              {way} <strong>{nameOf(design, other)}</strong>
            </span>
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Disconnect ${nameOf(design, c.from)} → ${nameOf(design, c.to)}`}
              onClick={() => onEdit((d) => disconnect(d, c.from, c.to))}
            >
              Disconnect
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Settings of the selected component: its name, what its kind configures (request, code, trigger mode, tables),
 * its connections with a way to remove each, a keyboard way to add one, and removing the component.
 */
export function ComponentInspector({
  design,
  component,
  triggerModeReason,
  touched,
  onEdit,
  onConnect,
  onRemove,
}: {
  design: Design;
  component: LabComponent;
  triggerModeReason?: string;
  touched?: ReadonlyMap<string, ReadonlySet<string>>;
  onEdit: (edit: (d: Design) => Design) => void;
  onConnect: (from: string, to: string) => void;
  onRemove: (id: string) => void;
}) {
  return (
    <div className={styles.inspector} data-testid="inspector" data-component-id={component.id}>
      <h3 className={styles.panelTitle}>
        <span className={styles.kindTag}>{KIND_LABELS[component.kind]}</span> {component.name}
      </h3>
      <NameField component={component} onEdit={onEdit} />

      {component.kind === "user-request" ? <RequestSettings component={component} onEdit={onEdit} /> : null}

      {component.kind === "api-service" || component.kind === "consumer" ? <ServiceCode design={design} component={component} onEdit={onEdit} /> : null}

      {component.kind === "message-queue" ? <QueueSettings design={design} component={component} triggerModeReason={triggerModeReason} onEdit={onEdit} /> : null}

      {component.kind === "database" ? <DatabaseTables database={component} touched={touched} /> : null}

      <ConnectionList design={design} component={component} onEdit={onEdit} />
      {component.kind !== "database" ? <ConnectToControl design={design} fromId={component.id} onConnect={(to) => onConnect(component.id, to)} /> : null}

      <div className={styles.dangerRow}>
        <button type="button" className={`btn btn-small ${styles.danger}`} onClick={() => onRemove(component.id)}>
          Remove {component.name}
        </button>
      </div>
    </div>
  );
}
