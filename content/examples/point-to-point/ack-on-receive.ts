// EXPERIMENT: ack on receive ("auto-ack"). With AUTO_ACK on, the queue deletes a message the
// moment it is handed out, before any work is done. Then worker-a crashes halfway through
// its second message. A crash returns whatever the worker still held in flight to the
// queue, but with auto-ack it held nothing.

const AUTO_ACK = true; // EXPERIMENT: set to false and run again

type ChargeCard = { orderId: string; amountCents: number };

type Delivery = {
  id: string;
  body: ChargeCard;
  deliveryCount: number;
  consumer: string;
};

class PointToPointQueue {
  private ready: Delivery[] = [];
  private inFlight = new Map<string, Delivery>();
  private nextId = 1;

  send(body: ChargeCard): string {
    const id = `m${this.nextId++}`;
    this.ready.push({ id, body, deliveryCount: 0, consumer: "" });
    return id;
  }

  receive(consumer: string): Delivery | undefined {
    const msg = this.ready.shift();
    if (!msg) return undefined;
    msg.deliveryCount += 1;
    msg.consumer = consumer;
    // EXPERIMENT: in auto-ack mode the message is never in flight; it is simply gone.
    if (!AUTO_ACK) this.inFlight.set(msg.id, msg);
    return msg;
  }

  ack(consumer: string, id: string): void {
    const msg = this.inFlight.get(id);
    if (msg && msg.consumer === consumer) this.inFlight.delete(id);
  }

  // EXPERIMENT: a dead consumer's connection closes; the broker takes back what it held.
  crash(consumer: string): void {
    const held = [...this.inFlight.values()].filter((m) => m.consumer === consumer);
    for (const msg of [...held].reverse()) {
      this.inFlight.delete(msg.id);
      msg.consumer = "";
      this.ready.unshift(msg); // back to the front, in their original order
    }
    console.log(`  ${consumer} crashed; returned to the queue: [${held.map((m) => m.id).join(", ")}]`);
  }
}

const payments = new PointToPointQueue();
const charged: string[] = [];
const orders = ["ORD-1", "ORD-2", "ORD-3", "ORD-4"];
for (const orderId of orders) payments.send({ orderId, amountCents: 1000 });

// A normal consumer: do the work first, ack last.
function handle(consumer: string): boolean {
  const msg = payments.receive(consumer);
  if (!msg) return false;
  charged.push(msg.body.orderId);
  payments.ack(consumer, msg.id);
  console.log(`${consumer}: ${msg.id} ${msg.body.orderId} charged (delivery ${msg.deliveryCount})`);
  return true;
}

console.log(`AUTO_ACK = ${AUTO_ACK}`);
handle("worker-a");
handle("worker-b");

const doomed = payments.receive("worker-a");
console.log(`worker-a: received ${doomed?.id} ${doomed?.body.orderId}, starts charging... and the process dies`);
payments.crash("worker-a");

while (handle("worker-b")) {
  // worker-b keeps going until the queue is empty
}

const lost = orders.filter((o) => !charged.includes(o));
console.log(`charged: ${charged.join(", ")}`);
console.log(lost.length ? `NEVER CHARGED: ${lost.join(", ")} (and no error anywhere)` : "every order was charged");
