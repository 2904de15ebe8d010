import { at, publishAt } from "./beats";
import type { Tour } from "./types";

/** Lesson 2: each message goes to one consumer; in flight until acked; a failure means a second delivery. */
export const pointToPointTour: Tour = {
  modelId: "point-to-point",
  seed: 1,
  options: { pausedProducers: true },
  beats: [
    publishAt(500, "checkout"),
    publishAt(700, "checkout"),
    publishAt(900, "checkout"),
    publishAt(1100, "checkout"),
    publishAt(4500, "checkout"),
    publishAt(4700, "checkout"),
    at(5200, { type: "crash", consumerId: "payment-worker-a", point: "mid-processing" }),
    publishAt(9000, "checkout"),
  ],
  steps: [
    {
      id: "competing",
      title: "Competing workers",
      narration:
        "Checkout sends charge requests into one queue. Two payment workers read from it and compete: each request will go to one of them, never to both.",
      fromMs: 0,
      toMs: 400,
      highlight: ["checkout", "payment-requests", "payment-worker-a", "payment-worker-b"],
    },
    {
      id: "one-worker",
      title: "One message, one worker",
      narration:
        "Checkout sends four requests, Charge #1 to #4. Worker A takes #1 and worker B takes #2; nothing is copied. #3 and #4 wait in line: 2 waiting, 2 in flight.",
      fromMs: 400,
      toMs: 1300,
      highlight: ["payment-requests"],
      follow: ["m1", "m2"],
    },
    {
      id: "ack",
      title: "In flight until acked",
      narration:
        "A request a worker has received is out of the line but still belongs to the queue. Worker A acknowledges #1 at 1.5 s; only then is it deleted, and A takes the next in line, #3. B acks #2 at 2.0 s and takes #4. All four end up charged once each.",
      fromMs: 1300,
      toMs: 3600,
      highlight: ["payment-worker-a", "payment-worker-b"],
      follow: ["m1", "m3"],
    },
    {
      id: "crash",
      title: "A worker crashes",
      narration:
        "Checkout sends #5 and #6: A takes #5, B takes #6. At 5.2 s worker A crashes, before it has charged #5 and before it has acknowledged it.",
      fromMs: 4300,
      toMs: 5400,
      highlight: ["payment-worker-a"],
      follow: ["m5"],
    },
    {
      id: "waiting",
      title: "The queue only sees a missing ack",
      narration:
        "Nothing happens to #5 for now. The queue cannot see crashes, only missing acks, so it keeps #5 hidden until its 5 s visibility timeout runs out. Worker A restarts at 7.2 s and, at 9 s, takes the new request #7.",
      fromMs: 5400,
      toMs: 9200,
      highlight: ["payment-requests", "payment-worker-a"],
      follow: ["m5"],
    },
    {
      id: "redelivery",
      title: "A second delivery",
      narration:
        "At 9.5 s, 5 s after #5 was handed to A, the timeout runs out. #5 goes back to the front of the line and B, the free worker, takes it: a second delivery of the same request. It is charged only once, because A crashed before charging.",
      fromMs: 9200,
      toMs: 11500,
      highlight: ["payment-requests", "payment-worker-b"],
      follow: ["m5"],
    },
  ],
};
