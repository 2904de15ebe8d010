export class TaskQueue<T> {
  /** Add a task at the back of the queue. */
  enqueue(task: T): void {
    // TODO
  }

  /** Remove and return the task at the front, or null when the queue is empty. */
  dequeue(): T | null {
    // TODO
    return null;
  }

  /** Return the task at the front without removing it, or null when the queue is empty. */
  peek(): T | null {
    // TODO
    return null;
  }

  /** How many tasks are waiting. */
  size(): number {
    // TODO
    return 0;
  }
}
