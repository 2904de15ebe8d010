/**
 * The queue playground's engine setup and read-only views of engine state: which queues and
 * consumers to draw, which messages are where, and the event log in words. Nothing here decides an
 * outcome; the engine does (docs/architecture.md, "Where each kind of logic lives").
 */
import { createSim, getScenario, scenarioConfig, type ComponentLabel, type SimEvent, type SimState, type Token } from "@/lib/sim";

/** The patterns the playground can show; the content checker's PLAYGROUND_PATTERNS must equal this (tested). */
export const PLAYGROUND_PATTERNS = ["point-to-point", "pub-sub", "work-queue"] as const;
export type PlaygroundPattern = (typeof PLAYGROUND_PATTERNS)[number];

export function isPlaygroundPattern(p: string): p is PlaygroundPattern {
  return (PLAYGROUND_PATTERNS as readonly string[]).includes(p);
}

export const PATTERN_INFO: Record<PlaygroundPattern, { name: string; tagline: string }> = {
  "point-to-point": { name: "Point-to-point", tagline: "Each message is handled by exactly one consumer, then it is gone." },
  "pub-sub": { name: "Pub/sub", tagline: "Every subscription gets its own copy of each message." },
  "work-queue": { name: "Work queue", tagline: "Several identical workers share one queue; whoever is free takes the next job." },
};

export const PLAYGROUND_DLQ_ID = "playground-dlq";
/** Deliveries before the playground's queues park a message in the dead-letter queue. */
export const PLAYGROUND_MAX_ATTEMPTS = 3;

const DLQ_LABEL: ComponentLabel = {
  name: "Dead-letter queue",
  kind: "dlq",
  does: `Parks a message after ${PLAYGROUND_MAX_ATTEMPTS} deliveries that did not end in an ack (nacks or expired visibility timeouts).`,
  why: "A message that can never succeed would otherwise circle forever and hold up everything behind it.",
};

/**
 * The playground's engine: the pattern's preset with producers paused (nothing arrives unless the
 * student adds it), consumers in manual mode (they receive and ack only when told), no time-series
 * sampling (so the clock only has work when a timeout or restart is pending), priority ordering (a
 * message's priority matters; equal priorities stay first-in-first-out) and a dead-letter queue.
 */
export function createPlayground(pattern: PlaygroundPattern, seed: number | string = 1): SimState {
  const cfg = scenarioConfig(pattern, { pausedProducers: true, manualConsumers: true });
  cfg.sampleEveryMs = null;
  const retry = { ordering: "priority" as const, maxAttempts: PLAYGROUND_MAX_ATTEMPTS, deadLetterQueueId: PLAYGROUND_DLQ_ID };
  cfg.queues = [...(cfg.queues ?? []).map((q) => ({ ...q, ...retry })), { id: PLAYGROUND_DLQ_ID, name: DLQ_LABEL.name, role: "dlq" }];
  cfg.topics = (cfg.topics ?? []).map((t) => ({ ...t, subscriptions: t.subscriptions.map((sub) => ({ ...sub, ...retry })) }));
  return createSim(cfg, seed);
}

/** Tooltip words for a component id of the pattern (preset labels plus the playground's DLQ). */
export function playgroundLabel(pattern: PlaygroundPattern, id: string): ComponentLabel | null {
  if (id === PLAYGROUND_DLQ_ID) return DLQ_LABEL;
  return getScenario(pattern).labels[id] ?? null;
}

export interface PlaygroundLayout {
  producerId: string;
  /** The topic published to, for pub/sub; null when the producer writes to a queue directly. */
  topicId: string | null;
  /** Queues messages wait in (subscriptions for pub/sub), in config order; excludes the DLQ. */
  queueIds: string[];
  consumerIds: string[];
}

/** What to draw, from the state's topology. */
export function playgroundLayout(s: SimState): PlaygroundLayout {
  const producer = Object.values(s.producers)[0];
  if (!producer) throw new Error("playground: the preset has no producer");
  const topic = s.topics[producer.target] ?? null;
  const queueIds = topic ? topic.subscriptions : Object.values(s.queues).filter((q) => q.role === "queue").map((q) => q.id);
  return { producerId: producer.id, topicId: topic ? topic.id : null, queueIds, consumerIds: Object.keys(s.consumers) };
}

export interface PlacedMessages {
  /** Waiting in each queue, next-to-deliver first (delayed ones after, they are not visible yet). */
  byQueue: Record<string, Token[]>;
  /** Held by each consumer, awaiting ack/nack. */
  held: Record<string, Token[]>;
  /** Delivered to a consumer that crashed: invisible until the visibility timeout returns them. */
  orphaned: Record<string, Token[]>;
  dead: Token[];
}

/** Groups the engine's tokens by where the playground draws them. */
export function placeMessages(all: Token[], layout: PlaygroundLayout): PlacedMessages {
  const byQueue: Record<string, Token[]> = Object.fromEntries(layout.queueIds.map((id) => [id, []]));
  const held: Record<string, Token[]> = Object.fromEntries(layout.consumerIds.map((id) => [id, []]));
  const orphaned: Record<string, Token[]> = Object.fromEntries(layout.consumerIds.map((id) => [id, []]));
  const dead: Token[] = [];
  const order = (t: Token) => (t.place.kind === "queue" ? t.place.index : t.place.kind === "delayed" ? 1e9 + t.place.visibleAtMs : 0);
  for (const t of all) {
    const p = t.place;
    if (p.kind === "queue" || p.kind === "delayed") (byQueue[p.queueId] ??= []).push(t);
    else if (p.kind === "consumer") (held[p.consumerId] ??= []).push(t);
    else if (p.kind === "orphaned") (orphaned[p.consumerId] ??= []).push(t);
    else if (p.kind === "dlq") dead.push(t);
  }
  for (const list of Object.values(byQueue)) list.sort((a, b) => order(a) - order(b));
  dead.sort((a, b) => (a.place.kind === "dlq" && b.place.kind === "dlq" ? a.place.index - b.place.index : 0));
  return { byQueue, held, orphaned, dead };
}

function nameOf(s: SimState, id: string | null): string {
  if (id === null) return "?";
  return s.queues[id]?.name ?? s.topics[id]?.name ?? s.consumers[id]?.name ?? s.producers[id]?.name ?? id;
}

function messageName(s: SimState, e: SimEvent): string {
  const env = (e.envId && s.envelopes[e.envId]) || Object.values(s.envelopes).find((x) => x.msgId === e.msgId);
  return `“${env ? env.label : (e.msgId ?? "a message")}”`;
}

/**
 * One engine event as a sentence for the playground's log, or null for events the log leaves out
 * (`processed` always accompanies a manual ack, so saying both would be noise).
 */
export function describeEvent(s: SimState, e: SimEvent): string | null {
  const msg = () => messageName(s, e);
  const consumer = nameOf(s, e.consumerId);
  const queue = nameOf(s, e.queueId);
  switch (e.type) {
    case "published":
      return `${nameOf(s, e.producerId)} published ${msg()} to ${queue}${s.topics[e.queueId ?? ""] ? ": one copy per subscription" : ""}.`;
    case "delivered":
      return `${consumer} received ${msg()} from ${queue}; it is hidden from other consumers until acked.`;
    case "redelivered":
      return `${consumer} received ${msg()} again (${e.detail ?? "another attempt"}).`;
    case "acked":
      return `${consumer} acknowledged ${msg()}: ${queue} deletes it.`;
    case "nacked":
      return `${consumer} nacked ${msg()}: it goes back to ${queue}.`;
    case "ack-rejected":
      return `${consumer}'s ack for ${msg()} came too late: the visibility timeout had already returned it.`;
    case "expired":
      return `${msg()} was not acknowledged in time${e.detail?.startsWith("consumer crashed") ? ` (${consumer} crashed)` : ""}: back in ${queue}.`;
    case "dead-lettered":
      return `${msg()} moved to ${queue} after ${PLAYGROUND_MAX_ATTEMPTS} failed deliveries.`;
    case "dropped":
      return `${msg()} was dropped (${e.detail ?? "no room"}).`;
    case "rejected":
      return `${queue} refused ${msg()} (${e.detail ?? "full"}).`;
    case "lost":
      return `${msg()} was lost (${e.detail ?? "no copy left"}).`;
    case "crashed":
      return `${consumer} crashed; whatever it held stays invisible until the visibility timeout.`;
    case "restarted":
      return `${consumer} restarted.`;
    case "revoked":
      return `${msg()} was taken back from ${consumer} (${e.detail ?? "revoked"}).`;
    case "failed":
      return `${consumer} failed to process ${msg()}.`;
    case "processed":
    case "setting-changed":
      return null;
    default:
      return `${e.type}${e.detail ? `: ${e.detail}` : ""}.`;
  }
}
