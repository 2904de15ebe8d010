"use client";
import { useCallback, useState } from "react";
import { ATTEMPTS_HEADER, challengeUrl, solutionResponseSchema } from "@/lib/api/challenges";
import { requestJson } from "@/lib/api/client";

export interface SolutionState {
  text: string | null;
  loading: boolean;
  error: string | null;
  show(): Promise<void>;
}

/** The reference solution, fetched on request; the server checks that it has been earned. */
export function useSolution(id: string, attemptsToken: () => string | undefined): SolutionState {
  const [state, setState] = useState<Omit<SolutionState, "show">>({ text: null, loading: false, error: null });
  const show = useCallback(async () => {
    setState({ text: null, loading: true, error: null });
    try {
      const token = attemptsToken();
      const reply = await requestJson(challengeUrl(id, "solution"), { cache: "no-store", headers: token ? { [ATTEMPTS_HEADER]: token } : {} }, solutionResponseSchema);
      if (!reply.ok) throw new Error(reply.error);
      setState({ text: reply.data.solution, loading: false, error: null });
    } catch (e) {
      setState({ text: null, loading: false, error: `Could not load the solution: ${(e as Error).message}.` });
    }
  }, [id, attemptsToken]);
  return { ...state, show };
}
