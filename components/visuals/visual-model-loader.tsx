"use client";
/**
 * Loads a visual model's interactive part lazily. The server-rendered placeholder (children) stays
 * on screen until the widget (motion + the simulation engine, a separate chunk) has loaded: that
 * starts when the model comes near the viewport, or on the first press or focus inside it. Play and
 * Start tour in the placeholder say, through `data-intent`, what the widget should do first.
 */
import { lazy, useState } from "react";
import { LazyWidget } from "@/components/ui/lazy-widget";
import type { ModelStart } from "./model-meta";

export type StartIntent = "load" | "play" | "tour";

const LOAD_MARGIN_PX = 300;

const VisualModelInteractive = lazy(() => import("./visual-model-interactive").then((m) => ({ default: m.VisualModelInteractive })));

export function VisualModelLoader({ start, children }: { start: ModelStart; children: React.ReactNode }) {
  const [intent, setIntent] = useState<StartIntent>("load");

  // While the placeholder is up, a press on Play or Start tour is remembered for the widget (which reads it once,
  // when it mounts); after that the widget's own buttons take over.
  const onClick = (e: React.MouseEvent) => {
    if (!(e.target as Element).closest("[data-standin]")) return;
    const wanted = (e.target as Element).closest<HTMLElement>("[data-intent]")?.dataset.intent;
    if (intent === "load" && (wanted === "play" || wanted === "tour")) setIntent(wanted);
  };

  return (
    <LazyWidget marginPx={LOAD_MARGIN_PX} standIn={children} onClick={onClick}>
      <VisualModelInteractive start={start} intent={intent} />
    </LazyWidget>
  );
}
