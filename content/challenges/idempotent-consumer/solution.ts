export type Handler<M> = (id: string, message: M) => void | Promise<void>;

export class IdempotentConsumer<M> {
  private readonly handler: Handler<M>;
  private readonly windowSize: number;
  /** Processed ids in the order they finished; a Set keeps insertion order, so the first is the oldest. */
  private seen = new Set<string>();
  /** Ids whose handler is running: a duplicate arriving now must not start it again. */
  private inProgress = new Set<string>();

  constructor(handler: Handler<M>, windowSize: number) {
    if (!Number.isInteger(windowSize) || windowSize < 1) throw new RangeError(`windowSize must be a whole number >= 1, got ${windowSize}`);
    this.handler = handler;
    this.windowSize = windowSize;
  }

  async handle(id: string, message: M): Promise<boolean> {
    if (this.seen.has(id) || this.inProgress.has(id)) return false;
    // Claimed before the first await, so a concurrent duplicate sees it.
    this.inProgress.add(id);
    try {
      await this.handler(id, message);
    } finally {
      this.inProgress.delete(id);
    }
    this.seen.add(id);
    if (this.seen.size > this.windowSize) {
      const oldest = this.seen.values().next().value as string;
      this.seen.delete(oldest);
    }
    return true;
  }

  remembered(): number {
    return this.seen.size;
  }
}
