"use client";
import { useEffect, useState } from "react";
import { localEntry, parsers } from "./local-store";
import { THEME_KEY } from "./theme-script";

type Theme = "light" | "dark";

// Plain text, not JSON: the inline theme script reads it before any JavaScript bundle runs.
const storedTheme = localEntry<Theme | null>(THEME_KEY, { parse: parsers.oneOf("light", "dark"), fallback: null, format: "text" });

/** Light/dark switch. The first choice is the system's; a click stores an explicit choice that persists. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === "dark" ? "dark" : "light");
    const mq = matchMedia("(prefers-color-scheme: dark)");
    const follow = (e: MediaQueryListEvent) => {
      if (storedTheme.read()) return; // an explicit choice wins over the system
      const next: Theme = e.matches ? "dark" : "light";
      document.documentElement.dataset.theme = next;
      setTheme(next);
    };
    mq.addEventListener("change", follow);
    return () => mq.removeEventListener("change", follow);
  }, []);

  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="btn icon-btn"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      onClick={() => {
        document.documentElement.dataset.theme = next;
        storedTheme.write(next); // private mode: the choice lasts for this page only
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
    </button>
  );
}
