/**
 * The seam between the lab runner and a message broker model.
 *
 * The runner publishes one message for N consumers, then repeatedly asks for
 * deliveries and reports how each went. Everything about *how* the broker hands
 * messages out (order, acknowledgements, redelivery, dead-lettering) lives
 * behind this interface.
 *
 * The lab runs on `createSimQueueDriver` (sim-queue-driver.ts), backed by the
 * shared simulation engine in `lib/sim`. Tests that wrap or replace the broker use
 * the smallest possible implementation, `createFanOutDriver` in fan-out-driver.test-support.ts.
 */

export interface QueueMessage {
  /** Unique per run, e.g. `mq-1-msg-1`. */
  id: string;
  queueId: string;
  /**
   * What the producer sent, unvalidated: consumers decode it on receipt, so a
   * malformed payload fails each consumer rather than the publish.
   */
  payload: unknown;
}

export interface QueueDelivery {
  deliveryId: string;
  consumerId: string;
  message: QueueMessage;
  /** 1 for the first delivery to this consumer, 2 for a redelivery, … */
  attempt: number;
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

export interface QueueDriver {
  /** Publishes `message` once for each of `consumerIds` (fan-out; every consumer gets its own copy). */
  enqueue(message: QueueMessage, consumerIds: readonly string[]): void;
  /**
   * Every delivery ready now, in delivery order; these are processed in
   * parallel. An empty array means the queue has nothing more to hand out.
   */
  deliver(): QueueDelivery[];
  /** Reports a delivery's outcome: an ack (`ok`) or a nack with the consumer's error. */
  settle(deliveryId: string, outcome: DeliveryOutcome): void;
}
