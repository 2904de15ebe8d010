import { addConsumerLike, publishAt } from "./beats";
import type { Tour } from "./types";

/** Lesson 7: same key, same lane; one owner per partition; offsets move forward; lanes drift apart; a rebalance. */
export const partitionsTour: Tour = {
  modelId: "partitions",
  seed: 1,
  options: { pausedProducers: true },
  beats: [
    publishAt(500, "banking-api", { key: "alice" }),
    publishAt(520, "banking-api", { key: "alice" }),
    publishAt(540, "banking-api", { key: "alice" }),
    publishAt(560, "banking-api", { key: "alice" }),
    publishAt(600, "banking-api", { key: "dave" }),
    publishAt(650, "banking-api", { key: "ivan" }),
    publishAt(700, "banking-api", { key: "erin" }),
    addConsumerLike(3000, "partitions", "ledger-2", "ledger-3", "Ledger writer 3"),
    publishAt(3500, "banking-api", { key: "alice" }),
    publishAt(3520, "banking-api", { key: "alice" }),
    publishAt(3540, "banking-api", { key: "judy" }),
  ],
  steps: [
    {
      id: "setup",
      title: "A topic split into partitions",
      narration:
        "The account-events topic is split into three partitions. The two ledger writers form a consumer group that shares them: writer 1 owns partitions 0 and 2, writer 2 owns partition 1.",
      fromMs: 0,
      toMs: 400,
      highlight: ["account-events", "ledger"],
    },
    {
      id: "same-lane",
      title: "Same key, same lane",
      narration:
        "The Banking API publishes four events for Alice, then one each for Dave, Ivan and Erin. The key picks the partition: all of Alice's events join partition 2, each behind the one before, in the order they were sent.",
      fromMs: 400,
      toMs: 750,
      highlight: ["banking-api", "ledger.p2"],
      follow: ["m1", "m2", "m3", "m4"],
    },
    {
      id: "one-at-a-time",
      title: "One owner, one at a time",
      narration:
        "Each partition has exactly one owner, and it hands out its next event only after the previous one is acknowledged, so Alice's events are applied strictly in order. Writer 1 alternates between its two partitions; writer 2 handles Dave's and Erin's.",
      fromMs: 750,
      toMs: 1300,
      highlight: ["ledger-1", "ledger-2"],
    },
    {
      id: "offsets",
      title: "Offsets move forward",
      narration:
        "Each acknowledgement moves the partition's committed offset forward by one. The group remembers a position per partition; it does not delete events from the log. By 2.5 s every partition's offset has caught up with its end.",
      fromMs: 1300,
      toMs: 2500,
      highlight: ["ledger.p0", "ledger.p1", "ledger.p2"],
    },
    {
      id: "drift",
      title: "Lanes drift apart",
      narration:
        "Dave's event was published after all four of Alice's, yet it was applied before the last three of them: partition 1 was free while partition 2 was busy. Order is kept within a key, never across partitions.",
      fromMs: 2500,
      toMs: 2600,
      highlight: ["ledger.p1", "ledger.p2"],
      follow: ["m5"],
    },
    {
      id: "rebalance",
      title: "A third writer joins",
      narration:
        "Adding a writer triggers a rebalance: partition 2 moves to writer 3, and each partition still has exactly one owner. New events for Alice now go to writer 3, still one at a time and in order.",
      fromMs: 2900,
      toMs: 4500,
      highlight: ["ledger", "ledger.p2"],
      follow: ["m8", "m9"],
    },
  ],
};
