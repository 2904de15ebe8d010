import { at, publishAt } from "./beats";
import type { Tour } from "./types";

/** Lesson 5: in flight until acked; a crash before the ack means a duplicate charge, unless idempotent; at-most-once loses instead. */
export const deliveryGuaranteesTour: Tour = {
  modelId: "delivery-guarantees",
  seed: 1,
  options: { pausedProducers: true },
  beats: [
    publishAt(500, "checkout"),
    publishAt(3000, "checkout"),
    at(4000, { type: "crash", consumerId: "payment", point: "before-ack" }),
    at(9000, { type: "set-consumer", consumerId: "payment", patch: { idempotent: true } }),
    publishAt(9500, "checkout"),
    at(10_500, { type: "crash", consumerId: "payment", point: "before-ack" }),
    at(16_000, { type: "set-consumer", consumerId: "payment", patch: { deliveryMode: "at-most-once" } }),
    publishAt(16_500, "checkout"),
    at(17_000, { type: "crash", consumerId: "payment", point: "mid-processing" }),
  ],
  steps: [
    {
      id: "setup",
      title: "Charge, then acknowledge",
      narration:
        "Checkout publishes a “charge this order” message. The payment consumer charges the card, which takes 1.5 s, then acknowledges. The charges ledger counts charges per order. The queue's visibility timeout is 3 s.",
      fromMs: 0,
      toMs: 400,
      highlight: ["checkout", "payments", "payment", "charges"],
    },
    {
      id: "in-flight",
      title: "In flight: hidden, not deleted",
      narration:
        "Order #1 is delivered. It has not left the queue: it is hidden while a 3 s timer runs. If no ack arrives before the timer ends, the queue will hand it out again.",
      fromMs: 400,
      toMs: 1000,
      highlight: ["payments"],
      follow: ["m1"],
    },
    {
      id: "ack",
      title: "The ack deletes it",
      narration: "At 2 s the consumer has charged the card and acknowledges; the queue deletes Order #1. One order, one charge.",
      fromMs: 1000,
      toMs: 2300,
      highlight: ["payment", "charges"],
      follow: ["m1"],
    },
    {
      id: "crash",
      title: "Crash after charging, before the ack",
      narration:
        "Order #2 is delivered at 3 s. At 4 s the consumer has charged the card but crashes before sending the ack. It is back 1 s later, and still nothing happens to #2: the queue sees a missing ack, not a crash, and waits for its timer.",
      fromMs: 2800,
      toMs: 5800,
      highlight: ["payment", "payments"],
      follow: ["m2"],
    },
    {
      id: "duplicate",
      title: "Redelivered, charged twice",
      narration:
        "At 6 s the 3 s timer runs out. The queue cannot know the charge already happened, so it delivers Order #2 again, and the consumer charges it a second time: the ledger shows #2 charged twice. That is at-least-once delivery.",
      fromMs: 5800,
      toMs: 7800,
      highlight: ["charges", "payments"],
      follow: ["m2"],
    },
    {
      id: "idempotent",
      title: "An idempotent consumer",
      narration:
        "Now the consumer is made idempotent: before charging, it looks the order up in the ledger. Order #3 goes through the same crash after charging. When #3 is redelivered, the consumer finds it in the ledger and skips the charge: still one charge for #3.",
      fromMs: 8800,
      toMs: 14_300,
      highlight: ["payment", "charges"],
      follow: ["m3"],
    },
    {
      id: "at-most-once",
      title: "At-most-once: the opposite failure",
      narration:
        "Switch to at-most-once: the consumer acknowledges on receipt, before charging. Order #4 is acked and deleted at once; then the consumer crashes before charging. There is nothing left to redeliver, so #4 is never charged. No duplicates, but a lost order.",
      fromMs: 15_800,
      toMs: 18_500,
      highlight: ["payment", "payments"],
      follow: ["m4"],
    },
  ],
};
