import { afterEach, describe, expect, test, vi } from "vitest";
import { addressKey, clientAddress, normalizeAddress, parseTrustedProxies, PEER_HEADER } from "./client-address";

const request = (peer: string | null, forwardedFor?: string) => {
  const h = new Headers();
  if (peer !== null) h.set(PEER_HEADER, peer);
  if (forwardedFor !== undefined) h.set("x-forwarded-for", forwardedFor);
  return h;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("normalizeAddress", () => {
  test.each([
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["::FFFF:7f00:1", "127.0.0.1"],
    ["0:0:0:0:0:ffff:10.0.0.1", "10.0.0.1"],
    [" 10.0.0.7 ", "10.0.0.7"],
    ["198.51.100.7:5678", "198.51.100.7"],
    ["[2001:DB8:0:0::1]:443", "2001:db8::1"],
    ["[::1]", "::1"],
    ["2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::", "::"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  test.each(["", "unknown", "1.2.3", "999.1.1.1", "2001:db8:::1", "example.org", "1.2.3.4/8"])("%j is not an address", (raw) => {
    expect(normalizeAddress(raw)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  test("unset, empty, false and 0 trust nothing; * and true trust any peer", () => {
    for (const v of [undefined, "", "  ", "false", "0"]) expect(parseTrustedProxies(v).kind).toBe("none");
    for (const v of ["*", "true", "TRUE"]) expect(parseTrustedProxies(v).kind).toBe("any");
  });

  test("a list of addresses and CIDR ranges, IPv4 and IPv6", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, 192.0.2.1,fd00::/8, ::ffff:198.51.100.1");
    if (trust.kind !== "list") throw new Error("expected a list");
    for (const a of ["10.255.0.3", "192.0.2.1", "fd12::1", "198.51.100.1"]) expect(trust.has(a), a).toBe(true);
    for (const a of ["11.0.0.1", "192.0.2.2", "fe80::1", "2001:db8::1"]) expect(trust.has(a), a).toBe(false);
  });

  test.each(["10.0.0.300", "10.0.0.0/33", "fd00::/129", "proxy.example", "10.0.0.0/8/1", "10.0.0.0/x"])("%j is refused with a message naming it", (v) => {
    expect(() => parseTrustedProxies(v)).toThrow(new RegExp(`TRUSTED_PROXY: "${v.replace(/[.*/]/g, "\\$&")}"`));
  });
});

describe("clientAddress", () => {
  test("without TRUSTED_PROXY the socket's address counts and X-Forwarded-For is ignored", () => {
    expect(clientAddress(request("::ffff:203.0.113.9", "6.6.6.6"), undefined)).toBe("203.0.113.9");
    expect(clientAddress(request("2001:db8::7", "6.6.6.6, 7.7.7.7"), "")).toBe("2001:db8::7");
  });

  test("without the peer header (plain `next start`) the address is unknown, logged once", async () => {
    vi.resetModules();
    const fresh = await import("./client-address");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(fresh.clientAddress(request(null, "6.6.6.6"), undefined)).toBeNull();
    expect(fresh.clientAddress(request(null, "7.7.7.7"), undefined)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/scripts\/server\.mjs/);
  });

  test("TRUSTED_PROXY=*: the rightmost X-Forwarded-For entry, else the peer", () => {
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 198.51.100.7"), "*")).toBe("198.51.100.7");
    expect(clientAddress(request("10.0.0.2", "::ffff:198.51.100.7"), "true")).toBe("198.51.100.7");
    expect(clientAddress(request("10.0.0.2"), "*")).toBe("10.0.0.2");
    // What the proxy wrote is not an address: nothing to believe, so the proxy itself is the client (fails closed).
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, unknown"), "*")).toBe("10.0.0.2");
  });

  test("TRUSTED_PROXY list: a listed peer's header is walked right to left past listed proxies; an unlisted peer is the client", () => {
    const trusted = "10.0.0.0/8, 192.0.2.1";
    // The client prepended 6.6.6.6; the edge proxy appended the real 198.51.100.7; 192.0.2.1 and 10.1.2.3 are our hops.
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 198.51.100.7, 192.0.2.1, 10.1.2.3"), trusted)).toBe("198.51.100.7");
    expect(clientAddress(request("::ffff:10.0.0.2", "198.51.100.7"), trusted)).toBe("198.51.100.7");
    expect(clientAddress(request("203.0.113.5", "198.51.100.7"), trusted)).toBe("203.0.113.5");
    // Every hop is one of ours: the leftmost is as far as we can see.
    expect(clientAddress(request("10.0.0.2", "10.0.0.9, 10.0.0.8"), trusted)).toBe("10.0.0.9");
    expect(clientAddress(request("10.0.0.2"), trusted)).toBe("10.0.0.2");
    expect(clientAddress(request("fd00::1", "2001:db8::5"), "fd00::/8")).toBe("2001:db8::5");
    // Without the peer header a list cannot be checked: unknown.
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(clientAddress(request(null, "198.51.100.7"), trusted)).toBeNull();
  });

  test("a bad TRUSTED_PROXY trusts no header (and says so once) instead of failing every request", async () => {
    vi.resetModules();
    const fresh = await import("./client-address");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(fresh.clientAddress(request("10.0.0.2", "198.51.100.7"), "10.0.0.2, proxy.internal")).toBe("10.0.0.2");
    expect(fresh.clientAddress(request("10.0.0.2", "198.51.100.7"), "10.0.0.2, proxy.internal")).toBe("10.0.0.2");
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toMatch(/proxy\.internal/);
  });
});

describe("addressKey", () => {
  test("IPv4 per address, IPv6 per /64, unknown as one shared key", () => {
    expect(addressKey("198.51.100.7")).toBe("ip:198.51.100.7");
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("ip:2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:ffff::1")).toBe(addressKey("2001:db8:1:2::9"));
    expect(addressKey("2001:db8:1:3::9")).not.toBe(addressKey("2001:db8:1:2::9"));
    expect(addressKey(null)).toBe("ip:unknown");
  });
});
