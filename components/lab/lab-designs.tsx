"use client";
import { useEffect, useId, useRef, useState } from "react";
import { LIMITS } from "@/lib/lab";
import { shareUrl, useLabDesigns, type LabDesignsProps, type SavedSummary } from "./use-lab-designs";
import styles from "./lab.module.css";

/**
 * Save and share. Signed in: save the design to the account (update it when it is already saved there), list saved
 * designs and open one, and copy a share link anyone can open. Guests: the design stays in this browser.
 */
export function LabDesigns(props: LabDesignsProps) {
  const { signedIn, saved } = props;
  const nameId = useId();
  const linkId = useId();
  const designs = useLabDesigns(props);
  const { status, busy } = designs;

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

  return (
    <section className={styles.panel} aria-labelledby="lab-save-title">
      <h3 id="lab-save-title" className={styles.panelTitle}>
        Save and share
      </h3>
      <div className={styles.field}>
        <label htmlFor={nameId} className={styles.fieldLabel}>
          Design name
        </label>
        <input id={nameId} value={designs.name} maxLength={LIMITS.titleLength} onChange={(e) => designs.setName(e.target.value)} />
      </div>
      <div className={styles.inline}>
        <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void designs.save(false)}>
          {saved ? "Save changes" : "Save design"}
        </button>
        {saved ? (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void designs.save(true)}>
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
            <button type="button" className="btn btn-small" onClick={() => void designs.copy(() => (document.getElementById(linkId) as HTMLInputElement | null)?.select())}>
              Copy link
            </button>
          </div>
        </div>
      ) : null}
      <SavedDesignList list={designs.list} openId={saved?.id ?? null} busy={busy} onOpen={(id) => void designs.open(id)} onRemove={designs.remove} />
    </section>
  );
}

/** "My designs", each with Open and Delete; Delete asks to confirm in its row, and focus never drops to the page. */
function SavedDesignList({
  list,
  openId,
  busy,
  onOpen,
  onRemove,
}: {
  list: SavedSummary[] | null;
  openId: string | null;
  busy: boolean;
  onOpen: (id: string) => void;
  onRemove: (item: SavedSummary) => Promise<boolean>;
}) {
  // The design whose Delete was pressed: its row asks to confirm before anything is removed.
  const [confirming, setConfirming] = useState<string | null>(null);
  // Where keyboard focus goes when the confirmation closes: back to the row's Delete, or (row gone) the list heading.
  const [refocus, setRefocus] = useState<{ to: "row"; id: string } | { to: "heading" } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!refocus) return;
    const root = listRef.current;
    const target = refocus.to === "row" ? root?.querySelector<HTMLElement>(`[data-delete-id="${CSS.escape(refocus.id)}"]`) : root?.querySelector<HTMLElement>("h4");
    target?.focus();
    setRefocus(null);
  }, [refocus]);

  return (
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
                  {item.id === openId ? " · open now" : ""}
                </span>
              </span>
              {confirming === item.id ? (
                <span className={styles.inline} role="group" aria-label={`Delete ${item.name}?`}>
                  <span>Delete it? This cannot be undone.</span>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    disabled={busy}
                    onClick={() =>
                      void onRemove(item).then((gone) => {
                        if (!gone) return;
                        setConfirming(null);
                        setRefocus({ to: "heading" });
                      })
                    }
                    autoFocus
                  >
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
                  <button type="button" className="btn btn-small" aria-label={`Open ${item.name}`} onClick={() => onOpen(item.id)}>
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
  );
}
