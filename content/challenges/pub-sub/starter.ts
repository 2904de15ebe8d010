export type Handler<M> = (message: M, topic: string) => void;

export class Broker<M> {
  /** Register `handler` for `topic`; the returned function removes this subscription. */
  subscribe(topic: string, handler: Handler<M>): () => void {
    // TODO
    return () => {};
  }

  /** Deliver `message` to every subscriber of `topic`, in subscription order; return how many handlers were called. */
  publish(topic: string, message: M): number {
    // TODO
    return 0;
  }

  /** Number of active subscriptions to `topic`. */
  subscriberCount(topic: string): number {
    // TODO
    return 0;
  }
}
