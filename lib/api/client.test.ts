import { afterEach, describe, expect, test, vi } from "vitest";
import { submissionResponseSchema } from "./challenges";
import { requestJson } from "./client";
import { mergeProgressRequestSchema } from "./progress";

function serve(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: RequestInit[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      calls.push(init);
      return new Response(body === undefined ? null : JSON.stringify(body), { status, headers });
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

const VERDICT = { status: "failed", passed: 0, total: 1, durationMs: 3, tests: [{ name: "t", passed: false }], stepCompleted: false, solutionUnlocked: false, failedSubmissions: 1, hasPassed: false };

describe("requestJson", () => {
  test("sends `json` as a JSON body and returns the reply the schema accepts", async () => {
    const calls = serve(200, VERDICT);
    const r = await requestJson("/x", { method: "POST", json: { code: "x" } }, submissionResponseSchema);
    expect(r).toEqual({ ok: true, status: 200, data: VERDICT });
    expect(calls[0]).toMatchObject({ method: "POST", body: '{"code":"x"}', headers: { "content-type": "application/json" } });
  });

  test("a reply the schema rejects is an error, not data", async () => {
    serve(200, { ...VERDICT, status: "great" });
    expect(await requestJson("/x", {}, submissionResponseSchema)).toMatchObject({ ok: false, status: 200, error: "the server's reply was not understood" });
  });

  test("an error reply keeps the server's message, its problems and Retry-After", async () => {
    serve(429, { error: "slow down", problems: ["a", 1] }, { "Retry-After": "7" });
    expect(await requestJson("/x")).toMatchObject({ ok: false, status: 429, error: "slow down", problems: ["a"], retryAfter: "7" });
    serve(502, "<html>");
    expect(await requestJson("/x")).toMatchObject({ ok: false, status: 502, error: "HTTP 502" });
  });

  test("204 reads as no data", async () => {
    serve(204, undefined);
    expect(await requestJson("/x", { method: "DELETE" })).toEqual({ ok: true, status: 204, data: undefined });
  });
});

test("request schemas refuse what a route must not accept", () => {
  expect(mergeProgressRequestSchema.safeParse({ progress: {}, userId: "someone" }).success).toBe(false);
  expect(mergeProgressRequestSchema.parse({ progress: { alpha: ["why"] } })).toEqual({ progress: { alpha: ["why"] }, receipts: [] });
});
