"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { LabDesignListResponse, LabDesignResponse, LabDesignSummary } from "@/lib/api/lab-designs";
import { LIMITS, type Design } from "@/lib/lab";
import type { SavedRef } from "./lab-storage";
import styles from "./lab.module.css";

type Summary = LabDesignSummary;

type Status = { tone: "success" | "error" | "info"; text: string } | null;

async function readError(res: Response): Promise<string> {
  const body = (await res.json().catch(() => ({}))) as { error?: string; problems?: string[] };
  if (res.status === 401) return "You are signed out: sign in again to save.";
  if (res.status === 413) return "This design is too large to save.";
  const problems = body.problems && body.problems.length > 1 ? ` (${body.problems.slice(0, 3).join("; ")})` : "";
  return `${body.error ?? `The server answered ${res.status}`}${problems}.`;
}

function shareUrl(shareId: string): string {
  return `${window.location.origin}/lab?share=${encodeURIComponent(shareId)}`;
}

/**
 * Save and share. Signed in: save the design to the account (update it when it is already saved there), list saved
 * designs and open one, and copy a share link anyone can open. Guests: the design stays in this browser.
 */
export function LabDesigns({
  signedIn,
  design,
  saved,
  onSaved,
  onOpen,
  onDeleted,
}: {
  signedIn: boolean;
  design: Design;
  saved: SavedRef | null;
  onSaved: (ref: SavedRef) => void;
  onOpen: (design: Design, ref: SavedRef) => void;
  onDeleted: (id: string) => void;
}) {
  const nameId = useId();
  const linkId = useId();
  const [name, setName] = useState(saved?.name ?? design.title);
  const [list, setList] = useState<Summary[] | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  // The design whose Delete was pressed: its row asks to confirm before anything is removed.
  const [confirming, setConfirming] = useState<string | null>(null);
  // Where keyboard focus goes when the confirmation closes: back to the row's Delete, or (row gone) the list heading.
  const [refocus, setRefocus] = useState<{ to: "row"; id: string } | { to: "heading" } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!refocus) return;
    const root = listRef.current;
    const target =
      refocus.to === "row"
        ? root?.querySelector<HTMLElement>(`[data-delete-id="${CSS.escape(refocus.id)}"]`)
        : root?.querySelector<HTMLElement>("h4");
    target?.focus();
    setRefocus(null);
  }, [refocus]);

  useEffect(() => setName(saved?.name ?? design.title), [saved?.id, saved?.name, design.title]);

  const refresh = useCallback(async () => {
    const res = await fetch("/api/lab/designs", { cache: "no-store" }).catch(() => null);
    if (res?.ok) setList(((await res.json()) as LabDesignListResponse).designs);
  }, []);

  useEffect(() => {
    if (signedIn) void refresh();
  }, [signedIn, refresh]);

  if (!signedIn) {
    return (
      <section className={styles.panel} aria-labelledby="lab-save-title">
        <h3 id="lab-save-title" className={styles.panelTitle}>
          Save and share
        </h3>
        <p>Your design is kept in this browser while you work.</p>
        <p>
          <a href="/signin?next=/lab">Sign in</a> to save designs to your account and share them by link.
        </p>
      </section>
    );
  }

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

  async function remove(item: Summary) {
    setBusy(true);
    try {
      const res = await fetch(`/api/lab/designs/${encodeURIComponent(item.id)}`, { method: "DELETE" }).catch(() => null);
      // 404: already gone (deleted in another tab); the list catches up either way.
      if (res && (res.ok || res.status === 404)) {
        setConfirming(null);
        setRefocus({ to: "heading" });
        onDeleted(item.id);
        setStatus({
          tone: "success",
          text: item.id === saved?.id ? `Deleted “${item.name}” from your account; it stays open here until you leave.` : `Deleted “${item.name}”.`,
        });
        void refresh();
      } else {
        setStatus({ tone: "error", text: res ? `Not deleted: ${await readError(res)}` : "Not deleted: the server could not be reached." });
      }
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!saved) return;
    try {
      await navigator.clipboard.writeText(shareUrl(saved.shareId));
      setStatus({ tone: "success", text: "Share link copied." });
    } catch {
      (document.getElementById(linkId) as HTMLInputElement | null)?.select();
      setStatus({ tone: "info", text: "Copy the selected link with Ctrl+C (⌘C on a Mac)." });
    }
  }

  return (
    <section className={styles.panel} aria-labelledby="lab-save-title">
      <h3 id="lab-save-title" className={styles.panelTitle}>
        Save and share
      </h3>
      <div className={styles.field}>
        <label htmlFor={nameId} className={styles.fieldLabel}>
          Design name
        </label>
        <input id={nameId} value={name} maxLength={LIMITS.titleLength} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className={styles.inline}>
        <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void save(false)}>
          {saved ? "Save changes" : "Save design"}
        </button>
        {saved ? (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void save(true)}>
            Save as new
          </button>
        ) : null}
      </div>
      <p role="status" className={status?.tone === "error" ? styles.fieldError : styles.hint} data-testid="save-status">
        {status?.text ?? ""}
      </p>
      {saved ? (
        <div className={styles.field}>
          <label htmlFor={linkId} className={styles.fieldLabel}>
            Share link (anyone with it can open a copy)
          </label>
          <div className={styles.inline}>
            <input id={linkId} readOnly value={shareUrl(saved.shareId)} className={styles.grow} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
            <button type="button" className="btn btn-small" onClick={() => void copy()}>
              Copy link
            </button>
          </div>
        </div>
      ) : null}
      <div ref={listRef}>
        <h4 className={styles.subTitle} tabIndex={-1}>
          My designs
        </h4>
        {list === null ? <p className={styles.muted}>Loading…</p> : null}
        {list?.length === 0 ? <p className={styles.muted}>Nothing saved yet.</p> : null}
        {list && list.length > 0 ? (
          <ul className={styles.connectionList} aria-label="My designs">
            {list.map((item) => (
              <li key={item.id}>
                <span>
                  <strong>{item.name}</strong>{" "}
                  <span className={styles.muted}>
                    {new Date(item.updatedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
                    {item.id === saved?.id ? " · open now" : ""}
                  </span>
                </span>
                {confirming === item.id ? (
                  <span className={styles.inline} role="group" aria-label={`Delete ${item.name}?`}>
                    <span>Delete it? This cannot be undone.</span>
                    <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void remove(item)} autoFocus>
                      Delete
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => {
                        setConfirming(null);
                        setRefocus({ to: "row", id: item.id });
                      }}
                    >
                      Keep
                    </button>
                  </span>
                ) : (
                  <span className={styles.inline}>
                    <button type="button" className="btn btn-small" aria-label={`Open ${item.name}`} onClick={() => void open(item.id)}>
                      Open
                    </button>
                    <button type="button" className="btn btn-small" aria-label={`Delete ${item.name}`} data-delete-id={item.id} onClick={() => setConfirming(item.id)}>
                      Delete
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
