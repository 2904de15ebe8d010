import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
// @ts-expect-error: plain ESM script shared with npm start
import { PEER_HEADER as SERVER_PEER_HEADER, stampPeer } from "../../scripts/server.mjs";
import { PEER_HEADER } from "@/lib/server/client-address";

/*
 * scripts/server.mjs stamps every request with the connection's address before Next sees it. A real node:http
 * server with the same stamp, real sockets from chosen local addresses, and a client that forges the header.
 */
let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    stampPeer(req);
    res.end(JSON.stringify(req.headers[PEER_HEADER] ?? null));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** GET from `localAddress`, sending `forged` as raw header lines (so a header can appear twice). */
function get(localAddress: string, forged: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Raw header lines: Node adds no Host header to those, and HTTP/1.1 requires one.
    const headers = ["host", `127.0.0.1:${port}`, ...forged.flatMap((v) => [PEER_HEADER, v])];
    const req = http.request({ host: "127.0.0.1", port, localAddress, headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

test("the server and lib/server agree on the header's name", () => {
  expect(SERVER_PEER_HEADER).toBe(PEER_HEADER);
});

test("a client-sent peer header, once or twice, is replaced by the socket's address", async () => {
  expect(await get("127.0.0.6", [])).toBe("127.0.0.6");
  expect(await get("127.0.0.6", ["203.0.113.1"])).toBe("127.0.0.6");
  expect(await get("127.0.0.7", ["203.0.113.1", "203.0.113.2"])).toBe("127.0.0.7");
});
