// EXPERIMENT: the BROKER deduplicates sends by message id for 5 minutes, like an
// SQS FIFO queue. A producer retry inside the window is dropped; one after it is not.
// Time is a virtual clock in seconds, so every run prints the same trace.

type Payment = { orderId: string; amountCents: number };
type Message = { id: string; body: Payment; visibleAt: number; receiveCount: number };

class Queue {
  messages: Message[] = [];
  visibilityTimeoutSec: number;

  constructor(visibilityTimeoutSec: number) {
    this.visibilityTimeoutSec = visibilityTimeoutSec;
  }

  // EXPERIMENT: when each message id was last accepted, and how long to remember it.
  acceptedAt = new Map<string, number>();
  dedupWindowSec = 300; // try 600: the late retry is dropped too

  send(id: string, body: Payment, now: number): boolean {
    const seen = this.acceptedAt.get(id);
    if (seen !== undefined && now - seen < this.dedupWindowSec) return false;
    this.acceptedAt.set(id, now);
    this.messages.push({ id, body, visibleAt: now, receiveCount: 0 });
    return true;
  }

  // Receiving does NOT delete: the message is only hidden until the timeout ends.
  receive(now: number): Message | undefined {
    const msg = this.messages.find((m) => m.visibleAt <= now);
    if (!msg) return undefined;
    msg.visibleAt = now + this.visibilityTimeoutSec;
    msg.receiveCount += 1;
    return msg;
  }

  // Only an ack removes the message for good.
  ack(id: string) {
    this.messages = this.messages.filter((m) => m.id !== id);
  }
}

const dollars = (cents: number) => "$" + (cents / 100).toFixed(2);

// The "payments database": charges made, plus the ids of messages already handled.
// In a real system processedIds is a table with a UNIQUE constraint on message_id.
let charges: { orderId: string; amountCents: number }[] = [];
let processedIds = new Set<string>();

function naiveHandler(msg: Message) {
  charges.push({ ...msg.body });
  console.log(`    charged ${dollars(msg.body.amountCents)} for ${msg.body.orderId}`);
}

function idempotentHandler(msg: Message) {
  // Check and record in ONE transaction with the charge, so a crash leaves
  // either both (charge + id) or neither.
  if (processedIds.has(msg.id)) {
    console.log(`    ${msg.id} already processed -> skip the charge, just ack`);
    return;
  }
  processedIds.add(msg.id);
  charges.push({ ...msg.body });
  console.log(`    charged ${dollars(msg.body.amountCents)} for ${msg.body.orderId}`);
}

function send(queue: Queue, now: number, why: string) {
  const accepted = queue.send("pay-1", { orderId: "order-17", amountCents: 4000 }, now);
  console.log(`t=${now}s  producer sends pay-1 (${why}) -> ${accepted ? "accepted" : "DROPPED as duplicate"}`);
}

function consumeAll(queue: Queue, now: number, handler: (msg: Message) => void) {
  let msg = queue.receive(now);
  while (msg) {
    console.log(`t=${now}s  worker received ${msg.id}`);
    handler(msg);
    queue.ack(msg.id);
    msg = queue.receive(now);
  }
}

function run(title: string, handler: (msg: Message) => void) {
  console.log(`\n=== ${title} ===`);
  charges = [];
  processedIds = new Set();
  const queue = new Queue(30);

  send(queue, 0, "first try; the reply is lost on the network");
  send(queue, 2, "retry after a client timeout");
  consumeAll(queue, 3, handler);
  // EXPERIMENT: the producer restarts and re-sends everything it never saw confirmed.
  send(queue, 400, "replayed after a restart, 6m40s later");
  consumeAll(queue, 401, handler);

  const total = charges.reduce((sum, c) => sum + c.amountCents, 0);
  console.log(`Result: order-17 charged ${charges.length} time(s), ${dollars(total)} for a $40.00 order`);
}

run("Broker dedup only", naiveHandler);
run("Broker dedup + idempotent consumer", idempotentHandler);
