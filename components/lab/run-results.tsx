"use client";
import { forwardRef, useEffect, useState } from "react";
import { formatLogLine, httpStatusLine, troubleshoot, type ConsumerRun, type LogLevel, type RunResult } from "@/lib/lab";
import { Glyph } from "./glyph";
import type { RunPhase } from "./use-lab-run";
import styles from "./lab.module.css";

const LEVEL_WORDS: Record<LogLevel, string> = { queue: "Queue", info: "Info", success: "Success", warning: "Warning", error: "Error" };

/** The runner's log lines, each with its icon, in a `role="log"` panel. */
export function ExecutionLog({ run, phase }: { run: RunResult | null; phase: RunPhase }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [run]);
  return (
    <section className={styles.panel} aria-labelledby="lab-log-title">
      <div className={styles.panelHead}>
        <h3 id="lab-log-title" className={styles.panelTitle}>
          Execution log
        </h3>
        {run ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              // With the runner's own icons, so a pasted log reads like the one on screen.
              void navigator.clipboard?.writeText(run.log.map(formatLogLine).join("\n")).then(() => setCopied(true), () => setCopied(false));
            }}
          >
            {copied ? "Copied" : "Copy log"}
          </button>
        ) : null}
      </div>
      {/* aria-live off: the outcome is announced once by the lab's status line; reading every line aloud would drown it. */}
      <div role="log" aria-labelledby="lab-log-title" aria-live="off" className={styles.log} data-testid="execution-log">
        {phase === "running" ? <p className={styles.muted}>Running the services…</p> : null}
        {!run && phase !== "running" ? <p className={styles.muted}>Press “Run simulation” to send the request through the design.</p> : null}
        {run ? (
          <ol className={styles.logLines}>
            {run.log.map((line, i) => (
              <li key={i} data-level={line.level}>
                <span className={styles.logIcon}>
                  <Glyph kind={line.level} />
                </span>
                <span className="visually-hidden">{LEVEL_WORDS[line.level]}: </span>
                <span className={styles.logText}>{line.text}</span>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </section>
  );
}

function ConsumerLine({ consumer }: { consumer: ConsumerRun }) {
  const glyph = consumer.status === "success" ? "success" : consumer.status === "error" ? "warning" : "info";
  const word = consumer.status === "success" ? "Succeeded" : consumer.status === "error" ? "Failed" : "Not triggered";
  return (
    <li data-status={consumer.status} data-testid={`consumer-status-${consumer.componentId}`}>
      <Glyph kind={glyph} />{" "}
      <strong>
        [{consumer.index}] {consumer.name}
      </strong>
      : {word}
      {consumer.status === "success" && consumer.run?.databaseSummary ? <span className={styles.muted}> · {consumer.run.databaseSummary}</span> : null}
      {consumer.status === "error" && consumer.error ? <p className={styles.consumerError}>{consumer.error}</p> : null}
      {consumer.run && consumer.run.logs.length > 0 ? (
        <details className={styles.consoleOut}>
          <summary>console output ({consumer.run.logs.length})</summary>
          <pre>{consumer.run.logs.join("\n")}</pre>
        </details>
      ) : null}
    </li>
  );
}

/** After a run: the user's response, the queue's consumers with success or their error, and advice when the queue did nothing. */
export const ConsumerStatusPanel = forwardRef<HTMLHeadingElement, { run: RunResult | null; phase: RunPhase }>(function ConsumerStatusPanel(
  { run, phase },
  headingRef,
) {
  const ready = run && phase === "done";
  const advice = ready ? troubleshoot(run) : null;
  const queue = ready ? run.queue : null;
  const failed = queue?.consumers.filter((c) => c.status !== "success").length ?? 0;
  return (
    <section className={styles.panel} aria-labelledby="lab-status-title" data-testid="status-panel">
      <h3 id="lab-status-title" className={styles.panelTitle} ref={headingRef} tabIndex={-1}>
        Consumer status
      </h3>
      {!ready ? (
        <p className={styles.muted}>
          <Glyph kind="info" /> {phase === "idle" ? "Not checked yet: run the simulation to see how each consumer did." : "Checking…"}
        </p>
      ) : (
        <>
          {run.response ? (
            <p className={styles.responseLine}>
              User response:{" "}
              <strong data-testid="user-response">
                {httpStatusLine(run.response.status)}
              </strong>
              {run.api?.status === "error" ? <span className={styles.consumerError}> API Service failed: {run.api.error}</span> : null}
            </p>
          ) : null}
          {run.api && run.api.logs.length > 0 ? (
            <details className={styles.consoleOut}>
              <summary>API Service console output ({run.api.logs.length})</summary>
              <pre>{run.api.logs.join("\n")}</pre>
            </details>
          ) : null}
          {advice ? (
            <div className={styles.advice} role="note">
              <strong>{advice.title}</strong>
              <p>{advice.detail}</p>
              <p>
                <strong>How to fix:</strong> {advice.fix}
              </p>
            </div>
          ) : null}
          {queue?.triggered ? (
            failed === 0 ? (
              <p className={styles.okPanel}>
                <Glyph kind="success" /> All consumers executed successfully
              </p>
            ) : (
              <p className={styles.errorPanel}>
                <Glyph kind="warning" /> {failed} of {queue.consumers.length} consumers failed. The others still ran, and the user’s response was not
                affected.
              </p>
            )
          ) : null}
          {queue && queue.consumers.length > 0 ? (
            <ul className={styles.consumerList} aria-label={`Consumers of ${queue.name}`}>
              {queue.consumers.map((c) => (
                <ConsumerLine key={c.componentId} consumer={c} />
              ))}
            </ul>
          ) : null}
          {!queue && run.outcome === "completed" ? <p className={styles.muted}>The API Service is not connected to a Message Queue, so no consumers ran.</p> : null}
        </>
      )}
    </section>
  );
});
