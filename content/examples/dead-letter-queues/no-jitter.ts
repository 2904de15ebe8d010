// EXPERIMENT: jitter vs no jitter. Twenty orders fail at the same moment because the
// inventory service is down for 10 s. When do their retries hit it?
// Time is a virtual clock in seconds; the jitter comes from a seeded generator,
// so every run prints the same trace.

type Order = { orderId: string; amount: unknown };
type Message = { id: string; body: Order; visibleAt: number; receiveCount: number; lastError: string };

const MAX_RECEIVE_COUNT = 5; // like maxReceiveCount in an SQS redrive policy
const BASE_DELAY_SEC = 2;
const MAX_DELAY_SEC = 60;

let seed = 7;
function random(): number {
  // mulberry32: a tiny deterministic PRNG, returns [0, 1)
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// Exponential backoff with "equal jitter": half of the delay is fixed and half is
// random, so waits still grow (about 2, 4, 8 s) but failures do not retry in lockstep.
let useJitter = true; // EXPERIMENT: the switch the two runs flip
function backoffSec(receiveCount: number): number {
  const exp = Math.min(MAX_DELAY_SEC, BASE_DELAY_SEC * 2 ** (receiveCount - 1));
  if (!useJitter) return exp; // EXPERIMENT: every failure waits exactly 2, 4, 8, 16 s
  return exp / 2 + random() * (exp / 2); // try "full jitter": random() * exp
}

const queue: Message[] = [];
const dlq: Message[] = [];
let parsesDecimalStrings = false; // the bug fix flips this
let retryTimes = new Map<number, number[]>(); // EXPERIMENT: retry round -> times it hit

// EXPERIMENT: the inventory service is down for the first 10 seconds (a TRANSIENT
// failure). Every order in this run has a valid amount.
function handle(msg: Message, now: number) {
  let cents = msg.body.amount;
  if (typeof cents === "string" && parsesDecimalStrings) cents = Math.round(Number(cents) * 100);
  if (typeof cents !== "number") throw new Error(`amount ${JSON.stringify(cents)} is not integer cents`);
  const round = msg.receiveCount - 1; // round 0 is the first attempt, not a retry
  if (round > 0) retryTimes.set(round, [...(retryTimes.get(round) ?? []), now]);
  if (now < 10) throw new Error("inventory service unavailable (503)");
}

const fmt = (t: number) => `t=${t.toFixed(1).padStart(5)}s`;

// One consumer: always take the message that becomes visible first, jump the clock there.
function runUntilIdle(now: number): number {
  while (queue.length > 0) {
    queue.sort((a, b) => a.visibleAt - b.visibleAt);
    const msg = queue[0];
    now = Math.max(now, msg.visibleAt);
    msg.receiveCount += 1;
    // EXPERIMENT: per-message "ok" and "retry" lines are left out; the summary tells the story.
    try {
      handle(msg, now);
      queue.shift();
    } catch (err) {
      msg.lastError = (err as Error).message;
      if (msg.receiveCount >= MAX_RECEIVE_COUNT) {
        dlq.push(queue.shift()!);
        console.log(`${fmt(now)}  ${msg.id}  receive ${msg.receiveCount}  FAIL ${msg.lastError} -> moved to DLQ`);
      } else {
        const delay = backoffSec(msg.receiveCount);
        msg.visibleAt = now + delay;
      }
    }
  }
  return now;
}

function send(id: string, amount: unknown) {
  queue.push({ id, body: { orderId: id, amount }, visibleAt: 0, receiveCount: 0, lastError: "" });
}

// Most calls that land within any 100 ms window: what the recovering service feels.
function largestBurst(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] > 0.1) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

// EXPERIMENT: run the same outage twice and compare when the retries land.
function run(title: string, jitter: boolean) {
  useJitter = jitter;
  retryTimes = new Map();
  for (let i = 1; i <= 20; i++) send(`order-${100 + i}`, 1000 * i);
  const end = runUntilIdle(0);
  console.log(`\n=== ${title}: 20 orders done by ${fmt(end)}, DLQ ${dlq.length} ===`);
  for (const [round, times] of retryTimes) {
    const first = Math.min(...times).toFixed(1);
    const last = Math.max(...times).toFixed(1);
    console.log(`  retry ${round}: ${String(times.length).padStart(2)} calls between t=${first}s and t=${last}s`);
  }
  console.log(`  largest burst: ${largestBurst([...retryTimes.values()].flat())} calls within 100 ms`);
}

run("No jitter", false);
run("Equal jitter", true);
