// A work queue with competing workers, simulated on a virtual clock (milliseconds).
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

// Nine thumbnail jobs: a burst of six at t=0 and three more at t=500.
// Big images take 600-900ms, small ones 150-300ms.
const sizes = [900, 150, 150, 900, 300, 150, 600, 150, 150];
const jobs: Job[] = sizes.map((ms, i) => ({ id: `img-${i + 1}`, arrivesAt: i < 6 ? 0 : 500, ms }));

const WORKERS = 3; // try 1, 2 or 5
const PREFETCH = 1; // try 3, then compare the idle times
summary(`${WORKERS} workers, prefetch ${PREFETCH}`, runWorkQueue(jobs, WORKERS, PREFETCH, true));
