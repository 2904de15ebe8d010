import { publishAt } from "./beats";
import type { Tour } from "./types";

/** Lesson 1 (and 8): publish, receive then ack, retry then dead-letter, with the producers never involved. */
export const messageQueueTour: Tour = {
  modelId: "message-queue",
  seed: 1,
  options: { pausedProducers: true },
  beats: [
    publishAt(600, "order-service"),
    publishAt(800, "payment-service"),
    publishAt(5000, "order-service", { poison: true }),
    publishAt(5200, "order-service"),
  ],
  steps: [
    {
      id: "system",
      title: "The whole system",
      narration:
        "Two producers, Order Service and Payment Service, write into one durable, first-in-first-out message queue. The queue keeps a separate line for each consuming service, so Email, Inventory and Analytics each get every event. Below, the dead letter queue waits for events that keep failing. Hover over or tap any box to see what it does.",
      fromMs: 0,
      toMs: 400,
      highlight: ["order-service", "payment-service", "message-queue", "dead-letter-queue"],
    },
    {
      id: "publish",
      title: "Publish: the producer is free at once",
      narration:
        "Order Service publishes “Order placed #1”. The queue stores it and puts a copy in each of the three lines, and Order Service is done: it waits for no consumer. Then Payment Service publishes “Payment captured #1”. Every consumer is still busy with the order, so the payment event waits in all three lines.",
      fromMs: 400,
      toMs: 1000,
      highlight: ["order-service", "payment-service", "message-queue"],
      follow: ["m1", "m2"],
    },
    {
      id: "receive",
      title: "Receive: taken, not yet deleted",
      narration:
        "Each consumer has received the order event. It has left the line, but the queue has not deleted it: it is in flight, hidden from everyone else, until the consumer acknowledges it. If a consumer died now, the queue would hand its copy out again.",
      fromMs: 1000,
      toMs: 1050,
      highlight: ["email", "inventory", "analytics"],
      follow: ["m1"],
    },
    {
      id: "ack",
      title: "Ack: now it is deleted",
      narration:
        "Inventory finishes first, at 1.1 s, and acknowledges the order event; only now does the queue delete Inventory's copy, and Inventory takes the payment event. Email follows at 1.2 s. Analytics is the slowest: it acks the order at 1.9 s and the payment at 3.3 s. Each service worked at its own pace, and the slow one delayed only itself.",
      fromMs: 1050,
      toMs: 3500,
      highlight: ["email", "inventory", "analytics", "analytics-queue"],
      follow: ["m1", "m2"],
    },
    {
      id: "malformed",
      title: "A malformed event fails",
      narration:
        "Order Service publishes a malformed “Order placed #2”, then a good “Order placed #3”. Every consumer fails on the malformed one, and will every time. The queue does not hand it straight back: it holds it for 0.5 s before the second attempt, and meanwhile each consumer takes the good event from behind it.",
      fromMs: 4800,
      toMs: 6200,
      highlight: ["email-queue", "inventory-queue", "analytics-queue"],
      follow: ["m3"],
    },
    {
      id: "dead-letter",
      title: "Retry, then dead-letter",
      narration:
        "Each copy is tried again, fails again, and this time waits 1 s before its third attempt. After the third failure the queue stops retrying and moves the copy to the dead letter queue with the reason: three copies, one per service. The good events kept flowing, and the producers never heard about any of it.",
      fromMs: 6200,
      toMs: 11200,
      highlight: ["dead-letter-queue"],
      follow: ["m3"],
    },
  ],
};
