// EXPERIMENT: each consumer has its own queue, so a failing email consumer is
// retried on its own (with backoff) while inventory is done and never re-runs.
// The email consumer is idempotent: a redelivered message is recognised and skipped.

let now = 0;
let seq = 0;
const timers: { at: number; seq: number; wake: () => void }[] = [];
const sleep = (ms: number) =>
  new Promise<void>((wake) => timers.push({ at: now + ms, seq: seq++, wake }));
async function runClock(): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 0));
    if (timers.length === 0) return;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift()!;
    now = next.at;
    next.wake();
  }
}
const log = (who: string, text: string) =>
  console.log(`[${String(now).padStart(3)} ms] ${who.padEnd(9)} ${text}`);

// EXPERIMENT: try 1000 (the provider stays down: the message ends in the DLQ).
const PROVIDER_DOWN_UNTIL_MS = 200;
const MAX_ATTEMPTS = 4;
const BACKOFF_MS = [50, 100, 200]; // wait before attempt 2, 3, 4

type Message = { orderId: string; correlationId: string; email: string };
const sentEmails = new Set<string>(); // the idempotency record: orderIds already emailed
let inventoryRuns = 0;

async function inventory(m: Message): Promise<void> {
  inventoryRuns++;
  await sleep(120);
  log("inventory", `reserved stock for ${m.orderId} [${m.correlationId}]`);
}

async function email(m: Message): Promise<void> {
  if (sentEmails.has(m.orderId)) {
    log("email", `${m.orderId} already emailed: duplicate skipped`);
    return;
  }
  await sleep(30);
  if (now < PROVIDER_DOWN_UNTIL_MS) throw new Error("mail provider unavailable");
  sentEmails.add(m.orderId);
  log("email", `sent confirmation for ${m.orderId} to ${m.email}`);
}

// One queue per consumer: its own retries, its own dead-letter queue.
async function consume(name: string, handler: (m: Message) => Promise<void>, m: Message) {
  for (let attempt = 1; ; attempt++) {
    try {
      await handler(m);
      return;
    } catch (err) {
      log(name, `attempt ${attempt} failed: ${(err as Error).message}`);
      if (attempt === MAX_ATTEMPTS) {
        log(name, `moved to ${name}.dlq after ${attempt} attempts`);
        return;
      }
      await sleep(BACKOFF_MS[attempt - 1]);
    }
  }
}

async function main(): Promise<void> {
  await sleep(8);
  const message = { orderId: "ORD-1042", correlationId: "req-7f3a", email: "ana@example.com" };
  log("api", `202 Accepted for ${message.orderId}; message published to both queues`);
  await Promise.all([consume("inventory", inventory, message), consume("email", email, message)]);

  // At-least-once: after a success the broker may still redeliver, e.g. when the ack
  // was lost in a network blip. (A dead-lettered message is not redelivered.)
  if (sentEmails.has(message.orderId)) {
    await sleep(10);
    log("broker", "redelivering the email message (ack was lost)");
    await consume("email", email, message);
  }
  console.log(`\ninventory ran ${inventoryRuns} time(s); emails sent: ${sentEmails.size}`);
}

main();
runClock();
