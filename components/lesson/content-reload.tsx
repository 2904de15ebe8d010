"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Development only: lessons are read from content/ at request time, outside the bundler's module graph, so Fast
 * Refresh does not see MDX edits. Poll a content version and refresh the Server Components when it changes.
 */
export function ContentReload() {
  const router = useRouter();
  useEffect(() => {
    let last: number | null = null;
    const timer = setInterval(async () => {
      try {
        const { version } = (await (await fetch("/api/dev/content-version", { cache: "no-store" })).json()) as { version: number };
        if (last !== null && version !== last) router.refresh();
        last = version;
      } catch {
        /* dev server restarting */
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
