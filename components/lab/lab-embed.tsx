"use client";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { TemplateId } from "@/lib/lab/templates";
import styles from "./lab-embed.module.css";
import { LabLoading } from "./lab-loading";

// The lab (editor, runner, motion) is far heavier than a lesson's budget allows before interaction: its chunk is
// requested only when the student opens it (React.lazy: next/dynamic's runtime would cost every lesson's first load).
const ArchitectureLab = lazy(() => import("./architecture-lab"));

/**
 * The lab inside a lesson: a static preview (server-rendered `children`) with "Open the lab here"; the lab itself
 * loads on that click and replaces the preview.
 */
export function LabEmbed({ templateId, title, children }: { templateId: TemplateId; title: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) region.current?.focus();
  }, [open]);

  if (open) {
    return (
      <div ref={region} className={styles.embed} tabIndex={-1} role="region" aria-label={`Architecture lab: ${title}`} data-testid="lab-embed">
        <Suspense fallback={<LabLoading variant="embed" />}>
          <ArchitectureLab variant="embed" templateId={templateId} />
        </Suspense>
      </div>
    );
  }
  return (
    <div className={styles.placeholder} data-testid="lab-embed-placeholder">
      {children}
      <div className={styles.actions}>
        <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
          Open the lab here
        </button>
        <a className="btn" href={`/lab?template=${templateId}`}>
          Open the full lab
        </a>
      </div>
    </div>
  );
}
