"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { GradeResult } from "@/lib/grading/types";
import { runVisibleTests } from "./run-visible-tests";
import { summarize } from "./test-results";

export interface VisibleTests {
  running: boolean;
  result: GradeResult | null;
  /** Run the visible tests against `code` in this browser; ignored while a run is going. */
  run(code: string): Promise<void>;
  /** Stop the current run: it ends with a "Stopped." result. */
  stop(): void;
}

/** "Run tests": the challenge's visible tests, in a Web Worker in this browser. The server is never asked. */
export function useVisibleTests({ tests, exports, timeoutMs, announce }: { tests: string; exports: string[]; timeoutMs: number; announce(text: string): void }): VisibleTests {
  const [state, setState] = useState<{ running: boolean; result: GradeResult | null }>({ running: false, result: null });
  const current = useRef<AbortController | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const run = useCallback(
    async (code: string) => {
      if (current.current) return;
      const controller = new AbortController();
      current.current = controller;
      setState((s) => ({ ...s, running: true }));
      announce("Running the visible tests…");
      const result = await runVisibleTests({ code, tests, exports, timeoutMs, signal: controller.signal });
      current.current = null;
      setState({ running: false, result });
      announce(`Visible tests: ${summarize(result, "visible")}`);
    },
    [tests, exports, timeoutMs, announce],
  );

  const stop = useCallback(() => current.current?.abort(), []);

  return { ...state, run, stop };
}
