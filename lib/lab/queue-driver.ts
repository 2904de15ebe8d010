/**
 * The seam between the lab runner and a message broker model.
 *
 * The runner publishes one message for N consumers, then repeatedly asks for
 * deliveries and reports how each went. Everything about *how* the broker hands
 * messages out (order, acknowledgements, redelivery, dead-lettering) lives
 * behind this interface.
 *
 * The lab runs on `createSimQueueDriver` (sim-queue-driver.ts), backed by the
 * shared simulation engine in `lib/sim`. The fan-out driver below stays as the
 * smallest possible implementation for tests that wrap or replace the broker.
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

/**
 * A minimal test double of the broker: fan-out with at-most-once delivery. Each consumer
 * receives each message exactly once, in the order the consumers were given;
 * a nack is recorded and not redelivered, which is how the lab presents a
 * failed consumer (it fails alone, visibly).
 */
export function createFanOutDriver(): QueueDriver {
  const pending: QueueDelivery[] = [];
  const inFlight = new Map<string, QueueDelivery>();
  let sequence = 0;
  return {
    enqueue(message, consumerIds) {
      for (const consumerId of consumerIds) {
        sequence += 1;
        pending.push({ deliveryId: `${message.id}-d${sequence}`, consumerId, message, attempt: 1 });
      }
    },
    deliver() {
      const batch = pending.splice(0, pending.length);
      for (const delivery of batch) inFlight.set(delivery.deliveryId, delivery);
      return batch;
    },
    settle(deliveryId) {
      inFlight.delete(deliveryId);
    },
  };
}
