"use client";
/**
 * Loads a visual model's interactive part lazily. The server-rendered placeholder (children) stays
 * on screen until the widget (motion + the simulation engine, a separate chunk) has loaded: that
 * starts when the model comes near the viewport, or on the first press of a button in it. Play and
 * Start tour in the placeholder say, through `data-intent`, what the widget should do first.
 */
import dynamic from "next/dynamic";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { StandIn, useKeepFocus } from "@/components/ui/use-keep-focus";
import type { ModelStart } from "./model-meta";

export type StartIntent = "load" | "play" | "tour";

const PlaceholderSlot = createContext<React.ReactNode>(null);

function LoadingPlaceholder() {
  return <StandIn>{useContext(PlaceholderSlot)}</StandIn>;
}

const VisualModelInteractive = dynamic(() => import("./visual-model-interactive").then((m) => m.VisualModelInteractive), {
  ssr: false,
  loading: LoadingPlaceholder,
});

export function VisualModelLoader({ start, children }: { start: ModelStart; children: React.ReactNode }) {
  const [intent, setIntent] = useState<StartIntent | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // A keyboard student on the placeholder's Play or Start tour keeps focus on it as the widget takes its place.
  useKeepFocus(rootRef);

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

  // While the placeholder is up, a press on Play or Start tour is remembered for the widget; any other press just loads it.
  const onClick = (e: React.MouseEvent) => {
    const wanted = (e.target as Element).closest<HTMLElement>("[data-intent]")?.dataset.intent;
    const next: StartIntent = wanted === "play" || wanted === "tour" ? wanted : "load";
    setIntent((cur) => (cur === null || cur === "load" ? next : cur));
  };

  return (
    <div ref={rootRef} onClick={intent === null || intent === "load" ? onClick : undefined}>
      {intent === null ? (
        <StandIn>{children}</StandIn>
      ) : (
        <PlaceholderSlot.Provider value={children}>
          <VisualModelInteractive start={start} intent={intent} />
        </PlaceholderSlot.Provider>
      )}
    </div>
  );
}
