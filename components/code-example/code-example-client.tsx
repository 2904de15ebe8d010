"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { CodeEditor, type CodeEditorHandle } from "@/components/editor/code-editor";
import { ConsolePanel } from "@/components/editor/console-panel";
import { useCodeRunner } from "@/components/editor/use-code-runner";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import { describeResult, type RunResult } from "@/lib/runner/protocol";
import { connectEditor, recordExperimentRun, setLoadedExperiment, type ExperimentRef, type LoadRequest } from "./example-store";
import styles from "./code-example.module.css";

/** What the editor holds: the code, and which experiment it came from (null: the lesson's example). */
interface Contents {
  code: string;
  experiment: ExperimentRef | null;
  /** The code as loaded, to tell whether the student has edited it since. */
  baseline: string;
}

/** A run counts for an experiment when the program actually ran to its end (an uncaught error is an outcome too). */
const COUNTS_AS_RUN: ReadonlySet<RunResult["status"]> = new Set(["ok", "error"]);

function prefersReducedMotion(): boolean {
  return typeof matchMedia !== "undefined" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * The runnable example of a lesson: editor, Run / Reset, status line and console. Experiments of the same example
 * load into this editor through example-store (so there is one editor per example, as the lesson promises).
 */
export function CodeExampleClient({ exampleId, code: original, fileName = "example.ts" }: { exampleId: string; code: string; fileName?: string }) {
  const [contents, setContents] = useState<Contents>({ code: original, experiment: null, baseline: original });
  // One step of undo for replacing the student's edits (Reset, or loading an experiment over edited code).
  const [undo, setUndo] = useState<{ contents: Contents; label: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const runner = useCodeRunner({ fileName });
  const progress = useOptionalLessonProgress();
  const editorRef = useRef<CodeEditorHandle>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // The latest values for callbacks registered once (the store handler, the keyboard shortcut).
  const latest = useRef({ contents, runner, progress });
  latest.current = { contents, runner, progress };

  const edited = contents.code !== contents.baseline;

  const run = useCallback(async (code: string, experiment: ExperimentRef | null) => {
    setNotice(null);
    const result = await latest.current.runner.run(code);
    if (!result || !experiment || !COUNTS_AS_RUN.has(result.status)) return;
    const ruleMet = recordExperimentRun(exampleId, experiment.id);
    const p = latest.current.progress;
    if (ruleMet && p && !p.completed.has("experiment")) void p.markDone("experiment");
  }, [exampleId]);

  const replace = useCallback((next: Contents, label: string, message: string) => {
    const current = latest.current.contents;
    const wouldLoseEdits = current.code !== current.baseline && current.code !== next.code;
    setUndo(wouldLoseEdits ? { contents: current, label } : null);
    setContents(next);
    setNotice(message);
  }, []);

  // Experiments load (and maybe run) here.
  useEffect(
    () =>
      connectEditor(exampleId, (req: LoadRequest) => {
        replace({ code: req.code, experiment: req.experiment, baseline: req.code }, "Undo load", `Loaded the experiment “${req.experiment.title}” into the editor.`);
        const root = rootRef.current;
        root?.scrollIntoView({ behavior: prefersReducedMotion() ? "auto" : "smooth", block: "start" });
        // Focus follows the student to the editor, so keyboard and screen-reader users land where the change happened.
        statusRef.current?.focus({ preventScroll: true });
        if (req.run) void run(req.code, req.experiment);
        else editorRef.current?.load();
      }),
    [exampleId, replace, run],
  );

  useEffect(() => setLoadedExperiment(exampleId, contents.experiment?.id ?? null), [exampleId, contents.experiment]);

  const onRun = useCallback(() => {
    const { contents: c, runner: r } = latest.current;
    if (r.running) return;
    editorRef.current?.load(); // the student is engaged: have the editor ready for their next change
    void run(c.code, c.experiment);
  }, [run]);

  const onReset = () => {
    replace({ code: original, experiment: null, baseline: original }, "Undo reset", "Restored the original example.");
  };

  const onUndo = () => {
    if (!undo) return;
    setContents(undo.contents);
    setUndo(null);
    setNotice("Brought back your code.");
  };

  const status = runner.running ? "Running…" : notice ?? (runner.result ? describeResult(runner.result) : "Edit the code, then press Run (or Ctrl+Enter / ⌘+Enter).");
  const canReset = contents.experiment !== null || contents.code !== original;

  return (
    <div ref={rootRef} className={styles.example} data-testid={`code-example-${exampleId}`}>
      <CodeEditor
        ref={editorRef}
        value={contents.code}
        onChange={(code) => setContents((c) => ({ ...c, code }))}
        fileName={fileName}
        ariaLabel={`Code editor: ${exampleId} example`}
        onRunShortcut={onRun}
        headerExtra={
          contents.experiment ? (
            <span data-testid="editor-source">
              Experiment: {contents.experiment.title}
              {edited ? " (edited)" : ""} · <a href={`#${contents.experiment.anchorId}`}>back to it</a>
            </span>
          ) : edited ? (
            <span data-testid="editor-source">edited</span>
          ) : null
        }
      />
      <div className={styles.toolbar}>
        <button type="button" className="btn btn-primary" onClick={onRun} disabled={runner.running} aria-keyshortcuts="Control+Enter Meta+Enter">
          Run
        </button>
        {runner.running ? (
          <button type="button" className="btn" onClick={runner.stop}>
            Stop
          </button>
        ) : null}
        <button type="button" className="btn" onClick={onReset} disabled={!canReset || runner.running}>
          Reset
        </button>
        {undo && !runner.running ? (
          <button type="button" className="btn btn-small" onClick={onUndo}>
            {undo.label}
          </button>
        ) : null}
        <p ref={statusRef} className={styles.status} role="status" tabIndex={-1} data-testid="run-status">
          {status}
        </p>
      </div>
      <ConsolePanel lines={runner.lines} result={runner.result} running={runner.running} onClear={runner.clear} />
    </div>
  );
}
