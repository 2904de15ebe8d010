"use client";
/*
 * The lesson page ships only these stand-ins: a box of the widget's size saying what it is. The widget itself
 * (and with it the simulation engine) is fetched when the box comes within LOAD_MARGIN_PX of the viewport, or at the
 * first pointer press or focus inside it, whichever is first, so a reader who never scrolls to it downloads nothing
 * and the page stays inside its first-load budget.
 */
import { lazy } from "react";
import { LazyWidget } from "@/components/ui/lazy-widget";
import styles from "./toy-loaders.module.css";

const LOAD_MARGIN_PX = 400;

const TrafficSpikeToyImpl = lazy(() => import("./traffic-spike-toy"));
const QueuePlaygroundImpl = lazy(() => import("./queue-playground"));

function Frame({ kind, what, summary, children }: { kind: "toy" | "playground"; what: string; summary: React.ReactNode; children: React.ReactNode }) {
  return (
    <LazyWidget
      marginPx={LOAD_MARGIN_PX}
      className={styles.frame}
      data-kind={kind}
      standIn={({ wake, loading }) => (
        <div className={styles.placeholder} data-testid={`${kind}-placeholder`}>
          {summary}
          <button type="button" className="btn" onClick={wake}>
            Start
          </button>
          {loading ? <p className={styles.loading}>Loading {what}…</p> : null}
        </div>
      )}
    >
      {children}
    </LazyWidget>
  );
}

/** `<TrafficSpikeToy />` in a lesson. */
export function TrafficSpikeToyLoader() {
  return (
    <Frame
      kind="toy"
      what="the traffic-spike toy"
      summary={
        <p>
          <strong>Traffic spike: a synchronous call vs a queue.</strong> Place orders or simulate a spike of 50 orders in 2 seconds, in Sync mode and in
          Queue mode, and watch backlog, response time and failures.
        </p>
      }
    >
      <TrafficSpikeToyImpl />
    </Frame>
  );
}

/** `<QueuePlayground pattern="…" />` in a lesson. */
export function QueuePlaygroundLoader({ pattern }: { pattern: string }) {
  return (
    <Frame
      kind="playground"
      what="the queue playground"
      summary={
        <p>
          <strong>Queue playground.</strong> Add messages, consume, ack, nack and crash consumers, and switch between point-to-point, pub/sub and work
          queue.
        </p>
      }
    >
      <QueuePlaygroundImpl pattern={pattern} />
    </Frame>
  );
}
