"use client";
import { useCallback, useState } from "react";
import { challengeUrl, submissionListResponseSchema, type SubmissionSummary } from "@/lib/api/challenges";
import { requestJson } from "@/lib/api/client";

/** A signed-in student's own submissions, loaded when the history is opened and refreshed after each submission. */
export function useSubmissionHistory(id: string) {
  const [state, setState] = useState<{ open: boolean; items: SubmissionSummary[] | null; error: string | null }>({ open: false, items: null, error: null });

  const refresh = useCallback(async () => {
    try {
      const reply = await requestJson(challengeUrl(id, "submissions"), { cache: "no-store" }, submissionListResponseSchema);
      if (!reply.ok) throw new Error(reply.error);
      setState((h) => ({ ...h, items: reply.data.submissions, error: null }));
    } catch (e) {
      setState((h) => ({ ...h, error: `Could not load your submissions (${(e as Error).message}).` }));
    }
  }, [id]);

  const setOpen = useCallback(
    (open: boolean) => {
      setState((h) => ({ ...h, open }));
      if (open) void refresh();
    },
    [refresh],
  );

  return { ...state, setOpen, refresh };
}
