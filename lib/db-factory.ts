import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/generated/prisma/client";

/** The default database: a SQLite file inside the project, created and migrated by `npm start`. */
export const DEFAULT_DATABASE_URL = "file:./.data/decoupled.db";

/**
 * Build a Prisma client for a database URL. The app uses the singleton in lib/server/db.ts; CLI scripts and
 * integration tests call this directly with their own URL.
 */
export function createPrismaClient(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): PrismaClient {
  if (/^postgres(ql)?:/.test(url)) {
    throw new Error("DATABASE_URL points at PostgreSQL, which is not wired up yet: use a file: URL (SQLite).");
  }
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL for SQLite, got "${url}"`);
  return new PrismaClient({ adapter: new PrismaLibSql({ url }) });
}
