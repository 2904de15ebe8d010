// A work queue with competing workers, simulated on a virtual clock (milliseconds).
// EXPERIMENT: the same 20 jobs run twice on 2 workers, with prefetch 1 and prefetch 10.
// The broker pushes each message to ONE worker, round-robin, but only to a worker
// holding fewer than `prefetch` unacknowledged messages (RabbitMQ's basic.qos).
// A worker processes its delivered messages one at a time and acks each when done.

type Job = { id: string; arrivesAt: number; ms: number };
type WorkerState = { name: string; inbox: Job[]; current: Job | null; busyUntil: number; done: number; busyMs: number };
type Result = { finishedAt: number; avgWaitMs: number; maxWaitMs: number; workers: WorkerState[] };

function runWorkQueue(jobs: Job[], workerCount: number, prefetch: number, trace: boolean): Result {
  const incoming = [...jobs].sort((a, b) => a.arrivesAt - b.arrivesAt);
  const ready: Job[] = []; // published, sitting in the broker, not yet delivered
  const workers: WorkerState[] = [];
  for (let i = 0; i < workerCount; i++) {
    workers.push({ name: `worker-${"ABCDEFGHIJKLMNOP"[i]}`, inbox: [], current: null, busyUntil: 0, done: 0, busyMs: 0 });
  }
  const unacked = (w: WorkerState) => w.inbox.length + (w.current ? 1 : 0);
  const log = (text: string) => console.log(`t=${String(now).padStart(5)}ms  ${text}`);
  let now = 0, arrived = 0, turn = 0, finishedAt = 0, totalWait = 0, maxWait = 0;

  while (true) {
    // 1. Finished jobs are acked, which frees a prefetch slot on that worker.
    for (const w of workers) {
      if (w.current && w.busyUntil <= now) {
        if (trace) log(`${w.name} acks ${w.current.id}`);
        w.done++;
        w.current = null;
        finishedAt = now;
      }
    }
    // 2. New messages arrive in the broker.
    while (arrived < incoming.length && incoming[arrived].arrivesAt <= now) ready.push(incoming[arrived++]);
    // 3. Dispatch round-robin, skipping workers whose prefetch window is full.
    for (let skipped = 0; ready.length > 0 && skipped < workers.length; ) {
      const w = workers[turn];
      turn = (turn + 1) % workers.length;
      if (unacked(w) >= prefetch) { skipped++; continue; }
      const job = ready.shift()!;
      w.inbox.push(job);
      skipped = 0;
      if (trace) log(`deliver ${job.id} (${job.ms}ms) -> ${w.name}  [unacked ${unacked(w)}/${prefetch}]`);
    }
    // 4. Idle workers start the oldest message in their own inbox.
    for (const w of workers) {
      if (!w.current && w.inbox.length > 0) {
        const job = w.inbox.shift()!;
        w.current = job;
        w.busyUntil = now + job.ms;
        w.busyMs += job.ms;
        totalWait += now - job.arrivesAt;
        maxWait = Math.max(maxWait, now - job.arrivesAt);
      }
    }
    // 5. Jump the clock to the next arrival or completion; stop when nothing is left.
    let next = arrived < incoming.length ? incoming[arrived].arrivesAt : Infinity;
    for (const w of workers) if (w.current) next = Math.min(next, w.busyUntil);
    if (next === Infinity) break;
    now = next;
  }
  return { finishedAt, avgWaitMs: Math.round(totalWait / jobs.length), maxWaitMs: maxWait, workers };
}

function summary(label: string, r: Result): void {
  console.log(`\n--- ${label} ---`);
  for (const w of r.workers) {
    const idle = r.finishedAt - w.busyMs;
    console.log(`${w.name}: ${w.done} job${w.done === 1 ? "" : "s"}, busy ${w.busyMs}ms, idle ${idle}ms`);
  }
  console.log(`all jobs done at t=${r.finishedAt}ms; wait before a worker started: average ${r.avgWaitMs}ms, longest ${r.maxWaitMs}ms`);
}

// EXPERIMENT: jobs alternate heavy (1000ms) and light (100ms), all waiting at t=0.
// Round-robin hands every odd job to worker-A, so a deep prefetch loads A with all the heavy ones.
const jobs: Job[] = [];
for (let i = 1; i <= 20; i++) jobs.push({ id: `job-${i}`, arrivesAt: 0, ms: i % 2 === 1 ? 1000 : 100 });

const WORKERS = 2;
for (const prefetch of [1, 10]) { // EXPERIMENT: try [1, 2, 5, 10] or a mix of equal job sizes
  summary(`${WORKERS} workers, prefetch ${prefetch}`, runWorkQueue(jobs, WORKERS, prefetch, false));
}
// Total work is 10 x 1000 + 10 x 100 = 11000ms, so 2 workers can at best finish at about 5500ms.
