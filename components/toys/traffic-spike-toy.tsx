"use client";
/**
 * The traffic-spike toy: orders hit a checkout that either calls the email service and waits (Sync)
 * or drops the order into a queue and answers at once (Queue). Everything shown is read from the
 * engine's `traffic-spike` preset (spikeSummary, timeSeries, tokens); use-traffic-spike.ts owns only
 * time (speed, pausing off-screen) and words.
 *
 * Speed "Auto" runs the clock at ¼× while the student is clicking (so a human's clicks are dense
 * enough in simulated time to overwhelm a service that serves 8 orders a second), at ½× while the
 * 50-order spike arrives, and at 4× otherwise, so a half-minute drain takes a few real seconds.
 */
import { useId, useRef } from "react";
import { useNearViewport } from "@/components/ui/use-near-viewport";
import { Pipeline, SpikeCharts, Stat } from "./spike-parts";
import { formatMs, formatSeconds, formatSpeed } from "./spike-text";
import { SPIKE, useTrafficSpike, type SpeedChoice } from "./use-traffic-spike";
import frame from "./toy-frame.module.css";
import styles from "./traffic-spike-toy.module.css";

export default function TrafficSpikeToy() {
  const titleId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  // Off-screen the clock holds still: nobody is watching, and it saves the battery.
  const onScreen = useNearViewport(rootRef);
  const toy = useTrafficSpike(!onScreen);
  const { state: s, summary: sum, mode, speedNow, summaryLine, previous } = toy;
  const svc = s.service!;

  return (
    <div ref={rootRef} className={frame.frame} role="group" aria-labelledby={titleId} data-testid="traffic-spike-toy" data-mode={mode}>
      <p className={frame.title} id={titleId}>
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
                onChange={() => toy.setMode(m)}
              />
              <span>{m === "sync" ? "Sync" : "Queue"}</span>
            </label>
          ))}
        </fieldset>
        <span className={styles.speed}>
          <label htmlFor={`${titleId}-speed`}>Speed</label>
          <select id={`${titleId}-speed`} value={toy.speedChoice} onChange={(e) => toy.setSpeedChoice(e.target.value as SpeedChoice)}>
            <option value="auto">Auto</option>
            <option value="0.25">¼×</option>
            <option value="1">1×</option>
            <option value="4">4×</option>
            <option value="10">10×</option>
          </select>
        </span>
        <p className={styles.clock} data-testid="spike-clock">
          Simulated clock <strong>{formatSeconds(s.nowMs)}</strong>{" "}
          <span className={styles.muted}>{toy.running ? `· ${formatSpeed(speedNow.speed)}${speedNow.why ? ` ${speedNow.why}` : ""}` : "· stopped: nothing is happening"}</span>
        </p>
      </div>

      <p className={styles.explain}>
        {mode === "sync"
          ? `Checkout calls the ${svc.name} and waits. It sends ${svc.settings.capacity} emails at a time; a customer who waits ${formatSeconds(svc.settings.clientTimeoutMs)} gives up, and a line of more than ${svc.settings.overload?.waitingThreshold ?? "?"} crashes the service.`
          : `Checkout puts each order in the queue and answers in ${formatMs(svc.settings.checkoutMs)}; the email worker takes the orders one by one at its own pace.`}
      </p>

      <div className={styles.actions}>
        <button type="button" className="btn btn-primary" onClick={toy.placeOrder}>
          Place order
        </button>
        <button type="button" className="btn" onClick={toy.simulateSpike}>
          Simulate spike
        </button>
        <button type="button" className="btn" onClick={toy.reset}>
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

      <SpikeCharts s={s} mode={mode} />

      <p className={styles.summary} data-testid="spike-summary" aria-hidden={summaryLine ? undefined : true}>
        {summaryLine ?? (sum.orders > 0 ? "Running…" : "Place an order or simulate a spike.")}
      </p>
      {previous ? (
        <p className={styles.previous} data-testid="spike-previous">
          Previous run ({previous.mode === "sync" ? "Sync" : "Queue"}): {previous.line}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="spike-announcer">
        {toy.announcement}
      </p>
    </div>
  );
}
