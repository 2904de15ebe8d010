"use client";
import { useEffect, useState, type RefObject } from "react";

export interface NearViewportOptions {
  /** How far above and below the viewport still counts as near, in px. */
  marginPx?: number;
  /** Stop watching after the first time it is near (a loader); otherwise follow it on and off screen. */
  once?: boolean;
  /** Watch only while true. */
  enabled?: boolean;
  /** What to report where IntersectionObserver does not exist (old browsers, jsdom). */
  withoutObserver?: boolean;
}

/** Whether `ref`'s element is within `marginPx` of the viewport: the one near-viewport observer of the app (the step navigator's scrollspy, which ranks nine sections, is its own). */
export function useNearViewport(ref: RefObject<Element | null>, { marginPx = 0, once = false, enabled = true, withoutObserver = true }: NearViewportOptions = {}): boolean {
  const [near, setNear] = useState(false);
  const settled = once && near;
  useEffect(() => {
    const el = ref.current;
    if (!enabled || settled || !el) return;
    if (typeof IntersectionObserver === "undefined") {
      setNear(withoutObserver);
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        const hit = entries.some((e) => e.isIntersecting);
        if (hit || !once) setNear(hit);
      },
      { rootMargin: `${marginPx}px 0px` },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, enabled, settled, once, marginPx, withoutObserver]);
  return near;
}
