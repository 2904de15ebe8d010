import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Integration tests run against a real, throwaway SQLite file migrated with the real `prisma migrate deploy`
 * (through the offline schema-engine shim). Workers inherit DATABASE_URL from here.
 */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "decoupled-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.env.DATABASE_URL = url;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
