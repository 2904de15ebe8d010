// EXPERIMENT: classify failures. A PermanentError (bad data) goes to the DLQ on the
// first failure; only transient errors (the 503) are retried with backoff.
// Time is a virtual clock in seconds; the jitter comes from a seeded generator,
// so every run prints the same trace.

type Order = { orderId: string; amount: unknown };
type Message = { id: string; body: Order; visibleAt: number; receiveCount: number; lastError: string };

const MAX_RECEIVE_COUNT = 4; // like maxReceiveCount in an SQS redrive policy
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
function backoffSec(receiveCount: number): number {
  const exp = Math.min(MAX_DELAY_SEC, BASE_DELAY_SEC * 2 ** (receiveCount - 1));
  return exp / 2 + random() * (exp / 2);
}

// EXPERIMENT: an error type that says "retrying cannot help".
class PermanentError extends Error {}

const queue: Message[] = [];
const dlq: Message[] = [];
let parsesDecimalStrings = false; // the bug fix flips this

// The inventory service is down for the first 3 seconds: a TRANSIENT failure.
// A decimal-string amount like "40.00" breaks the old parser: a PERMANENT failure.
function handle(msg: Message, now: number) {
  let cents = msg.body.amount;
  if (typeof cents === "string" && parsesDecimalStrings) cents = Math.round(Number(cents) * 100);
  if (typeof cents !== "number") throw new PermanentError(`amount ${JSON.stringify(cents)} is not integer cents`);
  if (now < 3) throw new Error("inventory service unavailable (503)");
}

const fmt = (t: number) => `t=${t.toFixed(1).padStart(5)}s`;

// One consumer: always take the message that becomes visible first, jump the clock there.
function runUntilIdle(now: number): number {
  while (queue.length > 0) {
    queue.sort((a, b) => a.visibleAt - b.visibleAt);
    const msg = queue[0];
    now = Math.max(now, msg.visibleAt);
    msg.receiveCount += 1;
    const tag = `${fmt(now)}  ${msg.id}  receive ${msg.receiveCount}`;
    try {
      handle(msg, now);
      queue.shift();
      console.log(`${tag}  ok -> ack`);
    } catch (err) {
      msg.lastError = (err as Error).message;
      // EXPERIMENT: permanent failures skip the remaining retries.
      const permanent = err instanceof PermanentError; // try: const permanent = false;
      if (permanent || msg.receiveCount >= MAX_RECEIVE_COUNT) {
        dlq.push(queue.shift()!);
        console.log(`${tag}  FAIL ${msg.lastError} -> moved to DLQ`);
      } else {
        const delay = backoffSec(msg.receiveCount);
        msg.visibleAt = now + delay;
        console.log(`${tag}  FAIL ${msg.lastError} -> retry in ${delay.toFixed(1)}s`);
      }
    }
  }
  return now;
}

function send(id: string, amount: unknown) {
  queue.push({ id, body: { orderId: id, amount }, visibleAt: 0, receiveCount: 0, lastError: "" });
}

send("order-101", 4000);
send("order-102", "40.00"); // a producer deploy started sending dollars as strings
send("order-103", 2500);

console.log("--- Processing ---");
let now = runUntilIdle(0);

// Monitoring: any message in the DLQ should page someone.
console.log(`\nALARM at ${fmt(now)}: DLQ depth = ${dlq.length}`);
for (const m of dlq) console.log(`  ${m.id}: receives=${m.receiveCount}, last error: ${m.lastError}`);

// Fix first, then redrive. A redriven message gets a fresh set of receives.
now += 600;
parsesDecimalStrings = true;
console.log(`\n--- ${fmt(now)} fix deployed; redriving ${dlq.length} message(s) to the main queue ---`);
for (const m of dlq.splice(0)) queue.push({ ...m, visibleAt: now, receiveCount: 0 });
runUntilIdle(now);
console.log(`Done: main queue ${queue.length}, DLQ ${dlq.length}`);
