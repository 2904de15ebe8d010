"use client";
import { useCallback, useRef, useState } from "react";
import { useKeepFocus } from "./use-keep-focus";
import { useNearViewport } from "./use-near-viewport";

/**
 * For heavy widgets lower in a lesson: true once the element comes within `marginPx` of the viewport, or once the
 * student presses or focuses inside it (call `wake`). Until then the page ships only a light stand-in, which keeps
 * the lesson's first load inside its JavaScript budget. Mark the stand-in (and any "Loading…" box) with <StandIn> so a
 * keyboard student's focus follows into the widget (useKeepFocus). <LazyWidget> wraps all of this in one component.
 */
export function useLoadWhenNear<T extends HTMLElement = HTMLDivElement>(marginPx: number) {
  const ref = useRef<T>(null);
  const [woken, setWoken] = useState(false);
  useKeepFocus(ref);
  const near = useNearViewport(ref, { marginPx, once: true, enabled: !woken });
  const wake = useCallback(() => setWoken(true), []);
  return { ref, load: woken || near, wake };
}
