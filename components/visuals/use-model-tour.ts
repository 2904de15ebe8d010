"use client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import { createScenario } from "@/lib/sim";
import { tours } from "@/lib/tours";
import { stepStartState } from "@/lib/tours/run";
import type { VisualModelId } from "@/lib/tours/types";
import type { ModelPlayback } from "./use-model-playback";
import type { StartIntent } from "./visual-model-loader";

export type ModelMessage = { kind: "summary" } | { kind: "hint"; text: string } | { kind: "finished" };

/**
 * Free play and the guided tour of one visual model: which tour step is on (null: free play), what the info line
 * says, and where keyboard focus goes as the student moves through the tour. Finishing the tour completes the
 * lesson's visual step. `rootRef` is the model's section, searched for the buttons focus moves to.
 */
export function useModelTour(id: VisualModelId, playback: ModelPlayback, intent: StartIntent, rootRef: React.RefObject<HTMLElement | null>) {
  const tour = tours[id];
  const progress = useOptionalLessonProgress();
  const { load, play } = playback;
  const [tourIndex, setTourIndex] = useState<number | null>(null);
  const [message, setMessage] = useState<ModelMessage>({ kind: "summary" });

  // Focus moves in the same commit that shows the change (a layout effect, not the next frame): the control that had
  // focus (Start tour, Finish tour) is gone after that commit, and a key pressed in between would land on <body>.
  const pendingFocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    const action = pendingFocus.current;
    if (!action) return;
    pendingFocus.current = null;
    rootRef.current?.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
  });
  /** Puts focus on the control with `data-action={action}` once it is rendered; always paired with a state change. */
  const focusAction = useCallback((action: string) => {
    pendingFocus.current = action;
  }, []);

  const goTo = useCallback(
    (i: number) => {
      setTourIndex(i);
      load(stepStartState(tour, i), { untilMs: tour.steps[i].toMs, beats: tour.beats }, true);
    },
    [load, tour],
  );
  const startTour = useCallback(() => {
    goTo(0);
    focusAction("next");
  }, [goTo, focusAction]);
  const freePlay = useCallback(
    (msg: ModelMessage) => {
      setTourIndex(null);
      setMessage(msg);
      load(createScenario(id), null, false);
    },
    [load, id],
  );
  const exitTour = useCallback(() => {
    freePlay({ kind: "summary" });
    focusAction("start-tour");
  }, [freePlay, focusAction]);
  const finishTour = useCallback(() => {
    void progress?.markDone("visual");
    freePlay({ kind: "finished" });
    focusAction("start-tour");
  }, [progress, freePlay, focusAction]);
  const next = useCallback(() => {
    if (tourIndex === null) return;
    if (tourIndex < tour.steps.length - 1) goTo(tourIndex + 1);
    else finishTour();
  }, [tourIndex, tour, goTo, finishTour]);
  const prev = useCallback(() => {
    if (tourIndex !== null && tourIndex > 0) goTo(tourIndex - 1);
  }, [tourIndex, goTo]);

  // The placeholder's button that loaded this widget said what to do first.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (intent === "tour") startTour();
    else if (intent === "play") {
      play();
      focusAction("play");
    }
  }, [intent, startTour, play, focusAction]);

  /** Arrow keys step through the tour, except inside form fields. */
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (tourIndex === null || e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = (e.target as HTMLElement).tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") return;
    if (e.key === "ArrowRight") {
      e.preventDefault();
      next();
    } else if (e.key === "ArrowLeft") {
      e.preventDefault();
      prev();
    }
  };

  /** At the end of a tour step, Play shows the step again. */
  const onPlay = () => {
    if (tourIndex !== null && playback.span && playback.state.nowMs >= playback.span.untilMs) goTo(tourIndex);
    else playback.play();
  };

  return {
    tour,
    tourIndex,
    step: tourIndex !== null ? tour.steps[tourIndex] : null,
    message,
    setMessage,
    markedDone: progress !== null,
    goTo,
    startTour,
    freePlay,
    exitTour,
    next,
    prev,
    onKeyDown,
    onPlay,
  };
}

export type ModelTour = ReturnType<typeof useModelTour>;
