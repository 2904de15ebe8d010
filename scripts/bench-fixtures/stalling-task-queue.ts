// Hostile code for fairness checks (bench:scale, tests): dequeue() returns a proxy whose key list is huge, so the
// grader's comparison spends its time inside built-ins (ownKeys / getOwnPropertyDescriptor traps walked by native
// code) that rarely reach QuickJS's interrupt check. It holds a grading thread until the watchdog ends it.
const keys: string[] = [];
for (let i = 0; i < 300_000; i++) keys.push("k" + i);

export class TaskQueue<T> {
  private count = 0;
  enqueue(task: T): void {
    if (task !== undefined) this.count++;
  }
  dequeue(): T | null {
    return new Proxy({}, {
      ownKeys: () => keys,
      getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }),
    }) as unknown as T;
  }
  peek(): T | null {
    return null;
  }
  size(): number {
    return this.count;
  }
}
