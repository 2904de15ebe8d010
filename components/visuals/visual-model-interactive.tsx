"use client";
/**
 * The interactive visual model: the engine's state drawn as boxes and moving tokens, free play
 * (playback + the preset's controls) and the guided tour. Loaded lazily by VisualModelLoader.
 * It renders state and dispatches actions; the engine and the tour scripts decide what happens.
 */
import { MotionConfig } from "motion/react";
import { useMemo, useRef } from "react";
import { createScenario, getScenario } from "@/lib/sim";
import { describeState } from "./describe";
import { MODEL_LAYOUTS } from "./layouts";
import { ModelStats, ModelToolbar, type ControlState } from "./model-controls";
import { ModelInfo } from "./model-info";
import type { ModelStart } from "./model-meta";
import { ModelStage } from "./model-stage";
import { TokenLayer } from "./token-layer";
import { placeTokens } from "./token-positions";
import { useModelPlayback } from "./use-model-playback";
import { useModelTour } from "./use-model-tour";
import { useStageLayout } from "./use-stage-layout";
import type { StartIntent } from "./visual-model-loader";
import styles from "./visual-model.module.css";

export function VisualModelInteractive({ start, intent }: { start: ModelStart; intent: StartIntent }) {
  const { meta } = start;
  const id = meta.id;
  const spec = MODEL_LAYOUTS[id];
  const preset = getScenario(id);
  const rootRef = useRef<HTMLElement>(null);
  const playback = useModelPlayback(() => createScenario(id));
  const { state } = playback;
  const tour = useModelTour(id, playback, intent, rootRef);
  const { stageBoxRef, layout, scale } = useStageLayout(id, state);

  const { step, tourIndex } = tour;
  const highlight = useMemo(() => (step ? new Set(step.highlight) : undefined), [step]);
  const follow = useMemo(() => new Set(step?.follow ?? []), [step]);
  const view = useMemo(() => describeState(state, spec), [state, spec]);
  const placed = useMemo(() => placeTokens(state, layout, spec, { follow }), [state, layout, spec, follow]);

  const controls: ControlState[] = meta.controls.map((c) => {
    const live = preset.controls.find((x) => x.id === c.id);
    return { ...c, disabled: !live || live.build(state) === null, on: live?.isOn?.(state) ?? false };
  });

  const onControl = (controlId: string) => {
    const c = preset.controls.find((x) => x.id === controlId);
    const action = c?.build(playback.state);
    if (!c || !action) return;
    playback.dispatch(action);
    tour.setMessage({ kind: "hint", text: `${c.label}: ${c.hint}` });
  };

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
        onKeyDown={tour.onKeyDown}
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
          onPlay={tour.onPlay}
          onPause={playback.pause}
          onStep={playback.step}
          onReset={() => tour.freePlay({ kind: "summary" })}
          onSpeed={playback.setSpeed}
          onStartTour={tour.startTour}
          onControl={onControl}
        />
        <ModelInfo meta={meta} tour={tour} />
      </section>
    </MotionConfig>
  );
}
