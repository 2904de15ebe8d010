"use client";
/**
 * Live playback for the toys. Widgets own time, the engine owns truth (docs/architecture.md, "Widgets own time"):
 * this hook keeps a `SimState` and moves its virtual clock forward on requestAnimationFrame (through the shared
 * frame clock), `speed` virtual ms per real ms. It never computes a result; it calls the engine's
 * `advance`/`dispatch` and hands back the new state.
 *
 * Unlike a visual model's transport (use-model-playback.ts: play, pause, step, tour spans), there is no play
 * button: the loop runs by itself while `keepRunning(state)` says there is something to watch (and `paused` is
 * false), so an idle widget costs nothing; any dispatch wakes it up again.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { createFrameClock } from "@/components/ui/frame-clock";
import { advance, advanceTo, dispatch as engineDispatch, type SimAction, type SimState } from "@/lib/sim";

export interface LivePlaybackOptions {
  /** Builds the initial state; called once, and by `reset()` without an argument. */
  init: () => SimState;
  /** Virtual ms per real ms, asked every frame so it can follow what is happening (slow motion, fast-forward). */
  speed: (s: SimState, realNowMs: number) => number;
  /** Whether the clock should keep running in this state; when false the loop stops until the next dispatch. */
  keepRunning: (s: SimState) => boolean;
  /** Hold the clock regardless (off-screen, or the student paused it). */
  paused?: boolean;
}

export interface LivePlayback {
  state: SimState;
  /** Applies an engine action now; returns the new state. */
  dispatch: (action: SimAction) => SimState;
  /** Back to `init()` (or to the given state). */
  reset: (next?: SimState) => void;
  /** Jumps the virtual clock to `tMs` at once (a "skip ahead" button). */
  skipTo: (tMs: number) => void;
  /** Whether the clock is moving right now. */
  running: boolean;
}

export function useLivePlayback(options: LivePlaybackOptions): LivePlayback {
  const [state, setState] = useState<SimState>(() => options.init());
  const [running, setRunning] = useState(false);
  const stateRef = useRef(state);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const frame = useRef<number | null>(null);
  const [clock] = useState(createFrameClock);

  const commit = useCallback((next: SimState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const stop = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    clock.pause();
    setRunning(false);
  }, [clock]);

  const tick = useCallback(
    (now: number) => {
      frame.current = null;
      const o = optionsRef.current;
      if (o.paused) {
        stop();
        return;
      }
      const whole = clock.tick(now, o.speed(stateRef.current, now)) ?? 0;
      let s = stateRef.current;
      if (whole > 0) {
        s = advance(s, whole);
        commit(s);
      }
      if (o.keepRunning(s)) frame.current = requestAnimationFrame(tick);
      else stop();
    },
    [clock, commit, stop],
  );

  const wake = useCallback(() => {
    const o = optionsRef.current;
    if (frame.current !== null || o.paused || typeof requestAnimationFrame === "undefined") return;
    if (!o.keepRunning(stateRef.current)) return;
    setRunning(true);
    frame.current = requestAnimationFrame(tick);
  }, [tick]);

  const dispatch = useCallback(
    (action: SimAction) => {
      const next = engineDispatch(stateRef.current, action);
      commit(next);
      wake();
      return next;
    },
    [commit, wake],
  );

  const reset = useCallback(
    (next?: SimState) => {
      stop();
      clock.reset();
      commit(next ?? optionsRef.current.init());
      wake();
    },
    [clock, commit, stop, wake],
  );

  const skipTo = useCallback(
    (tMs: number) => {
      if (tMs <= stateRef.current.nowMs) return;
      commit(advanceTo(stateRef.current, tMs));
      wake();
    },
    [commit, wake],
  );

  useEffect(() => {
    if (options.paused) stop();
    else wake();
  }, [options.paused, stop, wake]);

  useEffect(() => stop, [stop]);

  return { state, dispatch, reset, skipTo, running };
}
