import { afterEach, describe, expect, test } from "vitest";
import { SQLITE_BUSY_TIMEOUT_MS, sqliteBusyTimeoutMs } from "./db-factory";

describe("SQLITE_BUSY_TIMEOUT_MS", () => {
  const saved = process.env.SQLITE_BUSY_TIMEOUT_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SQLITE_BUSY_TIMEOUT_MS;
    else process.env.SQLITE_BUSY_TIMEOUT_MS = saved;
  });

  test("unset or empty keeps the default; a whole number of ms overrides it, 0 included", () => {
    delete process.env.SQLITE_BUSY_TIMEOUT_MS;
    expect(sqliteBusyTimeoutMs()).toBe(SQLITE_BUSY_TIMEOUT_MS);
    process.env.SQLITE_BUSY_TIMEOUT_MS = " ";
    expect(sqliteBusyTimeoutMs()).toBe(SQLITE_BUSY_TIMEOUT_MS);
    process.env.SQLITE_BUSY_TIMEOUT_MS = "250";
    expect(sqliteBusyTimeoutMs()).toBe(250);
    process.env.SQLITE_BUSY_TIMEOUT_MS = "0";
    expect(sqliteBusyTimeoutMs()).toBe(0);
  });

  test.each(["5s", "-1", "1.5", "abc"])("%j is refused with a message naming the variable", (value) => {
    process.env.SQLITE_BUSY_TIMEOUT_MS = value;
    expect(() => sqliteBusyTimeoutMs()).toThrow(/SQLITE_BUSY_TIMEOUT_MS must be a whole number of milliseconds/);
  });
});
