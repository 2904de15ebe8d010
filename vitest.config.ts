import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Tests that touch the app's database through lib/server. `npm test` runs them a second time on PostgreSQL
 * (`TEST_DB=postgres`: tests/support/global-setup.ts makes a fresh migrated database; scripts/test.mjs counts the
 * row "vitest integration on PostgreSQL"). A new database-touching test belongs here.
 */
export const DATABASE_TESTS = ["tests/integration/**/*.test.ts"];

/**
 * ...except these, which run once, in the default pass: they check one provider's own machinery (SQLite locking)
 * or set up the databases they need themselves (both providers' migration histories, an unreachable server).
 */
export const RUN_ONCE_TESTS = [
  "tests/integration/schema-drift.test.ts",
  "tests/integration/sqlite-lock.test.ts",
  "tests/integration/database-unavailable.test.ts",
];

const onPostgres = process.env.TEST_DB === "postgres";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-noop.ts"),
    },
  },
  test: {
    include: onPostgres
      ? DATABASE_TESTS
      : ["lib/**/*.test.ts", "components/**/*.test.tsx", "tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/content/**/*.test.ts", "tests/security/**/*.test.ts"],
    exclude: [...configDefaults.exclude, "content/**", ...(onPostgres ? RUN_ONCE_TESTS : [])],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
