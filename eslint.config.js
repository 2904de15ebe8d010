// `npm run lint`. Syntax-only typescript-eslint (no type information) keeps a full run well under a minute;
// `tsc --noEmit` is the type check. The boundary rules (eslint-rules/boundaries.js) are what docs/architecture.md
// calls "boundaries the build enforces": each is an error, and tests/unit/lint-boundaries.test.ts proves it fires.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import boundaries from "./eslint-rules/boundaries.js";

const tests = ["**/*.test.ts", "**/*.test.tsx", "tests/**"];

// eslint-plugin-react-hooks 7 ships the React Compiler's diagnostics (refs, set-state-in-effect, purity, …) in
// `recommended` as errors. This app is not compiled by the React Compiler, and those rules flag idioms (a "latest
// value" ref assigned during render, an effect that resets state when a prop changes) whose rewrites change
// behaviour: they stay visible as warnings, to be promoted one by one. The two classic rules stay errors.
const hookRules = reactHooks.configs.flat.recommended.rules;
const compilerRulesAsWarnings = Object.fromEntries(
  Object.keys(hookRules)
    .filter((rule) => rule !== "react-hooks/rules-of-hooks" && rule !== "react-hooks/exhaustive-deps")
    .map((rule) => [rule, "warn"]),
);

export default defineConfig([
  globalIgnores([
    ".next/**",
    ".data/**",
    "generated/**",
    "test-results/**",
    "playwright-report/**",
    "coverage/**",
    "next-env.d.ts",
    // Student-facing TypeScript (starters with unused parameters, examples written for reading). tsconfig excludes
    // it too; the content check and the challenge tests are what validate it.
    "content/**",
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // `const { omitted, ...rest } = obj` is how this codebase drops a field.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: globals.node },
  },
  {
    // Benchmarks pass functions to Playwright's page.evaluate: those bodies run in the browser.
    files: ["scripts/bench-web.mjs", "scripts/bench-visual.mjs"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      ...compilerRulesAsWarnings,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    plugins: { boundaries },
    rules: {
      "boundaries/lib-no-ui": "error",
      "boundaries/sim-self-contained": "error",
      "boundaries/client-no-server": "error",
      "boundaries/workers-in-sandbox": "error",
    },
  },
  {
    // The engine's own tests may use the test runner; nothing else.
    files: ["lib/sim/**/*.test.ts"],
    rules: { "boundaries/sim-self-contained": ["error", { allow: ["vitest"] }] },
  },
  {
    // lib/sandbox is the one place that starts workers. Tests may start threads to make load or to host a worker
    // source under Node; they never ship.
    files: ["lib/sandbox/**", ...tests],
    rules: { "boundaries/workers-in-sandbox": "off" },
  },
]);
