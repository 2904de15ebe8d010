"use client";
import { useCallback, useEffect, useState } from "react";
import type { LabDesignListResponse, LabDesignResponse, LabDesignSummary } from "@/lib/api/lab-designs";
import { LIMITS, type Design } from "@/lib/lab";
import type { SavedRef } from "./lab-storage";

export type SavedSummary = LabDesignSummary;

export type SaveStatus = { tone: "success" | "error" | "info"; text: string } | null;

async function readError(res: Response): Promise<string> {
  const body = (await res.json().catch(() => ({}))) as { error?: string; problems?: string[] };
  if (res.status === 401) return "You are signed out: sign in again to save.";
  if (res.status === 413) return "This design is too large to save.";
  const problems = body.problems && body.problems.length > 1 ? ` (${body.problems.slice(0, 3).join("; ")})` : "";
  return `${body.error ?? `The server answered ${res.status}`}${problems}.`;
}

export function shareUrl(shareId: string): string {
  return `${window.location.origin}/lab?share=${encodeURIComponent(shareId)}`;
}

export interface LabDesignsProps {
  signedIn: boolean;
  design: Design;
  saved: SavedRef | null;
  onSaved: (ref: SavedRef) => void;
  onOpen: (design: Design, ref: SavedRef) => void;
  onDeleted: (id: string) => void;
}

/**
 * The signed-in student's saved designs on the server: the list, save (update or as new), open, delete, copy the
 * share link, and one status line saying how the last of these went.
 */
export function useLabDesigns({ signedIn, design, saved, onSaved, onOpen, onDeleted }: LabDesignsProps) {
  const [name, setName] = useState(saved?.name ?? design.title);
  const [list, setList] = useState<SavedSummary[] | null>(null);
  const [status, setStatus] = useState<SaveStatus>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setName(saved?.name ?? design.title), [saved?.id, saved?.name, design.title]);

  const refresh = useCallback(async () => {
    const res = await fetch("/api/lab/designs", { cache: "no-store" }).catch(() => null);
    if (res?.ok) setList(((await res.json()) as LabDesignListResponse).designs);
  }, []);

  useEffect(() => {
    if (signedIn) void refresh();
  }, [signedIn, refresh]);

  async function save(asNew: boolean) {
    const trimmed = name.trim();
    if (!trimmed) {
      setStatus({ tone: "error", text: "Give the design a name first." });
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      const body = JSON.stringify({ name: trimmed, design: { ...design, title: trimmed.slice(0, LIMITS.titleLength) } });
      const update = saved && !asNew;
      const res = await fetch(update ? `/api/lab/designs/${encodeURIComponent(saved.id)}` : "/api/lab/designs", {
        method: update ? "PUT" : "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      if (res.status === 404 && update) {
        setStatus({ tone: "error", text: "This design is no longer in your account: use “Save as new”." });
        return;
      }
      if (!res.ok) {
        setStatus({ tone: "error", text: `Not saved: ${await readError(res)}` });
        return;
      }
      const { design: stored } = (await res.json()) as LabDesignResponse;
      onSaved({ id: stored.id, name: stored.name, shareId: stored.shareId });
      setStatus({ tone: "success", text: update ? `Saved changes to “${stored.name}”.` : `Saved “${stored.name}” to your account.` });
      void refresh();
    } catch {
      setStatus({ tone: "error", text: "Not saved: the server could not be reached. Your design is still kept in this browser." });
    } finally {
      setBusy(false);
    }
  }

  async function open(id: string) {
    setStatus(null);
    const res = await fetch(`/api/lab/designs/${encodeURIComponent(id)}`, { cache: "no-store" }).catch(() => null);
    if (!res?.ok) {
      setStatus({ tone: "error", text: res ? `Could not open it: ${await readError(res)}` : "Could not reach the server." });
      return;
    }
    const { design: stored } = (await res.json()) as LabDesignResponse;
    onOpen(stored.design, { id: stored.id, name: stored.name, shareId: stored.shareId });
    setStatus({ tone: "info", text: `Opened “${stored.name}”.` });
  }

  /** Deletes `item`; true when it is gone (404: already deleted in another tab; the list catches up either way). */
  async function remove(item: SavedSummary): Promise<boolean> {
    setBusy(true);
    try {
      const res = await fetch(`/api/lab/designs/${encodeURIComponent(item.id)}`, { method: "DELETE" }).catch(() => null);
      if (res && (res.ok || res.status === 404)) {
        onDeleted(item.id);
        setStatus({
          tone: "success",
          text: item.id === saved?.id ? `Deleted “${item.name}” from your account; it stays open here until you leave.` : `Deleted “${item.name}”.`,
        });
        void refresh();
        return true;
      }
      setStatus({ tone: "error", text: res ? `Not deleted: ${await readError(res)}` : "Not deleted: the server could not be reached." });
      return false;
    } finally {
      setBusy(false);
    }
  }

  /** Copies the share link; where the clipboard is refused, `selectLink` selects it for the student to copy. */
  async function copy(selectLink: () => void) {
    if (!saved) return;
    try {
      await navigator.clipboard.writeText(shareUrl(saved.shareId));
      setStatus({ tone: "success", text: "Share link copied." });
    } catch {
      selectLink();
      setStatus({ tone: "info", text: "Copy the selected link with Ctrl+C (⌘C on a Mac)." });
    }
  }

  return { name, setName, list, status, busy, save, open, remove, copy };
}
