"use client";
import { useEffect, useId, useRef } from "react";
import { formatDuration, type ConsoleLine, type RunResult } from "@/lib/runner/protocol";
import styles from "./console-panel.module.css";

const EXIT_LABEL: Record<RunResult["status"], string> = {
  ok: "exit: ok",
  error: "exit: uncaught error",
  "compile-error": "exit: syntax error",
  timeout: "exit: time limit",
  stopped: "exit: stopped",
  crashed: "exit: runner failed",
};

export interface ConsolePanelProps {
  lines: readonly ConsoleLine[];
  /** The last finished run, for the duration and exit status; null before the first run or after Clear. */
  result: RunResult | null;
  running: boolean;
  onClear(): void;
  /** Shown when there is no output yet. */
  emptyText?: string;
}

/**
 * The output of a run, like a browser console: one entry per console call (multi-line entries keep their lines),
 * warnings and errors marked by colour and by a text prefix, newest at the bottom and kept in view while it streams.
 */
export function ConsolePanel({ lines, result, running, onClear, emptyText = "Press Run to see the output here." }: ConsolePanelProps) {
  const logRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const stick = useRef(true);

  useEffect(() => {
    const el = logRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const summary = running ? "running…" : result ? `${EXIT_LABEL[result.status]}${result.durationMs !== null ? ` · ${formatDuration(result.durationMs)}` : ""}` : null;

  return (
    <div className={styles.console}>
      <div className={styles.bar}>
        <span id={titleId} className={styles.title}>
          Console
        </span>
        {summary ? (
          <span className={styles.summary} data-status={running ? "running" : result?.status} data-testid="run-summary">
            {summary}
          </span>
        ) : null}
        <button type="button" className={`btn btn-small ${styles.clear}`} onClick={onClear} disabled={lines.length === 0 && !result}>
          Clear
        </button>
      </div>
      <div
        ref={logRef}
        role="log"
        aria-live="polite"
        aria-labelledby={titleId}
        className={styles.log}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines.length === 0 ? (
          <p className={styles.empty}>{running ? "Running…" : emptyText}</p>
        ) : (
          lines.map((line, i) => (
            <div key={i} className={styles.line} data-level={line.level}>
              {/* Colour alone would not tell a screen reader (or everyone) which lines are warnings and errors. */}
              {line.level === "warn" || line.level === "error" ? <span className="visually-hidden">{line.level === "warn" ? "warning: " : "error: "}</span> : null}
              {line.text}
            </div>
          ))
        )}
      </div>
    </div>
  );
}
