// The app as the e2e tests see it: production build served by scripts/server.mjs (as `npm start` does), a fresh
// throwaway SQLite database, a test-only secret.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded, migrate, root, run } from "./lib.mjs";

const port = process.env.E2E_PORT ?? "3100";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "decoupled-e2e-"));
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-not-used-anywhere-else-0123456789",
  AUTH_TRUST_HOST: "true",
  NODE_ENV: "production",
};
delete env.AUTH_GITHUB_ID;
delete env.AUTH_GITHUB_SECRET;
delete env.TRUSTED_PROXY; // the tests expect the socket address to count

await migrate(env);
await buildIfNeeded(env);
const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
process.on("SIGTERM", () => { cleanup(); process.exit(0); });
process.on("SIGINT", () => { cleanup(); process.exit(0); });
const code = await run(process.execPath, [path.join(root, "scripts", "server.mjs")], { env: { ...env, PORT: port, HOSTNAME: "127.0.0.1" } });
cleanup();
process.exit(code);
