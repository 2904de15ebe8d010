import { describe, expect, it } from "vitest";
import type { ServiceResult } from "./contract";
import { applyOperation } from "./database";
import { LIMITS, type Table } from "./design";

const inventory = (): Table[] => [
  {
    name: "inventory",
    primaryKey: "sku",
    columns: [
      { name: "sku", type: "TEXT" },
      { name: "stock", type: "INTEGER" },
    ],
    rows: [
      { sku: "SKU-1", stock: 5 },
      { sku: "SKU-2", stock: 0 },
    ],
  },
];

function ok(tables: Table[], result: ServiceResult) {
  const outcome = applyOperation(tables, result, "Test DB");
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome;
}

function error(tables: Table[], result: ServiceResult): string {
  const outcome = applyOperation(tables, result, "Test DB");
  if (outcome.ok) throw new Error("expected the operation to fail");
  return outcome.error;
}

describe("INSERT", () => {
  it("creates a missing table with an id column and generates ids", () => {
    const first = ok([], { operation: "INSERT", table: "thumbnails", data: { videoId: "V1", width: 640, ratio: 1.5, hd: true } });
    expect(first.recordId).toBe("thumbnails-1");
    expect(first.tables[0]!.primaryKey).toBe("id");
    expect(first.tables[0]!.columns).toEqual([
      { name: "id", type: "TEXT" },
      { name: "videoId", type: "TEXT" },
      { name: "width", type: "INTEGER" },
      { name: "ratio", type: "REAL" },
      { name: "hd", type: "BOOLEAN" },
    ]);
    const second = ok(first.tables, { operation: "INSERT", table: "thumbnails", data: { videoId: "V2" } });
    expect(second.tables[0]!.rows.map((r) => r.id)).toEqual(["thumbnails-1", "thumbnails-2"]);
    expect(second.summary).toBe('INSERT into thumbnails (row "thumbnails-2")');
  });

  it("uses declared column types and an explicit id", () => {
    const outcome = ok([], {
      operation: "INSERT",
      table: "videos",
      columns: [{ name: "duration", type: "INTEGER" }, { name: "tags", type: "JSON" }],
      data: { id: "VIDEO-1", duration: 12.5 },
    });
    expect(outcome.recordId).toBe("VIDEO-1");
    expect(outcome.tables[0]!.columns.map((c) => `${c.name}:${c.type}`)).toEqual(["id:TEXT", "duration:INTEGER", "tags:JSON"]);
  });

  it("takes record_id as the id and refuses duplicates and conflicts", () => {
    const tables = inventory();
    expect(ok(tables, { operation: "INSERT", table: "inventory", record_id: "SKU-3", data: { stock: 1 } }).tables[0]!.rows[2]).toEqual({ sku: "SKU-3", stock: 1 });
    expect(error(tables, { operation: "INSERT", table: "inventory", data: { sku: "SKU-1", stock: 9 } })).toBe(
      'INSERT failed: table "inventory" already has a row with sku "SKU-1".',
    );
    expect(error(tables, { operation: "INSERT", table: "inventory", record_id: "A", data: { sku: "B" } })).toContain("disagree");
    expect(error(tables, { operation: "INSERT", table: "inventory", data: { sku: { nested: true } } })).toContain("must be a string or number");
  });

  it("refuses to grow a table past the row limit", () => {
    const full: Table[] = [{ name: "t", primaryKey: "id", columns: [{ name: "id", type: "INTEGER" }], rows: Array.from({ length: LIMITS.rowsPerTable }, (_, i) => ({ id: i })) }];
    expect(error(full, { operation: "INSERT", table: "t", data: {} })).toContain("is full");
  });
});

describe("UPDATE", () => {
  it("merges data into the row named by record_id", () => {
    const outcome = ok(inventory(), { operation: "UPDATE", table: "inventory", record_id: "SKU-2", data: { stock: 10, lastOrderId: "ORD-1" } });
    expect(outcome.tables[0]!.rows[1]).toEqual({ sku: "SKU-2", stock: 10, lastOrderId: "ORD-1" });
    expect(outcome.tables[0]!.columns.map((c) => c.name)).toEqual(["sku", "stock", "lastOrderId"]);
  });

  it("fails clearly on a missing record or table, and on an id change", () => {
    expect(error(inventory(), { operation: "UPDATE", table: "inventory", record_id: "SKU-404", data: { stock: 1 } })).toBe(
      'UPDATE failed: no row in "inventory" has sku "SKU-404", so there is nothing to update.',
    );
    expect(error(inventory(), { operation: "UPDATE", table: "stock", record_id: "SKU-1", data: {} })).toBe(
      'UPDATE failed: table "stock" does not exist in database "Test DB" (it has "inventory").',
    );
    expect(error(inventory(), { operation: "UPDATE", table: "inventory", record_id: "SKU-1", data: { sku: "SKU-9" } })).toContain("ids do not change");
  });

  it("matches numeric ids given as strings", () => {
    const tables: Table[] = [{ name: "t", primaryKey: "id", columns: [{ name: "id", type: "INTEGER" }], rows: [{ id: 7 }] }];
    expect(ok(tables, { operation: "UPDATE", table: "t", record_id: "7", data: { seen: true } }).rows).toEqual([{ id: 7, seen: true }]);
  });
});

describe("SELECT and NONE", () => {
  it("selects by record_id, by equality filter, or everything", () => {
    expect(ok(inventory(), { operation: "SELECT", table: "inventory", record_id: "SKU-1" }).rows).toEqual([{ sku: "SKU-1", stock: 5 }]);
    expect(ok(inventory(), { operation: "SELECT", table: "inventory", data: { stock: 0 } }).rows).toEqual([{ sku: "SKU-2", stock: 0 }]);
    const all = ok(inventory(), { operation: "SELECT", table: "inventory" });
    expect(all.rows).toHaveLength(2);
    expect(all.summary).toBe("SELECT from inventory (2 rows)");
    expect(error([], { operation: "SELECT", table: "inventory" })).toContain("it has no tables yet");
  });

  it("NONE changes nothing", () => {
    const tables = inventory();
    expect(ok(tables, { operation: "NONE" }).tables).toEqual(tables);
  });
});

it("never mutates the tables it is given", () => {
  const tables = inventory();
  const before = JSON.stringify(tables);
  ok(tables, { operation: "INSERT", table: "inventory", data: { sku: "SKU-3" } });
  ok(tables, { operation: "UPDATE", table: "inventory", record_id: "SKU-1", data: { stock: 0 } });
  const selected = ok(tables, { operation: "SELECT", table: "inventory" });
  selected.rows[0]!.stock = 999;
  expect(JSON.stringify(tables)).toBe(before);
});
