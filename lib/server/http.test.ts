import { describe, expect, test } from "vitest";
import { ClientError, clientErrors, isDatabaseUnavailable } from "./http";

// Shapes of errors as Prisma 7.10 and node-postgres raised them here (recorded from real failures against SQLite and a
// throwaway PostgreSQL 15: a held lock, a refused port, statement_timeout, max_connections, a stopped server). The
// real round trips are tested in tests/integration/sqlite-lock.test.ts and database-unavailable.test.ts.
const prismaError = (code: string, cause: object) =>
  Object.assign(new Error("Invalid invocation"), { name: "PrismaClientKnownRequestError", code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

const unavailable: Array<[string, unknown]> = [
  ["SQLite busy past the timeout (P1008)", prismaError("P1008", { originalCode: "5", originalMessage: "SQLITE_BUSY: database is locked", kind: "SocketTimeout" })],
  ["PostgreSQL refused (P1001)", prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5 })],
  ["statement_timeout (P2039, 57014)", prismaError("P2039", { originalCode: "57014", kind: "postgres", code: "57014" })],
  ["too many connections (P2037)", prismaError("P2037", { originalCode: "53300", kind: "TooManyConnections" })],
  ["server shutting down (P2039, 57P01)", prismaError("P2039", { originalCode: "57P01", kind: "postgres", code: "57P01" })],
  ["deadlock (P2034)", prismaError("P2034", { kind: "TransactionWriteConflict" })],
  ["SQLITE_BUSY_SNAPSHOT as a generic SQLite error", prismaError("P2039", { originalCode: "517", kind: "sqlite" })],
  ["node-postgres: server stopped mid-connection", new Error("Connection terminated unexpectedly")],
  ["a socket error inside another error", new Error("query failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })],
];

const notUnavailable: Array<[string, unknown]> = [
  ["a unique violation (P2002)", prismaError("P2002", { kind: "UniqueConstraintViolation" })],
  ["a database that does not exist (P1003): misconfiguration", prismaError("P1003", { originalCode: "3D000", kind: "DatabaseDoesNotExist" })],
  ["a syntax error (P2039, 42601)", prismaError("P2039", { originalCode: "42601", kind: "postgres", code: "42601" })],
  ["a plain bug", new TypeError("cannot read properties of undefined")],
  ["not an error at all", "boom"],
];

describe("isDatabaseUnavailable", () => {
  test.each(unavailable)("%s → 503", (_label, error) => expect(isDatabaseUnavailable(error)).toBe(true));
  test.each(notUnavailable)("%s → not a 503", (_label, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});

describe("clientErrors", () => {
  test("a ClientError is its 4xx, an unavailable database 503 + Retry-After, anything else is rethrown", async () => {
    expect((await clientErrors(async () => Promise.reject(new ClientError("no such lesson", 404)))).status).toBe(404);
    const busy = await clientErrors(async () => Promise.reject(unavailable[0][1]));
    expect([busy.status, busy.headers.get("retry-after")]).toEqual([503, "5"]);
    await expect(clientErrors(async () => Promise.reject(new TypeError("bug")))).rejects.toThrow("bug");
  });
});
