"use client";
/*
 * What the lesson page ships for a challenge before the student gets near it: a static stand-in with the panel's
 * layout (title, the server-rendered prompt, the code in an editor-sized box, the buttons). The panel's own code
 * (challenge-panel.tsx, and through it the editor loader) is fetched when the stand-in comes within
 * LOAD_MARGIN_PX of the viewport, or on the first press or focus inside it. The Coding Challenge is the seventh of
 * nine steps, so a reader at the top of the lesson downloads none of it, which keeps the page inside its first-load
 * JavaScript budget.
 *
 * A button pressed on the stand-in is not lost: the panel performs it once it has loaded.
 */
import { lazy, useState } from "react";
import editorStyles from "@/components/editor/editor.module.css";
import { LazyWidget } from "@/components/ui/lazy-widget";
import { ChallengeHeader } from "./challenge-header";
import type { ChallengeAction, ChallengePanelProps } from "./challenge-panel";
import { EDITOR_HEIGHT } from "./layout";
import styles from "./challenge.module.css";

const LOAD_MARGIN_PX = 400;

type ShellProps = ChallengePanelProps & { onAction(action: ChallengeAction | null): void };

/** The stand-in: the panel's first paint without its behaviour. */
function Shell({ id, title, difficulty, starter, initial, hints, prompt, failuresToUnlock, onAction }: ShellProps) {
  const code = initial.draft ?? starter;
  return (
    <section className={styles.challenge} aria-label={title} data-testid={`challenge-${id}`} data-state="loading">
      <ChallengeHeader title={title} difficulty={difficulty} passed={initial.passed} />
      <div className={styles.prompt}>{prompt}</div>
      {/* The editor's own stand-in markup (components/editor), so the box is pixel-identical to what replaces it. */}
      <div className={editorStyles.editor} onPointerDown={() => onAction(null)}>
        <div className={editorStyles.header}>
          <span className={editorStyles.fileTab}>{id}.ts</span>
        </div>
        <div className={editorStyles.body} style={{ height: EDITOR_HEIGHT }}>
          <div className={editorStyles.standIn} role="textbox" aria-multiline="true" aria-label={`Code editor: ${title}`} aria-busy="true" tabIndex={0}>
            <pre className={editorStyles.placeholder} style={{ height: EDITOR_HEIGHT }} aria-hidden="true">
              <code>
                {code.split("\n").map((line, i) => (
                  <span key={i} className={editorStyles.placeholderLine}>
                    {line || "\u200b"}
                  </span>
                ))}
              </code>
            </pre>
          </div>
        </div>
      </div>
      <div className={styles.toolbar}>
        <button type="button" className="btn" onClick={() => onAction("run")}>
          Run tests
        </button>
        <button type="button" className="btn btn-primary" onClick={() => onAction("submit")}>
          Submit
        </button>
        <button type="button" className="btn" onClick={() => onAction("reset")} disabled={code === starter}>
          Reset
        </button>
      </div>
      {hints.length ? (
        <div className={styles.hints}>
          <h4>Hints</h4>
          <button type="button" className="btn btn-small" onClick={() => onAction("hint")}>
            Show hint 1 of {hints.length}
          </button>
        </div>
      ) : null}
      <div className={styles.solution}>
        <h4>Reference solution</h4>
        <p className={styles.muted}>Unlocks after you pass, or after {failuresToUnlock} failed submissions.</p>
      </div>
    </section>
  );
}

const LazyPanel = lazy(() => import("./challenge-panel").then((m) => ({ default: m.ChallengePanel })));

/** `<Challenge>`'s client side: the stand-in until the panel is wanted, then the panel (the one lazy-widget idiom). */
export function ChallengeLoader(props: ChallengePanelProps) {
  const [action, setAction] = useState<ChallengeAction | null>(null);
  const onFocusCapture = (e: React.FocusEvent) => {
    // Tabbing into the stand-in's code box: the panel puts focus in its editor once it is there.
    if (!action && (e.target as HTMLElement).closest("[data-standin]") && (e.target as HTMLElement).getAttribute("role") === "textbox") setAction("focus");
  };
  return (
    <LazyWidget
      marginPx={LOAD_MARGIN_PX}
      onFocusCapture={onFocusCapture}
      standIn={({ wake }) => (
        <Shell
          {...props}
          onAction={(a) => {
            if (a) setAction(a);
            wake();
          }}
        />
      )}
    >
      <LazyPanel {...props} initialAction={action} />
    </LazyWidget>
  );
}
