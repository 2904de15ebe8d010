"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { requestJson } from "@/lib/api/client";
import type { CompleteStepRequest, CompleteStepResponse } from "@/lib/api/progress";
import { STEP_IDS, type StepId } from "@/lib/content/steps";
import { addGuestReceipt, addGuestStep, noGuestProgress, readGuestProgress, subscribeGuestProgress } from "./guest-progress";

interface LessonProgressValue {
  slug: string;
  signedIn: boolean;
  completed: ReadonlySet<StepId>;
  /** Mark a browser-completable step (reading, tour, experiment). Signed in: saved to the account; guest: this browser. */
  markDone: (stepId: StepId) => Promise<void>;
  /**
   * Reflect a completion the server verified (quiz or challenge passed on the server). Signed in: the server already
   * recorded it. Guest: pass the server's `receipt` so the step survives the merge into an account later.
   */
  markVerified: (stepId: StepId, receipt?: string) => void;
  /** The last failed save, for the step it concerned. */
  error: { stepId: StepId; message: string } | null;
}

const LessonProgressContext = createContext<LessonProgressValue | null>(null);

const EMPTY: string[] = [];
/** Progress of one lesson for the current student (account or guest), shared by the bar, navigator and steps. */
export function LessonProgressProvider({
  slug,
  signedIn,
  initialCompleted,
  children,
}: {
  slug: string;
  signedIn: boolean;
  initialCompleted: StepId[];
  children: React.ReactNode;
}) {
  const [serverDone, setServerDone] = useState<Set<StepId>>(() => new Set(initialCompleted));
  const [error, setError] = useState<{ stepId: StepId; message: string } | null>(null);
  // A router.refresh() (e.g. after guest progress was merged into the account) brings fresh server progress.
  const initialKey = initialCompleted.join(",");
  useEffect(() => {
    setServerDone(new Set(initialKey ? (initialKey.split(",") as StepId[]) : []));
  }, [initialKey]);
  const guest = useSyncExternalStore(subscribeGuestProgress, readGuestProgress, noGuestProgress);

  const completed = useMemo<ReadonlySet<StepId>>(() => {
    if (signedIn) return serverDone;
    const steps = guest[slug] ?? EMPTY;
    return new Set(STEP_IDS.filter((id) => steps.includes(id)));
  }, [signedIn, serverDone, guest, slug]);

  const markDone = useCallback(
    async (stepId: StepId) => {
      setError(null);
      if (!signedIn) {
        addGuestStep(slug, stepId);
        return;
      }
      setServerDone((prev) => new Set(prev).add(stepId)); // optimistic; rolled back below on failure
      try {
        const body: CompleteStepRequest = { lessonSlug: slug, stepId };
        const reply = await requestJson<CompleteStepResponse>("/api/progress/steps", { method: "POST", json: body });
        if (!reply.ok) throw new Error(reply.error);
        setServerDone(new Set(reply.data.completedSteps));
      } catch (e) {
        setServerDone((prev) => {
          const next = new Set(prev);
          next.delete(stepId);
          return next;
        });
        setError({ stepId, message: `Could not save your progress (${(e as Error).message}). Try again.` });
      }
    },
    [signedIn, slug],
  );

  const markVerified = useCallback(
    (stepId: StepId, receipt?: string) => {
      if (signedIn) setServerDone((prev) => new Set(prev).add(stepId));
      else if (receipt) addGuestReceipt(slug, stepId, receipt);
      else addGuestStep(slug, stepId);
    },
    [signedIn, slug],
  );

  const value = useMemo(() => ({ slug, signedIn, completed, markDone, markVerified, error }), [slug, signedIn, completed, markDone, markVerified, error]);
  return <LessonProgressContext.Provider value={value}>{children}</LessonProgressContext.Provider>;
}

/** For widgets that also appear outside a lesson (e.g. the lab at /lab): null when not inside a lesson. */
export function useOptionalLessonProgress(): LessonProgressValue | null {
  return useContext(LessonProgressContext);
}

export function useLessonProgress(): LessonProgressValue {
  const v = useContext(LessonProgressContext);
  if (!v) throw new Error("useLessonProgress must be used inside <LessonProgressProvider>");
  return v;
}
