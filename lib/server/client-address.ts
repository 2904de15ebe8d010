import "server-only";
import net from "node:net";

/*
 * Who is asking, for limits keyed by address (guests). The rule: a proxy header is believed only when TRUSTED_PROXY
 * says the connection comes from a proxy; otherwise the address is the TCP peer's.
 *
 * Next's own server cannot tell us the peer: `next start` keeps a client-sent X-Forwarded-For and only fills it when
 * absent (next/dist/server/base-server.js, `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a guest who
 * sends a new value per request gets a new allowance each time. scripts/server.mjs therefore deletes any client-sent
 * {@link PEER_HEADER} and writes the socket's address into it on every request; this module reads only that, plus
 * X-Forwarded-For when the peer is a trusted proxy.
 *
 * TRUSTED_PROXY (unset: trust no header):
 *   `*` or `true`                         the peer is always a proxy (one hop): the rightmost X-Forwarded-For entry
 *   `10.0.0.5, 10.1.0.0/16, fd00::/8`     the peer is a proxy when it is listed (addresses or CIDR ranges); the client
 *                                         is the rightmost X-Forwarded-For entry that is not itself a listed proxy
 * A listed proxy's X-Forwarded-For is believed only as far as proxies we trust wrote it: the walk goes right to left
 * and stops at the first address no trusted proxy vouches for, so anything a client prepends is ignored.
 */

/** Set by scripts/server.mjs to the connection's remote address; a client-sent value is deleted first. */
export const PEER_HEADER = "x-decoupled-peer";

export type TrustedProxies = { kind: "none" } | { kind: "any" } | { kind: "list"; has: (address: string) => boolean };

/**
 * Parse TRUSTED_PROXY. Unset, empty, `false` or `0` trusts nothing; `*` or `true` trusts whatever peer connects; else a
 * comma-separated list of addresses and CIDR ranges. Throws a plain message naming an entry it cannot read.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || /^(false|0)$/i.test(text)) return { kind: "none" };
  if (text === "*" || /^true$/i.test(text)) return { kind: "any" };
  const list = new net.BlockList();
  for (const raw of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits, extra] = raw.split("/");
    const address = normalizeAddress(addr);
    const family = address && net.isIPv4(address) ? "ipv4" : "ipv6";
    const max = family === "ipv4" ? 32 : 128;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!address || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      throw new Error(`TRUSTED_PROXY: "${raw}" is not an IP address or CIDR range (expected e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8, * )`);
    }
    list.addSubnet(address, prefix, family);
  }
  return { kind: "list", has: (address) => list.check(address, net.isIPv4(address) ? "ipv4" : "ipv6") };
}

/**
 * One address in a canonical form, or null when it is not an IP address: surrounding spaces, a port
 * (`1.2.3.4:5678`, `[::1]:443`), brackets and an IPv6 zone are dropped; IPv4-mapped IPv6 (`::ffff:1.2.3.4`, as Node
 * reports IPv4 peers on a dual-stack socket) becomes plain IPv4; IPv6 is lower-case and compressed (RFC 5952), so
 * one client never gets two keys from two spellings.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let s = raw?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.toLowerCase().replace(/%.*$/, "");
  if (net.isIPv4(s)) return s;
  const groups = ipv6Groups(s);
  if (!groups) return null;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join(".");
  }
  return formatIPv6(groups);
}

/** The eight 16-bit groups of an IPv6 address, or null if it is not one. */
export function ipv6Groups(s: string): number[] | null {
  if (!net.isIPv6(s)) return null;
  let head = s;
  const tail: number[] = [];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    head = s.slice(0, v4.index);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const hex = (part: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const [left, right] = head.split("::");
  const groups = right === undefined ? hex(left) : [...hex(left), ...Array<number>(8 - tail.length - hex(left).length - hex(right).length).fill(0), ...hex(right)];
  return [...groups, ...tail];
}

/** RFC 5952 text for eight groups: lower-case hex, the longest run of two or more zero groups as `::`. */
export function formatIPv6(groups: number[]): string {
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const text = groups.map((g) => g.toString(16));
  if (best.at < 0) return text.join(":");
  return `${text.slice(0, best.at).join(":")}::${text.slice(best.at + best.len).join(":")}`;
}

let warnedNoPeer = false;
let warnedConfig = false;

/**
 * The client's address for this request, or null when it cannot be known. Null happens when the app was started
 * without scripts/server.mjs (plain `next start`): then every guest shares one key, which fails closed (one budget
 * for all guests) rather than open (a budget per forged header); it is logged once.
 */
export function clientAddress(headers: Headers, trustedProxy: string | undefined = process.env.TRUSTED_PROXY): string | null {
  let trust: TrustedProxies;
  try {
    trust = parseTrustedProxies(trustedProxy);
  } catch (e) {
    // A bad setting must not turn every guest request into a 500: trust nothing and say why, once.
    if (!warnedConfig) console.error(`${(e as Error).message}; trusting no proxy header until it is fixed.`);
    warnedConfig = true;
    trust = { kind: "none" };
  }
  const peer = normalizeAddress(headers.get(PEER_HEADER));
  if (!peer && !warnedNoPeer) {
    warnedNoPeer = true;
    console.warn(`No ${PEER_HEADER} header: the app was not started through scripts/server.mjs (npm start), so guests' addresses are unknown and they share one rate limit.`);
  }
  if (trust.kind === "none") return peer;
  // With a list, an unknown peer cannot be checked against it.
  if (trust.kind === "list" && (!peer || !trust.has(peer))) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  let client: string | null = null;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    // Garbage where a trusted proxy should have written an address: no proxy vouches for anything further left.
    if (!hop) break;
    client = hop;
    if (trust.kind === "any" || !trust.has(hop)) break;
  }
  return client ?? peer;
}

/**
 * The key an address is limited under. An IPv6 client usually holds a whole /64 and can pick a new address in it per
 * request, so IPv6 addresses count per /64; IPv4 addresses count one by one.
 */
export function addressKey(address: string | null): string {
  if (!address) return "ip:unknown";
  const groups = net.isIPv6(address) ? ipv6Groups(address) : null;
  if (!groups) return `ip:${address}`;
  return `ip:${formatIPv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}
