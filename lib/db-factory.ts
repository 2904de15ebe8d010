import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";

/** The default database: a SQLite file inside the project, created and migrated by `npm start`. */
export const DEFAULT_DATABASE_URL = "file:./.data/decoupled.db";

/** How long a SQLite write waits for another process's lock before failing (then a 503, never a 500). */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export type DatabaseKind = "sqlite" | "postgresql";

/** Which database a URL points at; throws a plain message for anything else. */
export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, got "${url.replace(/\/\/[^@/]*@/, "//…@")}"`);
}

/** The database this process uses: DATABASE_URL, else the embedded SQLite file. */
export const databaseUrl = (): string => process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

/**
 * Build a Prisma client for a database URL. The app uses the singleton in lib/server/db.ts; workers, CLI scripts
 * and integration tests call this directly with their own URL.
 *
 * Both providers' clients are generated from the one schema (scripts/db-schema.mjs) and have the same models and
 * methods; the PostgreSQL client is typed as the SQLite one so the rest of the code has a single type to use.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  if (databaseKind(url) === "postgresql") {
    const max = Number.parseInt(process.env.DATABASE_POOL_SIZE ?? "", 10);
    const adapter = new PrismaPg({ connectionString: url, ...(max > 0 ? { max } : {}) });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  // libsql's `timeout` is SQLite's busy timeout in ms: a write blocked by another process's lock waits this long.
  return new PrismaClient({ adapter: new PrismaLibSql({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
}
