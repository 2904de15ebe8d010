// EXPERIMENT: nobody crashes. Worker A is just SLOW: the card provider takes 45 s,
// longer than the 30 s visibility timeout. Then A sends a heartbeat that extends it.
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

  // EXPERIMENT: like SQS ChangeMessageVisibility: hide it for `seconds` more, from now.
  changeVisibility(id: string, now: number, seconds: number) {
    const msg = this.messages.find((m) => m.id === id);
    if (msg) msg.visibleAt = now + seconds;
  }

  // Only an ack removes the message for good.
  ack(id: string) {
    this.messages = this.messages.filter((m) => m.id !== id);
  }
}

const dollars = (cents: number) => "$" + (cents / 100).toFixed(2);

// The "payments database": charges made, plus the ids of messages already handled.
let charges: { orderId: string; amountCents: number }[] = [];
let processedIds = new Set<string>();

function naiveHandler(msg: Message) {
  charges.push({ ...msg.body });
  console.log(`    charged ${dollars(msg.body.amountCents)} for ${msg.body.orderId}`);
}

const WORK_SEC = 45; // EXPERIMENT: try 25, which is shorter than the 30 s timeout

function run(title: string, heartbeat: boolean) {
  console.log(`\n=== ${title} ===`);
  charges = [];
  const queue = new Queue(30);
  queue.send("pay-1", { orderId: "order-17", amountCents: 4000 });

  const first = queue.receive(0)!;
  console.log(`t=0s   worker-A received ${first.id}; the card provider will take ${WORK_SEC}s`);

  // EXPERIMENT: a heartbeat at t=20s asks for 60 more seconds while A is still busy.
  if (heartbeat) {
    queue.changeVisibility(first.id, 20, 60);
    console.log(`t=20s  worker-A heartbeat: still working, hide ${first.id} until t=80s`);
  }

  // t=30: worker B polls while A may still be waiting on the provider.
  const workerBPolls = () => {
    const second = queue.receive(30);
    if (!second) return console.log("t=30s  worker-B polls: nothing visible");
    console.log(`t=30s  worker-B received ${second.id} (receive #${second.receiveCount})`);
    naiveHandler(second);
    queue.ack(second.id);
    console.log(`t=30s  worker-B acked ${second.id}`);
  };

  // t=WORK_SEC: worker A's slow call returns; it records the charge and acks.
  const workerAFinishes = () => {
    console.log(`t=${WORK_SEC}s  worker-A's provider call returns`);
    naiveHandler(first);
    queue.ack(first.id);
    console.log(`t=${WORK_SEC}s  worker-A acked ${first.id}`);
  };

  // Run the two events in time order.
  if (WORK_SEC < 30) {
    workerAFinishes();
    workerBPolls();
  } else {
    workerBPolls();
    workerAFinishes();
  }

  const total = charges.reduce((sum, c) => sum + c.amountCents, 0);
  console.log(`Result: order-17 charged ${charges.length} time(s), ${dollars(total)} for a $40.00 order`);
}

run("Slow worker, no heartbeat", false);
run("Slow worker with a visibility heartbeat", true);
