interface Entry<T> {
  item: T;
  priority: number;
  /** Enqueue order: breaks ties so equal priorities stay FIFO (a heap alone is not stable). */
  seq: number;
}

/** Binary max-heap ordered by (priority desc, seq asc). */
export class PriorityQueue<T> {
  private heap: Entry<T>[] = [];
  private nextSeq = 0;

  enqueue(item: T, priority: number): void {
    this.heap.push({ item, priority, seq: this.nextSeq++ });
    this.siftUp(this.heap.length - 1);
  }

  dequeue(): T | null {
    const heap = this.heap;
    if (heap.length === 0) return null;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top.item;
  }

  peek(): T | null {
    return this.heap.length === 0 ? null : this.heap[0].item;
  }

  size(): number {
    return this.heap.length;
  }

  /** True when `a` must come out before `b`. */
  private before(a: Entry<T>, b: Entry<T>): boolean {
    return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(entry, heap[parent])) break;
      heap[index] = heap[parent];
      index = parent;
    }
    heap[index] = entry;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const n = heap.length;
    const entry = heap[index];
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(heap[right], heap[left]) ? right : left;
      if (!this.before(heap[child], entry)) break;
      heap[index] = heap[child];
      index = child;
    }
    heap[index] = entry;
  }
}
