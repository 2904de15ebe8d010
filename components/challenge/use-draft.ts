"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { localEntry, parsers } from "@/components/ui/local-store";

/*
 * The editor's contents survive leaving the page: saved a moment after the student stops typing (to their account
 * when signed in, to this browser's localStorage as a guest), flushed when the page is hidden, restored on return.
 */

/** Quiet time after the last keystroke before a save, in ms. */
const SAVE_DELAY_MS = 800;

export type DraftStatus = "idle" | "unsaved" | "saving" | "saved" | "error";

const guestDraft = (challengeId: string) =>
  localEntry<string | null>(`decoupled:challenge-draft:v1:${challengeId}`, { parse: parsers.string, fallback: null, format: "text" });
const draftUrl = (challengeId: string) => `/api/challenges/${encodeURIComponent(challengeId)}/draft`;

export interface DraftState {
  code: string;
  /** Every edit (and loads from history) go through here; saving follows by itself. */
  setCode(code: string): void;
  status: DraftStatus;
  /** Why the last save failed, when status is "error". */
  error: string | null;
  /** True once a guest's draft from an earlier visit was put back in the editor. */
  restored: boolean;
  /** Back to the starter code, forgetting the saved draft. */
  reset(): void;
}

/**
 * Draft persistence for one challenge. `initialDraft` is the signed-in student's saved draft, read on the server
 * (so the first paint already shows it); guests' drafts are read from localStorage after hydration.
 */
export function useDraft({ challengeId, signedIn, starter, initialDraft }: { challengeId: string; signedIn: boolean; starter: string; initialDraft: string | null }): DraftState {
  const [code, setCodeState] = useState(initialDraft ?? starter);
  const [status, setStatus] = useState<DraftStatus>(initialDraft !== null ? "saved" : "idle");
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  // What the store holds now; a save is due only when the editor differs from it.
  const saved = useRef<string>(initialDraft ?? starter);
  const latest = useRef(code);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (signedIn) return;
    const stored = guestDraft(challengeId).read();
    if (stored === null || stored === latest.current) return;
    saved.current = stored;
    latest.current = stored;
    setCodeState(stored);
    setStatus("saved");
    setRestored(true);
  }, [signedIn, challengeId]);

  const save = useCallback(
    async (text: string, opts: { keepalive?: boolean } = {}) => {
      if (text === saved.current) return;
      if (!signedIn) {
        const written = guestDraft(challengeId).write(text);
        if (written.ok) {
          saved.current = text;
          if (latest.current === text) setStatus("saved");
        } else {
          setStatus("error");
          setError(written.reason === "quota" ? "this browser's storage is full" : "this browser does not allow saving drafts");
        }
        return;
      }
      setStatus("saving");
      try {
        const res = await fetch(draftUrl(challengeId), {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code: text }),
          keepalive: opts.keepalive && text.length < 60_000, // browsers cap keepalive bodies at 64 KiB
        });
        if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
        saved.current = text;
        if (latest.current === text) {
          setStatus("saved");
          setError(null);
        }
      } catch (e) {
        if (latest.current === text) {
          setStatus("error");
          setError((e as Error).message);
        }
      }
    },
    [signedIn, challengeId],
  );

  const setCode = useCallback(
    (next: string) => {
      latest.current = next;
      setCodeState(next);
      if (next === saved.current) {
        setStatus("saved");
        return;
      }
      setStatus("unsaved");
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void save(latest.current);
      }, SAVE_DELAY_MS);
    },
    [save],
  );

  // Leaving (tab hidden, navigation, close): save what the debounce has not yet.
  useEffect(() => {
    const flush = () => {
      if (!timer.current) return;
      clearTimeout(timer.current);
      timer.current = null;
      void save(latest.current, { keepalive: true });
    };
    const onVisibility = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      flush();
    };
  }, [save]);

  const reset = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    latest.current = starter;
    saved.current = starter;
    setCodeState(starter);
    setStatus("idle");
    setError(null);
    setRestored(false);
    if (!signedIn) {
      guestDraft(challengeId).remove();
      return;
    }
    void fetch(draftUrl(challengeId), { method: "DELETE" }).catch(() => {});
  }, [signedIn, challengeId, starter]);

  return { code, setCode, status, error, restored, reset };
}
