// How the app is served: `npm start`, `npm run dev` (scripts/start.mjs) and the e2e server (scripts/e2e-server.mjs)
// all run this file. It is Next's own request handler (the custom-server API: node_modules/next/dist/docs/01-app/
// 02-guides/custom-server.md, next 16.4) behind a node:http server of ours, for one reason: every request must carry
// the address of the TCP peer in a header no client can set. `next start` alone cannot say who connected: it keeps
// a client-sent X-Forwarded-For. lib/server/client-address.ts reads this header, and believes X-Forwarded-For only
// when the peer is a proxy that TRUSTED_PROXY names.
//
//   node scripts/server.mjs [--dev]     PORT (default 3000); HOSTNAME (default: every interface)
//
// No migration, build or secret here: scripts/start.mjs and scripts/e2e-server.mjs do those first.
import http from "node:http";
import path from "node:path";
import { root } from "./lib.mjs";

/** Must match PEER_HEADER in lib/server/client-address.ts. */
export const PEER_HEADER = "x-decoupled-peer";

/** Replace whatever the client sent as {@link PEER_HEADER} (any number of times) with the connection's address. */
export function stampPeer(req) {
  delete req.headers[PEER_HEADER];
  const address = req.socket.remoteAddress;
  if (address) req.headers[PEER_HEADER] = address;
}

/** Start the app on `port` (and `hostname`, or every interface); resolves with the listening node:http server. */
export async function serve({ dev = false, port = 3000, hostname } = {}) {
  // As `next dev` / `next start` do; Next reads it while loading, so it is set before the import.
  process.env.NODE_ENV = dev ? "development" : "production";
  const { default: next } = await import("next");
  const server = http.createServer();
  const app = next({ dev, dir: root, hostname: hostname ?? "localhost", port, httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();

  server.on("request", (req, res) => {
    stampPeer(req);
    handle(req, res).catch((e) => {
      console.error(e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    });
  });
  // Next adds its own upgrade listener (dev's hot-reload socket) on the first request; this one runs before it.
  server.on("upgrade", (req) => stampPeer(req));

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });

  let closing = false;
  const shutdown = (signal) => {
    if (closing) return;
    closing = true;
    // Finish the requests in flight (dev: drop them, as `next dev` does), then let Next clean up.
    server.close(() => void app.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143)));
    if (dev) server.closeAllConnections();
    else server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  return server;
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  const dev = process.argv.includes("--dev");
  const port = Number.parseInt(process.env.PORT ?? "3000", 10);
  const hostname = process.env.HOSTNAME || undefined;
  if (!(port >= 0 && port < 65536)) {
    console.error(`PORT must be a port number, got "${process.env.PORT}"`);
    process.exit(1);
  }
  try {
    await serve({ dev, port, hostname });
  } catch (e) {
    console.error(e.code === "EADDRINUSE" ? `Port ${port} is already in use (set PORT to another one).` : e);
    process.exit(1);
  }
  console.log(`> Ready on http://${hostname ?? "localhost"}:${port}${dev ? " (development)" : ""}`);
}
