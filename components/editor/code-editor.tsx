"use client";
/*
 * A code editor that costs nothing on first load. The server renders the code as a plain <pre> in a box of the final
 * size; the real editor (Sandpack/CodeMirror, ~280 KB gzip) is fetched only when the box comes within
 * LOAD_MARGIN_PX of the viewport, or when the student clicks or tabs into it, whichever is first.
 *
 * Why visibility rather than first click: a student who scrolls to an editor is about to read or change it, and
 * fetching while they read hides the download, so the first click already edits. A reader who never reaches the
 * editor (or a lesson page measured before interaction) downloads none of it. `loadOn="interaction"` is there for
 * pages with many editors, where visibility would fetch for every one of them.
 *
 * Controlled: `value` + `onChange`, so a parent can replace the code at any time (Reset, load an experiment), even
 * before the real editor has loaded. Reused by the code examples, the coding challenges and the architecture lab.
 */
import dynamic from "next/dynamic";
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import styles from "./editor.module.css";

const LOAD_MARGIN_PX = 300;

export interface CodeEditorProps {
  /** The code shown (controlled). Pair with onChange. */
  value?: string;
  /** Initial code when uncontrolled (no `value`). */
  defaultValue?: string;
  /** Every edit the student makes, as the whole new text. */
  onChange?(code: string): void;
  /** Shown in the tab and used for syntax: "example.ts". */
  fileName?: string;
  readOnly?: boolean;
  /** Height of the editing area in CSS pixels; the placeholder has the same, so nothing moves when it loads. */
  height?: number;
  /** Accessible name of the editing area, e.g. "Code editor: message-queues example". */
  ariaLabel: string;
  /** Ctrl+Enter / Cmd+Enter inside the editor (usually: run the code). */
  onRunShortcut?(): void;
  /** When to fetch the real editor (see the file comment). */
  loadOn?: "visible" | "interaction";
  /** Extra content in the header bar, right-aligned (e.g. "loaded from experiment X"). */
  headerExtra?: React.ReactNode;
}

export interface CodeEditorHandle {
  /** Load the editor if needed and put the caret in it. */
  focus(): void;
  /** Start fetching the editor now (e.g. the student pressed Run and will likely edit next). */
  load(): void;
  /** The outer box, for scrolling it into view. */
  element: HTMLDivElement | null;
}

function Placeholder({ code, height }: { code: string; height: number }) {
  const lines = code.split("\n");
  return (
    <pre className={styles.placeholder} style={{ height }} aria-hidden="true">
      <code>
        {lines.map((line, i) => (
          <span key={i} className={styles.placeholderLine}>
            {line || "\u200b"}
          </span>
        ))}
      </code>
    </pre>
  );
}

export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
  { value, defaultValue = "", onChange, fileName = "code.ts", readOnly = false, height = 420, ariaLabel, onRunShortcut, loadOn = "visible", headerExtra },
  ref,
) {
  const [own, setOwn] = useState(defaultValue);
  const code = value ?? own;
  const [active, setActive] = useState(false);
  const [autoFocus, setAutoFocus] = useState<"content" | "box" | null>(null);
  const [ready, setReady] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLElement | null>(null);
  const runRef = useRef(onRunShortcut);
  runRef.current = onRunShortcut;

  const handleChange = useCallback(
    (next: string) => {
      if (value === undefined) setOwn(next);
      onChange?.(next);
    },
    [value, onChange],
  );

  // "content": put the caret in the editor (a click, or focus() from the parent). "box": focus the editor's outer
  // box, where Enter starts editing and Tab moves on, so tabbing through the page never lands inside CodeMirror
  // (where Tab indents).
  const activate = useCallback((focus: "content" | "box" | null) => {
    if (focus === "content" && contentRef.current) contentRef.current.focus();
    else if (focus) setAutoFocus((prev) => (prev === "content" ? prev : focus)); // a click's focus event must not downgrade it
    setActive(true);
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      focus: () => activate("content"),
      load: () => activate(null),
      get element() {
        return boxRef.current;
      },
    }),
    [activate],
  );

  useEffect(() => {
    if (active || loadOn !== "visible" || !boxRef.current || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setActive(true);
    }, { rootMargin: `${LOAD_MARGIN_PX}px 0px` });
    io.observe(boxRef.current);
    return () => io.disconnect();
  }, [active, loadOn]);

  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    // Captured above CodeMirror, whose own Mod-Enter would insert a blank line.
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && runRef.current) {
      e.preventDefault();
      e.stopPropagation();
      runRef.current();
    }
  };

  return (
    <div ref={boxRef} className={styles.editor} data-editor-state={ready ? "ready" : active ? "loading" : "placeholder"} onKeyDownCapture={onKeyDownCapture}>
      <div className={styles.header}>
        <span className={styles.fileTab}>{fileName}</span>
        {readOnly ? <span className={styles.readOnly}>read-only</span> : null}
        {headerExtra ? <span className={styles.headerExtra}>{headerExtra}</span> : null}
      </div>
      <div className={styles.body} style={{ height }}>
        {active ? (
          <SandpackEditor
            value={code}
            onChange={handleChange}
            fileName={fileName}
            readOnly={readOnly}
            ariaLabel={ariaLabel}
            autoFocus={autoFocus}
            onReady={(el) => {
              contentRef.current = el;
              setReady(true);
            }}
          />
        ) : null}
        {ready ? null : (
          // Until the editor has loaded, one focusable stand-in with the editor's name covers the box: clicking or
          // tabbing into it loads the editor, and focus stays here until the caret can move into the real one.
          <div
            className={styles.standIn}
            role="textbox"
            aria-multiline="true"
            aria-readonly={readOnly}
            aria-label={ariaLabel}
            aria-busy={active}
            tabIndex={0}
            onMouseDown={(e) => {
              // No focus on the stand-in itself: it is about to disappear, and focusing it would take the caret
              // away from CodeMirror if CodeMirror has just mounted underneath. (A tap sends mousedown too.)
              e.preventDefault();
              activate("content");
            }}
            onFocus={() => activate("box")}
          >
            <Placeholder code={code} height={height} />
          </div>
        )}
      </div>
    </div>
  );
});

// Nothing while the chunk downloads: the stand-in above still covers the box.
const SandpackEditor = dynamic(() => import("./sandpack-editor"), { ssr: false, loading: () => null });
