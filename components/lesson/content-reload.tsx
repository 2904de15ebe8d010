"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { requestJson } from "@/lib/api/client";
import type { ContentVersionResponse } from "@/lib/api/system";

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
        const reply = await requestJson<ContentVersionResponse>("/api/dev/content-version", { cache: "no-store" });
        if (reply.ok && reply.data.version !== last) {
          last = reply.data.version;
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
