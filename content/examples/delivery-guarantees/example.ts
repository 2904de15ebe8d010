// At-least-once delivery: a worker charges a card, crashes before it acks,
// and the queue hands the same payment to another worker 30 seconds later.
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

function run(title: string, handler: (msg: Message) => void) {
  console.log(`\n=== ${title} ===`);
  charges = [];
  processedIds = new Set();
  const queue = new Queue(30);
  queue.send("pay-1", { orderId: "order-17", amountCents: 4000 });
  queue.send("pay-2", { orderId: "order-18", amountCents: 2500 });

  // t=0: worker A takes pay-1, does the work, then its process dies before the ack.
  let msg = queue.receive(0)!;
  console.log(`t=0s   worker-A received ${msg.id} (receive #${msg.receiveCount})`);
  handler(msg);
  console.log("t=0s   worker-A CRASHES before acking");

  // t=10: pay-1 is invisible, so worker B gets the next message instead.
  msg = queue.receive(10)!;
  console.log(`t=10s  worker-B received ${msg.id} (pay-1 is in flight, hidden until t=30s)`);
  handler(msg);
  queue.ack(msg.id);
  console.log(`t=10s  worker-B acked ${msg.id}`);

  // t=30: the visibility timeout expires and pay-1 is delivered a second time.
  msg = queue.receive(30)!;
  console.log(`t=30s  worker-B received ${msg.id} again (receive #${msg.receiveCount})`);
  handler(msg);
  queue.ack(msg.id);
  console.log(`t=30s  worker-B acked ${msg.id}; messages left in queue: ${queue.messages.length}`);

  const order17 = charges.filter((c) => c.orderId === "order-17");
  const total = order17.reduce((sum, c) => sum + c.amountCents, 0);
  console.log(`Result: order-17 charged ${order17.length} time(s), ${dollars(total)} for a $40.00 order`);
}

run("Naive consumer (at-least-once, not idempotent)", naiveHandler);
run("Idempotent consumer (at-least-once + dedup by message id)", idempotentHandler);
