"use client";
import { forwardRef, useEffect, useState } from "react";
import { formatLogLine, type ConsumerRun, type LogLevel, type RunResult } from "@/lib/lab";
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

interface Advice {
  title: string;
  detail: string;
  fix: string;
}

/** The runner's troubleshooting cases, said as cause and fix. */
export function troubleshoot(run: RunResult): Advice | null {
  if (run.outcome === "blocked") {
    return {
      title: "The design cannot run yet",
      detail: run.problems
        .filter((p) => p.severity === "error")
        .map((p) => p.message)
        .join(" "),
      fix: "Add the missing components and connect User Request → API Service, then run again.",
    };
  }
  const queue = run.queue;
  if (!queue) return null;
  if (queue.consumerCount === 0) {
    return {
      title: "No consumers connected",
      detail: `${queue.name} has no connection to a Consumer, so its messages go nowhere.`,
      fix: `Add a Consumer, then connect ${queue.name} to it (select the queue and use “Connect to…”, or drag from its right edge).`,
    };
  }
  if (!run.api) {
    return {
      title: "The request never reached the API Service",
      detail: `The User Request was rejected before any service ran (${run.response?.status ?? "no"} response), so nothing was queued.`,
      fix: "Make the User Request body a JSON object, such as { \"title\": \"Movie\" }.",
    };
  }
  if (!queue.triggered && run.api.status === "error") {
    return {
      title: "Consumers were not triggered",
      detail: `After Response mode triggers consumers only once the API Service succeeds, and it failed: ${run.api.error}`,
      fix: "Fix the API Service's code first; the consumers will run on the next successful request.",
    };
  }
  if (!queue.triggered) {
    return {
      title: "Consumers received nothing",
      detail: "The queue is in After Response mode, but the API Service returned no message_queue field, so there was no message to deliver.",
      fix: "Add message_queue: { … } to the object processRequest returns, with what the consumers need (ids and a few fields, not the whole request).",
    };
  }
  if (queue.messageError) {
    return {
      title: "Malformed message: every consumer failed the same way",
      detail: queue.messageError,
      fix: "The consumers' code is not at fault: make message_queue a plain object of JSON values (strings, numbers, booleans, arrays, objects).",
    };
  }
  const failed = queue.consumers.filter((c) => c.status === "error");
  if (failed.length > 1 && failed.length === queue.consumers.length && failed.every((c) => c.error === failed[0]!.error)) {
    return {
      title: "All consumers failed with the same error",
      detail: failed[0]!.error ?? "",
      fix:
        queue.triggerMode === "after-response"
          ? "That usually means the message lacks a field they all read: compare the API's message_queue with what the consumers read from input.message_queue_input."
          : "In Immediate mode consumers get the original request (input.data), not input.message_queue_input: check what they read.",
    };
  }
  return null;
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

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 400: "Bad Request", 500: "Internal Server Error" };

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
                {run.response.status} {STATUS_TEXT[run.response.status] ?? ""}
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
