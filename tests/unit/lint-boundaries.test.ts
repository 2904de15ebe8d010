// The layer boundaries fail `npm run lint` (and so `npm test`): each case lints a snippet as if it lived at
// `file` with the repository's own eslint.config.js, and expects exactly the boundary errors listed.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function errors(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.severity === 2 ? "error" : "warning"} ${m.ruleId ?? m.message}`);
}

type Case = [what: string, file: string, code: string, expected: string[]];

function cases(rule: string, list: Case[]) {
  describe(rule, () => {
    test.each(list)("%s", async (_what, file, code, expected) => {
      expect(await errors(file, code)).toEqual(expected.map((id) => `error ${id}`));
    });
  });
}

const LIB_NO_UI = "boundaries/lib-no-ui";
cases(LIB_NO_UI, [
  ["lib importing components via @/ fails", "lib/lab/x.ts", `import { Button } from "@/components/ui/button";\nexport const b = Button;\n`, [LIB_NO_UI]],
  ["lib re-exporting components via a relative path fails", "lib/lab/x.ts", `export { Button } from "../../components/ui/button";\n`, [LIB_NO_UI]],
  ["lib dynamically importing app/ fails", "lib/content/x.ts", `export const page = () => import("@/app/page");\n`, [LIB_NO_UI]],
  ["lib importing lib/sim is fine", "lib/lab/x.ts", `import { createScenario } from "@/lib/sim";\nexport const s = createScenario;\n`, []],
  ["components importing components is fine", "components/lab/x.tsx", `import { Button } from "@/components/ui/button";\nexport const b = Button;\n`, []],
]);

const SIM = "boundaries/sim-self-contained";
cases(SIM, [
  ["lib/sim importing a sibling layer relatively fails", "lib/sim/x.ts", `import { parse } from "../lab/design";\nexport const p = parse;\n`, [SIM]],
  ["lib/sim importing a type via @/ from outside fails", "lib/sim/x.ts", `import type { Lesson } from "@/lib/content/lessons";\nexport type L = Lesson;\n`, [SIM]],
  ["lib/sim importing an npm package fails", "lib/sim/x.ts", `import YAML from "yaml";\nexport const y = YAML;\n`, [SIM]],
  ["lib/sim source importing vitest fails", "lib/sim/x.ts", `import { test } from "vitest";\nexport const t = test;\n`, [SIM]],
  ["lib/sim importing itself (relative and @/) is fine", "lib/sim/x.ts", `import { createRng } from "./rng";\nimport type { Message } from "@/lib/sim/types";\nexport const r = createRng;\nexport type M = Message;\n`, []],
  ["lib/sim tests may import vitest", "lib/sim/x.test.ts", `import { expect, test } from "vitest";\ntest("t", () => expect(1).toBe(1));\n`, []],
]);

const CLIENT = "boundaries/client-no-server";
cases(CLIENT, [
  ["a 'use client' file importing lib/server via @/ fails", "components/quiz/x.tsx", `"use client";\nimport { db } from "@/lib/server/db";\nexport const d = db;\n`, [CLIENT]],
  ["a 'use client' file importing lib/server types relatively fails", "components/quiz/x.tsx", `"use client";\nimport type { Attempt } from "../../lib/server/quiz";\nexport type A = Attempt;\n`, [CLIENT]],
  ["a 'use client' file naming a lib/server type inline fails", "components/quiz/x.tsx", `"use client";\nexport type A = import("@/lib/server/quiz").Attempt;\n`, [CLIENT]],
  ["a 'use client' file importing server-only fails", "app/learn/x.tsx", `'use client';\nimport "server-only";\n`, [CLIENT]],
  ["a components/**/use-*.ts hook importing lib/server fails without the directive", "components/ui/use-thing.ts", `import { db } from "@/lib/server/db";\nexport const useThing = () => db;\n`, [CLIENT]],
  ["a server component importing lib/server is fine", "components/quiz/x.tsx", `import { db } from "@/lib/server/db";\nexport const d = db;\n`, []],
  ["a 'use client' file importing lib/api is fine", "components/quiz/x.tsx", `"use client";\nimport { score } from "@/lib/api/quiz";\nexport const s = score;\n`, []],
]);

const WORKERS = "boundaries/workers-in-sandbox";
cases(WORKERS, [
  ["new Worker outside lib/sandbox fails", "lib/runner/x.ts", `export const w = new Worker(new URL("./w.ts", import.meta.url), { type: "module" });\n`, [WORKERS]],
  ["new SharedWorker outside lib/sandbox fails", "components/x.ts", `export const w = new SharedWorker("/w.js");\n`, [WORKERS]],
  ["a worker_threads Worker outside lib/sandbox fails", "lib/grading/x.ts", `import { Worker } from "node:worker_threads";\nexport const w = new Worker("", { eval: true });\n`, [WORKERS]],
  ["a namespaced worker_threads Worker outside lib/sandbox fails", "lib/lab/x.ts", `import wt from "worker_threads";\nexport const w = new wt.Worker("", { eval: true });\n`, [WORKERS]],
  ["lib/sandbox may start worker_threads workers", "lib/sandbox/x.ts", `import { Worker } from "node:worker_threads";\nexport const w = new Worker("", { eval: true });\n`, []],
  ["lib/sandbox may start Web Workers", "lib/sandbox/browser/x.ts", `export const w = new Worker("/sandbox-worker.js");\n`, []],
]);

test("a clean module under the full config has no findings at all", async () => {
  expect(await errors("lib/lab/x.ts", `export const twice = (n: number) => n * 2;\n`)).toEqual([]);
});
