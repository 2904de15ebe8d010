// Runs only the sandbox's hostile-submission tests: `npx vitest run --config tests/security/vitest.config.ts`.
// The project config's `include` does not list tests/security yet; this reuses its aliases and settings.
import path from "node:path";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.ts";

export default defineConfig({
  ...base,
  root: path.resolve(import.meta.dirname, "../.."),
  test: { ...base.test, include: ["tests/security/**/*.test.ts"] },
});
