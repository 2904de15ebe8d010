"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { requestJson } from "@/lib/api/client";
import type { MergeProgressRequest, MergeProgressResponse } from "@/lib/api/progress";
import { clearGuestProgress, hasGuestProgress, readGuestProgress, readGuestReceipts } from "./guest-progress";

/**
 * After sign-in or sign-up, move what the student did as a guest into their account. The browser copy is cleared
 * only after the server confirms the merge, so a failed request loses nothing and is retried on the next page.
 */
export function GuestProgressSync({ signedIn }: { signedIn: boolean }) {
  const router = useRouter();
  const busy = useRef(false);
  useEffect(() => {
    if (!signedIn || busy.current) return;
    const progress = readGuestProgress();
    if (!hasGuestProgress(progress)) return;
    busy.current = true;
    const body: MergeProgressRequest = { progress, receipts: readGuestReceipts() };
    requestJson<MergeProgressResponse>("/api/progress/merge", { method: "POST", json: body })
      .then((reply) => {
        if (!reply.ok) return;
        clearGuestProgress();
        router.refresh();
      })
      .catch(() => {})
      .finally(() => {
        busy.current = false;
      });
  }, [signedIn, router]);
  return null;
}
