"use client";
import { useCallback, useState } from "react";
import { nextEventAtMs, recentEvents, tokens, type SimAction, type SimState } from "@/lib/sim";
import { createPlayground, describeEvent, isPlaygroundPattern, PATTERN_INFO, placeMessages, playgroundLabel, playgroundLayout, type PlaygroundPattern } from "./playground-model";
import { useLivePlayback } from "./use-live-playback";

const SEED = 1;
const LOG_LINES = 12;

export type ConsumerCommand = "receive" | "ack" | "nack" | "crash";

export interface NewMessage {
  label: string;
  key: string;
  /** As typed; clamped to 0–9. */
  priority: string;
}

/**
 * The queue playground's state: the engine (manual consumers, so only timeouts and restarts move on their own),
 * the chosen pattern and consumer, and the sentence that says what the last action did. `clockHeld` holds the
 * clock (the student paused it, or the playground is off-screen).
 */
export function useQueuePlayground(initialPattern: string, clockHeld: boolean) {
  const start: PlaygroundPattern = isPlaygroundPattern(initialPattern) ? initialPattern : "point-to-point";
  const [pattern, setPattern] = useState<PlaygroundPattern>(start);
  const [chosen, setChosen] = useState<string>("");
  const [feedback, setFeedback] = useState("");

  const sim = useLivePlayback({
    init: () => createPlayground(start, SEED),
    speed: () => 1,
    keepRunning: useCallback((s: SimState) => nextEventAtMs(s) !== null, []),
    paused: clockHeld,
  });
  const s = sim.state;
  const layout = playgroundLayout(s);
  const placed = placeMessages(tokens(s), layout);
  const consumerId = layout.consumerIds.includes(chosen) ? chosen : layout.consumerIds[0];
  const consumer = s.consumers[consumerId];

  /** Dispatches and says what the engine did (or why nothing happened). */
  const act = (action: SimAction, nothing: string) => {
    const before = s.log.next;
    const next = sim.dispatch(action);
    const said = recentEvents(next, next.log.next - before)
      .filter((e) => e.seq > before)
      .map((e) => describeEvent(next, e))
      .filter((l): l is string => l !== null);
    setFeedback(said.length > 0 ? said.join(" ") : nothing);
  };

  const whyNot = (what: "receive" | "ack") => {
    if (!consumer) return "There is no consumer.";
    if (consumer.status === "down") return `${consumer.name} is down: it restarts by itself in a moment.`;
    if (what === "ack") return `${consumer.name} holds no message: consume one first.`;
    return `Nothing to receive: ${s.queues[consumer.source]?.name ?? consumer.source} has no visible message.`;
  };

  const addMessage = ({ label, key, priority }: NewMessage) => {
    const p = Number(priority);
    act(
      {
        type: "publish",
        producerId: layout.producerId,
        label: label.trim() || undefined,
        key: key.trim() || null,
        priority: Number.isFinite(p) ? Math.max(0, Math.min(9, Math.round(p))) : 0,
      },
      "The message could not be added.",
    );
  };

  const command = (c: ConsumerCommand) => {
    if (c === "receive") act({ type: "receive", consumerId }, whyNot("receive"));
    else if (c === "ack") act({ type: "ack", consumerId }, whyNot("ack"));
    else if (c === "nack") act({ type: "nack", consumerId }, whyNot("ack"));
    else act({ type: "crash", consumerId, point: "mid-processing" }, whyNot("receive"));
  };

  const switchPattern = (p: PlaygroundPattern) => {
    setPattern(p);
    setChosen("");
    setFeedback(`Switched to ${PATTERN_INFO[p].name}: a fresh, empty broker.`);
    sim.reset(createPlayground(p, SEED));
  };

  const log = recentEvents(s, 60)
    .map((e) => ({ seq: e.seq, atMs: e.atMs, text: describeEvent(s, e) }))
    .filter((e): e is { seq: number; atMs: number; text: string } => e.text !== null)
    .slice(-LOG_LINES)
    .reverse();

  return {
    state: s,
    pattern,
    layout,
    placed,
    consumerId,
    consumer,
    chooseConsumer: setChosen,
    feedback,
    log,
    nextAt: nextEventAtMs(s),
    label: (id: string) => playgroundLabel(pattern, id),
    addMessage,
    command,
    switchPattern,
    skipTo: sim.skipTo,
  };
}

export type QueuePlaygroundModel = ReturnType<typeof useQueuePlayground>;
