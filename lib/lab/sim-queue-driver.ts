import { createSim, dispatch, tokens, type SimConfig, type SimState } from "@/lib/sim";
import type { DeliveryOutcome, QueueDelivery, QueueDriver, QueueMessage } from "./queue-driver";

const TOPIC = "lab-topic";
const subscriptionOf = (consumerId: string) => `lab-sub-${consumerId}`;

/**
 * The lab's message queue, backed by the shared simulation engine (lib/sim), so the lab and the visual models run
 * one broker model: a fan-out topic with one subscription queue per connected consumer, each consumer in manual
 * mode (receive, then ack or nack). A nack is not retried (one attempt per subscription): in the lab a failing
 * consumer fails alone and visibly, and the other consumers' copies are untouched.
 */
export function createSimQueueDriver(seed = 1): QueueDriver {
  let state: SimState | null = null;
  let consumers: string[] = [];
  const messages = new Map<string, QueueMessage>(); // sim label -> the runner's message
  const handedOut = new Map<string, string>(); // envelope (delivery) id -> consumer id

  function start(consumerIds: readonly string[]): SimState {
    consumers = [...consumerIds];
    const config: SimConfig = {
      topics: [{ id: TOPIC, name: "Message Queue", subscriptions: consumers.map((c) => ({ id: subscriptionOf(c), maxAttempts: 1 })) }],
      consumers: consumers.map((c) => ({ id: c, source: subscriptionOf(c), mode: "manual" as const })),
      sampleEveryMs: null,
    };
    return createSim(config, seed);
  }

  return {
    enqueue(message: QueueMessage, consumerIds: readonly string[]) {
      if (consumerIds.length === 0) return;
      if (!state || consumerIds.some((c) => !consumers.includes(c))) state = start(consumerIds);
      messages.set(message.id, message);
      state = dispatch(state, { type: "publish", to: TOPIC, label: message.id });
    },
    deliver(): QueueDelivery[] {
      if (!state) return [];
      const held = () => tokens(state!).filter((t) => t.place.kind === "consumer" && t.place.stage === "held");
      const busy = new Set(held().map((t) => (t.place as { consumerId: string }).consumerId));
      for (const c of consumers) if (!busy.has(c)) state = dispatch(state, { type: "receive", consumerId: c });
      const out: QueueDelivery[] = [];
      for (const t of held()) {
        if (handedOut.has(t.id)) continue;
        const message = messages.get(t.label);
        if (!message) continue;
        const consumerId = (t.place as { consumerId: string }).consumerId;
        handedOut.set(t.id, consumerId);
        out.push({ deliveryId: t.id, consumerId, message, attempt: t.attempts });
      }
      return out;
    },
    settle(deliveryId: string, outcome: DeliveryOutcome) {
      const consumerId = handedOut.get(deliveryId);
      if (!state || !consumerId) return;
      state = outcome.ok
        ? dispatch(state, { type: "ack", consumerId, envelopeId: deliveryId })
        : dispatch(state, { type: "nack", consumerId, envelopeId: deliveryId, requeue: false });
    },
  };
}
