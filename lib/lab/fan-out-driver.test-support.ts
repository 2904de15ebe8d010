import type { QueueDelivery, QueueDriver } from "./queue-driver";

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
