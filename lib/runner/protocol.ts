/*
 * The code runner's contract: its limits, the worker's answer and how a run is described to the student. Pure: no
 * DOM, no Worker; imported by the worker, the host and the unit tests. Messages travel in lib/sandbox's protocol:
 *
 *   host -> worker   { code, fileName, limits }                        the job (RunJob)
 *   worker -> host   started                                           TypeScript stripped; student code starts now
 *                    log { lines }                                     console lines, in order, as they are printed
 *                    done { value: RunAnswer }                         compile error, or how the program ended
 */
import type { ConsoleLevel, ConsoleLine } from "@/lib/sandbox/protocol";

export type { ConsoleLevel, ConsoleLine };

export interface OutputLimits {
  /** Console entries shown per run; later ones are counted but dropped. */
  maxLines: number;
  /** Characters (UTF-16 code units, roughly bytes for ASCII) shown per run. */
  maxChars: number;
  /** Characters kept of one entry, so one giant string cannot take the whole budget in a single line. */
  maxLineChars: number;
}

export const DEFAULT_LIMITS: OutputLimits = { maxLines: 1000, maxChars: 100_000, maxLineChars: 10_000 };

/** Wall-clock budget for student code, in milliseconds, counted from "compiled". */
export const DEFAULT_TIMEOUT_MS = 3000;

/**
 * Time allowed for a fresh worker to load its script and sucrase and compile the code, in milliseconds. Generous:
 * a cold load on a slow phone is slow, and a stuck compile is our bug rather than the student's loop.
 */
export const BOOT_TIMEOUT_MS = 15_000;

/** Where an error points in the student's file (1-based line and column). */
export interface SourcePosition {
  line: number;
  column?: number;
}

export interface CompileError extends Partial<SourcePosition> {
  message: string;
}

export interface RuntimeError extends Partial<SourcePosition> {
  /** "TypeError: x is not a function" */
  message: string;
}

export interface RunJob {
  code: string;
  fileName: string;
  limits: OutputLimits;
}

/** The worker's "done" value: nothing ran (compile-error), or the program finished or threw. */
export type RunAnswer =
  | { status: "compile-error"; error: CompileError }
  | { status: "ok" | "error"; durationMs: number; error?: RuntimeError };

/**
 * How a run ended, as the page reports it:
 * ok            the program finished (no pending timers, top-level code settled)
 * error         an uncaught exception or rejected promise ended it
 * compile-error TypeScript could not be parsed; nothing ran
 * timeout       the host terminated it at the time limit
 * stopped       the student pressed Stop
 * crashed       the worker itself failed (could not load, or died without a word)
 */
export type RunStatus = "ok" | "error" | "compile-error" | "timeout" | "stopped" | "crashed";

export interface RunResult {
  status: RunStatus;
  /** Time the student's code ran, in milliseconds (null when it never started). */
  durationMs: number | null;
  /** Where the compile or runtime error points, if known. */
  error?: CompileError | RuntimeError;
  /** The time limit that applied, in milliseconds. */
  timeoutMs: number;
}

function isPositionedMessage(v: unknown): v is CompileError {
  if (typeof v !== "object" || v === null) return false;
  const e = v as CompileError;
  return typeof e.message === "string" && (e.line === undefined || Number.isInteger(e.line)) && (e.column === undefined || Number.isInteger(e.column));
}

export function parseRunJob(data: unknown): RunJob | null {
  const j = data as RunJob;
  return typeof j === "object" && j !== null && typeof j.code === "string" && typeof j.fileName === "string" && typeof j.limits === "object" && j.limits !== null ? j : null;
}

/** Validate the worker's "done" value (student code shares the worker's realm; see lib/sandbox/protocol.ts). */
export function parseRunAnswer(v: unknown): RunAnswer | null {
  if (typeof v !== "object" || v === null) return null;
  const m = v as Record<string, unknown>;
  if (m.status === "compile-error") return isPositionedMessage(m.error) ? { status: "compile-error", error: m.error } : null;
  if ((m.status !== "ok" && m.status !== "error") || typeof m.durationMs !== "number") return null;
  if (m.error !== undefined && !isPositionedMessage(m.error)) return null;
  return { status: m.status, durationMs: m.durationMs, ...(m.error ? { error: m.error as RuntimeError } : {}) };
}

/** "12 ms", "1.4 s": how long a run took, for the status line. */
export function formatDuration(ms: number): string {
  if (ms < 1) return "under 1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

function where(pos: Partial<SourcePosition> | undefined): string {
  if (!pos?.line) return "";
  return pos.column ? ` (line ${pos.line}, column ${pos.column})` : ` (line ${pos.line})`;
}

/** The one-sentence outcome of a run, shown in the status line and at the end of the console. */
export function describeResult(r: RunResult): string {
  const secs = `${r.timeoutMs / 1000} s`;
  switch (r.status) {
    case "ok":
      return `Finished in ${formatDuration(r.durationMs ?? 0)}.`;
    case "error":
      return `Stopped by an uncaught error${where(r.error)} after ${formatDuration(r.durationMs ?? 0)}.`;
    case "compile-error":
      return `Did not run: the code has a syntax error${where(r.error)}.`;
    case "timeout":
      return `Stopped: your code ran longer than ${secs} (infinite loop?)`;
    case "stopped":
      return `Stopped by you${r.durationMs !== null ? ` after ${formatDuration(r.durationMs)}` : ""}.`;
    case "crashed":
      return `The runner failed${r.error ? `: ${r.error.message}` : ""}. Run again to retry.`;
  }
}
