"use client";
/**
 * A visual model's transport: play, pause, step, speed. While playing, a requestAnimationFrame loop advances the
 * engine by the real elapsed time times the speed (the shared frame clock: whole virtual ms, the remainder carried).
 * A span (a tour step) plays to a fixed virtual time, dispatching its scripted beats on the way, then stops. The
 * engine decides what happens; this hook only decides when. (The toys' clock runs by itself instead:
 * components/toys/use-live-playback.ts.)
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { createFrameClock } from "@/components/ui/frame-clock";
import { advanceTo, dispatch as simDispatch, nextEventAtMs, type Beat, type SimAction, type SimState } from "@/lib/sim";
import { playTo } from "@/lib/tours/run";

export interface PlaybackSpan {
  /** Virtual ms to stop at. */
  untilMs: number;
  /** Scripted actions; those after the current time and up to `untilMs` are dispatched on time. */
  beats: readonly Beat[];
}

export interface ModelPlayback {
  state: SimState;
  playing: boolean;
  speed: number;
  span: PlaybackSpan | null;
  play: () => void;
  pause: () => void;
  setSpeed: (speed: number) => void;
  /** Jump to the next thing that happens (`nextEventAtMs`), paused. */
  step: () => void;
  /** Replace the state (reset, a tour step); optionally with a span to play, and start playing. */
  load: (state: SimState, span?: PlaybackSpan | null, autoplay?: boolean) => void;
  /** Apply a control's action now. */
  dispatch: (action: SimAction) => void;
}

/**
 * The engine is stepped at most this often (real ms). Tokens glide between places with motion on
 * their own, so ~30 steps a second look as smooth as 60 while leaving every other frame free for
 * the animations; on a slow phone this is the difference between a janky and a fluid model.
 */
const TICK_MS = 32;

export function useModelPlayback(initial: () => SimState): ModelPlayback {
  const [state, setState] = useState(initial);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeedState] = useState(1);
  const [span, setSpan] = useState<PlaybackSpan | null>(null);
  const stateRef = useRef(state);
  const spanRef = useRef<PlaybackSpan | null>(null);
  const speedRef = useRef(1);

  const commit = useCallback((s: SimState) => {
    stateRef.current = s;
    setState(s);
  }, []);

  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    // A fresh clock per play: a pause forgets the time between frames and the fraction owed.
    const clock = createFrameClock({ minStepMs: TICK_MS - 4 });
    const frame = (now: number) => {
      const whole = clock.tick(now, speedRef.current);
      if (whole) {
        const s = stateRef.current;
        const sp = spanRef.current;
        const target = sp ? Math.min(sp.untilMs, s.nowMs + whole) : s.nowMs + whole;
        const next = playTo(s, target, sp?.beats ?? []);
        commit(next);
        if (sp && next.nowMs >= sp.untilMs) {
          setPlaying(false);
          return;
        }
      }
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [playing, commit]);

  const play = useCallback(() => {
    const sp = spanRef.current;
    if (sp && stateRef.current.nowMs >= sp.untilMs) return;
    setPlaying(true);
  }, []);
  const pause = useCallback(() => setPlaying(false), []);
  const setSpeed = useCallback((v: number) => {
    speedRef.current = v;
    setSpeedState(v);
  }, []);

  const step = useCallback(() => {
    setPlaying(false);
    const s = stateRef.current;
    const sp = spanRef.current;
    const t = nextEventAtMs(s);
    if (t === null) return;
    const target = sp ? Math.min(sp.untilMs, t) : t;
    commit(target > s.nowMs ? playTo(s, target, sp?.beats ?? []) : advanceTo(s, s.nowMs));
  }, [commit]);

  const load = useCallback(
    (s: SimState, sp: PlaybackSpan | null = null, autoplay = false) => {
      spanRef.current = sp;
      setSpan(sp);
      commit(s);
      setPlaying(autoplay && (!sp || s.nowMs < sp.untilMs));
    },
    [commit],
  );

  const dispatch = useCallback((a: SimAction) => commit(simDispatch(stateRef.current, a)), [commit]);

  return { state, playing, speed, span, play, pause, setSpeed, step, load, dispatch };
}
