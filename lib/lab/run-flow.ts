/**
 * Runs one request through a lab design:
 * User Request → API Service → (Database, Message Queue → Consumers → Databases).
 *
 * Semantics (from the Message Queue component's manual, made precise):
 * - After Response: consumers are triggered only after the API Service has
 *   succeeded and only if it returned `message_queue`; each consumer gets
 *   `{ message_queue_input: <that object> }`. The user's response is settled
 *   before any consumer runs, so consumers can never change it.
 * - Immediate: consumers are triggered together with the API Service and get
 *   the same input it gets (the original request). They do not wait for the
 *   API and so still run when the API fails; the API's `message_queue`, if
 *   any, is ignored (and the log says so).
 * - Every consumer runs in isolation: its failure (throw, timeout, invalid
 *   return, failed database operation) is recorded against it alone; the other
 *   consumers still run and write, and the response is unaffected.
 * - A malformed message fails every consumer with the same error, without
 *   running their code: the message is at fault, not the consumers.
 * - Service code runs concurrently, but database operations are applied in a
 *   fixed order (API, then consumers [1], [2], …) so a run is reproducible
 *   given the same code results.
 *
 * The runner never mutates the design; final tables are in the result
 * (`applyRunResult` writes them back).
 */
import {
  parseServiceResult,
  validateQueueMessage,
  describeThrown,
  type ServiceExecutor,
  type ServiceInput,
  type ServiceResult,
  type RequestInput,
} from "./contract";
import { applyOperation } from "./database";
import {
  KIND_LABELS,
  TRIGGER_MODE_LABELS,
  apiServiceOf,
  componentsOfKind,
  connectedConsumers,
  databaseOf,
  getComponent,
  hasBlockingProblems,
  queueOf,
  setDatabaseTables,
  validateDesign,
  type ApiServiceComponent,
  type Connection,
  type ConsumerComponent,
  type Design,
  type DesignProblem,
  type Row,
  type ServiceComponent,
  type Table,
  type TriggerMode,
  type UserRequestComponent,
} from "./design";
import { cloneJson, describeType, isPlainObject, type JsonObject, type JsonValue } from "./json";
import type { QueueDelivery, QueueDriver } from "./queue-driver";
import { createSimQueueDriver } from "./sim-queue-driver";

export interface RunOptions {
  /** Per service call, in milliseconds. Default 3000. */
  timeoutMs?: number;
  /** Which User Request to send when the design has several; default the first. */
  requestId?: string;
  /** Broker model for the queue step; default: the shared simulation engine (`createSimQueueDriver`). */
  createQueueDriver?: () => QueueDriver;
}

export const DEFAULT_TIMEOUT_MS = 3000;
/**
 * Extra time the runner waits past `timeoutMs` before giving up on an executor
 * that never answers. Generous: executors may start their clock only once the
 * code starts (worker start-up on a loaded machine is not the student's time).
 */
const EXECUTOR_GRACE_MS = 20_000;
/** Bound on delivery rounds, so a driver that keeps redelivering cannot spin a run forever. */
const MAX_DELIVERY_ROUNDS = 10;

export type LogLevel = "queue" | "info" | "success" | "warning" | "error";

/** One execution log line; the UI shows `LOG_ICONS[level]` before `text`. */
export interface LogLine {
  level: LogLevel;
  text: string;
}

export const LOG_ICONS: Record<LogLevel, string> = {
  queue: "🟡",
  info: "ℹ️",
  success: "✅",
  warning: "⚠️",
  error: "❌",
};

/** A log line as plain text, icon first: `✅ API Service completed successfully`. */
export function formatLogLine(line: LogLine): string {
  return `${LOG_ICONS[line.level]} ${line.text}`;
}

export type HighlightPhase = "request" | "api" | "database" | "queue" | "consumer-connections" | "consumer";

/**
 * One frame of the run animation: light up these components and connections.
 * Order: the API Service (with the request's wire), its database write, the
 * queue when triggered, all queue→consumer wires at once, then each consumer
 * (with its database wire when it wrote). A request that never reaches the API
 * yields a single `request` step.
 */
export interface HighlightStep {
  phase: HighlightPhase;
  componentIds: string[];
  connections: Connection[];
  status: "active" | "success" | "error";
}

export interface ServiceRun {
  componentId: string;
  name: string;
  status: "success" | "error";
  input: ServiceInput;
  /** The validated return value, when the code produced one. */
  result?: ServiceResult;
  error?: string;
  /** Console output of the service's code. */
  logs: string[];
  /** Rows inserted, updated or selected. */
  rows: Row[];
  databaseId?: string;
  /** The database line for the log, e.g. `INSERT into videos (row "VIDEO-1")`. */
  databaseSummary?: string;
}

export type ConsumerStatus = "success" | "error" | "not-triggered";

export interface ConsumerRun {
  componentId: string;
  name: string;
  /** 1-based position among the queue's consumers (the `[n]` in the log). */
  index: number;
  status: ConsumerStatus;
  /** For `error`: what went wrong; for `not-triggered`: why the consumer did not run. */
  error?: string;
  /** Deliveries this consumer received (0 when not triggered). */
  attempts: number;
  /** The last attempt's details; absent when the consumer never ran code. */
  run?: ServiceRun;
}

/** `idle`: info icon (not run, or not triggered); `success`: green check; `warning`: some consumer failed. */
export type QueueStatus = "idle" | "success" | "warning";

export interface QueueRun {
  componentId: string;
  name: string;
  triggerMode: TriggerMode;
  consumerCount: number;
  triggered: boolean;
  status: QueueStatus;
  /** Why the queue did nothing, when it did nothing. */
  notice?: string;
  /** The payload the queue carried, when triggered. */
  message?: JsonValue;
  /** Set when the message was malformed: every consumer failed with exactly this error. */
  messageError?: string;
  consumers: ConsumerRun[];
}

export interface UserResponse {
  status: number;
  body: JsonValue;
}

export interface DatabaseSnapshot {
  componentId: string;
  name: string;
  tables: Table[];
}

export interface RunResult {
  /** `blocked`: the design has errors (see `problems`) and nothing ran. */
  outcome: "completed" | "blocked";
  problems: DesignProblem[];
  requestId?: string;
  /** What the user got back; null when blocked. Never changed by consumers. */
  response: UserResponse | null;
  api: ServiceRun | null;
  /** The queue the API publishes to, if any. */
  queue: QueueRun | null;
  /** Every database in the design after the run, in design order. */
  databases: DatabaseSnapshot[];
  steps: HighlightStep[];
  log: LogLine[];
}

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 400: "Bad Request", 500: "Internal Server Error" };

/** `201 Created`: a status code with its reason phrase, as the lab shows a response. */
export function httpStatusLine(status: number): string {
  return `${status} ${STATUS_TEXT[status] ?? ""}`.trimEnd();
}

type Execution = { ok: true; result: ServiceResult; logs: string[] } | { ok: false; error: string; logs: string[] };

/** Runs one service's code and validates what it returned; never rejects. */
async function execute(executor: ServiceExecutor, service: ServiceComponent, input: ServiceInput, timeoutMs: number): Promise<Execution> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Execution>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `Timed out after ${timeoutMs} ms: the executor did not answer.`, logs: [] }),
      timeoutMs + EXECUTOR_GRACE_MS,
    );
  });
  const run = (async (): Promise<Execution> => {
    try {
      const outcome = await executor(service.config.code, cloneJson(input as unknown as JsonObject) as unknown as ServiceInput, { timeoutMs });
      if (!outcome.ok) return { ok: false, error: outcome.error, logs: outcome.logs ?? [] };
      const parsed = parseServiceResult(outcome.value);
      return parsed.ok ? { ok: true, result: parsed.result, logs: outcome.logs } : { ok: false, error: parsed.error, logs: outcome.logs };
    } catch (error) {
      return { ok: false, error: `The code runner failed: ${describeThrown(error)}`, logs: [] };
    }
  })();
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Mutable per-run state; only `runFlow` and its helpers touch it. */
interface RunState {
  design: Design;
  tables: Map<string, Table[]>;
  log: LogLine[];
  steps: HighlightStep[];
}

/**
 * Applies a successful execution's operation to the service's database and
 * returns the finished ServiceRun (status error if the operation failed).
 */
function commit(state: RunState, service: ServiceComponent, input: ServiceInput, execution: Execution): ServiceRun {
  const base = { componentId: service.id, name: service.name, input, logs: execution.logs, rows: [] as Row[] };
  if (!execution.ok) return { ...base, status: "error", error: execution.error };
  const result = execution.result;
  if (result.operation === "NONE") return { ...base, status: "success", result };
  const database = databaseOf(state.design, service.id);
  if (!database) {
    return {
      ...base,
      status: "error",
      result,
      error: `${result.operation} needs a database, but ${KIND_LABELS[service.kind]} "${service.name}" is not connected to one. Connect it to a Database, or return operation NONE.`,
    };
  }
  const applied = applyOperation(state.tables.get(database.id) ?? [], result, database.name);
  if (!applied.ok) return { ...base, status: "error", result, error: applied.error, databaseId: database.id };
  state.tables.set(database.id, applied.tables);
  return {
    ...base,
    status: "success",
    result,
    rows: applied.rows,
    databaseId: database.id,
    databaseSummary: `${applied.summary} on ${database.name}`,
  };
}

/** The user's response for the API Service's outcome. */
function responseFor(api: ServiceRun): UserResponse {
  if (api.status === "error") return { status: 500, body: { error: api.error ?? "API Service failed" } };
  const result = api.result!;
  switch (result.operation) {
    case "INSERT":
      return { status: 201, body: { message: "Created", table: result.table!, record: api.rows[0] ?? null } };
    case "UPDATE":
      return { status: 200, body: { message: "Updated", table: result.table!, record: api.rows[0] ?? null } };
    case "SELECT":
      return { status: 200, body: { table: result.table!, rows: api.rows } };
    case "NONE":
      return { status: 200, body: result.data ?? {} };
  }
}

function statusLine(response: UserResponse): string {
  return `Response: ${httpStatusLine(response.status)}`;
}

/** Logs and highlights the API Service's finished run. */
function reportApi(state: RunState, request: UserRequestComponent, api: ServiceRun): void {
  if (api.databaseSummary) state.log.push({ level: "info", text: `${api.name}: ${api.databaseSummary}` });
  if (api.status === "success") state.log.push({ level: "success", text: "API Service completed successfully" });
  else state.log.push({ level: "error", text: `API Service failed: ${api.error}` });
  state.steps.push({ phase: "api", componentIds: [api.componentId], connections: [{ from: request.id, to: api.componentId }], status: api.status });
  if (api.databaseId && api.result && api.result.operation !== "NONE") {
    // A database step also when the operation failed there (e.g. UPDATE of a missing row): it shows where.
    state.steps.push({
      phase: "database",
      componentIds: [api.databaseId],
      connections: [{ from: api.componentId, to: api.databaseId }],
      status: api.databaseSummary ? "success" : "error",
    });
  }
}

/** Parses the request body; an empty body is `{}`. */
function parseBody(body: string): { ok: true; data: JsonObject } | { ok: false; error: string } {
  if (body.trim() === "") return { ok: true, data: {} };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, error: `Request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isPlainObject(value)) {
    return { ok: false, error: `Request body must be a JSON object such as { "title": "Movie" }, but it is ${describeType(value)}.` };
  }
  return { ok: true, data: value as JsonObject };
}

function snapshots(state: RunState): DatabaseSnapshot[] {
  return componentsOfKind(state.design, "database").map((db) => ({
    componentId: db.id,
    name: db.name,
    tables: state.tables.get(db.id) ?? db.config.tables,
  }));
}

function notTriggered(consumers: ConsumerComponent[], reason: string): ConsumerRun[] {
  return consumers.map((c, i) => ({ componentId: c.id, name: c.name, index: i + 1, status: "not-triggered", error: reason, attempts: 0 }));
}

/**
 * Delivers the queue's message to its consumers through the driver, running
 * each round of deliveries in parallel and committing their database
 * operations in consumer order. `firstRound`, when given, is a round whose
 * code is already executing (Immediate mode starts it alongside the API).
 * A driver that redelivers gets further rounds; each consumer's status is that
 * of its last attempt.
 */
async function deliverToConsumers(
  state: RunState,
  executor: ServiceExecutor,
  timeoutMs: number,
  driver: QueueDriver,
  consumers: ConsumerComponent[],
  mode: TriggerMode,
  firstRound?: Promise<DeliveryExecution[]>,
): Promise<ConsumerRun[]> {
  const runs = new Map<string, ConsumerRun>(
    consumers.map((c, i) => [c.id, { componentId: c.id, name: c.name, index: i + 1, status: "not-triggered", attempts: 0 }]),
  );
  for (let round = 0; round < MAX_DELIVERY_ROUNDS; round++) {
    const executions = round === 0 && firstRound ? await firstRound : await executeDeliveries(executor, timeoutMs, consumers, driver.deliver(), mode);
    if (executions.length === 0) break;
    executions.sort((a, b) => (runs.get(a.consumer.id)?.index ?? 0) - (runs.get(b.consumer.id)?.index ?? 0));
    for (const { delivery, consumer, input, execution } of executions) {
      const run = runs.get(consumer.id)!;
      run.attempts += 1;
      if (input === null) {
        // The payload could not be decoded: the consumer's code never ran.
        const error = execution.ok ? "undecodable message" : execution.error;
        Object.assign(run, { status: "error", error });
        delete run.run;
        driver.settle(delivery.deliveryId, { ok: false, error });
        continue;
      }
      const service = commit(state, consumer, input, execution);
      run.status = service.status;
      run.run = service;
      if (service.error === undefined) delete run.error;
      else run.error = service.error;
      driver.settle(delivery.deliveryId, service.status === "success" ? { ok: true } : { ok: false, error: service.error ?? "failed" });
    }
  }
  return [...runs.values()];
}

interface DeliveryExecution {
  delivery: QueueDelivery;
  consumer: ConsumerComponent;
  /** null when the payload was rejected before the consumer's code could run. */
  input: ServiceInput | null;
  execution: Execution;
}

/**
 * Runs a batch of deliveries in parallel. Each consumer decodes the payload
 * first: in After Response mode it must be a valid message object (else the
 * consumer fails with the message's error, code not run); in Immediate mode it
 * is the original request input.
 */
function executeDeliveries(
  executor: ServiceExecutor,
  timeoutMs: number,
  consumers: ConsumerComponent[],
  deliveries: QueueDelivery[],
  mode: TriggerMode,
): Promise<DeliveryExecution[]> {
  return Promise.all(
    deliveries.flatMap((delivery) => {
      const consumer = consumers.find((c) => c.id === delivery.consumerId);
      if (!consumer) return [];
      return [
        (async (): Promise<DeliveryExecution> => {
          if (mode === "immediate") {
            const input = delivery.message.payload as RequestInput;
            return { delivery, consumer, input, execution: await execute(executor, consumer, input, timeoutMs) };
          }
          const decoded = validateQueueMessage(delivery.message.payload);
          if (!decoded.ok) return { delivery, consumer, input: null, execution: { ok: false, error: decoded.error, logs: [] } };
          const input: ServiceInput = { message_queue_input: decoded.message };
          return { delivery, consumer, input, execution: await execute(executor, consumer, input, timeoutMs) };
        })(),
      ];
    }),
  );
}

/** Runs `request` (default: the design's first User Request) through the design. */
export async function runFlow(design: Design, executor: ServiceExecutor, options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const createDriver = options.createQueueDriver ?? (() => createSimQueueDriver());
  const problems = validateDesign(design);
  const state: RunState = {
    design,
    tables: new Map(componentsOfKind(design, "database").map((db) => [db.id, db.config.tables])),
    log: [],
    steps: [],
  };
  const blocked = (errors: string[]): RunResult => {
    for (const error of errors) state.log.push({ level: "error", text: `Cannot run: ${error}` });
    return { outcome: "blocked", problems, response: null, api: null, queue: null, databases: snapshots(state), steps: [], log: state.log };
  };

  if (hasBlockingProblems(problems)) return blocked(problems.filter((p) => p.severity === "error").map((p) => p.message));
  const chosen = options.requestId ? getComponent(design, options.requestId) : componentsOfKind(design, "user-request")[0];
  if (!chosen || chosen.kind !== "user-request") return blocked([`There is no User Request with id "${options.requestId}".`]);
  const request = chosen;
  const api = apiServiceOf(design, request.id) as ApiServiceComponent;
  const queue = queueOf(design, api.id);
  const consumers = queue ? connectedConsumers(design, queue.id) : [];
  const mode = queue?.config.triggerMode;

  const finish = (response: UserResponse, apiRun: ServiceRun | null, queueRun: QueueRun | null): RunResult => ({
    outcome: "completed",
    problems,
    requestId: request.id,
    response,
    api: apiRun,
    queue: queueRun,
    databases: snapshots(state),
    steps: state.steps,
    log: state.log,
  });
  const queueRun = (fields: Partial<QueueRun> & Pick<QueueRun, "triggered" | "consumers">): QueueRun | null =>
    queue
      ? { componentId: queue.id, name: queue.name, triggerMode: queue.config.triggerMode, consumerCount: consumers.length, status: "idle", ...fields }
      : null;

  state.log.push({ level: "info", text: `User Request: ${request.config.method} ${request.config.endpoint}` });
  const body = parseBody(request.config.body);
  if (!body.ok) {
    state.log.push({ level: "error", text: body.error });
    const response: UserResponse = { status: 400, body: { error: body.error } };
    state.log.push({ level: "error", text: statusLine(response) });
    state.steps.push({ phase: "request", componentIds: [request.id], connections: [], status: "error" });
    const notice = "The request never reached the API Service, so nothing was queued.";
    if (queue) state.log.push({ level: "warning", text: `Message Queue ${queue.name}: ${notice}` });
    return finish(response, null, queueRun({ triggered: false, notice, consumers: notTriggered(consumers, notice) }));
  }
  const input: RequestInput = { endpoint: request.config.endpoint, method: request.config.method, data: body.data };

  if (queue) {
    state.log.push({ level: "queue", text: `Message Queue: ${queue.name}` });
    state.log.push({ level: "info", text: `Trigger Mode: ${TRIGGER_MODE_LABELS[queue.config.triggerMode]}` });
    state.log.push({ level: "info", text: `Connected Consumers: ${consumers.length}` });
    consumers.forEach((c, i) => state.log.push({ level: "info", text: `[${i + 1}] ${c.name}` }));
    if (consumers.length === 0) {
      state.log.push({ level: "warning", text: `No consumers connected: Message Queue ${queue.name} has nothing to deliver to. Connect it to at least one Consumer.` });
    }
  }
  const hasConsumers = queue !== undefined && consumers.length > 0;
  const driver = createDriver();
  const message = (payload: unknown) => ({ id: `${queue!.id}-msg-1`, queueId: queue!.id, payload });
  const triggerSteps = () => {
    state.steps.push({ phase: "queue", componentIds: [queue!.id], connections: [{ from: api.id, to: queue!.id }], status: "active" });
    state.steps.push({
      phase: "consumer-connections",
      componentIds: [],
      connections: consumers.map((c) => ({ from: queue!.id, to: c.id })),
      status: "active",
    });
  };
  const consumerSteps = (runs: ConsumerRun[]) => {
    for (const run of runs) {
      const wrote = run.run?.databaseSummary !== undefined && run.run.databaseId !== undefined;
      state.steps.push({
        phase: "consumer",
        componentIds: wrote ? [run.componentId, run.run!.databaseId!] : [run.componentId],
        connections: wrote ? [{ from: run.componentId, to: run.run!.databaseId! }] : [],
        status: run.status === "success" ? "success" : "error",
      });
    }
  };
  const reportConsumers = (runs: ConsumerRun[], audience: string) => {
    for (const run of runs) {
      if (run.run?.databaseSummary) state.log.push({ level: "info", text: `${run.name}: ${run.run.databaseSummary}` });
      if (run.status === "success") state.log.push({ level: "success", text: `Consumer [${run.index}] completed successfully` });
      else if (run.status === "error") state.log.push({ level: "error", text: `Consumer [${run.index}] failed: ${run.error}` });
      else state.log.push({ level: "warning", text: `Consumer [${run.index}] received no delivery from the queue` });
    }
    const failed = runs.filter((r) => r.status !== "success").length;
    if (failed === 0) state.log.push({ level: "success", text: "All consumers executed successfully" });
    else state.log.push({ level: "warning", text: `${failed} of ${runs.length} consumers failed; ${audience} was not affected.` });
  };
  const settledQueue = (runs: ConsumerRun[], payload: unknown, messageError?: string): QueueRun | null =>
    queueRun({
      triggered: true,
      status: runs.every((r) => r.status === "success") ? "success" : "warning",
      message: payload as JsonValue,
      ...(messageError ? { messageError } : {}),
      consumers: runs,
    });

  // Immediate: API and consumers start together, both with the original request.
  if (hasConsumers && mode === "immediate") {
    state.log.push({ level: "info", text: "Status: Triggering consumers with the original request, in parallel with the API Service..." });
    driver.enqueue(message(input), consumers.map((c) => c.id));
    const firstRound = executeDeliveries(executor, timeoutMs, consumers, driver.deliver(), "immediate");
    const apiExecution = await execute(executor, api, input, timeoutMs);
    const apiRun = commit(state, api, input, apiExecution);
    reportApi(state, request, apiRun);
    if (apiRun.result?.message_queue !== undefined) {
      state.log.push({ level: "info", text: "The API Service returned message_queue, which Immediate mode ignores: consumers already received the original request." });
    }
    const response = responseFor(apiRun);
    state.log.push({ level: apiRun.status === "success" ? "info" : "error", text: statusLine(response) });
    triggerSteps();
    const runs = await deliverToConsumers(state, executor, timeoutMs, driver, consumers, "immediate", firstRound);
    consumerSteps(runs);
    reportConsumers(runs, "the API Service's response");
    return finish(response, apiRun, settledQueue(runs, input));
  }

  if (hasConsumers) state.log.push({ level: "info", text: "Status: Waiting for API Service response..." });
  const apiRun = commit(state, api, input, await execute(executor, api, input, timeoutMs));
  reportApi(state, request, apiRun);
  const response = responseFor(apiRun);
  state.log.push({ level: apiRun.status === "success" ? "info" : "error", text: statusLine(response) });

  if (!queue) return finish(response, apiRun, null);
  if (!hasConsumers) {
    const notice = "No consumers connected.";
    return finish(response, apiRun, queueRun({ triggered: false, notice, consumers: [] }));
  }
  if (apiRun.status === "error") {
    const notice = "Consumers not triggered: After Response mode only triggers them once the API Service succeeds.";
    state.log.push({ level: "warning", text: `Status: ${notice}` });
    return finish(response, apiRun, queueRun({ triggered: false, notice, consumers: notTriggered(consumers, notice) }));
  }
  const payload = apiRun.result?.message_queue;
  if (payload === undefined || payload === null) {
    const notice =
      "Consumers not triggered: the API Service returned no message_queue field. In After Response mode, add message_queue to its return value with the data the consumers need.";
    state.log.push({ level: "warning", text: `Status: ${notice}` });
    return finish(response, apiRun, queueRun({ triggered: false, notice, consumers: notTriggered(consumers, notice) }));
  }

  state.log.push({ level: "info", text: "Status: Triggering consumers..." });
  triggerSteps();
  const check = validateQueueMessage(payload);
  if (!check.ok) state.log.push({ level: "error", text: `Message rejected: ${check.error} Every consumer fails with this error.` });
  driver.enqueue(message(payload), consumers.map((c) => c.id));
  const runs = await deliverToConsumers(state, executor, timeoutMs, driver, consumers, "after-response");
  consumerSteps(runs);
  reportConsumers(runs, "the user's response");
  return finish(response, apiRun, settledQueue(runs, payload, check.ok ? undefined : check.error));
}

/** The design with each database's tables replaced by the run's final tables (so a next run builds on them). */
export function applyRunResult(design: Design, run: RunResult): Design {
  return run.databases.reduce((next, db) => setDatabaseTables(next, db.componentId, db.tables), design);
}
