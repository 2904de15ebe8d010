"use client";
import { useEffect, useRef, useState } from "react";

/**
 * For heavy widgets lower in a lesson: true once the element comes within `marginPx` of the viewport, or once the
 * student presses or focuses inside it (call `wake`). Until then the page ships only a light stand-in, which keeps
 * the lesson's first load inside its JavaScript budget.
 */
export function useLoadWhenNear<T extends HTMLElement = HTMLDivElement>(marginPx: number) {
  const ref = useRef<T>(null);
  const [load, setLoad] = useState(false);
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
