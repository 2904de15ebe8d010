// `npm start`: generate the auth secret if needed, migrate the database, build if sources changed, serve.
// `npm run dev`: the same but in development mode (hot reload, content errors shown in the page).
// Both serve through scripts/server.mjs (Next behind a server that records each connection's address); PORT picks the
// port (default 3000), HOSTNAME the interface (default: all).
import path from "node:path";
import { buildIfNeeded, ensureAuthSecret, migrate, root, run } from "./lib.mjs";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";

ensureAuthSecret();
await migrate();
if (!dev) await buildIfNeeded();
console.log(`Decoupled ${dev ? "(development) " : ""}on http://localhost:${port}`);
process.exit(await run(process.execPath, [path.join(root, "scripts", "server.mjs"), ...(dev ? ["--dev"] : [])], { env: { ...process.env, PORT: port } }));
