"use client";
/*
 * The lesson page ships only these stand-ins: a box of the widget's size saying what it is. The widget itself
 * (and with it the simulation engine) is fetched when the box comes within LOAD_MARGIN_PX of the viewport, or at the
 * first pointer press or focus inside it, whichever is first, so a reader who never scrolls to it downloads nothing
 * and the page stays inside its first-load budget.
 */
import dynamic from "next/dynamic";
import { StandIn } from "@/components/ui/use-keep-focus";
import { useLoadWhenNear } from "@/components/ui/use-load-when-near";
import styles from "./toy-loaders.module.css";

const LOAD_MARGIN_PX = 400;

function Loading({ what }: { what: string }) {
  return (
    <StandIn>
      <p className={styles.loading} aria-busy="true">
        Loading {what}…
      </p>
    </StandIn>
  );
}

const TrafficSpikeToyImpl = dynamic(() => import("./traffic-spike-toy"), { ssr: false, loading: () => <Loading what="the traffic-spike toy" /> });
const QueuePlaygroundImpl = dynamic(() => import("./queue-playground"), { ssr: false, loading: () => <Loading what="the queue playground" /> });

function Frame({ kind, summary, children }: { kind: "toy" | "playground"; summary: React.ReactNode; children: (load: boolean) => React.ReactNode }) {
  const { ref, load, wake } = useLoadWhenNear(LOAD_MARGIN_PX);
  return (
    <div ref={ref} className={styles.frame} data-kind={kind} data-loaded={load} onPointerDown={wake} onFocusCapture={wake}>
      {load ? (
        children(true)
      ) : (
        <div className={styles.placeholder} data-testid={`${kind}-placeholder`} data-standin="">
          {summary}
          <button type="button" className="btn" onClick={wake}>
            Start
          </button>
        </div>
      )}
    </div>
  );
}

/** `<TrafficSpikeToy />` in a lesson. */
export function TrafficSpikeToyLoader() {
  return (
    <Frame
      kind="toy"
      summary={
        <p>
          <strong>Traffic spike: a synchronous call vs a queue.</strong> Place orders or simulate a spike of 50 orders in 2 seconds, in Sync mode and in
          Queue mode, and watch backlog, response time and failures.
        </p>
      }
    >
      {() => <TrafficSpikeToyImpl />}
    </Frame>
  );
}

/** `<QueuePlayground pattern="…" />` in a lesson. */
export function QueuePlaygroundLoader({ pattern }: { pattern: string }) {
  return (
    <Frame
      kind="playground"
      summary={
        <p>
          <strong>Queue playground.</strong> Add messages, consume, ack, nack and crash consumers, and switch between point-to-point, pub/sub and work
          queue.
        </p>
      }
    >
      {() => <QueuePlaygroundImpl pattern={pattern} />}
    </Frame>
  );
}
