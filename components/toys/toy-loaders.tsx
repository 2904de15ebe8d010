"use client";
/*
 * The lesson page ships only these stand-ins: a box of the widget's size saying what it is. The widget itself
 * (and with it the simulation engine) is fetched when the box comes within LOAD_MARGIN_PX of the viewport, or at the
 * first pointer press or focus inside it, whichever is first, so a reader who never scrolls to it downloads nothing
 * and the page stays inside its first-load budget.
 */
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import styles from "./toy-loaders.module.css";

const LOAD_MARGIN_PX = 400;

function Loading({ what }: { what: string }) {
  return (
    <p className={styles.loading} aria-busy="true">
      Loading {what}…
    </p>
  );
}

const TrafficSpikeToyImpl = dynamic(() => import("./traffic-spike-toy"), { ssr: false, loading: () => <Loading what="the traffic-spike toy" /> });
const QueuePlaygroundImpl = dynamic(() => import("./queue-playground"), { ssr: false, loading: () => <Loading what="the queue playground" /> });

/** True once the element is near the viewport or has been pressed or focused. */
function useLoadWhenNear() {
  const ref = useRef<HTMLDivElement>(null);
  const [load, setLoad] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (load || !el) return;
    if (typeof IntersectionObserver === "undefined") {
      setLoad(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setLoad(true), { rootMargin: `${LOAD_MARGIN_PX}px 0px` });
    io.observe(el);
    return () => io.disconnect();
  }, [load]);
  return { ref, load, wake: () => setLoad(true) };
}

function Frame({ kind, summary, children }: { kind: "toy" | "playground"; summary: React.ReactNode; children: (load: boolean) => React.ReactNode }) {
  const { ref, load, wake } = useLoadWhenNear();
  return (
    <div ref={ref} className={styles.frame} data-kind={kind} data-loaded={load} onPointerDown={wake} onFocusCapture={wake}>
      {load ? (
        children(true)
      ) : (
        <div className={styles.placeholder} data-testid={`${kind}-placeholder`}>
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
