// EXPERIMENT: move the crash to the PRODUCER side. The order service must save an
// order AND publish a payment message: two systems, no shared transaction.
// Time is a virtual clock in seconds, so every run prints the same trace.

type Payment = { orderId: string; amountCents: number };
type Message = { id: string; body: Payment; visibleAt: number; receiveCount: number };

class Queue {
  messages: Message[] = [];
  visibilityTimeoutSec: number;

  constructor(visibilityTimeoutSec: number) {
    this.visibilityTimeoutSec = visibilityTimeoutSec;
  }

  send(id: string, body: Payment) {
    this.messages.push({ id, body, visibleAt: 0, receiveCount: 0 });
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
  // EXPERIMENT: two copies may now share an id, so ack removes only the copy received.
  ack(received: Message) {
    this.messages = this.messages.filter((m) => m !== received);
  }
}

const dollars = (cents: number) => "$" + (cents / 100).toFixed(2);

// The "payments database": charges made, plus the ids of messages already handled.
// In a real system processedIds is a table with a UNIQUE constraint on message_id.
let charges: { orderId: string; amountCents: number }[] = [];
let processedIds = new Set<string>();

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

// EXPERIMENT: the order service's own database, with an outbox table beside orders.
type OutboxRow = { messageId: string; body: Payment; published: boolean };
let orders: string[] = [];
let outbox: OutboxRow[] = [];

// One local transaction: both rows are written, or (on a crash) neither is.
function commitOrderWithOutbox(orderId: string, row: OutboxRow) {
  orders.push(orderId);
  outbox.push(row);
}

// The relay polls the outbox and publishes rows not yet marked as published.
function relayPass(queue: Queue, crashBeforeMarking: boolean) {
  for (const row of outbox.filter((r) => !r.published)) {
    queue.send(row.messageId, row.body);
    console.log(`    relay published ${row.messageId}`);
    if (crashBeforeMarking) return console.log("    relay CRASHES before marking it published");
    row.published = true;
  }
}

function drain(queue: Queue, now: number) {
  for (let msg = queue.receive(now); msg; msg = queue.receive(now)) {
    console.log(`    worker received ${msg.id} (copies of it in the queue: ${queue.messages.length})`);
    idempotentHandler(msg);
    queue.ack(msg);
  }
}

function report() {
  const total = charges.reduce((sum, c) => sum + c.amountCents, 0);
  console.log(`Result: orders saved: ${orders.length}, order-17 charged ${charges.length} time(s) (${dollars(total)})`);
}

console.log("\n=== Dual write: save the order, then publish ===");
let queue = new Queue(30);
orders.push("order-17");
console.log("    order-17 committed to the orders table");
console.log("    order service CRASHES before publishing pay-1");
drain(queue, 1);
report();

console.log("\n=== Transactional outbox + idempotent consumer ===");
orders = [];
outbox = [];
charges = [];
processedIds = new Set();
queue = new Queue(30);
commitOrderWithOutbox("order-17", {
  messageId: "pay-1",
  body: { orderId: "order-17", amountCents: 4000 },
  published: false,
});
console.log("    order-17 + outbox row pay-1 committed in ONE transaction");
relayPass(queue, true);
console.log("    relay restarts and polls the outbox again");
relayPass(queue, false);
drain(queue, 1);
report();
