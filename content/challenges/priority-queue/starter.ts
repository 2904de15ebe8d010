export class PriorityQueue<T> {
  /** Add an item; higher priority is served first, ties in enqueue order. */
  enqueue(item: T, priority: number): void {
    // TODO
  }

  /** Remove and return the next item, or null when empty. */
  dequeue(): T | null {
    // TODO
    return null;
  }

  /** The next item without removing it, or null when empty. */
  peek(): T | null {
    // TODO
    return null;
  }

  /** Number of waiting items. */
  size(): number {
    // TODO
    return 0;
  }
}
