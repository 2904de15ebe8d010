"use client";
/**
 * The interactive visual model: the engine's state drawn as boxes and moving tokens, free play
 * (playback + the preset's controls) and the guided tour. Loaded lazily by VisualModelLoader.
 * It renders state and dispatches actions; the engine and the tour scripts decide what happens.
 */
import { MotionConfig } from "motion/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import { createScenario, getScenario } from "@/lib/sim";
import { tours } from "@/lib/tours";
import { stepStartState } from "@/lib/tours/run";
import { describeState } from "./describe";
import { computeLayout, MODEL_LAYOUTS, NARROW_BELOW_PX, type LayoutMode } from "./layouts";
import { ModelStats, ModelToolbar, type ControlState } from "./model-controls";
import type { ModelStart } from "./model-meta";
import { ModelStage } from "./model-stage";
import { TokenLayer } from "./token-layer";
import { placeTokens } from "./token-positions";
import { useModelPlayback } from "./use-model-playback";
import type { StartIntent } from "./visual-model-loader";
import styles from "./visual-model.module.css";

type Message = { kind: "summary" } | { kind: "hint"; text: string } | { kind: "finished" };

export function VisualModelInteractive({ start, intent }: { start: ModelStart; intent: StartIntent }) {
  const { meta } = start;
  const id = meta.id;
  const spec = MODEL_LAYOUTS[id];
  const preset = getScenario(id);
  const tour = tours[id];
  const progress = useOptionalLessonProgress();

  const playback = useModelPlayback(() => createScenario(id));
  const { state, load, play } = playback;
  const [tourIndex, setTourIndex] = useState<number | null>(null);
  const [message, setMessage] = useState<Message>({ kind: "summary" });
  const rootRef = useRef<HTMLElement>(null);
  const stageBoxRef = useRef<HTMLDivElement>(null);
  const [stageWidth, setStageWidth] = useState(0);

  // Measure before paint so the first frame already has the right layout and token scale.
  useLayoutEffect(() => {
    const el = stageBoxRef.current;
    if (!el) return;
    setStageWidth(el.getBoundingClientRect().width);
    const ro = new ResizeObserver((entries) => setStageWidth(entries[0].contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const mode: LayoutMode = stageWidth > 0 && stageWidth < NARROW_BELOW_PX ? "narrow" : "wide";

  const consumersKey = Object.values(state.consumers)
    .map((c) => `${c.id}:${c.source}`)
    .join(",");
  const ownersKey = spec.lanes.map((l) => state.queues[l]?.owner ?? "").join(",");
  const layout = useMemo(() => {
    const consumers = consumersKey ? consumersKey.split(",").map((x) => ({ id: x.split(":")[0], source: x.split(":")[1] })) : [];
    const owners = Object.fromEntries(spec.lanes.map((l, i) => [l, ownersKey.split(",")[i] || null]));
    return computeLayout(id, mode, { consumers, owners });
  }, [id, mode, consumersKey, ownersKey, spec]);

  const step = tourIndex !== null ? tour.steps[tourIndex] : null;
  const highlight = useMemo(() => (step ? new Set(step.highlight) : undefined), [step]);
  const follow = useMemo(() => new Set(step?.follow ?? []), [step]);
  const view = useMemo(() => describeState(state, spec), [state, spec]);
  const placed = useMemo(() => placeTokens(state, layout, spec, { follow }), [state, layout, spec, follow]);
  const scale = stageWidth > 0 ? stageWidth / layout.width : 1;

  const controls: ControlState[] = meta.controls.map((c) => {
    const live = preset.controls.find((x) => x.id === c.id);
    return { ...c, disabled: !live || live.build(state) === null, on: live?.isOn?.(state) ?? false };
  });

  const focusAction = useCallback((action: string) => {
    requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus());
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
    (msg: Message) => {
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

  const onControl = (controlId: string) => {
    const c = preset.controls.find((x) => x.id === controlId);
    const action = c?.build(playback.state);
    if (!c || !action) return;
    playback.dispatch(action);
    setMessage({ kind: "hint", text: `${c.label}: ${c.hint}` });
  };

  const onPlay = () => {
    // At the end of a tour step, Play shows the step again.
    if (tourIndex !== null && playback.span && playback.state.nowMs >= playback.span.untilMs) goTo(tourIndex);
    else playback.play();
  };

  const last = tourIndex !== null && tourIndex === tour.steps.length - 1;
  return (
    <MotionConfig reducedMotion="user">
      <section
        ref={rootRef}
        className={styles.model}
        aria-label={`Visual model: ${meta.title}`}
        data-testid="visual-model"
        data-model={id}
        data-ready="true"
        data-touring={tourIndex !== null}
        data-now={state.nowMs}
        onKeyDown={onKeyDown}
      >
        <h3 className={styles.title}>{meta.title}</h3>
        <div ref={stageBoxRef}>
          <ModelStage layout={layout} view={view} labels={meta.labels} highlight={highlight} idPrefix={`vm-${id}`}>
            <TokenLayer tokens={placed.tokens} overflow={placed.overflow} scale={scale} tokenSize={layout.token} />
          </ModelStage>
        </div>
        <ModelStats stats={view.stats} />
        <ModelToolbar
          idPrefix={`vm-${id}`}
          playing={playback.playing}
          speed={playback.speed}
          touring={tourIndex !== null}
          controls={controls}
          onPlay={onPlay}
          onPause={playback.pause}
          onStep={playback.step}
          onReset={() => freePlay({ kind: "summary" })}
          onSpeed={playback.setSpeed}
          onStartTour={startTour}
          onControl={onControl}
        />
        <div className={styles.info}>
          <div aria-live="polite" aria-atomic="true">
            {step && tourIndex !== null ? (
              <>
                <p className={styles.narration}>
                  <strong className={styles.stepTitle}>
                    Step {tourIndex + 1} of {tour.steps.length}: {step.title}
                  </strong>
                  {step.narration}
                </p>
              </>
            ) : message.kind === "finished" ? (
              <p className={styles.narration}>
                <span className={styles.done}>Tour complete.</span>{" "}
                {progress ? "This step is marked done. " : ""}Now drive the model yourself: press Play and try the buttons above.
              </p>
            ) : message.kind === "hint" ? (
              <p className={styles.narration}>{message.text}</p>
            ) : (
              <p className={styles.narration}>{meta.summary}</p>
            )}
          </div>
          {tourIndex === null ? (
            <p className={styles.hint}>Hover over or tap any box to see what it does and why it is needed.</p>
          ) : (
            <div className={styles.tourNav} role="group" aria-label="Tour">
              <button type="button" className="btn btn-small" data-action="prev" onClick={prev} disabled={tourIndex === 0}>
                Previous step
              </button>
              <button type="button" className="btn btn-small btn-primary" data-action="next" onClick={next}>
                {last ? "Finish tour" : "Next step"}
              </button>
              <button type="button" className="btn btn-small" data-action="replay" onClick={() => goTo(tourIndex)}>
                Replay step
              </button>
              <button type="button" className={`btn btn-small ${styles.tourExit}`} data-action="exit" onClick={exitTour}>
                Exit tour
              </button>
            </div>
          )}
        </div>
      </section>
    </MotionConfig>
  );
}
