"use client";
/**
 * A visual model as the page first ships it: the diagram drawn from server-made data, no motion
 * and no engine. The interactive widget (motion + the simulation engine) is a separate chunk,
 * loaded when the model comes near the viewport or on the first press of Play / Start tour; until
 * it arrives this placeholder, which has the same size, stays on screen.
 */
import dynamic from "next/dynamic";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { ModelStats, ModelToolbar, type ControlState } from "./model-controls";
import type { ModelStart } from "./model-meta";
import { ModelStage } from "./model-stage";
import styles from "./visual-model.module.css";

export type StartIntent = "load" | "play" | "tour";

const PlaceholderSlot = createContext<React.ReactNode>(null);

function LoadingPlaceholder() {
  return <>{useContext(PlaceholderSlot)}</>;
}

const VisualModelInteractive = dynamic(() => import("./visual-model-interactive").then((m) => m.VisualModelInteractive), {
  ssr: false,
  loading: LoadingPlaceholder,
});

/** Loads the interactive model lazily; renders the static placeholder meanwhile. */
export function VisualModelLoader({ start }: { start: ModelStart }) {
  const [intent, setIntent] = useState<StartIntent | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = rootRef.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setIntent((i) => i ?? "load");
          io.disconnect();
        }
      },
      { rootMargin: "300px 0px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, []);

  const placeholder = <ModelPlaceholder start={start} onIntent={(i) => setIntent((cur) => (cur === null || cur === "load" ? i : cur))} />;
  return (
    <div ref={rootRef}>
      {intent === null ? (
        placeholder
      ) : (
        <PlaceholderSlot.Provider value={placeholder}>
          <VisualModelInteractive start={start} intent={intent} />
        </PlaceholderSlot.Provider>
      )}
    </div>
  );
}

/** The model's frame with a static diagram: the same boxes, counts and buttons the widget will show. */
export function ModelPlaceholder({ start, onIntent }: { start: ModelStart; onIntent?: (i: StartIntent) => void }) {
  const { meta, layouts, view } = start;
  const controls: ControlState[] = meta.controls.map((c) => ({ ...c, disabled: true, on: start.toggles[c.id] ?? false }));
  return (
    <section className={styles.model} aria-label={`Visual model: ${meta.title}`} data-testid="visual-model" data-model={meta.id} data-ready="false">
      <h3 className={styles.title}>{meta.title}</h3>
      <div className={styles.wideOnly}>
        <ModelStage layout={layouts.wide} view={view} labels={meta.labels} idPrefix={`vm-${meta.id}-w`} />
      </div>
      <div className={styles.narrowOnly}>
        <ModelStage layout={layouts.narrow} view={view} labels={meta.labels} idPrefix={`vm-${meta.id}-n`} />
      </div>
      <ModelStats stats={view.stats} />
      <ModelToolbar
        idPrefix={`vm-${meta.id}-ph`}
        playing={false}
        speed={1}
        touring={false}
        inert
        controls={controls}
        onPlay={() => onIntent?.("play")}
        onStartTour={() => onIntent?.("tour")}
      />
      <div className={styles.info}>
        <p className={styles.narration}>{meta.summary}</p>
        <p className={styles.hint}>Hover over or tap any box to see what it does and why it is needed.</p>
      </div>
    </section>
  );
}
