/**
 * The architecture lab's design model: what a student builds on the canvas.
 *
 * A design is plain JSON (it travels through share links and the database), so
 * everything here is serializable, every edit is a pure function returning a
 * new design, and `parseDesign` treats its input as hostile.
 */
import { z } from "zod";
import { isJsonValue, safeStringify, type JsonValue } from "./json";

export const COMPONENT_KINDS = ["user-request", "api-service", "message-queue", "consumer", "database"] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** How each kind is named in messages and on the canvas palette. */
export const KIND_LABELS: Record<ComponentKind, string> = {
  "user-request": "User Request",
  "api-service": "API Service",
  "message-queue": "Message Queue",
  consumer: "Consumer",
  database: "Database",
};

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const TRIGGER_MODES = ["immediate", "after-response"] as const;
export type TriggerMode = (typeof TRIGGER_MODES)[number];

/** Labels as they appear in the execution log (`Trigger Mode: After Response`). */
export const TRIGGER_MODE_LABELS: Record<TriggerMode, string> = {
  immediate: "Immediate",
  "after-response": "After Response",
};

/** Column types are descriptive (shown in the table view); the runner does not coerce values. */
export const COLUMN_TYPES = ["TEXT", "INTEGER", "REAL", "BOOLEAN", "JSON"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * Size limits for a stored design. They bound what a share link or a saved row
 * can make the browser and the runner chew on; a real lab design is far smaller.
 */
export const LIMITS = {
  components: 40,
  connections: 120,
  nameLength: 60,
  titleLength: 80,
  endpointLength: 200,
  bodyLength: 20_000,
  codeLength: 20_000,
  tablesPerDatabase: 20,
  columnsPerTable: 40,
  rowsPerTable: 500,
  /** Serialized JSON characters of a whole design. */
  designChars: 600_000,
  /** Absolute bound for canvas coordinates, in canvas pixels. */
  coordinate: 100_000,
} as const;

/** Component ids: short lowercase slugs such as `api-1` or `consumer-thumbnails`. */
export const COMPONENT_ID_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/**
 * Table and column names: SQL-style identifiers, so they read the same in code
 * and in the table view. `__proto__` is excluded because rows are plain objects.
 */
export const IDENTIFIER_PATTERN = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** C0 controls and DEL: refused in names a person types (a design's or a component's). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
export const hasControlChars = (text: string): boolean => CONTROL_CHARS.test(text);

export interface Position {
  x: number;
  y: number;
}

export interface Column {
  name: string;
  type: ColumnType;
}

export type Row = Record<string, JsonValue>;

/**
 * A table in a Database component.
 * Invariants (enforced by the schema and kept by the runner): `primaryKey` is a
 * declared column whenever the table has columns, every row has a string or
 * number value in it and those values are unique, and every row key is a
 * declared column.
 */
export interface Table {
  name: string;
  primaryKey: string;
  columns: Column[];
  rows: Row[];
}

interface ComponentBase<K extends ComponentKind, C> {
  id: string;
  kind: K;
  name: string;
  position: Position;
  config: C;
}

export interface UserRequestConfig {
  endpoint: string;
  method: HttpMethod;
  /** The request body as the student typed it; parsed (and possibly rejected) at run time. */
  body: string;
}
export interface ServiceCodeConfig {
  /** JavaScript source that declares `function processRequest(input) { ... }`. */
  code: string;
}
export interface MessageQueueConfig {
  triggerMode: TriggerMode;
}
export interface DatabaseConfig {
  tables: Table[];
}

export type UserRequestComponent = ComponentBase<"user-request", UserRequestConfig>;
export type ApiServiceComponent = ComponentBase<"api-service", ServiceCodeConfig>;
export type MessageQueueComponent = ComponentBase<"message-queue", MessageQueueConfig>;
export type ConsumerComponent = ComponentBase<"consumer", ServiceCodeConfig>;
export type DatabaseComponent = ComponentBase<"database", DatabaseConfig>;

export type LabComponent =
  | UserRequestComponent
  | ApiServiceComponent
  | MessageQueueComponent
  | ConsumerComponent
  | DatabaseComponent;

export type ComponentOfKind<K extends ComponentKind> = Extract<LabComponent, { kind: K }>;
export type ServiceComponent = ApiServiceComponent | ConsumerComponent;

/** A directed wire on the canvas; data flows from `from` to `to`. */
export interface Connection {
  from: string;
  to: string;
}

export interface Design {
  version: 1;
  title: string;
  components: LabComponent[];
  connections: Connection[];
}

// ---------------------------------------------------------------------------
// Schemas (untrusted input)
// ---------------------------------------------------------------------------

const nameSchema = z
  .string()
  .trim()
  .min(1, "Name must not be empty.")
  .max(LIMITS.nameLength, `Name must be at most ${LIMITS.nameLength} characters.`)
  .refine((name) => !hasControlChars(name), "Name must not contain control characters.");

const identifierSchema = z
  .string()
  .regex(IDENTIFIER_PATTERN, "Must be an identifier: a letter or _ followed by letters, digits or _ (max 64).");

const coordinateSchema = z.number().finite().min(-LIMITS.coordinate).max(LIMITS.coordinate);
const positionSchema = z.strictObject({ x: coordinateSchema, y: coordinateSchema });

const columnSchema = z.strictObject({ name: identifierSchema, type: z.enum(COLUMN_TYPES) });

/** Cells are JSON values nested at most 8 deep. */
const cellSchema = z.custom<JsonValue>((value) => isJsonValue(value, 8), {
  message: "Cell values must be JSON (string, number, boolean, null, arrays or objects), nested at most 8 deep.",
});

const rowSchema = z
  .record(identifierSchema, cellSchema)
  .refine((row) => Object.keys(row).length <= LIMITS.columnsPerTable, `A row has at most ${LIMITS.columnsPerTable} columns.`);

export const tableSchema = z
  .strictObject({
    name: identifierSchema,
    primaryKey: identifierSchema,
    columns: z.array(columnSchema).max(LIMITS.columnsPerTable),
    rows: z.array(rowSchema).max(LIMITS.rowsPerTable),
  })
  .superRefine((table, ctx) => {
    const columnNames = new Set<string>();
    for (const column of table.columns) {
      if (columnNames.has(column.name)) ctx.addIssue({ code: "custom", message: `Column "${column.name}" is declared twice.`, path: ["columns"] });
      columnNames.add(column.name);
    }
    if (table.columns.length > 0 && !columnNames.has(table.primaryKey)) {
      ctx.addIssue({ code: "custom", message: `Primary key "${table.primaryKey}" is not one of the table's columns.`, path: ["primaryKey"] });
    }
    const seen = new Set<string>();
    table.rows.forEach((row, index) => {
      for (const key of Object.keys(row)) {
        if (!columnNames.has(key)) ctx.addIssue({ code: "custom", message: `Row ${index + 1} has undeclared column "${key}".`, path: ["rows", index] });
      }
      const id = row[table.primaryKey];
      if (typeof id !== "string" && typeof id !== "number") {
        ctx.addIssue({ code: "custom", message: `Row ${index + 1} has no ${table.primaryKey} (string or number).`, path: ["rows", index] });
        return;
      }
      const key = String(id);
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: `Two rows share ${table.primaryKey} "${key}".`, path: ["rows", index] });
      seen.add(key);
    });
  });

const codeSchema = z.string().max(LIMITS.codeLength, `Service code must be at most ${LIMITS.codeLength} characters.`);

function componentSchema<K extends ComponentKind, C extends z.ZodType>(kind: K, config: C) {
  return z.strictObject({
    id: z.string().regex(COMPONENT_ID_PATTERN, "Component ids are lowercase slugs like `api-1` (letters, digits, -; max 40)."),
    kind: z.literal(kind),
    name: nameSchema,
    position: positionSchema,
    config,
  });
}

const labComponentSchema = z.discriminatedUnion("kind", [
  componentSchema(
    "user-request",
    z.strictObject({
      endpoint: z
        .string()
        .max(LIMITS.endpointLength)
        .regex(/^\/[^\s]*$/, "Endpoint must be a path starting with / and contain no spaces."),
      method: z.enum(HTTP_METHODS),
      body: z.string().max(LIMITS.bodyLength, `Request body must be at most ${LIMITS.bodyLength} characters.`),
    }),
  ),
  componentSchema("api-service", z.strictObject({ code: codeSchema })),
  componentSchema("message-queue", z.strictObject({ triggerMode: z.enum(TRIGGER_MODES) })),
  componentSchema("consumer", z.strictObject({ code: codeSchema })),
  componentSchema(
    "database",
    z
      .strictObject({ tables: z.array(tableSchema).max(LIMITS.tablesPerDatabase) })
      .refine((config) => new Set(config.tables.map((t) => t.name)).size === config.tables.length, "Table names must be unique within a database."),
  ),
]);

const connectionSchema = z.strictObject({ from: z.string().max(40), to: z.string().max(40) });

/**
 * Schema of a stored design. Beyond shape it checks referential integrity:
 * unique component ids, and connections that point at existing components and
 * obey the same rules as `canConnect` (kinds, capacity, duplicates, self-loops).
 */
export const designSchema = z
  .strictObject({
    version: z.literal(1),
    title: z.string().trim().min(1).max(LIMITS.titleLength),
    components: z.array(labComponentSchema).max(LIMITS.components, `A design has at most ${LIMITS.components} components.`),
    connections: z.array(connectionSchema).max(LIMITS.connections, `A design has at most ${LIMITS.connections} connections.`),
  })
  .superRefine((design, ctx) => {
    const ids = new Set<string>();
    design.components.forEach((component, index) => {
      if (ids.has(component.id)) ctx.addIssue({ code: "custom", message: `Component id "${component.id}" is used twice.`, path: ["components", index, "id"] });
      ids.add(component.id);
    });
    let partial: Design = { ...(design as Design), connections: [] };
    design.connections.forEach((connection, index) => {
      const check = canConnect(partial, connection.from, connection.to);
      if (!check.ok) {
        ctx.addIssue({ code: "custom", message: `Connection ${connection.from} → ${connection.to}: ${check.reason}`, path: ["connections", index] });
        return;
      }
      partial = { ...partial, connections: [...partial.connections, connection] };
    });
  });

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
}

/**
 * Validates an untrusted value (a parsed share link, a database row) as a design.
 * Errors are `path: message` strings, e.g. `components[2].config.code: Service code must be at most 20000 characters.`
 */
export function parseDesign(input: unknown): ParseResult<Design> {
  const text = safeStringify(input);
  if (text === null) return { ok: false, errors: ["Design is not serializable JSON."] };
  if (text.length > LIMITS.designChars) {
    return { ok: false, errors: [`Design is too large (${text.length} characters; the limit is ${LIMITS.designChars}).`] };
  }
  const result = designSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data as Design };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const where = formatIssuePath(issue.path);
      return where ? `${where}: ${issue.message}` : issue.message;
    }),
  };
}

/** `parseDesign` for JSON text; rejects oversized text before parsing it. */
export function parseDesignJson(text: string): ParseResult<Design> {
  if (text.length > LIMITS.designChars) {
    return { ok: false, errors: [`Design is too large (${text.length} characters; the limit is ${LIMITS.designChars}).`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`Design is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return parseDesign(value);
}

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

/** The component with `id`, or undefined. */
export function getComponent(design: Design, id: string): LabComponent | undefined {
  return design.components.find((component) => component.id === id);
}

/** Components of one kind, in design order. */
export function componentsOfKind<K extends ComponentKind>(design: Design, kind: K): ComponentOfKind<K>[] {
  return design.components.filter((component): component is ComponentOfKind<K> => component.kind === kind);
}

/** Targets of `id`'s outgoing connections, in connection order, optionally only of `kind`. */
export function targetsOf<K extends ComponentKind>(design: Design, id: string, kind?: K): ComponentOfKind<K>[] {
  return connectedTo(design, id, "from", kind);
}

/** Sources of `id`'s incoming connections, in connection order, optionally only of `kind`. */
export function sourcesOf<K extends ComponentKind>(design: Design, id: string, kind?: K): ComponentOfKind<K>[] {
  return connectedTo(design, id, "to", kind);
}

/** The components at the other end of the connections whose `end` is `id`, in connection order. */
function connectedTo<K extends ComponentKind>(design: Design, id: string, end: "from" | "to", kind?: K): ComponentOfKind<K>[] {
  const out: ComponentOfKind<K>[] = [];
  for (const connection of design.connections) {
    if (connection[end] !== id) continue;
    const other = getComponent(design, end === "from" ? connection.to : connection.from);
    if (other && (kind === undefined || other.kind === kind)) out.push(other as ComponentOfKind<K>);
  }
  return out;
}

/**
 * The consumers a queue delivers to, detected from its outgoing connections.
 * Order is the order the connections were made (their order in
 * `design.connections`), which is what `[1]`, `[2]`… in the log refer to; it
 * does not change when components are dragged around.
 */
export function connectedConsumers(design: Design, queueId: string): ConsumerComponent[] {
  return targetsOf(design, queueId, "consumer");
}

/** The database a service writes to, if connected (a service has at most one). */
export function databaseOf(design: Design, serviceId: string): DatabaseComponent | undefined {
  return targetsOf(design, serviceId, "database")[0];
}

/** The queue an API service publishes to, if connected (at most one). */
export function queueOf(design: Design, apiServiceId: string): MessageQueueComponent | undefined {
  return targetsOf(design, apiServiceId, "message-queue")[0];
}

/** The API service a user request is sent to, if connected (at most one). */
export function apiServiceOf(design: Design, requestId: string): ApiServiceComponent | undefined {
  return targetsOf(design, requestId, "api-service")[0];
}

/** The API service publishing to a queue, if connected (at most one). */
export function producerOf(design: Design, queueId: string): ApiServiceComponent | undefined {
  return sourcesOf(design, queueId, "api-service")[0];
}

// ---------------------------------------------------------------------------
// Connection rules
// ---------------------------------------------------------------------------

/** Which kinds each kind may send to. Data flows request → API → (database | queue); queue → consumer → database. */
export const CONNECTION_RULES: Record<ComponentKind, readonly ComponentKind[]> = {
  "user-request": ["api-service"],
  "api-service": ["database", "message-queue"],
  "message-queue": ["consumer"],
  consumer: ["database"],
  database: [],
};

/**
 * At most this many outgoing connections from a kind to a kind. A service writes
 * to one database (its operation names no database), an API publishes to one
 * queue, and a request goes to one API.
 */
const MAX_OUTGOING: Partial<Record<ComponentKind, Partial<Record<ComponentKind, number>>>> = {
  "user-request": { "api-service": 1 },
  "api-service": { database: 1, "message-queue": 1 },
  consumer: { database: 1 },
};

/** At most this many incoming connections to a kind from a kind: one producer per queue, one queue per consumer. */
const MAX_INCOMING: Partial<Record<ComponentKind, Partial<Record<ComponentKind, number>>>> = {
  "message-queue": { "api-service": 1 },
  consumer: { "message-queue": 1 },
};

/** Explanations for the wrong wires students actually draw. */
function forbiddenReason(from: ComponentKind, to: ComponentKind): string {
  if (from === "user-request" && to === "message-queue") {
    return "A User Request does not talk to a Message Queue directly: send it to an API Service and connect the API Service to the queue.";
  }
  if (from === "message-queue" && to === "database") {
    return "A Message Queue does not write to databases: connect it to a Consumer, and the Consumer to the Database.";
  }
  if (from === "message-queue" && to === "api-service") {
    return "A Message Queue delivers to Consumer services: use a Consumer component as the subscriber.";
  }
  if (from === "user-request" && to === "consumer") {
    return "Consumers are fed by a Message Queue, not by a User Request.";
  }
  if (from === "database") return "A Database only receives connections: wire from the service to the database.";
  if (to === "user-request") return "A User Request only starts a flow; nothing connects into it.";
  return `A ${KIND_LABELS[from]} cannot connect to a ${KIND_LABELS[to]}.`;
}

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

/** Whether `from → to` may be added to the design, and if not, why (in words for the student). */
export function canConnect(design: Design, fromId: string, toId: string): ConnectCheck {
  const from = getComponent(design, fromId);
  const to = getComponent(design, toId);
  if (!from) return { ok: false, reason: `There is no component with id "${fromId}".` };
  if (!to) return { ok: false, reason: `There is no component with id "${toId}".` };
  if (fromId === toId) return { ok: false, reason: "A component cannot connect to itself." };
  if (design.connections.length >= LIMITS.connections) {
    return { ok: false, reason: `A design has at most ${LIMITS.connections} connections.` };
  }
  if (design.connections.some((c) => c.from === fromId && c.to === toId)) {
    return { ok: false, reason: `${from.name} is already connected to ${to.name}.` };
  }
  if (!CONNECTION_RULES[from.kind].includes(to.kind)) return { ok: false, reason: forbiddenReason(from.kind, to.kind) };

  const maxOut = MAX_OUTGOING[from.kind]?.[to.kind];
  if (maxOut !== undefined) {
    const existing = targetsOf(design, fromId, to.kind);
    if (existing.length >= maxOut) {
      return {
        ok: false,
        reason: `${from.name} is already connected to ${KIND_LABELS[to.kind]} "${existing[0]!.name}"; a ${KIND_LABELS[from.kind]} connects to one ${KIND_LABELS[to.kind]}. Remove that connection first.`,
      };
    }
  }
  const maxIn = MAX_INCOMING[to.kind]?.[from.kind];
  if (maxIn !== undefined) {
    const existing = sourcesOf(design, toId, from.kind);
    if (existing.length >= maxIn) {
      return {
        ok: false,
        reason: `${to.name} already receives from ${KIND_LABELS[from.kind]} "${existing[0]!.name}"; a ${KIND_LABELS[to.kind]} has one ${KIND_LABELS[from.kind]}. Remove that connection first.`,
      };
    }
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Edits (pure: each returns a new design and never mutates its argument)
// ---------------------------------------------------------------------------

export type EditResult = { ok: true; design: Design } | { ok: false; reason: string; design: Design };

const ID_PREFIX: Record<ComponentKind, string> = {
  "user-request": "request",
  "api-service": "api",
  "message-queue": "mq",
  consumer: "consumer",
  database: "db",
};

const DEFAULT_NAME_PREFIX: Record<ComponentKind, string> = {
  "user-request": "Request",
  "api-service": "API-Service",
  "message-queue": "MQ",
  consumer: "Consumer",
  database: "Database",
};

/** A new empty design. */
export function createDesign(title = "Untitled design"): Design {
  return { version: 1, title, components: [], connections: [] };
}

/** The first free id `<prefix>-<n>` for a kind, e.g. `mq-1`, `consumer-3`. */
export function nextComponentId(design: Design, kind: ComponentKind): string {
  const taken = new Set(design.components.map((c) => c.id));
  for (let n = 1; ; n++) {
    const id = `${ID_PREFIX[kind]}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The first free default name for a kind, e.g. `MQ-1`, `Consumer-2`. */
export function nextComponentName(design: Design, kind: ComponentKind): string {
  const taken = new Set(design.components.map((c) => c.name));
  for (let n = 1; ; n++) {
    const name = `${DEFAULT_NAME_PREFIX[kind]}-${n}`;
    if (!taken.has(name)) return name;
  }
}

/** Starter source for a new service: a runnable function that writes nothing. */
export const DEFAULT_SERVICE_CODE = `function processRequest(input) {
  // input.data holds the request body (or input.message_queue_input for
  // consumers in After Response mode). Return one database operation.
  return { operation: "NONE", data: {} };
}
`;

function defaultConfig(kind: ComponentKind): LabComponent["config"] {
  const configs: { [P in ComponentKind]: ComponentOfKind<P>["config"] } = {
    "user-request": { endpoint: "/items", method: "POST", body: "{}" },
    "api-service": { code: DEFAULT_SERVICE_CODE },
    "message-queue": { triggerMode: "after-response" },
    consumer: { code: DEFAULT_SERVICE_CODE },
    database: { tables: [] },
  };
  return configs[kind];
}

export interface NewComponent<K extends ComponentKind> {
  id?: string;
  name?: string;
  position?: Position;
  config?: ComponentOfKind<K>["config"];
}

/**
 * Adds a component of `kind`; id and name default to the next free ones, config
 * to a runnable starter. Refused when the design is full or the id is taken or malformed.
 */
export function addComponent<K extends ComponentKind>(
  design: Design,
  kind: K,
  init: NewComponent<K> = {},
): EditResult & { id?: string } {
  if (design.components.length >= LIMITS.components) {
    return { ok: false, reason: `A design has at most ${LIMITS.components} components.`, design };
  }
  const id = init.id ?? nextComponentId(design, kind);
  if (!COMPONENT_ID_PATTERN.test(id)) return { ok: false, reason: `"${id}" is not a valid component id.`, design };
  if (getComponent(design, id)) return { ok: false, reason: `A component with id "${id}" already exists.`, design };
  const component = {
    id,
    kind,
    name: init.name ?? nextComponentName(design, kind),
    position: init.position ?? { x: 0, y: 0 },
    config: init.config ?? defaultConfig(kind),
  } as LabComponent;
  return { ok: true, design: { ...design, components: [...design.components, component] }, id };
}

/** Removes a component and every connection touching it. Unknown ids leave the design unchanged. */
export function removeComponent(design: Design, id: string): Design {
  if (!getComponent(design, id)) return design;
  return {
    ...design,
    components: design.components.filter((c) => c.id !== id),
    connections: design.connections.filter((c) => c.from !== id && c.to !== id),
  };
}

function updateComponent(design: Design, id: string, update: (component: LabComponent) => LabComponent): Design {
  let changed = false;
  const components = design.components.map((component) => {
    if (component.id !== id) return component;
    changed = true;
    return update(component);
  });
  return changed ? { ...design, components } : design;
}

/** Moves a component, clamping coordinates to the canvas bounds. */
export function moveComponent(design: Design, id: string, position: Position): Design {
  const clamp = (v: number) => (Number.isFinite(v) ? Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, v)) : 0);
  return updateComponent(design, id, (c) => ({ ...c, position: { x: clamp(position.x), y: clamp(position.y) } }));
}

/** Renames a component (the name is what logs and status panels show). */
export function renameComponent(design: Design, id: string, name: string): Design {
  return updateComponent(design, id, (c) => ({ ...c, name }));
}

/** Replaces the `processRequest` source of an API service or consumer; other kinds are left unchanged. */
export function setServiceCode(design: Design, id: string, code: string): Design {
  return updateComponent(design, id, (c) =>
    c.kind === "api-service" || c.kind === "consumer" ? { ...c, config: { ...c.config, code } } : c,
  );
}

/** Switches a queue between Immediate and After Response. */
export function setTriggerMode(design: Design, id: string, triggerMode: TriggerMode): Design {
  return updateComponent(design, id, (c) => (c.kind === "message-queue" ? { ...c, config: { triggerMode } } : c));
}

/** Updates a user request's endpoint, method or body text. */
export function setUserRequest(design: Design, id: string, patch: Partial<UserRequestConfig>): Design {
  return updateComponent(design, id, (c) => (c.kind === "user-request" ? { ...c, config: { ...c.config, ...patch } } : c));
}

/** Replaces a database's tables (e.g. after a run, or when the student edits seed rows). */
export function setDatabaseTables(design: Design, id: string, tables: Table[]): Design {
  return updateComponent(design, id, (c) => (c.kind === "database" ? { ...c, config: { tables } } : c));
}

/** Adds `from → to` if `canConnect` allows it. */
export function connect(design: Design, from: string, to: string): EditResult {
  const check = canConnect(design, from, to);
  if (!check.ok) return { ok: false, reason: check.reason, design };
  return { ok: true, design: { ...design, connections: [...design.connections, { from, to }] } };
}

/** Removes `from → to`; a missing connection leaves the design unchanged. */
export function disconnect(design: Design, from: string, to: string): Design {
  const connections = design.connections.filter((c) => !(c.from === from && c.to === to));
  return connections.length === design.connections.length ? design : { ...design, connections };
}

// ---------------------------------------------------------------------------
// Validation (design problems a student should fix)
// ---------------------------------------------------------------------------

export type ProblemCode =
  | "no-user-request"
  | "no-api-service"
  | "request-not-connected"
  | "api-without-request"
  | "api-without-database"
  | "missing-process-request"
  | "queue-without-producer"
  | "queue-without-consumers"
  | "consumer-without-queue"
  | "consumer-without-database"
  | "database-unused";

/**
 * `error` problems stop a run (there is nothing sensible to execute);
 * `warning` problems let it run but explain something that will surprise the student.
 */
export interface DesignProblem {
  code: ProblemCode;
  severity: "error" | "warning";
  message: string;
  componentIds: string[];
}

/** Problems in a design, errors first, each naming the components involved. */
export function validateDesign(design: Design): DesignProblem[] {
  const problems: DesignProblem[] = [];
  const add = (code: ProblemCode, severity: DesignProblem["severity"], message: string, componentIds: string[] = []) =>
    problems.push({ code, severity, message, componentIds });

  const requests = componentsOfKind(design, "user-request");
  const apis = componentsOfKind(design, "api-service");
  if (requests.length === 0) add("no-user-request", "error", "Add a User Request: it is what starts a run.");
  if (apis.length === 0) add("no-api-service", "error", "Add an API Service to receive the request.");
  for (const request of requests) {
    if (!apiServiceOf(design, request.id)) {
      add("request-not-connected", "error", `User Request "${request.name}" is not connected to an API Service.`, [request.id]);
    }
  }
  for (const api of apis) {
    if (sourcesOf(design, api.id, "user-request").length === 0) {
      add("api-without-request", "warning", `API Service "${api.name}" receives no User Request, so it never runs.`, [api.id]);
    }
    if (!databaseOf(design, api.id)) {
      add("api-without-database", "warning", `API Service "${api.name}" is not connected to a Database, so it can only return operation NONE.`, [api.id]);
    }
  }
  for (const service of [...apis, ...componentsOfKind(design, "consumer")]) {
    if (!/\bprocessRequest\b/.test(service.config.code)) {
      add("missing-process-request", "warning", `${KIND_LABELS[service.kind]} "${service.name}" does not define processRequest(input).`, [service.id]);
    }
  }
  for (const queue of componentsOfKind(design, "message-queue")) {
    if (!producerOf(design, queue.id)) {
      add("queue-without-producer", "warning", `Message Queue "${queue.name}" has no API Service sending to it, so it never receives a message.`, [queue.id]);
    }
    if (connectedConsumers(design, queue.id).length === 0) {
      add("queue-without-consumers", "warning", `No consumers connected: Message Queue "${queue.name}" has no Consumer to deliver to. Connect it to at least one Consumer.`, [queue.id]);
    }
  }
  for (const consumer of componentsOfKind(design, "consumer")) {
    if (sourcesOf(design, consumer.id, "message-queue").length === 0) {
      add("consumer-without-queue", "warning", `Consumer "${consumer.name}" is not connected to a Message Queue, so it never runs.`, [consumer.id]);
    }
    if (!databaseOf(design, consumer.id)) {
      add("consumer-without-database", "warning", `Consumer "${consumer.name}" is not connected to a Database, so it can only return operation NONE.`, [consumer.id]);
    }
  }
  for (const database of componentsOfKind(design, "database")) {
    if (sourcesOf(design, database.id).length === 0) {
      add("database-unused", "warning", `Database "${database.name}" is not connected to any service.`, [database.id]);
    }
  }
  return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}

/** True when `validateDesign` found something that stops a run. */
export function hasBlockingProblems(problems: readonly DesignProblem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
