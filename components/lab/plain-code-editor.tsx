"use client";
import { useId, useRef } from "react";
import styles from "./lab.module.css";

const INDENT = "  ";

/**
 * A small code editor on a plain <textarea>: monospace, Tab indents (two spaces), Enter keeps the line's
 * indentation. Tab must not trap keyboard users, so Escape releases it: after Escape the next Tab moves focus on.
 */
export function PlainCodeEditor({
  label,
  value,
  onChange,
  hint,
  rows = 14,
  invalid,
  describedBy,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: React.ReactNode;
  rows?: number;
  invalid?: boolean;
  describedBy?: string;
  testId?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const released = useRef(false);

  function insert(area: HTMLTextAreaElement, text: string, replaceFrom = area.selectionStart) {
    area.setSelectionRange(replaceFrom, area.selectionEnd);
    // execCommand keeps the browser's undo history; setRangeText is the fallback where it is gone.
    if (!document.execCommand?.("insertText", false, text)) {
      area.setRangeText(text, replaceFrom, area.selectionEnd, "end");
      onChange(area.value);
    }
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    const area = event.currentTarget;
    if (event.key === "Escape") {
      released.current = true;
      return;
    }
    if (event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) {
      if (released.current) {
        released.current = false;
        return; // let the browser move focus
      }
      event.preventDefault();
      const { selectionStart: start, selectionEnd: end, value: text } = area;
      const lineStart = text.lastIndexOf("\n", start - 1) + 1;
      if (event.shiftKey) {
        // Outdent the current line by up to one indent.
        const leading = /^ {1,2}/.exec(text.slice(lineStart))?.[0] ?? "";
        if (!leading) return;
        area.setSelectionRange(lineStart, lineStart + leading.length);
        if (!document.execCommand?.("delete")) {
          area.setRangeText("", lineStart, lineStart + leading.length, "end");
          onChange(area.value);
        }
        const moved = Math.max(lineStart, start - leading.length);
        area.setSelectionRange(moved, Math.max(moved, end - leading.length));
        return;
      }
      insert(area, INDENT);
      return;
    }
    released.current = false;
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const { selectionStart: start, value: text } = area;
      const lineStart = text.lastIndexOf("\n", start - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0] ?? "";
      const opensBlock = /[{[(]\s*$/.test(text.slice(lineStart, start));
      if (!indent && !opensBlock) return;
      event.preventDefault();
      insert(area, `\n${indent}${opensBlock ? INDENT : ""}`);
    }
  }

  return (
    <div className={styles.editor}>
      <label htmlFor={id} className={styles.fieldLabel}>
        {label}
      </label>
      <textarea
        id={id}
        className={styles.code}
        value={value}
        rows={rows}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete="off"
        wrap="off"
        aria-invalid={invalid || undefined}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(" ")}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className={styles.hint}>
        {hint ? <>{hint} </> : null}
        Tab indents; press Esc, then Tab, to leave the editor.
      </p>
    </div>
  );
}
