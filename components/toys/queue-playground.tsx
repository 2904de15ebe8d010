"use client";
/**
 * The queue playground: the student is the producer and every consumer. Add messages, pick a
 * consumer, receive, ack, nack or crash it, and watch the engine's queues, in-flight messages,
 * counters and event log. Consumers are manual (`manualConsumers`), so nothing moves on its own
 * except what time does in a real broker: visibility timeouts and consumer restarts.
 */
import { useId, useRef, useState } from "react";
import { useNearViewport } from "@/components/ui/use-near-viewport";
import { InfoHint } from "./component-info";
import { AddMessageForm, ConsumerActions, EventLog, PatternPicker, PlaygroundDiagram, PlaygroundFooter } from "./playground-parts";
import { useQueuePlayground } from "./use-queue-playground";
import frame from "./toy-frame.module.css";
import styles from "./queue-playground.module.css";

export interface QueuePlaygroundProps {
  /** The pattern shown first; the student can switch. */
  pattern: string;
}

export default function QueuePlayground({ pattern: initialPattern }: QueuePlaygroundProps) {
  const uid = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  // Off-screen the clock holds still: nobody is watching, and it saves the battery.
  const onScreen = useNearViewport(rootRef);
  const [clockPaused, setClockPaused] = useState(false);
  const model = useQueuePlayground(initialPattern, clockPaused || !onScreen);

  return (
    <div ref={rootRef} className={frame.frame} role="group" aria-labelledby={`${uid}-title`} data-testid="queue-playground" data-pattern={model.pattern}>
      <p className={frame.title} id={`${uid}-title`}>
        Queue playground
      </p>
      <PatternPicker uid={uid} pattern={model.pattern} onSwitch={model.switchPattern} />
      <AddMessageForm uid={uid} onAdd={model.addMessage} />
      <InfoHint />
      <PlaygroundDiagram model={model} />
      <ConsumerActions uid={uid} model={model} />
      <p className={styles.feedback} role="status" aria-live="polite" data-testid="playground-feedback">
        {model.feedback}
      </p>
      <PlaygroundFooter model={model} clockPaused={clockPaused} onPauseClock={setClockPaused} />
      <EventLog log={model.log} />
    </div>
  );
}
