"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { DEFAULT_TIMEOUT_MS, describeResult, type ConsoleLine, type RunResult } from "@/lib/runner/protocol";
import { runCode } from "@/lib/runner/run-code";

export interface CodeRunner {
  lines: readonly ConsoleLine[];
  result: RunResult | null;
  running: boolean;
  /** Run `code` in a fresh worker (stopping a run still going first); resolves with how it ended. */
  run(code: string): Promise<RunResult>;
  /** Stop the current run (terminates its worker). */
  stop(): void;
  /** Empty the console and forget the last result. */
  clear(): void;
}

/** The console's last word for endings that printed nothing about themselves (uncaught errors already did). */
function closingLine(r: RunResult): ConsoleLine | null {
  switch (r.status) {
    case "compile-error": {
      const e = r.error;
      const at = e?.line ? ` at line ${e.line}${e.column ? `, column ${e.column}` : ""}` : "";
      return { level: "error", text: `Syntax error${at}: ${e?.message ?? "the code could not be parsed"}` };
    }
    case "timeout":
    case "stopped":
    case "crashed":
      return { level: "system", text: describeResult(r) };
    default:
      return null;
  }
}

/** Console state for running code with lib/runner: one run at a time, output streamed into `lines`. */
export function useCodeRunner({ fileName, timeoutMs = DEFAULT_TIMEOUT_MS }: { fileName: string; timeoutMs?: number }): CodeRunner {
  const [lines, setLines] = useState<ConsoleLine[]>([]);
  const [result, setResult] = useState<RunResult | null>(null);
  const [running, setRunning] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const currentRef = useRef<Promise<unknown> | null>(null);
  // Lines arrive one message per console call; they are shown once per animation frame, so a chatty program costs
  // one render per frame instead of one per line.
  const pendingLines = useRef<ConsoleLine[]>([]);
  const frame = useRef<number | null>(null);
  const flushLines = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    const batch = pendingLines.current;
    pendingLines.current = [];
    if (batch.length) setLines((prev) => prev.concat(batch));
  }, []);

  // Leaving the page (or unmounting the widget) must not leave a worker spinning.
  useEffect(() => () => abortRef.current?.abort(), []);

  const run = useCallback(
    async (code: string) => {
      if (abortRef.current) {
        abortRef.current.abort();
        await currentRef.current;
      }
      const controller = new AbortController();
      abortRef.current = controller;
      pendingLines.current = [];
      setLines([]);
      setResult(null);
      setRunning(true);
      const pending = runCode(code, {
        fileName,
        timeoutMs,
        signal: controller.signal,
        onOutput: (batch) => {
          if (controller.signal.aborted) return;
          pendingLines.current.push(...batch);
          frame.current ??= requestAnimationFrame(flushLines);
        },
      });
      currentRef.current = pending;
      const r = await pending;
      if (abortRef.current !== controller) return r; // superseded by a newer run: its state wins
      abortRef.current = null;
      currentRef.current = null;
      flushLines();
      const note = closingLine(r);
      if (note) setLines((prev) => prev.concat(note));
      setRunning(false);
      setResult(r);
      return r;
    },
    [fileName, timeoutMs, flushLines],
  );

  const stop = useCallback(() => abortRef.current?.abort(), []);

  const clear = useCallback(() => {
    setLines([]);
    setResult(null);
  }, []);

  return { lines, result, running, run, stop, clear };
}
