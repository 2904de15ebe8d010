"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { localEntry } from "@/components/ui/local-store";

const hintsOpened = (id: string) =>
  localEntry<number>(`decoupled:challenge-hints:v1:${id}`, { parse: (v) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : null), fallback: 0 });

/** Hints revealed one at a time, remembered in this browser; focus follows each newly revealed hint. */
export function useHints(id: string, count: number) {
  const [shown, setShown] = useState(0);
  const refs = useRef<Array<HTMLLIElement | null>>([]);

  // Read after hydration: the server rendered none open.
  useEffect(() => {
    const stored = hintsOpened(id).read();
    if (stored > 0) setShown(Math.min(stored, count));
  }, [id, count]);

  const showNext = useCallback(() => {
    setShown((before) => {
      const next = Math.min(before + 1, count);
      hintsOpened(id).write(next);
      // Focus follows the revealed hint so it is read next; the button for the following hint comes after it.
      requestAnimationFrame(() => refs.current[next - 1]?.focus());
      return next;
    });
  }, [id, count]);

  return { shown, showNext, refs };
}
