// Types for scripts/db-schema.mjs (used by tests/integration/schema-drift.test.ts).
export const SQLITE_SCHEMA: string;
export const POSTGRES_SCHEMA: string;
export function postgresSchemaFrom(source: string): string;
