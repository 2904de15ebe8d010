"use client";
import { useEffect, useRef } from "react";
import { KIND_LABELS, type Design } from "@/lib/lab";
import { connectTargets, type TargetOption } from "./lab-state";
import styles from "./lab.module.css";

/**
 * Shown while a component waits for its connection target: the valid targets as buttons (the keyboard way to finish
 * the wire; pointer users can also click or tap the target itself), the others with the reason they are refused.
 */
export function ConnectMenu({
  design,
  fromId,
  onConnect,
  onCancel,
}: {
  design: Design;
  fromId: string;
  onConnect: (to: string) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const from = design.components.find((c) => c.id === fromId);
  const options = connectTargets(design, fromId);
  const valid = options.filter((o) => o.ok);
  const invalid = options.filter((o) => !o.ok);

  useEffect(() => {
    // Focus the first choice so keyboard users land in the menu they just opened.
    ref.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, [fromId]);

  if (!from) return null;
  return (
    <div
      ref={ref}
      className={styles.connectMenu}
      role="group"
      aria-label={`Connect ${from.name} to`}
      data-testid="connect-menu"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p className={styles.connectPrompt}>
        Connect <strong>{from.name}</strong> to{valid.length === 0 ? ": nothing can be connected from here right now." : ":"}
      </p>
      <div className={styles.connectChoices}>
        {valid.map((o) => (
          <button key={o.component.id} type="button" className="btn btn-small" onClick={() => onConnect(o.component.id)}>
            {o.component.name} <span className={styles.muted}>({KIND_LABELS[o.component.kind]})</span>
          </button>
        ))}
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className={styles.hint}>Or click or tap the target on the canvas. Escape cancels.</p>
      <RefusedTargets refused={invalid} />
    </div>
  );
}

/** The targets a connection may not go to, each with the reason, folded away until asked for. */
export function RefusedTargets({ refused }: { refused: TargetOption[] }) {
  if (refused.length === 0) return null;
  return (
    <details className={styles.why}>
      <summary>Why are {refused.length === 1 ? "1 component" : `${refused.length} components`} not offered?</summary>
      <ul>
        {refused.map((o) => (
          <li key={o.component.id}>
            <strong>{o.component.name}</strong>: {o.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
