import path from "node:path";
import { defineConfig } from "prisma/config";

// Offline machines cannot download Prisma's native schema engine; the CLI talks to our WASM-backed shim instead
// (real `prisma migrate` commands, official WebAssembly engine). See scripts/schema-engine-shim.mjs.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname, "scripts/schema-engine-shim.mjs");

// One schema, two providers: a postgresql:// DATABASE_URL selects PostgreSQL's derived copy and its own migration
// history (scripts/db-schema.mjs); anything else is the embedded SQLite default.
const url = process.env.DATABASE_URL ?? "file:./.data/decoupled.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  datasource: { url },
});
