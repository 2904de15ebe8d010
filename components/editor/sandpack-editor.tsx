"use client";
/*
 * The heavy half of the code editor (Sandpack + CodeMirror 6, ~280 KB gzip): only ever loaded lazily (React.lazy)
 * by code-editor.tsx. Sandpack is used for editing only; its bundler and preview need CodeSandbox's servers, so
 * autorun is off and no preview is mounted (code runs in lib/runner instead).
 */
import { SandpackCodeEditor, SandpackProvider, useSandpack, type CodeEditorRef, type SandpackTheme } from "@codesandbox/sandpack-react";
import { useEffect, useMemo, useRef } from "react";

// Colours come from the app's CSS variables (editor.module.css defines the syntax ones), so the editor follows the
// light/dark theme without re-rendering.
const THEME: SandpackTheme = {
  colors: {
    surface1: "var(--surface)",
    surface2: "var(--border)",
    surface3: "var(--surface-2)",
    disabled: "var(--muted)",
    base: "var(--text)",
    clickable: "var(--muted)",
    hover: "var(--text)",
    accent: "var(--accent)",
    error: "var(--danger)",
    errorSurface: "var(--danger-soft)",
    warning: "var(--warning)",
    warningSurface: "var(--warning-soft)",
  },
  syntax: {
    plain: "var(--text)",
    comment: { color: "var(--code-comment)", fontStyle: "italic" },
    keyword: "var(--code-keyword)",
    tag: "var(--code-tag)",
    punctuation: "var(--code-punctuation)",
    definition: "var(--code-definition)",
    property: "var(--code-property)",
    static: "var(--code-static)",
    string: "var(--code-string)",
  },
  font: {
    body: "var(--font)",
    mono: "var(--mono)",
    size: "13px",
    lineHeight: "20px",
  },
};

export interface SandpackEditorProps {
  value: string;
  onChange(code: string): void;
  fileName: string;
  readOnly: boolean;
  ariaLabel: string;
  /**
   * Called once mounted with CodeMirror's editable element and its outer box (where Enter starts editing and
   * Escape returns); null when read-only, which Sandpack renders as a static view.
   */
  onReady(parts: { content: HTMLElement; box: HTMLElement } | null): void;
}

/** Keeps Sandpack's file and the parent's `value` in step, in both directions, without echo loops. */
function ValueSync({ path, value, onChange }: { path: string; value: string; onChange(code: string): void }) {
  const { sandpack } = useSandpack();
  const code = sandpack.files[path]?.code ?? "";
  // The last code both sides agree on.
  const agreed = useRef(value);
  // Only a change of `value` itself is a replacement from the parent. Right after a keystroke `value` is still the
  // old text for one commit (the parent has not re-rendered yet); treating that as a replacement would undo it.
  const lastValue = useRef(value);
  const { updateFile } = sandpack;

  useEffect(() => {
    if (code === agreed.current) return;
    agreed.current = code;
    onChange(code); // the student typed
  }, [code, onChange]);

  useEffect(() => {
    if (value === lastValue.current) return;
    lastValue.current = value;
    if (value === agreed.current) return; // the parent echoing the student's own edit
    agreed.current = value;
    updateFile(path, value); // the parent replaced the code (Reset, an experiment)
  }, [value, path, updateFile]);

  return null;
}

export default function SandpackEditor({ value, onChange, fileName, readOnly, ariaLabel, onReady }: SandpackEditorProps) {
  const path = `/${fileName}`;
  const editorRef = useRef<CodeEditorRef>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- Sandpack owns the file after mount; later `value` changes arrive through ValueSync
  const files = useMemo(() => ({ [path]: { code: value, active: true } }), [path]);

  useEffect(() => {
    const view = editorRef.current?.getCodemirror();
    const box = view?.dom.parentElement;
    if (!view || !box) {
      onReady(null);
      return;
    }
    // Sandpack labels the editor "Code Editor for <file>"; the caller's label says what the code is.
    view.contentDOM.setAttribute("aria-label", ariaLabel);
    box.setAttribute("aria-label", `${ariaLabel} (press Enter to edit, Escape to leave)`);
    onReady({ content: view.contentDOM, box });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mount-time only: the labels belong to this editor instance
  }, []);

  return (
    <SandpackProvider
      template="vanilla-ts"
      files={files}
      theme={THEME}
      options={{ activeFile: path, visibleFiles: [path], autorun: false, autoReload: false, initMode: "immediate" }}
      style={{ height: "100%" }}
    >
      <ValueSync path={path} value={value} onChange={onChange} />
      <SandpackCodeEditor
        ref={editorRef}
        showTabs={false}
        showLineNumbers
        showRunButton={false}
        showReadOnly={false}
        readOnly={readOnly}
        initMode="immediate"
        style={{ height: "100%" }}
      />
    </SandpackProvider>
  );
}
