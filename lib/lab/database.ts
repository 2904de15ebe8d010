/**
 * Applying a service's operation to a Database component's tables.
 *
 * Operations are atomic: a failing one changes nothing. Tables are never
 * mutated; each success returns new arrays. The invariants of `Table` (see
 * design.ts) hold before and after every call.
 */
import type { ServiceResult } from "./contract";
import { LIMITS, type Column, type ColumnType, type Row, type Table } from "./design";
import { cloneJson, preview, safeStringify, type JsonValue } from "./json";

/** Primary key of tables created by an INSERT into a table that does not exist yet. */
export const DEFAULT_PRIMARY_KEY = "id";

export type ApplyOutcome =
  | {
      ok: true;
      tables: Table[];
      /** Rows inserted, updated (after the change) or selected; copies, safe to hand out. */
      rows: Row[];
      /** The id of the inserted or updated row. */
      recordId?: string | number;
      /** One line for the execution log, e.g. `INSERT into videos (row "VIDEO-123")`. */
      summary: string;
    }
  | { ok: false; error: string };

function inferType(value: JsonValue): ColumnType {
  if (typeof value === "string" || value === null) return "TEXT";
  if (typeof value === "boolean") return "BOOLEAN";
  if (typeof value === "number") return Number.isInteger(value) ? "INTEGER" : "REAL";
  return "JSON";
}

/** Columns after adding any that `declared` or `data` mention and the table lacks; existing types win. */
function mergeColumns(existing: Column[], declared: Column[] | undefined, data: Record<string, JsonValue>): Column[] {
  const columns = [...existing];
  const names = new Set(columns.map((c) => c.name));
  for (const column of declared ?? []) {
    if (!names.has(column.name)) {
      columns.push({ name: column.name, type: column.type });
      names.add(column.name);
    }
  }
  for (const [name, value] of Object.entries(data)) {
    if (!names.has(name)) {
      columns.push({ name, type: inferType(value) });
      names.add(name);
    }
  }
  return columns;
}

function sameId(a: JsonValue | undefined, b: string | number): boolean {
  return (typeof a === "string" || typeof a === "number") && String(a) === String(b);
}

/** `<table>-<n>` with the smallest n above the row count that no row uses. */
function generateId(table: Table): string {
  for (let n = table.rows.length + 1; ; n++) {
    const id = `${table.name}-${n}`;
    if (!table.rows.some((row) => sameId(row[table.primaryKey], id))) return id;
  }
}

function replaceTable(tables: readonly Table[], next: Table): Table[] {
  const index = tables.findIndex((t) => t.name === next.name);
  return index === -1 ? [...tables, next] : tables.map((t, i) => (i === index ? next : t));
}

function missingTable(op: string, table: string, databaseName: string, tables: readonly Table[]): string {
  const known = tables.map((t) => `"${t.name}"`).join(", ");
  return `${op} failed: table "${table}" does not exist in database "${databaseName}"${known ? ` (it has ${known})` : " (it has no tables yet)"}.`;
}

/**
 * Applies one validated service result to a database's tables.
 *
 * - INSERT creates the table when missing (primary key `id`, columns from
 *   `columns` and the data), takes the row id from `data[primaryKey]`, else
 *   `record_id`, else generates `<table>-<n>`; a duplicate id fails.
 * - UPDATE merges `data` into the row whose primary key equals `record_id`;
 *   a missing table or row fails, and so does changing the primary key.
 * - SELECT returns the row with `record_id`, or the rows whose columns equal
 *   every field of `data`, or all rows.
 * - NONE touches nothing.
 */
export function applyOperation(tables: readonly Table[], result: ServiceResult, databaseName: string): ApplyOutcome {
  const { operation } = result;
  if (operation === "NONE") return { ok: true, tables: [...tables], rows: [], summary: "NONE (no database change)" };
  const tableName = result.table!;
  const existing = tables.find((t) => t.name === tableName);
  const data = result.data ?? {};

  if (operation === "INSERT") {
    const table: Table = existing ?? { name: tableName, primaryKey: DEFAULT_PRIMARY_KEY, columns: [], rows: [] };
    if (!existing && tables.length >= LIMITS.tablesPerDatabase) {
      return { ok: false, error: `INSERT failed: database "${databaseName}" already has ${LIMITS.tablesPerDatabase} tables, the most it can hold.` };
    }
    if (table.rows.length >= LIMITS.rowsPerTable) {
      return { ok: false, error: `INSERT failed: table "${tableName}" is full (${LIMITS.rowsPerTable} rows).` };
    }
    const pk = table.primaryKey;
    const given = data[pk];
    if (given !== undefined && typeof given !== "string" && typeof given !== "number") {
      return { ok: false, error: `INSERT failed: \`data.${pk}\` identifies the row, so it must be a string or number, but it is ${preview(given)}.` };
    }
    if (given !== undefined && result.record_id !== undefined && !sameId(given, result.record_id)) {
      return { ok: false, error: `INSERT failed: \`record_id\` (${preview(result.record_id)}) and \`data.${pk}\` (${preview(given)}) disagree about the row's id.` };
    }
    const id = given ?? result.record_id ?? generateId(table);
    if (table.rows.some((row) => sameId(row[pk], id))) {
      return { ok: false, error: `INSERT failed: table "${tableName}" already has a row with ${pk} ${preview(id)}.` };
    }
    const row: Row = { [pk]: id, ...cloneJson(data) };
    const columns = mergeColumns(
      table.columns.length === 0 ? [{ name: pk, type: typeof id === "number" ? "INTEGER" : "TEXT" }] : table.columns,
      result.columns,
      row,
    );
    if (columns.length > LIMITS.columnsPerTable) {
      return { ok: false, error: `INSERT failed: table "${tableName}" would have ${columns.length} columns; the limit is ${LIMITS.columnsPerTable}.` };
    }
    const next: Table = { ...table, columns, rows: [...table.rows, row] };
    return {
      ok: true,
      tables: replaceTable(tables, next),
      rows: [cloneJson(row)],
      recordId: id,
      summary: `INSERT into ${tableName} (row ${preview(id)})`,
    };
  }

  if (!existing) return { ok: false, error: missingTable(operation, tableName, databaseName, tables) };

  if (operation === "UPDATE") {
    const recordId = result.record_id!;
    const pk = existing.primaryKey;
    const index = existing.rows.findIndex((row) => sameId(row[pk], recordId));
    if (index === -1) {
      return { ok: false, error: `UPDATE failed: no row in "${tableName}" has ${pk} ${preview(recordId)}, so there is nothing to update.` };
    }
    if (data[pk] !== undefined && !sameId(data[pk], recordId)) {
      return { ok: false, error: `UPDATE failed: it would change the row's ${pk} from ${preview(recordId)} to ${preview(data[pk])}; ids do not change.` };
    }
    const row: Row = { ...existing.rows[index]!, ...cloneJson(data) };
    const columns = mergeColumns(existing.columns, result.columns, row);
    if (columns.length > LIMITS.columnsPerTable) {
      return { ok: false, error: `UPDATE failed: table "${tableName}" would have ${columns.length} columns; the limit is ${LIMITS.columnsPerTable}.` };
    }
    const next: Table = { ...existing, columns, rows: existing.rows.map((r, i) => (i === index ? row : r)) };
    return {
      ok: true,
      tables: replaceTable(tables, next),
      rows: [cloneJson(row)],
      recordId: existing.rows[index]![pk] as string | number,
      summary: `UPDATE ${tableName} (row ${preview(recordId)})`,
    };
  }

  // SELECT
  let rows = existing.rows;
  if (result.record_id !== undefined) {
    rows = rows.filter((row) => sameId(row[existing.primaryKey], result.record_id!));
  } else if (Object.keys(data).length > 0) {
    rows = rows.filter((row) => Object.entries(data).every(([key, value]) => safeStringify(row[key]) === safeStringify(value)));
  }
  return {
    ok: true,
    tables: [...tables],
    rows: rows.map((row) => cloneJson(row)),
    summary: `SELECT from ${tableName} (${rows.length} ${rows.length === 1 ? "row" : "rows"})`,
  };
}
