/**
 * The one reply protocol between a host and a sandbox worker. Pure: no DOM, no Worker.
 *
 *   host -> worker   the job, exactly once, right after the worker is created; later messages are ignored
 *   worker -> host   { type: "started" }                 untrusted code starts now: the run budget starts
 *                    { type: "log", lines }              console lines, in order (1..n per message)
 *                    { type: "done", value }             the caller's result; the last message
 *                    { type: "crashed", message }        the worker's own machinery failed; the last message
 *
 * A long-lived worker (the grading pool's) adds { type: "ready" } once booted and tags "done"/"crashed" with the
 * job's `id`. Untrusted code shares the worker's realm, and the lockdown takes `postMessage` from it, but the host
 * still accepts only well-formed messages: a forged one could at worst mislead the student about their own run.
 */

export type ConsoleLevel = "log" | "info" | "warn" | "error";

/** One line (or one multi-line entry) of console output. `system` lines are the runner's own notes. */
export interface ConsoleLine {
  level: ConsoleLevel | "system";
  text: string;
}

export type SandboxReply<R> =
  | { type: "ready" }
  | { type: "started" }
  | { type: "log"; lines: ConsoleLine[] }
  | { type: "done"; value: R; id?: number }
  | { type: "crashed"; message: string; id?: number };

const LEVELS = new Set(["log", "info", "warn", "error", "system"]);

export function isConsoleLine(v: unknown): v is ConsoleLine {
  return typeof v === "object" && v !== null && LEVELS.has((v as ConsoleLine).level) && typeof (v as ConsoleLine).text === "string";
}

/**
 * Validate a worker's message. `parseValue` checks a "done" value and returns it typed, or null to reject it.
 */
export function parseReply<R>(data: unknown, parseValue: (value: unknown) => R | null): SandboxReply<R> | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  const id = typeof m.id === "number" ? { id: m.id } : {};
  switch (m.type) {
    case "ready":
      return { type: "ready" };
    case "started":
      return { type: "started" };
    case "log":
      return Array.isArray(m.lines) && m.lines.every(isConsoleLine) ? { type: "log", lines: m.lines } : null;
    case "done": {
      const value = parseValue(m.value);
      return value === null ? null : { type: "done", value, ...id };
    }
    case "crashed":
      return { type: "crashed", message: typeof m.message === "string" ? m.message : String(m.message), ...id };
    default:
      return null;
  }
}
