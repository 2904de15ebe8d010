"use client";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import type { SimState } from "@/lib/sim";
import type { VisualModelId } from "@/lib/tours/types";
import { computeLayout, MODEL_LAYOUTS, NARROW_BELOW_PX, type LayoutMode } from "./layouts";

/**
 * The model's layout for the width its stage box has (measured before paint, following resizes), recomputed only
 * when the consumers or lane owners change, and the scale from layout units to screen pixels.
 */
export function useStageLayout(id: VisualModelId, state: SimState) {
  const spec = MODEL_LAYOUTS[id];
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

  // Strings as memo keys: the engine hands out new objects every step, the layout changes far less often.
  const consumersKey = Object.values(state.consumers)
    .map((c) => `${c.id}:${c.source}`)
    .join(",");
  const ownersKey = spec.lanes.map((l) => state.queues[l]?.owner ?? "").join(",");
  const layout = useMemo(() => {
    const consumers = consumersKey ? consumersKey.split(",").map((x) => ({ id: x.split(":")[0], source: x.split(":")[1] })) : [];
    const owners = Object.fromEntries(spec.lanes.map((l, i) => [l, ownersKey.split(",")[i] || null]));
    return computeLayout(id, mode, { consumers, owners });
  }, [id, mode, consumersKey, ownersKey, spec]);

  return { stageBoxRef, layout, scale: stageWidth > 0 ? stageWidth / layout.width : 1 };
}
