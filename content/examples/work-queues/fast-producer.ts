// A work queue with competing workers, simulated on a virtual clock (milliseconds).
// EXPERIMENT: the producer is faster than the workers. We sample the backlog once a second.
// The broker pushes each message to ONE worker, round-robin, but only to a worker
// holding fewer than `prefetch` unacknowledged messages (RabbitMQ's basic.qos).
// A worker processes its delivered messages one at a time and acks each when done.

type Job = { id: string; arrivesAt: number; ms: number };
type WorkerState = { name: string; inbox: Job[]; current: Job | null; busyUntil: number; done: number; busyMs: number };
type Result = { finishedAt: number; avgWaitMs: number; maxWaitMs: number; workers: WorkerState[]; startedAt: Map<string, number> };

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
  const startedAt = new Map<string, number>(); // EXPERIMENT: recorded so we can count the backlog later

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
        startedAt.set(job.id, now);
      }
    }
    // 5. Jump the clock to the next arrival or completion; stop when nothing is left.
    let next = arrived < incoming.length ? incoming[arrived].arrivesAt : Infinity;
    for (const w of workers) if (w.current) next = Math.min(next, w.busyUntil);
    if (next === Infinity) break;
    now = next;
  }
  return { finishedAt, avgWaitMs: Math.round(totalWait / jobs.length), maxWaitMs: maxWait, workers, startedAt };
}

// EXPERIMENT: arrival rate lambda = 10 jobs/s (one every 100ms) for 6 seconds.
// Each job takes 400ms, so one worker serves mu = 2.5 jobs/s and c workers serve c x 2.5 jobs/s.
const ARRIVAL_GAP_MS = 100; // try 80 (12.5/s) or 200 (5/s)
const JOB_MS = 400;
const jobs: Job[] = [];
for (let t = 0; t < 6000; t += ARRIVAL_GAP_MS) jobs.push({ id: `job-${jobs.length + 1}`, arrivesAt: t, ms: JOB_MS });

for (const workers of [3, 4, 5]) { // EXPERIMENT: try 2 or 8
  const r = runWorkQueue(jobs, workers, 1, false);
  // Backlog at time t = jobs that have arrived but not yet started.
  const samples: number[] = [];
  for (let t = 1000; t <= 6000; t += 1000) {
    samples.push(jobs.filter((j) => j.arrivesAt < t && (r.startedAt.get(j.id) ?? Infinity) >= t).length);
  }
  const capacity = (workers * 1000) / JOB_MS;
  console.log(`${workers} workers (capacity ${capacity}/s vs ${1000 / ARRIVAL_GAP_MS}/s arriving)`);
  console.log(`  backlog at t=1s..6s: ${samples.join(", ")}`);
  console.log(`  last job done at t=${r.finishedAt}ms, wait: average ${r.avgWaitMs}ms, longest ${r.maxWaitMs}ms`);
}
