/**
 * The contract between the lab runner and a student's service code.
 *
 * A service is JavaScript that declares `function processRequest(input)`. It
 * may be async. It returns one database operation:
 *
 *   { operation: "INSERT" | "UPDATE" | "SELECT" | "NONE",
 *     table,          // required unless NONE
 *     columns?,       // [{ name, type }] declares columns when INSERT/UPDATE creates them
 *     data,           // INSERT/UPDATE: column values; SELECT: optional equality filter; NONE: the response body
 *     record_id?,     // UPDATE: the row to change (required); SELECT: the row to read; INSERT: the id to use
 *     message_queue? } // After Response mode: the message every consumer receives
 *
 * What `input` holds depends on who runs the service:
 * - the API Service, and consumers in Immediate mode: the original request,
 *   `{ endpoint, method, data }`, where `data` is the parsed request body;
 * - consumers in After Response mode: `{ message_queue_input }`, exactly the
 *   object the API Service returned as `message_queue` (and nothing of the
 *   original request: the API decides what consumers need to know).
 */
import { z } from "zod";
import { COLUMN_TYPES, IDENTIFIER_PATTERN, LIMITS, type Column, type HttpMethod } from "./design";
import { describeType, isJsonValue, isPlainObject, preview, safeStringify, type JsonObject } from "./json";

/** The function a service's code must declare. */
export const SERVICE_ENTRY_POINT = "processRequest";

export const OPERATIONS = ["INSERT", "UPDATE", "SELECT", "NONE"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Input of the API Service, and of consumers in Immediate mode. */
export interface RequestInput {
  endpoint: string;
  method: HttpMethod;
  data: JsonObject;
}

/** Input of consumers in After Response mode. */
export interface QueueInput {
  message_queue_input: JsonObject;
}

export type ServiceInput = RequestInput | QueueInput;

/** A validated return value of `processRequest`. */
export interface ServiceResult {
  operation: Operation;
  table?: string;
  columns?: Column[];
  data?: JsonObject;
  record_id?: string | number;
  /**
   * Left unvalidated here on purpose: a malformed message is not the API's
   * failure (the user still gets a response) but every consumer's, at delivery.
   * See `validateQueueMessage`.
   */
  message_queue?: unknown;
}

// ---------------------------------------------------------------------------
// Executors
// ---------------------------------------------------------------------------

export interface ExecuteOptions {
  /**
   * Wall-clock budget for the service's code, in milliseconds, counted from
   * when the code starts (not from sandbox start-up); the executor stops the
   * code when it runs out.
   */
  timeoutMs: number;
}

/**
 * What running a service's code produced. `value` is whatever processRequest
 * returned (awaited), after a JSON round trip; `logs` are its console lines.
 */
export type ExecutionOutcome = { ok: true; value: unknown; logs: string[] } | { ok: false; error: string; logs?: string[] };

/**
 * Runs untrusted service code. The browser passes a Web Worker executor, tests
 * and the server a worker-thread one (`node-executor.ts`). An executor must
 * never reject: every failure (syntax error, throw, timeout, non-JSON value) is
 * an `{ ok: false, error }` with a message a student can act on.
 */
export type ServiceExecutor = (code: string, input: ServiceInput, options: ExecuteOptions) => Promise<ExecutionOutcome>;

/** Most console lines kept per call, and characters per line. */
export const CONSOLE_LIMITS = { lines: 100, lineLength: 500 } as const;

/**
 * The body of the function an executor builds with
 * `new Function("__labInput", "console", body)` and calls with the input and a
 * capturing console; it resolves to processRequest's return value. Strict mode
 * turns accidental globals into errors the student sees.
 */
export function serviceFunctionBody(code: string): string {
  return [
    '"use strict";',
    code,
    ";",
    `if (typeof ${SERVICE_ENTRY_POINT} !== "function") {`,
    `  throw new ReferenceError("${SERVICE_ENTRY_POINT} is not defined: declare function ${SERVICE_ENTRY_POINT}(input) { ... } and return an object.");`,
    "}",
    `return ${SERVICE_ENTRY_POINT}(__labInput);`,
  ].join("\n");
}

/** Message for anything a service threw: `TypeError: x is undefined`, or `threw "boom"` for non-errors. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    return error.message;
  }
  return `threw ${preview(error)}`;
}

/** Message for a call stopped by the executor's timeout. */
export function timeoutMessage(timeoutMs: number): string {
  return `Timed out after ${timeoutMs} ms: processRequest did not finish (an infinite loop, or a promise that never settles?).`;
}

// ---------------------------------------------------------------------------
// Result validation
// ---------------------------------------------------------------------------

const OPERATION_LIST = OPERATIONS.join(", ");

/** Close misspellings of result fields, so the error can say what was meant. */
const FIELD_HINTS: Record<string, string> = {
  messageQueue: "message_queue",
  message_Queue: "message_queue",
  messagequeue: "message_queue",
  "message-queue": "message_queue",
  queue: "message_queue",
  mq: "message_queue",
  recordId: "record_id",
  recordID: "record_id",
  id: "record_id",
  op: "operation",
  operations: "operation",
  tableName: "table",
  table_name: "table",
  values: "data",
  row: "data",
  body: "data",
  column: "columns",
};

const dataSchema = z.custom<JsonObject>((v) => isPlainObject(v), {
  error: (issue) => `\`data\` must be an object of column values, but it is ${describeType(issue.input)}.`,
});

const resultSchema = z
  .strictObject({
    operation: z.enum(OPERATIONS, {
      error: (issue) => {
        if (issue.input === undefined) return `\`operation\` is missing: return one of ${OPERATION_LIST}.`;
        const capitalsHint =
          typeof issue.input === "string" && (OPERATIONS as readonly string[]).includes(issue.input.toUpperCase())
            ? ` (write it in capitals: "${issue.input.toUpperCase()}")`
            : "";
        return `\`operation\` must be one of ${OPERATION_LIST}, but it is ${preview(issue.input)}${capitalsHint}.`;
      },
    }),
    table: z
      .string({ error: (issue) => `\`table\` must be a string naming a table, but it is ${describeType(issue.input)}.` })
      .regex(IDENTIFIER_PATTERN, {
        error: (issue) => `\`table\` must be a table name such as "videos" (letters, digits and _), but it is ${preview(issue.input)}.`,
      })
      .optional(),
    columns: z
      .array(
        z.object(
          {
            name: z.string().regex(IDENTIFIER_PATTERN, { error: (issue) => `column name ${preview(issue.input)} is not an identifier (letters, digits and _).` }),
            type: z.enum(COLUMN_TYPES, { error: (issue) => `column type ${preview(issue.input)} must be one of ${COLUMN_TYPES.join(", ")}.` }),
          },
          { error: (issue) => `each column must be { name, type }, but one is ${describeType(issue.input)}.` },
        ),
        { error: (issue) => `\`columns\` must be an array of { name, type }, but it is ${describeType(issue.input)}.` },
      )
      .max(LIMITS.columnsPerTable, `\`columns\` may declare at most ${LIMITS.columnsPerTable} columns.`)
      .optional(),
    data: dataSchema.optional(),
    record_id: z
      .union([z.string().min(1).max(200), z.number().finite()], {
        error: (issue) => `\`record_id\` must be a non-empty string or a number, but it is ${preview(issue.input)}.`,
      })
      .optional(),
    message_queue: z.unknown().optional(),
  })
  .superRefine((result, ctx) => {
    const op = result.operation;
    if (op !== "NONE" && result.table === undefined) {
      ctx.addIssue({ code: "custom", path: ["table"], message: `\`table\` is required for ${op}: name the table to ${op === "SELECT" ? "read" : "write"}.` });
    }
    if ((op === "INSERT" || op === "UPDATE") && result.data === undefined) {
      ctx.addIssue({ code: "custom", path: ["data"], message: `\`data\` is required for ${op}: an object of column values.` });
    }
    if (op === "UPDATE" && result.record_id === undefined) {
      ctx.addIssue({ code: "custom", path: ["record_id"], message: "`record_id` is required for UPDATE: it names the row to change." });
    }
    if (result.data === undefined) return;
    if (op !== "NONE") {
      const keys = Object.keys(result.data);
      const bad = keys.filter((key) => !IDENTIFIER_PATTERN.test(key));
      if (bad.length > 0) {
        ctx.addIssue({ code: "custom", path: ["data"], message: `\`data\` keys become column names, so ${bad.map((k) => preview(k)).join(", ")} must be identifiers (letters, digits and _).` });
      }
      if (keys.length > LIMITS.columnsPerTable) {
        ctx.addIssue({ code: "custom", path: ["data"], message: `\`data\` has ${keys.length} columns; a table has at most ${LIMITS.columnsPerTable}.` });
      }
    }
    if (!isJsonValue(result.data, 8)) {
      ctx.addIssue({ code: "custom", path: ["data"], message: "`data` must hold only JSON values (strings, numbers, booleans, null, arrays, objects) nested at most 8 deep." });
    }
  });

export type ResultCheck = { ok: true; result: ServiceResult } | { ok: false; error: string; issues: string[] };

/**
 * Validates what `processRequest` returned. On failure `issues` lists each
 * problem in words and `error` joins them after a fixed prefix, e.g.
 * `processRequest returned an invalid result: \`record_id\` is required for UPDATE: it names the row to change.`
 */
export function parseServiceResult(value: unknown): ResultCheck {
  const fail = (issues: string[]): ResultCheck => ({
    ok: false,
    issues,
    error: `processRequest returned an invalid result: ${issues.join(" ")}`,
  });
  if (value === undefined) {
    return fail(["It returned undefined. Did you forget to `return` the result object?"]);
  }
  if (!isPlainObject(value)) {
    return fail([`It must return an object such as { operation: "INSERT", table: "videos", data: { ... } }, but it returned ${describeType(value)}.`]);
  }
  const parsed = resultSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, result: parsed.data as ServiceResult };
  const issues: string[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const hint = FIELD_HINTS[key];
        issues.push(`Unknown field \`${key}\`${hint ? `: did you mean \`${hint}\`?` : ` (allowed: operation, table, columns, data, record_id, message_queue).`}`);
      }
      continue;
    }
    const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
    // Messages written for a field already name it; the others get the path prepended.
    const message = issue.message.includes("`") || path === "" ? issue.message : `\`${path}\`: ${issue.message}`;
    issues.push(message.endsWith(".") || message.endsWith("?") ? message : `${message}.`);
  }
  return fail(issues);
}

/** Largest message, in characters of JSON. */
export const MAX_MESSAGE_CHARS = 64_000;

export type MessageCheck = { ok: true; message: JsonObject } | { ok: false; error: string };

/**
 * Checks a queue message at delivery (After Response mode: the API's
 * `message_queue`). A message that fails here fails every consumer with this
 * same error: the message is poison, not any one consumer's code.
 */
export function validateQueueMessage(value: unknown): MessageCheck {
  if (!isPlainObject(value)) {
    return {
      ok: false,
      error: `Malformed message: message_queue must be an object such as { "videoId": "VIDEO-123" }, but the API Service sent ${describeType(value)}.`,
    };
  }
  if (!isJsonValue(value)) {
    return { ok: false, error: "Malformed message: message_queue contains values that are not JSON (functions, undefined, NaN or Infinity, or nesting too deep)." };
  }
  const size = safeStringify(value)?.length ?? Infinity;
  if (size > MAX_MESSAGE_CHARS) {
    return { ok: false, error: `Malformed message: message_queue is ${size} characters of JSON; a message may be at most ${MAX_MESSAGE_CHARS}. Send ids, not whole payloads.` };
  }
  return { ok: true, message: value as JsonObject };
}

