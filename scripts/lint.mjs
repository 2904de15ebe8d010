// ESLint over the repository as `npm test` counts it: one check per layer boundary of docs/architecture.md and one
// for every other rule, so the closing `N passed, N failed` line says which boundary broke. `npm run lint` is plain
// `eslint .` with the same config; `node scripts/lint.mjs` prints this count on its own.
import { pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { root } from "./lib.mjs";

export const BOUNDARY_RULES = [
  "boundaries/lib-no-ui",
  "boundaries/sim-self-contained",
  "boundaries/client-no-server",
  "boundaries/workers-in-sandbox",
];
const OTHER = "every other rule";

/** Lints the repository, prints its errors and a count of warnings, and returns `{ passed, failed, note? }` over the five checks. */
export async function lintSuite() {
  const eslint = new ESLint({ cwd: root });
  let results;
  try {
    results = await eslint.lintFiles(["."]);
  } catch (err) {
    console.error(err);
    return { passed: 0, failed: 1, note: "ESLint could not run" };
  }
  // Errors in full; warnings (advisory React Compiler diagnostics) as a count, so the suite's log stays readable.
  const report = await (await eslint.loadFormatter("stylish")).format(ESLint.getErrorResults(results));
  if (report) console.log(report);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (warnings) console.log(`ESLint: ${warnings} warning${warnings === 1 ? "" : "s"} (advisory; \`npm run lint\` lists them)`);

  const errors = new Map([...BOUNDARY_RULES, OTHER].map((check) => [check, 0]));
  for (const { messages } of results) {
    for (const m of messages) {
      if (m.severity !== 2) continue; // warnings are advisory; parse failures arrive as severity-2 messages
      const check = BOUNDARY_RULES.includes(m.ruleId) ? m.ruleId : OTHER;
      errors.set(check, errors.get(check) + 1);
    }
  }
  const failing = [...errors].filter(([, n]) => n > 0);
  return {
    passed: errors.size - failing.length,
    failed: failing.length,
    note: failing.length ? failing.map(([check, n]) => `${check}: ${n} error${n === 1 ? "" : "s"}`).join("; ") : undefined,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await lintSuite();
  if (r.note) console.log(r.note);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exit(r.failed ? 1 : 0);
}
