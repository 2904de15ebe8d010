"use client";
import { useEffect, useRef, useState } from "react";
import { useKeepFocus } from "./use-keep-focus";

/**
 * For heavy widgets lower in a lesson: true once the element comes within `marginPx` of the viewport, or once the
 * student presses or focuses inside it (call `wake`). Until then the page ships only a light stand-in, which keeps
 * the lesson's first load inside its JavaScript budget. Mark the stand-in (and any "Loading…" box) with <StandIn> so a
 * keyboard student's focus follows into the widget (useKeepFocus).
 */
export function useLoadWhenNear<T extends HTMLElement = HTMLDivElement>(marginPx: number) {
  const ref = useRef<T>(null);
  const [load, setLoad] = useState(false);
  useKeepFocus(ref);
  useEffect(() => {
    const el = ref.current;
    if (load || !el) return;
    if (typeof IntersectionObserver === "undefined") {
      setLoad(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setLoad(true), { rootMargin: `${marginPx}px 0px` });
    io.observe(el);
    return () => io.disconnect();
  }, [load, marginPx]);
  return { ref, load, wake: () => setLoad(true) };
}
