// EXPERIMENT: ack BEFORE doing the work (at-most-once). Worker A acks pay-1 the
// moment it arrives, then crashes before charging. Nothing is ever redelivered.
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

const ACK_FIRST = true; // EXPERIMENT: set to false to ack after the work instead

function run(title: string, handler: (msg: Message) => void) {
  console.log(`\n=== ${title} ===`);
  charges = [];
  processedIds = new Set();
  const queue = new Queue(30);
  queue.send("pay-1", { orderId: "order-17", amountCents: 4000 });
  queue.send("pay-2", { orderId: "order-18", amountCents: 2500 });

  // EXPERIMENT: t=0: with ACK_FIRST, worker A acks before the work ("so it can't be
  // delivered twice") and dies before handler(msg) runs, so the charge never happens.
  let msg = queue.receive(0)!;
  console.log(`t=0s   worker-A received ${msg.id} (receive #${msg.receiveCount})`);
  if (ACK_FIRST) {
    queue.ack(msg.id);
    console.log(`t=0s   worker-A acked ${msg.id} BEFORE doing the work`);
    console.log("t=0s   worker-A CRASHES before charging");
  } else {
    handler(msg);
    console.log("t=0s   worker-A CRASHES before acking");
  }

  // t=10: worker B handles pay-2 normally (work first, then ack).
  msg = queue.receive(10)!;
  console.log(`t=10s  worker-B received ${msg.id}`);
  handler(msg);
  queue.ack(msg.id);
  console.log(`t=10s  worker-B acked ${msg.id}`);

  // t=30: an unacked pay-1 would come back here. An acked one never does.
  const again = queue.receive(30);
  if (again) {
    console.log(`t=30s  worker-B received ${again.id} again (receive #${again.receiveCount})`);
    handler(again);
    queue.ack(again.id);
  } else {
    console.log("t=30s  worker-B polls: queue is empty");
  }

  const order17 = charges.filter((c) => c.orderId === "order-17");
  const total = order17.reduce((sum, c) => sum + c.amountCents, 0);
  console.log(`Result: order-17 charged ${order17.length} time(s), ${dollars(total)} for a $40.00 order`);
}

// EXPERIMENT: idempotency cannot help here: there is no second delivery to dedupe.
run(ACK_FIRST ? "Ack before work (at-most-once)" : "Ack after work (at-least-once)", idempotentHandler);
