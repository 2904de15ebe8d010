import { at, publishAt } from "./beats";
import type { Tour } from "./types";

/** Lesson 3: one publish becomes a copy per subscription; subscribers progress independently. */
export const pubSubTour: Tour = {
  modelId: "pub-sub",
  seed: 1,
  options: { pausedProducers: true },
  beats: [
    publishAt(500, "order-service"),
    publishAt(3000, "order-service"),
    publishAt(3150, "order-service"),
    publishAt(3300, "order-service"),
    publishAt(3450, "order-service"),
    publishAt(3600, "order-service"),
    at(6000, { type: "crash", consumerId: "analytics", point: "mid-processing" }),
  ],
  steps: [
    {
      id: "topic",
      title: "A topic with three subscriptions",
      narration:
        "Order Service publishes to a topic, not to a consumer. The topic has three subscriptions, one each for Inventory, Email and Analytics, and each subscription is a queue of its own.",
      fromMs: 0,
      toMs: 400,
      highlight: ["order-service", "order-events", "inventory-sub", "email-sub", "analytics-sub"],
    },
    {
      id: "copies",
      title: "One publish, three copies",
      narration:
        "Order Service publishes Order #1 once. The topic copies it into all three subscriptions and each subscriber receives its own copy. Publishing cost Order Service one send, however many subscribers there are.",
      fromMs: 400,
      toMs: 600,
      highlight: ["order-service", "order-events"],
      follow: ["m1"],
    },
    {
      id: "own-pace",
      title: "Each at its own pace",
      narration:
        "Inventory finishes its copy at 0.9 s, Email at 1.0 s, Analytics at 1.7 s. That is three acknowledgements for one publish: each subscription tracks its own progress.",
      fromMs: 600,
      toMs: 2000,
      highlight: ["inventory", "email", "analytics"],
      follow: ["m1"],
    },
    {
      id: "burst",
      title: "A burst: only the slow line grows",
      narration:
        "Five more orders arrive within 0.6 s. Inventory keeps up and Email nearly so, but Analytics needs over a second per event, so its subscription fills up. That backlog is its own: the other two never wait for it.",
      fromMs: 2800,
      toMs: 5900,
      highlight: ["analytics-sub", "inventory-sub"],
    },
    {
      id: "crash",
      title: "A subscriber crashes",
      narration:
        "At 6 s Analytics crashes in the middle of Order #4. Its remaining copies simply wait in its subscription. Inventory and Email have already handled all six orders and are unaffected. Analytics restarts after 2 s and carries on from its own line.",
      fromMs: 5900,
      toMs: 8100,
      highlight: ["analytics", "analytics-sub"],
      follow: ["m4"],
    },
    {
      id: "everyone",
      title: "Everyone gets everything",
      narration:
        "The copy of #4 that Analytics was holding comes back after the 5 s visibility timeout, and Analytics processes it too. Six publishes became 18 acknowledged deliveries, six per subscriber. Unlike point-to-point, the services never took turns: each got every event.",
      fromMs: 8100,
      toMs: 12500,
      highlight: ["inventory", "email", "analytics"],
      follow: ["m4"],
    },
  ],
};
