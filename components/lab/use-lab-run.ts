"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { runFlow, type Design, type HighlightStep, type RunResult, type ServiceExecutor } from "@/lib/lab";

/** How long each highlight step stays on screen before the next one, in milliseconds. */
export const STEP_MS = 450;

export type RunPhase = "idle" | "running" | "playing" | "done";

export interface LabRun {
  phase: RunPhase;
  run: RunResult | null;
  /** The design as it was when the run started: tasks judge the run against it. */
  ranDesign: Design | null;
  /** How many highlight steps have been revealed (0…run.steps.length). */
  revealed: number;
}

export type HighlightStatus = HighlightStep["status"];

export interface Highlights {
  components: ReadonlyMap<string, HighlightStatus>;
  wires: ReadonlyMap<string, HighlightStatus>;
  /** The step being shown now (its wires carry a moving message), or null between runs. */
  current: HighlightStep | null;
  currentIndex: number;
}

export const wireKey = (from: string, to: string) => `${from}->${to}`;

/** The highlight state after the first `revealed` steps: later steps overwrite earlier ones per component and wire. */
export function highlightsAt(run: RunResult | null, revealed: number): Highlights {
  const components = new Map<string, HighlightStatus>();
  const wires = new Map<string, HighlightStatus>();
  if (!run) return { components, wires, current: null, currentIndex: -1 };
  const steps = run.steps.slice(0, revealed);
  for (const step of steps) {
    for (const id of step.componentIds) components.set(id, step.status);
    for (const c of step.connections) wires.set(wireKey(c.from, c.to), step.status);
  }
  const currentIndex = revealed - 1;
  return { components, wires, current: run.steps[currentIndex] ?? null, currentIndex };
}

/**
 * Runs a design with `runFlow` and then plays its highlight steps in order (API, its database, the queue, all
 * consumer wires at once, then each consumer), calling `onFinished` once the last step is on screen. The run itself
 * is computed first and in full: the animation replays a result, it never decides one.
 */
export function useLabRun(executor: ServiceExecutor, onFinished: (run: RunResult, ranDesign: Design) => void) {
  const [state, setState] = useState<LabRun>({ phase: "idle", run: null, ranDesign: null, revealed: 0 });
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  }, [onFinished]);
  const generation = useRef(0);

  const start = useCallback(
    async (design: Design) => {
      const gen = ++generation.current;
      setState({ phase: "running", run: null, ranDesign: design, revealed: 0 });
      let run: RunResult;
      try {
        run = await runFlow(design, executor);
      } catch (error) {
        // runFlow reports every service failure in its result; reaching here is a bug in the lab, not in the design.
        if (gen === generation.current) setState({ phase: "idle", run: null, ranDesign: null, revealed: 0 });
        throw error;
      }
      if (gen !== generation.current) return; // a newer run (or a reset) replaced this one
      setState({ phase: run.steps.length === 0 ? "done" : "playing", run, ranDesign: design, revealed: run.steps.length === 0 ? 0 : 1 });
      if (run.steps.length === 0) finished.current(run, design);
    },
    [executor],
  );

  /** Forget the last run (e.g. a new template was loaded); a run still computing is ignored when it ends. */
  const clear = useCallback(() => {
    generation.current += 1;
    setState({ phase: "idle", run: null, ranDesign: null, revealed: 0 });
  }, []);

  /** Show the end state at once. */
  const skip = useCallback(() => {
    setState((s) => (s.phase === "playing" && s.run ? { ...s, revealed: s.run.steps.length } : s));
  }, []);

  useEffect(() => {
    if (state.phase !== "playing" || !state.run) return;
    const run = state.run;
    const ranDesign = state.ranDesign!;
    // One extra beat after the last step so it is seen before the results replace the animation.
    const timer = setTimeout(() => {
      if (state.revealed < run.steps.length) {
        setState((s) => (s.run === run ? { ...s, revealed: s.revealed + 1 } : s));
      } else {
        setState((s) => (s.run === run ? { ...s, phase: "done" } : s));
        finished.current(run, ranDesign);
      }
    }, STEP_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const highlights = useMemo(() => {
    const h = highlightsAt(state.run, state.revealed);
    const queue = state.run?.queue;
    // Once the replay is over the queue shows its verdict, like the consumers do, instead of staying "active".
    if (state.phase === "done" && queue?.triggered) {
      const components = new Map(h.components);
      components.set(queue.componentId, queue.status === "success" ? "success" : "error");
      return { ...h, components };
    }
    return h;
  }, [state.run, state.revealed, state.phase]);
  return { ...state, highlights, start, clear, skip };
}
