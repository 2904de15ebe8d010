export interface Assignment<M> {
  consumerId: string;
  message: M;
}

interface Consumer<M> {
  id: string;
  /** The message being worked on; `busy` rather than `current !== undefined` so any message value is allowed. */
  busy: boolean;
  current?: M;
}

export class WorkQueue<M> {
  private ring: Consumer<M>[] = [];
  /** Index into `ring` of the next consumer to consider; always < ring.length when the ring is non-empty. */
  private cursor = 0;
  private backlog: M[] = [];
  private head = 0;
  private busyCount = 0;

  addConsumer(id: string): void {
    if (this.ring.some((c) => c.id === id)) throw new Error(`consumer "${id}" already exists`);
    this.ring.push({ id, busy: false });
  }

  removeConsumer(id: string): void {
    const index = this.ring.findIndex((c) => c.id === id);
    if (index === -1) return;
    const [consumer] = this.ring.splice(index, 1);
    if (consumer.busy) {
      this.busyCount--;
      // Redeliver first: it has waited longest.
      if (this.head > 0) this.backlog[--this.head] = consumer.current as M;
      else this.backlog.unshift(consumer.current as M);
    }
    if (index < this.cursor) this.cursor--;
    if (this.cursor >= this.ring.length) this.cursor = 0;
  }

  publish(message: M): void {
    this.backlog.push(message);
  }

  dispatch(): Assignment<M>[] {
    const assignments: Assignment<M>[] = [];
    const n = this.ring.length;
    let index = this.cursor;
    for (let visited = 0; visited < n && this.pending() > 0; visited++) {
      const consumer = this.ring[index];
      index = (index + 1) % n;
      if (consumer.busy) continue;
      const message = this.backlog[this.head] as M;
      this.backlog[this.head] = undefined as M;
      this.head++;
      consumer.busy = true;
      consumer.current = message;
      this.busyCount++;
      this.cursor = index;
      assignments.push({ consumerId: consumer.id, message });
    }
    if (this.head === this.backlog.length) {
      this.backlog = [];
      this.head = 0;
    }
    return assignments;
  }

  complete(consumerId: string): M {
    const consumer = this.ring.find((c) => c.id === consumerId);
    if (!consumer) throw new Error(`unknown consumer "${consumerId}"`);
    if (!consumer.busy) throw new Error(`consumer "${consumerId}" has no message to complete`);
    const message = consumer.current as M;
    consumer.busy = false;
    consumer.current = undefined;
    this.busyCount--;
    return message;
  }

  pending(): number {
    return this.backlog.length - this.head;
  }

  inFlight(): number {
    return this.busyCount;
  }
}
