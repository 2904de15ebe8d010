"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Development only: lessons are read from content/ at request time, outside the bundler's module graph, so Fast
 * Refresh does not see MDX edits. Poll a content version and refresh the Server Components when it differs from the
 * one the page was rendered with (`version`): a save made while the page was still loading counts too.
 */
export function ContentReload({ version }: { version: number }) {
  const router = useRouter();
  useEffect(() => {
    let last = version;
    const timer = setInterval(async () => {
      try {
        const { version: now } = (await (await fetch("/api/dev/content-version", { cache: "no-store" })).json()) as { version: number };
        if (now !== last) {
          last = now;
          router.refresh();
        }
      } catch {
        /* dev server restarting */
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [router, version]);
  return null;
}
