import { addConsumerLike, at } from "./beats";
import type { Tour } from "./types";

/** Lesson 4: one job per worker, whichever is free; the backlog follows arrival rate minus capacity. */
export const workQueueTour: Tour = {
  modelId: "work-queue",
  // A seed whose random arrivals show the arithmetic plainly: the line grows with two workers and drains with four.
  seed: 11,
  options: {},
  beats: [
    addConsumerLike(10_000, "work-queue", "worker-2", "worker-3", "Worker 3"),
    addConsumerLike(10_000, "work-queue", "worker-2", "worker-4", "Worker 4"),
    at(22_000, { type: "remove-consumer", consumerId: "worker-4" }),
  ],
  steps: [
    {
      id: "setup",
      title: "One queue, two workers",
      narration:
        "Upload Service adds a resize job for every uploaded photo, about three per second at random moments. Two workers take jobs from the same queue.",
      fromMs: 0,
      toMs: 300,
      highlight: ["upload-service", "resize-jobs", "worker-1", "worker-2"],
    },
    {
      id: "one-worker",
      title: "Each job goes to exactly one worker",
      narration:
        "Each job leaves the queue towards exactly one worker: whichever is free takes the next one, and a busy worker is skipped. No job is done twice, and no worker sits idle while jobs wait.",
      fromMs: 300,
      toMs: 3000,
      highlight: ["resize-jobs", "worker-1", "worker-2"],
    },
    {
      id: "backlog",
      title: "The backlog builds",
      narration:
        "A worker needs about 1.1 s per photo, so two workers finish about 1.8 jobs per second while about 3 arrive. The difference piles up in the queue: by 10 s about a dozen photos are waiting. The queue absorbs the surplus; nothing is lost, it just waits longer.",
      fromMs: 3000,
      toMs: 10_000,
      highlight: ["resize-jobs"],
    },
    {
      id: "add-workers",
      title: "Add two workers",
      narration:
        "Two more workers join the same queue. They need no set-up and no coordination with the others: they start pulling jobs from the front of the line at once.",
      fromMs: 10_000,
      toMs: 11_000,
      highlight: ["worker-3", "worker-4"],
    },
    {
      id: "drain",
      title: "The backlog drains",
      narration:
        "Four workers finish about 3.6 jobs per second, more than the 3 that arrive, so the line shrinks: by 17 s it is almost empty. Arrival rate minus capacity decides everything: 3 − 2 × 0.9 is positive, so the backlog grew; 3 − 4 × 0.9 is negative, so it drains.",
      fromMs: 11_000,
      toMs: 17_000,
      highlight: ["resize-jobs", "worker-1", "worker-2", "worker-3", "worker-4"],
    },
    {
      id: "remove-worker",
      title: "Remove a worker mid-job",
      narration:
        "At 22 s Worker 4 is removed while it is resizing Photo #63. The job is not lost: it goes back to the front of the queue, and Worker 2, which is free, takes it at once.",
      fromMs: 21_800,
      toMs: 23_200,
      highlight: ["resize-jobs", "worker-2"],
      follow: ["m63"],
    },
  ],
};
