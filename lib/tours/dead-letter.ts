import { at, publishAt } from "./beats";
import type { Tour } from "./types";

/** Lesson 6: attempts rise with growing pauses, the message moves to the DLQ, the line flows; redrive before and after the fix. */
export const deadLetterTour: Tour = {
  modelId: "dead-letter",
  seed: 1,
  options: { pausedProducers: true },
  beats: [
    publishAt(500, "order-service"),
    publishAt(2500, "order-service", { poison: true }),
    publishAt(2600, "order-service"),
    publishAt(2700, "order-service"),
    at(8000, { type: "redrive", dlqId: "orders-dlq" }),
    at(13_000, { type: "set-consumer", consumerId: "fulfilment", patch: { handlesPoison: true } }),
    at(13_500, { type: "redrive", dlqId: "orders-dlq" }),
  ],
  steps: [
    {
      id: "setup",
      title: "A queue with a dead letter queue",
      narration:
        "Order Service publishes into the orders queue and Fulfilment ships each order. The queue allows 3 attempts per message; a message that fails all three goes to the dead letter queue below.",
      fromMs: 0,
      toMs: 400,
      highlight: ["order-service", "orders", "fulfilment", "orders-dlq"],
    },
    {
      id: "flow",
      title: "Good orders flow",
      narration: "Order #1 is delivered, shipped in 0.6 s and acknowledged.",
      fromMs: 400,
      toMs: 1300,
      highlight: ["fulfilment"],
      follow: ["m1"],
    },
    {
      id: "first-failure",
      title: "A malformed order fails",
      narration:
        "Order #2 is malformed, and two good orders, #3 and #4, queue up behind it. Fulfilment fails on #2 at 3.1 s. The queue hides #2 for 0.5 s before its next attempt, and meanwhile #3 gets through.",
      fromMs: 2300,
      toMs: 3650,
      highlight: ["orders", "fulfilment"],
      follow: ["m2"],
    },
    {
      id: "backoff",
      title: "Longer pauses",
      narration:
        "Attempt 2 fails at 4.3 s. This time the queue waits 1 s, twice as long, and #4 is shipped in the meantime. At 5.3 s #2 gets its third and last attempt.",
      fromMs: 3650,
      toMs: 5400,
      highlight: ["orders"],
      follow: ["m2"],
    },
    {
      id: "dead-lettered",
      title: "Moved to the dead letter queue",
      narration:
        "The third attempt fails too. The queue stops retrying and moves #2 to the dead letter queue, with the reason. The line is clear for the orders behind it, and the bad order was not thrown away.",
      fromMs: 5400,
      toMs: 6500,
      highlight: ["orders-dlq"],
      follow: ["m2"],
    },
    {
      id: "redrive-early",
      title: "Redrive before the fix",
      narration:
        "Someone redrives the dead letter queue before fixing the bug. #2 goes back to the orders queue with fresh attempts, fails three more times and lands in the dead letter queue again. Redriving changes nothing by itself.",
      fromMs: 7500,
      toMs: 11_800,
      highlight: ["orders-dlq", "orders"],
      follow: ["m2"],
    },
    {
      id: "redrive-fixed",
      title: "Fix, then redrive",
      narration:
        "The fix is deployed: Fulfilment can now handle the malformed order. Redriving sends #2 back once more, and this time it is shipped and acknowledged. The dead letter queue is empty.",
      fromMs: 12_500,
      toMs: 14_500,
      highlight: ["fulfilment", "orders-dlq"],
      follow: ["m2"],
    },
  ],
};
