import { beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { signToken, verifyToken } from "./signed-token";

const claims = z.object({ n: z.number() });
const DAY = 24 * 3600 * 1000;

beforeAll(() => {
  process.env.AUTH_SECRET ??= "unit-test-secret";
});

describe("signed tokens", () => {
  test("a token verifies as its own kind and never as another", () => {
    const token = signToken("receipt", { n: 1 });
    expect(verifyToken("receipt", token, claims, { maxChars: 2048 })).toEqual({ n: 1 });
    expect(verifyToken("quiz-progress", token, claims, { maxChars: 2048 })).toBeNull();
    expect(verifyToken("challenge-attempts", token, claims, { maxChars: 2048 })).toBeNull();
  });

  test("an edited payload, a made-up signature, extra parts or an oversized string count for nothing", () => {
    const [payload, mac] = signToken("receipt", { n: 1 }).split(".");
    const edited = Buffer.from(JSON.stringify({ n: 2, iat: Date.now() })).toString("base64url");
    for (const forged of [`${edited}.${mac}`, `${payload}.${"A".repeat(mac.length)}`, payload, `${payload}.${mac}.x`]) {
      expect(verifyToken("receipt", forged, claims, { maxChars: 2048 }), forged).toBeNull();
    }
    expect(verifyToken("receipt", `${payload}.${mac}`, claims, { maxChars: 10 })).toBeNull();
    expect(verifyToken("receipt", 42, claims, { maxChars: 2048 })).toBeNull();
  });

  test("claims of the wrong shape are refused even with a valid signature", () => {
    expect(verifyToken("receipt", signToken("receipt", { n: "one" }), claims, { maxChars: 2048 })).toBeNull();
  });

  test("expiry is measured from iat on the caller's clock, with a minute of tolerance for clocks ahead", () => {
    const issued = 1_000 * DAY;
    const token = signToken("quiz-progress", { n: 1 }, issued);
    const opts = { maxChars: 2048, maxAgeMs: 90 * DAY };
    expect(verifyToken("quiz-progress", token, claims, { ...opts, now: issued + 90 * DAY })).toEqual({ n: 1 });
    expect(verifyToken("quiz-progress", token, claims, { ...opts, now: issued + 90 * DAY + 1 })).toBeNull();
    expect(verifyToken("quiz-progress", token, claims, { ...opts, now: issued - 60_000 })).toEqual({ n: 1 });
    expect(verifyToken("quiz-progress", token, claims, { ...opts, now: issued - 60_001 })).toBeNull();
    // Without maxAgeMs a token does not expire (guests' attempt records).
    expect(verifyToken("quiz-progress", token, claims, { maxChars: 2048, now: issued + 1000 * DAY })).toEqual({ n: 1 });
  });
});
