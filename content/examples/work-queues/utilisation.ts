// A work queue with competing workers, simulated on a virtual clock (milliseconds).
// EXPERIMENT: one worker, RANDOM arrival gaps and RANDOM job lengths (average 100ms).
// We raise the arrival rate step by step and measure how long jobs wait in the queue.
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

// EXPERIMENT: a seeded random generator, so every run prints the same numbers.
let seed = 42;
function random(): number {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
}
// Exponentially distributed: many short values, a few long ones (a common model of real traffic).
const exponential = (mean: number) => -Math.log(1 - random()) * mean;

const MEAN_JOB_MS = 100; // one worker serves mu = 10 jobs/s on average
const JOBS = 10000;
// The same random draws are reused at every utilisation (only the gaps are rescaled),
// so differences between rows come from the load, not from luck.
const gapShape: number[] = [];
const jobMs: number[] = [];
for (let i = 0; i < JOBS; i++) {
  gapShape.push(exponential(1));
  jobMs.push(exponential(MEAN_JOB_MS));
}

console.log("utilisation | arrivals/s | average wait | textbook M/M/1 wait");
for (const utilisation of [0.5, 0.7, 0.8, 0.9, 0.95, 0.99]) { // EXPERIMENT: try 1.0 or 1.1
  const meanGapMs = MEAN_JOB_MS / utilisation; // utilisation = arrival rate / service rate
  const jobs: Job[] = [];
  let t = 0;
  for (let i = 0; i < JOBS; i++) {
    t += gapShape[i] * meanGapMs;
    jobs.push({ id: `job-${i}`, arrivesAt: t, ms: jobMs[i] });
  }
  const r = runWorkQueue(jobs, 1, 1, false);
  // M/M/1 average wait in the queue: job time x rho / (1 - rho). At rho >= 1 there is no steady state.
  const theory = utilisation < 1 ? `${Math.round((utilisation / (1 - utilisation)) * MEAN_JOB_MS)}ms` : "grows forever";
  console.log(`${String(Math.round(utilisation * 100)).padStart(10)}% | ${(1000 / meanGapMs).toFixed(1).padStart(10)} | ${String(r.avgWaitMs).padStart(10)}ms | ${theory.padStart(19)}`);
}
