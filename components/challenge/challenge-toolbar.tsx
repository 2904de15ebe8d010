"use client";
import { useEffect, useRef, useState } from "react";
import styles from "./challenge.module.css";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** Run tests / Stop / Submit / Reset, the keyboard shortcuts, and Reset's confirmation below them. */
export function ChallengeToolbar({
  running,
  submitting,
  submitBlocked = false,
  canReset,
  onRun,
  onStop,
  onSubmit,
  onReset,
  confirmAtStart = false,
}: {
  running: boolean;
  submitting: boolean;
  /** The server asked to wait before the next submission (429/503 Retry-After): Submit is off meanwhile. */
  submitBlocked?: boolean;
  /** False while the code is the starter code. */
  canReset: boolean;
  onRun(): void;
  onStop(): void;
  onSubmit(): void;
  onReset(): void;
  /** Open with Reset's confirmation showing (Reset was pressed on the stand-in). */
  confirmAtStart?: boolean;
}) {
  const [mod, setMod] = useState("Ctrl");
  const [confirming, setConfirming] = useState(confirmAtStart);
  const resetButton = useRef<HTMLButtonElement>(null);
  // After hydration: the server cannot know the platform.
  useEffect(() => setMod(isMac() ? "⌘" : "Ctrl"), []);

  return (
    <>
      <div className={styles.toolbar}>
        <button type="button" className="btn" onClick={onRun} disabled={running} aria-keyshortcuts="Control+Enter Meta+Enter">
          Run tests
        </button>
        {running ? (
          <button type="button" className="btn btn-small" onClick={onStop}>
            Stop
          </button>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={onSubmit} disabled={submitting || submitBlocked} aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter">
          {submitting ? "Submitting…" : "Submit"}
        </button>
        <button ref={resetButton} type="button" className="btn" onClick={() => setConfirming(true)} disabled={!canReset || confirming} aria-expanded={confirming}>
          Reset
        </button>
        <span className={styles.shortcuts} aria-hidden="true">
          <kbd>{mod}</kbd>+<kbd>Enter</kbd> run tests · <kbd>{mod}</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> submit
        </span>
      </div>
      {confirming ? (
        <div className={styles.confirm} role="group" aria-label="Confirm reset">
          <p>Replace your code with the starter code? Your current code will be lost.</p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setConfirming(false);
              onReset();
            }}
          >
            Reset to starter
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => resetButton.current?.focus());
            }}
            autoFocus
          >
            Cancel
          </button>
        </div>
      ) : null}
    </>
  );
}
