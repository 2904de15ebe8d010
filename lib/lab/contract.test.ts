import { describe, expect, it } from "vitest";
import { parseServiceResult, validateQueueMessage, MAX_MESSAGE_CHARS } from "./contract";

function issuesOf(value: unknown): string[] {
  const checked = parseServiceResult(value);
  if (checked.ok) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  expect(checked.error).toBe(`processRequest returned an invalid result: ${checked.issues.join(" ")}`);
  return checked.issues;
}

describe("parseServiceResult", () => {
  it("accepts each operation in its minimal valid form", () => {
    expect(parseServiceResult({ operation: "INSERT", table: "videos", data: { title: "A" } }).ok).toBe(true);
    expect(parseServiceResult({ operation: "UPDATE", table: "inventory", record_id: "SKU-1", data: { stock: 3 } }).ok).toBe(true);
    expect(parseServiceResult({ operation: "SELECT", table: "videos" }).ok).toBe(true);
    expect(parseServiceResult({ operation: "NONE" }).ok).toBe(true);
    const withQueue = parseServiceResult({ operation: "INSERT", table: "t", data: { a: 1 }, message_queue: "anything" });
    expect(withQueue).toMatchObject({ ok: true, result: { message_queue: "anything" } });
  });

  it("explains a missing return and a non-object", () => {
    expect(issuesOf(undefined)).toEqual(["It returned undefined. Did you forget to `return` the result object?"]);
    expect(issuesOf([1, 2])[0]).toContain("but it returned an array");
    expect(issuesOf("INSERT")[0]).toContain("but it returned a string");
  });

  it("names the field and the fix for a bad operation", () => {
    expect(issuesOf({ table: "t", data: {} })).toEqual(["`operation` is missing: return one of INSERT, UPDATE, SELECT, NONE."]);
    expect(issuesOf({ operation: "insert", table: "t", data: {} })).toEqual([
      '`operation` must be one of INSERT, UPDATE, SELECT, NONE, but it is "insert" (write it in capitals: "INSERT").',
    ]);
    expect(issuesOf({ operation: "DELETE", table: "t" })[0]).toContain('but it is "DELETE".');
  });

  it("requires what each operation needs", () => {
    expect(issuesOf({ operation: "INSERT", data: { a: 1 } })).toEqual(["`table` is required for INSERT: name the table to write."]);
    expect(issuesOf({ operation: "INSERT", table: "t" })).toEqual(["`data` is required for INSERT: an object of column values."]);
    expect(issuesOf({ operation: "UPDATE", table: "t", data: { a: 1 } })).toEqual(["`record_id` is required for UPDATE: it names the row to change."]);
    expect(issuesOf({ operation: "SELECT" })).toEqual(["`table` is required for SELECT: name the table to read."]);
  });

  it("rejects badly typed fields with their path", () => {
    const issues = issuesOf({ operation: "INSERT", table: "my videos", data: [1], record_id: {}, columns: [{ name: "x", type: "STRING" }] });
    expect(issues).toEqual([
      '`table` must be a table name such as "videos" (letters, digits and _), but it is "my videos".',
      "`columns[0].type`: column type \"STRING\" must be one of TEXT, INTEGER, REAL, BOOLEAN, JSON.",
      "`data` must be an object of column values, but it is an array.",
      "`record_id` must be a non-empty string or a number, but it is {}.",
    ]);
  });

  it("rejects data keys that cannot be columns", () => {
    expect(issuesOf({ operation: "INSERT", table: "t", data: { "first name": "Ada" } })[0]).toContain('"first name" must be identifiers');
  });

  it("suggests the intended name for a misspelt field", () => {
    expect(issuesOf({ operation: "INSERT", table: "t", data: { a: 1 }, messageQueue: {} })).toEqual([
      "Unknown field `messageQueue`: did you mean `message_queue`?",
    ]);
    expect(issuesOf({ operation: "NONE", colour: "red" })[0]).toContain("Unknown field `colour` (allowed:");
  });
});

describe("validateQueueMessage", () => {
  it("accepts a JSON object", () => {
    expect(validateQueueMessage({ videoId: "VIDEO-1", tags: ["a"] })).toEqual({ ok: true, message: { videoId: "VIDEO-1", tags: ["a"] } });
  });

  it("rejects strings, arrays and numbers as malformed, naming what was sent", () => {
    expect(validateQueueMessage("VIDEO-1")).toEqual({
      ok: false,
      error: 'Malformed message: message_queue must be an object such as { "videoId": "VIDEO-123" }, but the API Service sent a string.',
    });
    expect(validateQueueMessage([{ videoId: 1 }])).toMatchObject({ ok: false, error: expect.stringContaining("sent an array") });
    expect(validateQueueMessage(42)).toMatchObject({ ok: false, error: expect.stringContaining("sent a number") });
  });

  it("rejects non-JSON values and oversized messages", () => {
    expect(validateQueueMessage({ at: Number.NaN })).toMatchObject({ ok: false, error: expect.stringContaining("not JSON") });
    expect(validateQueueMessage({ blob: "x".repeat(MAX_MESSAGE_CHARS) })).toMatchObject({ ok: false, error: expect.stringContaining("Send ids, not whole payloads") });
  });
});
