import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POSTGRES_SCHEMA, postgresSchemaFrom, SQLITE_SCHEMA } from "../../scripts/db-schema.mjs";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/postgres.mjs";

/*
 * One schema, two providers, two migration histories (docs/architecture.md "Two databases, one schema"). This fails
 * when they drift apart:
 *   (a) prisma/postgres/schema.prisma is not what scripts/db-schema.mjs derives from prisma/schema.prisma;
 *   (b) prisma/migrations applied to a fresh SQLite file does not give prisma/schema.prisma;
 *   (c) prisma/postgres/migrations applied to a fresh PostgreSQL database does not give its schema.
 * (b) and (c) ask the real CLI: `prisma migrate diff --from-config-datasource --to-schema <file> --exit-code` exits 2
 * when the database and the schema differ. The last tests prove that: a schema changed without a migration is
 * reported for each provider.
 */

type Cli = { code: number; output: string };

/** Run the Prisma CLI against `databaseUrl`; prisma.config.ts picks the provider's schema and migrations by it. */
function prismaCli(args: string[], databaseUrl: string): Promise<Cli> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/prisma"), args, { env: { ...process.env, DATABASE_URL: databaseUrl } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function migrateFresh(url: string): Promise<void> {
  const r = await prismaCli(["migrate", "deploy"], url);
  if (r.code !== 0) throw new Error(`prisma migrate deploy failed on a fresh database:\n${r.output}`);
}

/** 0 when the migrated database is exactly `schemaFile`, 2 when they differ (the output says how). */
const drift = (url: string, schemaFile: string) => prismaCli(["migrate", "diff", "--from-config-datasource", "--to-schema", schemaFile, "--exit-code"], url);

/** A copy of `schemaFile` in `dir` with one column more on User, as if someone edited the schema and forgot a migration. */
function withUnmigratedColumn(schemaFile: string, dir: string): string {
  const text = fs.readFileSync(schemaFile, "utf8");
  const changed = text.replace(/^model User \{\n/m, "model User {\n  driftProbe String?\n");
  if (changed === text) throw new Error(`${schemaFile}: no "model User {" line to change`);
  const file = path.join(dir, `${path.basename(path.dirname(schemaFile))}-${path.basename(schemaFile)}`);
  fs.writeFileSync(file, changed);
  return file;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "decoupled-drift-"));
const sqliteUrl = `file:${path.join(tmp, "fresh.db")}`;
let postgresUrl = "";
let ownCluster: ThrowawayPostgres | null = null;

beforeAll(async () => {
  // npm test passes its run's cluster; on its own this file starts one.
  let base = process.env.TEST_POSTGRES_BASE;
  if (!base) {
    ownCluster = await startThrowawayPostgres();
    base = ownCluster.base;
  }
  postgresUrl = `${base}/drift_${crypto.randomBytes(6).toString("hex")}`;
  await Promise.all([migrateFresh(sqliteUrl), migrateFresh(postgresUrl)]);
});

afterAll(() => {
  ownCluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("one schema, two providers", () => {
  test("(a) prisma/postgres/schema.prisma is exactly what scripts/db-schema.mjs derives from prisma/schema.prisma", async () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8"), "run `node scripts/db-schema.mjs`").toBe(postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
    const check = await new Promise<number | null>((resolve) => spawn("node", ["scripts/db-schema.mjs", "--check"]).on("close", resolve));
    expect(check).toBe(0);
  });

  test("(b) SQLite's migration history gives prisma/schema.prisma", async () => {
    const r = await drift(sqliteUrl, SQLITE_SCHEMA);
    expect(r.code, `prisma/migrations and prisma/schema.prisma differ:\n${r.output}`).toBe(0);
  });

  test("(c) PostgreSQL's migration history gives prisma/postgres/schema.prisma", async () => {
    const r = await drift(postgresUrl, POSTGRES_SCHEMA);
    expect(r.code, `prisma/postgres/migrations and prisma/postgres/schema.prisma differ:\n${r.output}`).toBe(0);
  });
});

describe("the checks can fail", () => {
  test("a schema edit with no re-derived PostgreSQL copy is caught by (a)", () => {
    const edited = fs.readFileSync(withUnmigratedColumn(SQLITE_SCHEMA, tmp), "utf8");
    expect(postgresSchemaFrom(edited)).not.toBe(fs.readFileSync(POSTGRES_SCHEMA, "utf8"));
  });

  test.each([
    ["SQLite", () => sqliteUrl, SQLITE_SCHEMA],
    ["PostgreSQL", () => postgresUrl, POSTGRES_SCHEMA],
  ])("a column added to the %s schema without a migration is reported as drift", async (_provider, url, schemaFile) => {
    const r = await drift(url(), withUnmigratedColumn(schemaFile, tmp));
    expect(r.code, r.output).toBe(2);
    expect(r.output).toContain("driftProbe");
  });
});
