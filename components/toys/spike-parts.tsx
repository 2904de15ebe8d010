"use client";
/* The traffic-spike toy's presentational parts; the state lives in use-traffic-spike.ts. */
import { getScenario, timeSeries, tokens, type SimState } from "@/lib/sim";
import { timeWindow, type Point } from "./chart-scale";
import { ComponentInfo } from "./component-info";
import { formatMs, formatSeconds } from "./spike-text";
import { TimeChart } from "./time-chart";
import type { Mode } from "./use-traffic-spike";
import styles from "./traffic-spike-toy.module.css";

/** Simulated time shown in the charts. */
const WINDOW_MS = 40_000;
const MAX_DOTS = 24;

const preset = getScenario("traffic-spike");

/** Backlog, response time and failures over the last WINDOW_MS of simulated time. */
export function SpikeCharts({ s, mode }: { s: SimState; mode: Mode }) {
  const series = timeSeries(s);
  const shown = timeWindow(s.nowMs, WINDOW_MS);
  const charts = {
    backlog: series.map((p): Point => ({ t: p.tMs, v: p.backlog })),
    response: series.map((p): Point => ({ t: p.tMs, v: p.responseMs })),
    failed: series.map((p): Point => ({ t: p.tMs, v: p.failed })),
  };
  return (
    <div className={styles.charts}>
      <TimeChart
        title="Backlog"
        about={mode === "sync" ? "Requests waiting for a free slot at the email service, over simulated time." : "Orders waiting in the queue or being sent, over simulated time."}
        points={charts.backlog}
        window={shown}
        kind="area"
        tone="accent"
        floor={10}
        integer
        format={(v) => `${v} ${v === 1 ? "order" : "orders"}`}
      />
      <TimeChart
        title="Response time"
        about="How long checkout took to answer a customer, averaged over each fifth of a second."
        points={charts.response}
        window={shown}
        kind="line"
        tone="warning"
        floor={1000}
        format={(v) => formatMs(v)}
        tickFormat={(v) => (v >= 1000 ? `${v / 1000}s` : `${v}`)}
      />
      <TimeChart
        title="Failures (total)"
        about="Orders that ended in an error for the customer, counted from the start."
        points={charts.failed}
        window={shown}
        kind="area"
        tone="danger"
        floor={10}
        integer
        format={(v) => `${v} failed`}
      />
    </div>
  );
}

export function Stat({ label, value, testId, tone }: { label: string; value: number | string; testId: string; tone?: "danger" }) {
  return (
    <div className={styles.stat} data-tone={tone}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Checkout → line → service (or queue → worker) → outcomes, with a dot per order where the engine has it. */
export function Pipeline({ s, mode, failed, emailsSent }: { s: SimState; mode: Mode; failed: number; emailsSent: number }) {
  const svc = s.service!;
  const labels = preset.labels;
  let waiting: string[];
  let serving: string[];
  let slots: number;
  if (mode === "sync") {
    waiting = svc.waiting;
    serving = svc.active;
    slots = svc.settings.capacity;
  } else {
    const toks = tokens(s);
    waiting = toks.filter((t) => t.place.kind === "queue").sort((a, b) => (a.place.kind === "queue" && b.place.kind === "queue" ? a.place.index - b.place.index : 0)).map((t) => t.id);
    serving = toks.filter((t) => t.place.kind === "consumer").map((t) => t.id);
    slots = Object.values(s.consumers).reduce((n, c) => n + c.settings.concurrency, 0);
  }
  const down = svc.status === "down";
  const worker = s.consumers["email-worker"];
  const queueLabel = labels[svc.settings.queueId];

  return (
    <div className={styles.pipeline} role="group" aria-label="Where the orders are">
      <div className={styles.box} data-kind="checkout">
        <span className={styles.boxName}>Checkout</span>
        <span className={styles.muted}>{mode === "sync" ? "waits for the email" : "queues and answers"}</span>
      </div>
      <div className={styles.box} data-kind="lane">
        <span className={styles.boxName}>{mode === "sync" ? "Waiting line" : queueLabel ? <ComponentInfo label={queueLabel} /> : "Queue"}</span>
        <div className={styles.lane} aria-hidden="true">
          {waiting.slice(0, MAX_DOTS).map((id, i) => (
            <span key={id} className={styles.dot} style={{ "--i": i } as React.CSSProperties} />
          ))}
        </div>
        <span className={styles.muted}>
          {waiting.length} waiting{waiting.length > MAX_DOTS ? ` (${MAX_DOTS} shown)` : ""}
        </span>
      </div>
      <div className={styles.box} data-kind="service" data-down={down}>
        <span className={styles.boxName}>
          {mode === "sync" ? <ComponentInfo label={labels.service} /> : worker && labels[worker.id] ? <ComponentInfo label={labels[worker.id]} /> : "Worker"}
        </span>
        <div className={styles.slots} aria-hidden="true">
          {Array.from({ length: slots }, (_, i) => (
            <span key={i} className={styles.slot}>
              {serving[i] ? <span key={serving[i]} className={styles.dot} data-serving="true" /> : null}
            </span>
          ))}
        </div>
        {mode === "sync" ? (
          down ? (
            <span className={styles.badge} data-state="crashed" data-testid="service-status">
              Crashed · back in {formatSeconds(Math.max(0, (svc.downUntilMs ?? s.nowMs) - s.nowMs))}
            </span>
          ) : (
            <span className={styles.badge} data-state="up" data-testid="service-status">
              Up · {serving.length}/{slots} busy
            </span>
          )
        ) : (
          <span className={styles.badge} data-state="up" data-testid="service-status">
            {serving.length > 0 ? "Sending" : "Idle"}
          </span>
        )}
      </div>
      <div className={styles.box} data-kind="outcome">
        <span className={styles.outcome} data-tone="success">
          ✉ {emailsSent} sent
        </span>
        <span className={styles.outcome} data-tone={failed > 0 ? "danger" : undefined}>
          ✖ {failed} failed
        </span>
      </div>
    </div>
  );
}
