export type Handler<M> = (message: M, topic: string) => void;

interface Subscription<M> {
  handler: Handler<M>;
}

export class Broker<M> {
  // Each topic's subscriptions in subscription order. A Subscription object (not the handler) is the identity,
  // so the same handler can be subscribed twice and unsubscribed once.
  private topics = new Map<string, Subscription<M>[]>();

  subscribe(topic: string, handler: Handler<M>): () => void {
    const sub: Subscription<M> = { handler };
    const list = this.topics.get(topic) ?? [];
    list.push(sub);
    this.topics.set(topic, list);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = this.topics.get(topic);
      if (!current) return;
      // Replace rather than splice: a publish in progress keeps iterating its own snapshot.
      const next = current.filter((s) => s !== sub);
      if (next.length === 0) this.topics.delete(topic);
      else this.topics.set(topic, next);
    };
  }

  publish(topic: string, message: M): number {
    const snapshot = this.topics.get(topic);
    if (!snapshot) return 0;
    const subscribers = snapshot.slice();
    for (const sub of subscribers) {
      try {
        sub.handler(message, topic);
      } catch (error) {
        console.error(`subscriber of "${topic}" failed:`, error);
      }
    }
    return subscribers.length;
  }

  subscriberCount(topic: string): number {
    return this.topics.get(topic)?.length ?? 0;
  }
}
