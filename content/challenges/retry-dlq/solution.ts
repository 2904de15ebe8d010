export interface Delivery<M> {
  id: string;
  body: M;
  attempt: number;
}

export interface DeadLetter<M> {
  id: string;
  body: M;
  attempts: number;
  reason: string;
}

interface Entry<M> {
  id: string;
  body: M;
  /** Failed deliveries so far. */
  failures: number;
}

export class RetryQueue<M> {
  private readonly maxAttempts: number;
  private ready: Entry<M>[] = [];
  private head = 0;
  private outstanding = new Map<string, Entry<M>>();
  private dlq: DeadLetter<M>[] = [];
  private nextId = 1;

  constructor(options: { maxAttempts: number }) {
    const max = options.maxAttempts;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxAttempts must be a whole number >= 1, got ${max}`);
    this.maxAttempts = max;
  }

  send(body: M): string {
    const id = `msg-${this.nextId++}`;
    this.ready.push({ id, body, failures: 0 });
    return id;
  }

  receive(): Delivery<M> | null {
    if (this.head === this.ready.length) return null;
    const entry = this.ready[this.head];
    this.ready[this.head] = undefined as unknown as Entry<M>;
    this.head++;
    if (this.head === this.ready.length) {
      this.ready = [];
      this.head = 0;
    }
    this.outstanding.set(entry.id, entry);
    return { id: entry.id, body: entry.body, attempt: entry.failures + 1 };
  }

  private take(id: string): Entry<M> {
    const entry = this.outstanding.get(id);
    if (!entry) throw new Error(`no outstanding delivery with id "${id}"`);
    this.outstanding.delete(id);
    return entry;
  }

  ack(id: string): void {
    this.take(id);
  }

  nack(id: string, reason = "failed"): "retry" | "dead-lettered" {
    const entry = this.take(id);
    entry.failures++;
    if (entry.failures >= this.maxAttempts) {
      this.dlq.push({ id: entry.id, body: entry.body, attempts: entry.failures, reason });
      return "dead-lettered";
    }
    // Behind everything already waiting: a poison message cannot hold up the rest.
    this.ready.push(entry);
    return "retry";
  }

  deadLetters(): DeadLetter<M>[] {
    return this.dlq.map((d) => ({ ...d }));
  }

  redrive(): number {
    const moved = this.dlq.length;
    for (const d of this.dlq) this.ready.push({ id: d.id, body: d.body, failures: 0 });
    this.dlq = [];
    return moved;
  }

  size(): number {
    return this.ready.length - this.head + this.outstanding.size;
  }
}
