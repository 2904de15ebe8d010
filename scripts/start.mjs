// `npm start`: generate the auth secret if needed, migrate the database, build if sources changed, serve.
// `npm run dev`: the same but with `next dev` (hot reload, content errors shown in the page).
import { bin, buildIfNeeded, ensureAuthSecret, migrate, run } from "./lib.mjs";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";

ensureAuthSecret();
await migrate();
if (!dev) await buildIfNeeded();
console.log(`Decoupled ${dev ? "(development) " : ""}on http://localhost:${port}`);
process.exit(await run(bin("next"), [dev ? "dev" : "start", "-p", port]));
