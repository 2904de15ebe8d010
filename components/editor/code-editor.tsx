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
import { forwardRef, lazy, Suspense, useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import { useNearViewport } from "@/components/ui/use-near-viewport";
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
  const [activated, setActive] = useState(false);
  const [ready, setReady] = useState(false);
  const readyRef = useRef(false);
  readyRef.current = ready;
  const boxRef = useRef<HTMLDivElement>(null);
  const near = useNearViewport(boxRef, { marginPx: LOAD_MARGIN_PX, once: true, enabled: !activated && loadOn === "visible", withoutObserver: false });
  const active = activated || near;
  const standInRef = useRef<HTMLDivElement>(null);
  const parts = useRef<{ content: HTMLElement; box: HTMLElement } | null>(null);
  // Where focus should go once the editor exists. "content": the caret in the code (a click, or focus() from the
  // parent). "box": the editor's outer box, where Enter starts editing and Tab moves on, so tabbing through the
  // page never lands inside CodeMirror (where Tab indents). Cancelled when focus leaves the stand-in first, so a
  // student who tabbed past is not pulled back when the download finishes.
  const wanted = useRef<"content" | "box" | null>(null);
  const runRef = useRef(onRunShortcut);
  runRef.current = onRunShortcut;

  const handleChange = useCallback(
    (next: string) => {
      if (value === undefined) setOwn(next);
      onChange?.(next);
    },
    [value, onChange],
  );

  const applyFocus = useCallback(() => {
    const p = parts.current;
    const mode = wanted.current;
    if (!p || !mode) return;
    wanted.current = null;
    // Focus that arrived with Tab only follows into the editor if the student is still here: still on the
    // stand-in, or dropped to <body> because the stand-in was just removed; never from a control they tabbed on to.
    if (mode === "box") {
      const a = document.activeElement;
      const here = !a || a === document.body || a === standInRef.current || !a.isConnected;
      if (!here) return;
    }
    (mode === "content" ? p.content : p.box).focus();
  }, []);

  const activate = useCallback(
    (focus: "content" | "box" | null) => {
      // A click's own focus event asks for "box" right after the click asked for "content": keep "content".
      if (focus) wanted.current = wanted.current === "content" ? "content" : focus;
      setActive(true);
      if (readyRef.current) applyFocus();
    },
    [applyFocus],
  );

  useEffect(() => {
    if (ready) applyFocus();
  }, [ready, applyFocus]);

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
          <Suspense fallback={null}>
            <SandpackEditor
              value={code}
              onChange={handleChange}
              fileName={fileName}
              readOnly={readOnly}
              ariaLabel={ariaLabel}
              onReady={(p) => {
                parts.current = p;
                setReady(true); // focus moves once the stand-in is gone (effect below), so Tab cannot land on it
              }}
            />
          </Suspense>
        ) : null}
        {ready ? null : (
          // Until the editor has loaded, one focusable stand-in with the editor's name covers the box: clicking or
          // tabbing into it loads the editor, and focus stays here until the caret can move into the real one.
          <div
            ref={standInRef}
            className={styles.standIn}
            role="textbox"
            aria-multiline="true"
            aria-readonly={readOnly}
            aria-label={ariaLabel}
            aria-busy={active}
            tabIndex={0}
            onMouseDown={() => {
              wanted.current = "content"; // a tap sends mousedown too
            }}
            onFocus={() => activate("box")}
            onBlur={(e) => {
              // Focus went somewhere else on the page (Tab, a click on a control): the student has moved on, even if
              // CodeMirror has already mounted and only the stand-in's removal is pending. Focus going nowhere is
              // that removal once CodeMirror is there (the pending focus is about to move), else a click on nothing.
              const to = e.relatedTarget as Node | null;
              if (to ? !boxRef.current?.contains(to) : !parts.current) wanted.current = null;
            }}
          >
            <Placeholder code={code} height={height} />
          </div>
        )}
      </div>
    </div>
  );
});

// Nothing while the chunk downloads: the stand-in above still covers the box. React.lazy, not next/dynamic, whose
// runtime would otherwise be part of every lesson's first load.
const SandpackEditor = lazy(() => import("./sandpack-editor"));
