"use client";
/**
 * The traffic-spike toy: orders hit a checkout that either calls the email service and waits (Sync)
 * or drops the order into a queue and answers at once (Queue). Everything shown is read from the
 * engine's `traffic-spike` preset (spikeSummary, timeSeries, tokens); this file owns only time
 * (speed, pausing off-screen) and words.
 *
 * Speed "Auto" runs the clock at ¼× while the student is clicking (so a human's clicks are dense
 * enough in simulated time to overwhelm a service that serves 8 orders a second), at ½× while the
 * 50-order spike arrives, and at 4× otherwise, so a half-minute drain takes a few real seconds.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { createScenario, getScenario, spikeSummary, timeSeries, tokens, type SimState } from "@/lib/sim";
import { timeWindow, type Point } from "./chart-scale";
import { ComponentInfo } from "./component-info";
import { formatMs, formatSeconds, formatSpeed, formatSpikeSummary, settledAnnouncement } from "./spike-text";
import { TimeChart } from "./time-chart";
import styles from "./traffic-spike-toy.module.css";
import { useNearViewport } from "@/components/ui/use-near-viewport";
import { useLivePlayback } from "./use-live-playback";

type Mode = "sync" | "queue";
type SpeedChoice = "auto" | "0.25" | "1" | "4" | "10";

const SEED = 1;
const SPIKE = { count: 50, overMs: 2000 };
/** Simulated time shown in the charts. */
const WINDOW_MS = 40_000;
/** Keep the clock running this long after everything settled, so the charts show the flat tail. */
const TAIL_MS = 2000;
/** A click within this many real ms counts as "the student is clicking" for Auto speed. */
const CLICKING_MS = 1200;
const MAX_DOTS = 24;

const preset = getScenario("traffic-spike");

/** Nothing left to happen: no request waiting or being served, no order queued, no spike still arriving, service up. */
function isQuiet(s: SimState): boolean {
  const svc = s.service!;
  return svc.waiting.length === 0 && svc.active.length === 0 && svc.status === "up" && s.totals.backlog === 0 && !s.timers.some((t) => t.k === "arrive");
}

function autoSpeed(clickedRecently: boolean, spikeArriving: boolean): { speed: number; why: string } {
  if (clickedRecently) return { speed: 0.25, why: "slow motion while you click" };
  if (spikeArriving) return { speed: 0.5, why: "slow motion while the spike arrives" };
  return { speed: 4, why: "fast-forward" };
}

export default function TrafficSpikeToy() {
  const titleId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  // Off-screen the clock holds still: nobody is watching, and it saves the battery.
  const onScreen = useNearViewport(rootRef);
  const [mode, setMode] = useState<Mode>("sync");
  const [speedChoice, setSpeedChoice] = useState<SpeedChoice>("auto");
  const [announcement, setAnnouncement] = useState("");
  const [previous, setPrevious] = useState<{ mode: Mode; line: string } | null>(null);
  const lastClickAt = useRef(-Infinity);
  const spikeEndsAtMs = useRef(-1);
  const spikeStarted = useRef(false);
  const quietSinceMs = useRef<number | null>(null);

  const speedOf = useCallback(
    (s: SimState, realNow: number) => {
      if (speedChoice !== "auto") return Number(speedChoice);
      return autoSpeed(realNow - lastClickAt.current < CLICKING_MS, s.nowMs < spikeEndsAtMs.current).speed;
    },
    [speedChoice],
  );

  const keepRunning = useCallback((s: SimState) => {
    if (s.service!.stats.orders === 0) return false;
    if (!isQuiet(s)) {
      quietSinceMs.current = null;
      return true;
    }
    quietSinceMs.current ??= s.nowMs;
    return s.nowMs - quietSinceMs.current < TAIL_MS;
  }, []);

  const sim = useLivePlayback({
    init: () => createScenario("traffic-spike", SEED, { serviceMode: "sync" }),
    speed: speedOf,
    keepRunning,
    paused: !onScreen,
  });
  const s = sim.state;
  const svc = s.service!;
  const sum = spikeSummary(s)!;
  const quiet = isQuiet(s);
  const settled = sum.orders > 0 && quiet && !sim.running;

  // Announce what the engine reports: crash and recovery as they happen, the outcome once settled.
  const lastSeq = useRef(0);
  useEffect(() => {
    const items = s.log.items;
    let said: string | null = null;
    for (const e of items) {
      if (e.seq <= lastSeq.current) continue;
      if (e.type === "service-crashed") said = "Service crashed: checkout fails every order until it recovers";
      else if (e.type === "service-recovered") said = "Service recovered";
    }
    lastSeq.current = s.log.next;
    if (said) setAnnouncement(said);
  }, [s]);
  const wasSettled = useRef(false);
  useEffect(() => {
    // Only the transition into "settled" speaks.
    if (settled && !wasSettled.current) setAnnouncement(settledAnnouncement(spikeSummary(s)!) ?? "");
    wasSettled.current = settled;
  }, [settled, s]);

  const startOver = (nextMode: Mode) => {
    const line = formatSpikeSummary(sum, { spike: spikeStarted.current });
    if (line) setPrevious({ mode, line });
    spikeEndsAtMs.current = -1;
    spikeStarted.current = false;
    quietSinceMs.current = null;
    lastSeq.current = 0;
    setAnnouncement("");
    sim.reset(createScenario("traffic-spike", SEED, { serviceMode: nextMode }));
  };

  const placeOrder = () => {
    lastClickAt.current = performance.now();
    sim.dispatch({ type: "request" });
  };
  const simulateSpike = () => {
    if (svc.stats.orders === 0) spikeStarted.current = true;
    spikeEndsAtMs.current = s.nowMs + SPIKE.overMs;
    sim.dispatch({ type: "burst", count: SPIKE.count, overMs: SPIKE.overMs });
  };

  const series = timeSeries(s);
  const shown = timeWindow(s.nowMs, WINDOW_MS);
  const charts = {
    backlog: series.map((p): Point => ({ t: p.tMs, v: p.backlog })),
    response: series.map((p): Point => ({ t: p.tMs, v: p.responseMs })),
    failed: series.map((p): Point => ({ t: p.tMs, v: p.failed })),
  };

  const speedNow =
    speedChoice === "auto"
      ? autoSpeed(performance.now() - lastClickAt.current < CLICKING_MS, s.nowMs < spikeEndsAtMs.current)
      : { speed: Number(speedChoice), why: "" };
  const summaryLine = settled ? formatSpikeSummary(sum, { spike: spikeStarted.current }) : null;

  return (
    <div ref={rootRef} className={styles.toy} role="group" aria-labelledby={titleId} data-testid="traffic-spike-toy" data-mode={mode}>
      <p className={styles.title} id={titleId}>
        Traffic spike: a synchronous call vs a queue
      </p>

      <div className={styles.controls}>
        <fieldset className={styles.segmented}>
          <legend>Mode</legend>
          {(["sync", "queue"] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name={`${titleId}-mode`}
                value={m}
                checked={mode === m}
                onChange={() => {
                  setMode(m);
                  startOver(m);
                }}
              />
              <span>{m === "sync" ? "Sync" : "Queue"}</span>
            </label>
          ))}
        </fieldset>
        <span className={styles.speed}>
          <label htmlFor={`${titleId}-speed`}>Speed</label>
          <select id={`${titleId}-speed`} value={speedChoice} onChange={(e) => setSpeedChoice(e.target.value as SpeedChoice)}>
            <option value="auto">Auto</option>
            <option value="0.25">¼×</option>
            <option value="1">1×</option>
            <option value="4">4×</option>
            <option value="10">10×</option>
          </select>
        </span>
        <p className={styles.clock} data-testid="spike-clock">
          Simulated clock <strong>{formatSeconds(s.nowMs)}</strong>{" "}
          <span className={styles.muted}>{sim.running ? `· ${formatSpeed(speedNow.speed)}${speedNow.why ? ` ${speedNow.why}` : ""}` : "· stopped: nothing is happening"}</span>
        </p>
      </div>

      <p className={styles.explain}>
        {mode === "sync"
          ? `Checkout calls the ${svc.name} and waits. It sends ${svc.settings.capacity} emails at a time; a customer who waits ${formatSeconds(svc.settings.clientTimeoutMs)} gives up, and a line of more than ${svc.settings.overload?.waitingThreshold ?? "?"} crashes the service.`
          : `Checkout puts each order in the queue and answers in ${formatMs(svc.settings.checkoutMs)}; the email worker takes the orders one by one at its own pace.`}
      </p>

      <div className={styles.actions}>
        <button type="button" className="btn btn-primary" onClick={placeOrder}>
          Place order
        </button>
        <button type="button" className="btn" onClick={simulateSpike}>
          Simulate spike
        </button>
        <button type="button" className="btn" onClick={() => startOver(mode)}>
          Reset
        </button>
        <span className={styles.muted}>Simulate spike = {SPIKE.count} orders in {formatSeconds(SPIKE.overMs)}</span>
      </div>

      <Pipeline s={s} mode={mode} failed={sum.failed} emailsSent={sum.emailsSent} />

      <dl className={styles.stats}>
        <Stat label="Orders" value={sum.orders} testId="spike-orders" />
        <Stat label="Answered OK" value={sum.succeeded} testId="spike-succeeded" />
        <Stat label="Failed" value={sum.failed} testId="spike-failed" tone={sum.failed > 0 ? "danger" : undefined} />
        <Stat label="Emails sent" value={sum.emailsSent} testId="spike-emails" />
        <Stat label={mode === "sync" ? "Waiting now" : "Backlog now"} value={sum.backlogNow} testId="spike-backlog" />
        <Stat label="Slowest answer" value={formatMs(sum.maxResponseMs)} testId="spike-slowest" />
      </dl>

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

      <p className={styles.summary} data-testid="spike-summary" aria-hidden={summaryLine ? undefined : true}>
        {summaryLine ?? (sum.orders > 0 ? "Running…" : "Place an order or simulate a spike.")}
      </p>
      {previous ? (
        <p className={styles.previous} data-testid="spike-previous">
          Previous run ({previous.mode === "sync" ? "Sync" : "Queue"}): {previous.line}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="spike-announcer">
        {announcement}
      </p>
    </div>
  );
}

function Stat({ label, value, testId, tone }: { label: string; value: number | string; testId: string; tone?: "danger" }) {
  return (
    <div className={styles.stat} data-tone={tone}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Checkout → line → service (or queue → worker) → outcomes, with a dot per order where the engine has it. */
function Pipeline({ s, mode, failed, emailsSent }: { s: SimState; mode: Mode; failed: number; emailsSent: number }) {
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
