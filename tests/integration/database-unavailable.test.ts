import fs from "node:fs";
import path from "node:path";
import { describe, expect, test, vi } from "vitest";
import { freePort } from "../../scripts/postgres.mjs";

/*
 * Every JSON route that touches the database answers 503 with Retry-After and a plain message when the database
 * cannot serve it, never a 500: here a PostgreSQL URL on a port nobody listens on, so every query fails the way a
 * stopped or unreachable server fails (P1001). lib/server/http.ts `clientErrors` does the mapping; each route runs
 * its whole body inside it. A new route file under app/api fails the last test until it is listed here.
 */
process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${await freePort()}/unreachable`;
process.env.AUTH_SECRET ??= "integration-test-secret";

vi.mock("@/lib/server/session", () => ({ currentUserId: async () => "student-1" }));

const { listLessons } = await import("@/lib/content/lessons");
const { listChallengeIds } = await import("@/lib/content/challenges");
const { loadQuiz } = await import("@/lib/server/quizzes");
const { loadTemplate } = await import("@/lib/lab");

// Real course content: a lesson with a quiz, a challenge, answers the quiz accepts as well-formed.
const lesson = listLessons().find((l) => loadQuiz(l.slug))!.slug;
const quiz = loadQuiz(lesson)!;
const question = quiz.questions[0];
const answer = question.kind === "ordering" ? question.items.map((i) => i.id) : question.kind === "multiple" ? [question.choices[0].id] : question.choices[0].id;
const challenge = listChallengeIds()[0];
const design = loadTemplate("video-upload");

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Record<string, Handler>;
const json = (method: string, body: unknown) => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Each route file under app/api that reaches the database, with a well-formed request for every method. */
const DATABASE_ROUTES: Record<string, { load: () => Promise<unknown>; params?: Record<string, string>; calls: Record<string, RequestInit> }> = {
  "progress/route.ts": { load: () => import("@/app/api/progress/route"), calls: { GET: {} } },
  "progress/steps/route.ts": { load: () => import("@/app/api/progress/steps/route"), calls: { POST: json("POST", { lessonSlug: lesson, stepId: "why" }) } },
  "progress/merge/route.ts": { load: () => import("@/app/api/progress/merge/route"), calls: { POST: json("POST", { progress: { [lesson]: ["why"] } }) } },
  "lab/designs/route.ts": { load: () => import("@/app/api/lab/designs/route"), calls: { GET: {}, POST: json("POST", { name: "Mine", design }) } },
  "lab/designs/[id]/route.ts": {
    load: () => import("@/app/api/lab/designs/[id]/route"),
    params: { id: "d1" },
    calls: { GET: {}, PUT: json("PUT", { name: "Renamed" }), DELETE: { method: "DELETE" } },
  },
  "challenges/[id]/submissions/route.ts": {
    load: () => import("@/app/api/challenges/[id]/submissions/route"),
    params: { id: "task-queue" },
    calls: { POST: json("POST", { code: "export class TaskQueue {}" }) },
  },
  "submissions/[id]/route.ts": { load: () => import("@/app/api/submissions/[id]/route"), params: { id: "s1" }, calls: { GET: {} } },
  "quizzes/[id]/attempts/route.ts": {
    load: () => import("@/app/api/quizzes/[id]/attempts/route"),
    params: { id: quiz.id },
    calls: { POST: json("POST", { answers: { [question.id]: answer } }) },
  },
  "challenges/[id]/draft/route.ts": {
    load: () => import("@/app/api/challenges/[id]/draft/route"),
    params: { id: challenge },
    calls: { GET: {}, PUT: json("PUT", { code: "export {}" }), DELETE: { method: "DELETE" } },
  },
  "challenges/[id]/solution/route.ts": { load: () => import("@/app/api/challenges/[id]/solution/route"), params: { id: challenge }, calls: { GET: {} } },
};

/** Route files that do not go through this check, and why. */
const NOT_CHECKED_HERE: Record<string, string> = {
  "auth/[...nextauth]/route.ts": "Auth.js's own handlers: a failed sign-in returns to the form",
  "dev/content-version/route.ts": "no database",
  "health/route.ts": "reports the database itself: 503 with its own body",
};

function routeFiles(dir = path.resolve("app/api"), prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name === "route.ts" ? [`${prefix}${e.name}`] : []));
}

const cases = Object.entries(DATABASE_ROUTES).flatMap(([file, r]) => Object.entries(r.calls).map(([method, init]) => [method, file, init, r] as const));

describe("the database is unreachable", () => {
  test.each(cases)("%s app/api/%s answers 503 with Retry-After", async (method, file, init, route) => {
    const handler = ((await route.load()) as RouteModule)[method];
    const res = await handler(new Request(`http://test/api/${path.dirname(file)}`, { method, ...init }), { params: Promise.resolve(route.params ?? {}) });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: "the database is busy or unreachable right now: try again in a few seconds" });
  });

  test("every route file under app/api is either checked above or listed with a reason", () => {
    const unlisted = routeFiles().filter((f) => !(f in DATABASE_ROUTES) && !(f in NOT_CHECKED_HERE));
    expect(unlisted, "add these to DATABASE_ROUTES (or NOT_CHECKED_HERE with a reason)").toEqual([]);
  });
});
