// EXPERIMENT: retry forever, immediately. No delivery limit, no DLQ, no backoff: a
// failed message is requeued straight back at the head of the queue (like a
// RabbitMQ nack with requeue=true on a classic queue). Time is a virtual clock.

type Order = { orderId: string; amount: unknown };
type Message = { id: string; body: Order; visibleAt: number; receiveCount: number; lastError: string };

const MAX_RECEIVE_COUNT = Infinity; // EXPERIMENT: no limit. Then try 4.
const PROCESSING_SEC = 0.1; // EXPERIMENT: each delivery costs the consumer 0.1 s
const STOP_AT_SEC = 10; // EXPERIMENT: a real broker never gives up; the demo stops here

const queue: Message[] = [];
const dlq: Message[] = [];
let parsesDecimalStrings = false; // the bug fix flips this
let callsDuringOutage = 0;
const sent: Message[] = []; // every message ever sent, for the final report

// The inventory service is down for the first 3 seconds: a TRANSIENT failure.
// A decimal-string amount like "40.00" breaks the old parser: a PERMANENT failure.
function handle(msg: Message, now: number) {
  let cents = msg.body.amount;
  if (typeof cents === "string" && parsesDecimalStrings) cents = Math.round(Number(cents) * 100);
  if (typeof cents !== "number") throw new Error(`amount ${JSON.stringify(cents)} is not integer cents`);
  if (now < 3) {
    callsDuringOutage += 1;
    throw new Error("inventory service unavailable (503)");
  }
}

const fmt = (t: number) => `t=${t.toFixed(1).padStart(5)}s`;

// Print runs of identical outcomes as one line, so the trace stays readable.
let pending = { key: "", first: 0, last: 0, from: 0, to: 0 };
function log(now: number, msg: Message, outcome: string) {
  const key = `${msg.id}  ${outcome}`;
  if (key === pending.key) {
    pending.last = now;
    pending.to = msg.receiveCount;
    return;
  }
  flush();
  pending = { key, first: now, last: now, from: msg.receiveCount, to: msg.receiveCount };
}
function flush() {
  if (!pending.key) return;
  const [id, ...rest] = pending.key.split("  ");
  const span = pending.from === pending.to ? `${pending.from}` : `${pending.from}-${pending.to}`;
  const when = pending.first === pending.last ? fmt(pending.first) : `${fmt(pending.first)}..${pending.last.toFixed(1)}s`;
  console.log(`${when}  ${id}  receive ${span}  ${rest.join("  ")}`);
  pending.key = "";
}

// EXPERIMENT: strict FIFO with no waiting: a failed message goes back to the head.
function runUntilIdle(now: number): number {
  let tick = Math.round(now / PROCESSING_SEC); // integer ticks avoid float drift
  while (queue.length > 0 && now < STOP_AT_SEC) {
    const msg = queue[0];
    msg.receiveCount += 1;
    try {
      handle(msg, now);
      queue.shift();
      log(now, msg, "ok -> ack");
    } catch (err) {
      msg.lastError = (err as Error).message;
      if (msg.receiveCount >= MAX_RECEIVE_COUNT) {
        dlq.push(queue.shift()!);
        log(now, msg, `FAIL ${msg.lastError} -> moved to DLQ`);
      } else {
        log(now, msg, `FAIL ${msg.lastError} -> requeued at the head`);
      }
    }
    tick += 1;
    now = tick * PROCESSING_SEC;
  }
  flush();
  return now;
}

function send(id: string, amount: unknown) {
  const msg = { id, body: { orderId: id, amount }, visibleAt: 0, receiveCount: 0, lastError: "" };
  queue.push(msg);
  sent.push(msg);
}

send("order-101", 4000);
send("order-102", "40.00"); // a producer deploy started sending dollars as strings
send("order-103", 2500);

console.log("--- Processing ---");
const now = runUntilIdle(0);
console.log(`\nStopped at ${fmt(now)}. DLQ depth = ${dlq.length}`);
for (const m of sent) {
  const state = dlq.includes(m) ? "in DLQ" : !queue.includes(m) ? "done" : m.receiveCount ? "still failing" : "never received";
  console.log(`  ${m.id}: receives=${m.receiveCount}, ${state}`);
}
console.log(`Calls to the inventory service while it was down: ${callsDuringOutage}`);
