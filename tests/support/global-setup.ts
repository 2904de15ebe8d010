import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresBin, startThrowawayPostgres } from "../../scripts/postgres.mjs";

/**
 * Integration tests run against a real, throwaway database migrated with the real `prisma migrate deploy` (through
 * the offline schema-engine shim). Workers inherit DATABASE_URL from here.
 *
 * - default: a SQLite file in a temp folder. A pristine migrated copy is kept at TEST_SQLITE_TEMPLATE for tests
 *   that need a file of their own (e.g. to lock it without stalling the other test files).
 * - TEST_DB=postgres: a fresh database in the cluster at TEST_POSTGRES_BASE (`postgresql://user@host:port`, as
 *   scripts/test.mjs passes it), or in a throwaway cluster started here when none is given, so
 *   `TEST_DB=postgres npx vitest run tests/integration` works on its own. vitest.config.ts picks which tests run.
 */
export default async function setup(): Promise<() => Promise<void>> {
  return process.env.TEST_DB === "postgres" ? setupPostgres() : setupSqlite();
}

function migrate(url: string): void {
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function setupSqlite(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "decoupled-test-"));
  const template = path.join(dir, "template.db");
  migrate(`file:${template}`);
  const file = path.join(dir, "test.db");
  fs.copyFileSync(template, file);
  process.env.TEST_SQLITE_TEMPLATE = template;
  process.env.DATABASE_URL = `file:${file}`;
  return async () => fs.rmSync(dir, { recursive: true, force: true });
}

async function setupPostgres(): Promise<() => Promise<void>> {
  const own = process.env.TEST_POSTGRES_BASE ? null : await startThrowawayPostgres();
  const base = process.env.TEST_POSTGRES_BASE ?? own!.base;
  process.env.TEST_POSTGRES_BASE = base;
  const name = `test_${crypto.randomBytes(6).toString("hex")}`;
  const url = `${base}/${name}`;
  migrate(url); // creates the database first
  process.env.DATABASE_URL = url;
  return async () => {
    if (own) return own.stop();
    // Someone else's cluster (scripts/test.mjs's, or yours): leave it as it was found.
    execFileSync(path.join(postgresBin(), "psql"), ["-d", `${base}/postgres`, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  };
}
