// prisma/schema.prisma is the one schema. PostgreSQL's copy (prisma/postgres/schema.prisma) is derived from it:
// same models, `provider = "postgresql"`, its own generated client folder. Run after editing the schema:
//   node scripts/db-schema.mjs            write the PostgreSQL copy
//   node scripts/db-schema.mjs --check    exit 1 if the copy is stale (tests/integration/schema-drift.test.ts)
// Each provider then keeps its own migration history (prisma/migrations, prisma/postgres/migrations); see
// docs/architecture.md "Two databases, one schema".
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const SQLITE_SCHEMA = path.join(root, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma/postgres/schema.prisma");

/** The PostgreSQL schema text for a SQLite schema text. Throws if the source lacks what it replaces. */
export function postgresSchemaFrom(source) {
  const swap = (text, from, to) => {
    if (!from.test(text)) throw new Error(`prisma/schema.prisma: expected ${from} to derive the PostgreSQL schema`);
    return text.replace(from, to);
  };
  let s = swap(source, /provider = "sqlite"/, 'provider = "postgresql"');
  s = swap(s, /output\s+= "\.\.\/generated\/prisma"/, 'output   = "../../generated/prisma-pg"');
  return `// GENERATED from prisma/schema.prisma by scripts/db-schema.mjs. Do not edit: edit that file and re-run it.\n${s}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const want = postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const have = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
  if (process.argv.includes("--check")) {
    if (have !== want) {
      console.error("prisma/postgres/schema.prisma is stale: run `node scripts/db-schema.mjs`, then add a PostgreSQL migration.");
      process.exit(1);
    }
  } else if (have !== want) {
    fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA, want);
    console.log("wrote prisma/postgres/schema.prisma");
  }
}
