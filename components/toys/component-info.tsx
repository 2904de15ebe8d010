"use client";
/**
 * A component's name as a button that explains it: what it does and why the system needs it (the
 * preset's labels). Opens on mouse hover, on keyboard focus and on tap/click (which pins it open
 * until tapped again or Escape), so it works the same with a mouse, a finger or a keyboard.
 * The tip spans the nearest positioned ancestor: put this inside a card with `position: relative`.
 */
import { useId, useState } from "react";
import type { ComponentLabel } from "@/lib/sim";
import styles from "./component-info.module.css";

const KIND_NAMES: Record<ComponentLabel["kind"], string> = {
  producer: "producer",
  topic: "topic",
  queue: "queue",
  subscription: "subscription",
  partition: "partition",
  group: "consumer group",
  consumer: "consumer",
  dlq: "dead-letter queue",
  service: "service",
  store: "data store",
};

export function ComponentInfo({ label, children }: { label: ComponentLabel; children?: React.ReactNode }) {
  const id = useId();
  const [hover, setHover] = useState(false);
  const [keyboardFocus, setKeyboardFocus] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = pinned || hover || keyboardFocus;

  return (
    <span className={styles.wrap} onMouseLeave={() => setHover(false)}>
      <button
        type="button"
        className={styles.name}
        aria-expanded={open}
        aria-describedby={`${id}-tip`}
        onPointerEnter={(e) => e.pointerType === "mouse" && setHover(true)}
        onFocus={(e) => setKeyboardFocus(e.currentTarget.matches(":focus-visible"))}
        onBlur={() => {
          setKeyboardFocus(false);
          setPinned(false);
        }}
        onClick={() => {
          // Toggles what the student sees: a tap opens and pins it (touch has no hover), Enter on a tip that opened
          // on keyboard focus closes it, a click while hovering pins it so it stays while the mouse moves on.
          setPinned(!(pinned || keyboardFocus));
          setKeyboardFocus(false);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) {
            e.stopPropagation();
            setPinned(false);
            setKeyboardFocus(false);
            setHover(false);
          }
        }}
      >
        {children ?? label.name}
        <span className={styles.icon} aria-hidden="true">
          i
        </span>
      </button>
      {/* Always in the DOM so aria-describedby works while closed; only shown when open. */}
      <span id={`${id}-tip`} role="tooltip" className={styles.tip} data-open={open}>
        <strong>
          {label.name} <span className={styles.kind}>({KIND_NAMES[label.kind]})</span>
        </strong>
        <span>{label.does}</span>
        <span>
          <em>Why it is needed:</em> {label.why}
        </span>
      </span>
    </span>
  );
}

/** The instruction above a diagram; CSS picks the wording for pointers that hover and for touch. */
export function InfoHint() {
  return (
    <p className={styles.hint}>
      <span className={styles.hintHover}>Hover over or focus any component to see what it does and why it is needed.</span>
      <span className={styles.hintTouch}>Tap any component to see what it does and why it is needed.</span>
    </p>
  );
}
