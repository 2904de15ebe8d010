/**
 * An array with a moving head index: dequeue advances `head` instead of shifting, and the consumed prefix is
 * cut off once it is at least half the array, so each element is copied O(1) times on average.
 */
export class TaskQueue<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  enqueue(task: T): void {
    this.items.push(task);
  }

  dequeue(): T | null {
    if (this.head === this.items.length) return null;
    const task = this.items[this.head] as T;
    this.items[this.head] = undefined; // let the task be garbage-collected
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return task;
  }

  peek(): T | null {
    return this.head === this.items.length ? null : (this.items[this.head] as T);
  }

  size(): number {
    return this.items.length - this.head;
  }
}
