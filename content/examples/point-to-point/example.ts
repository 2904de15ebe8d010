// A point-to-point queue. Every message is delivered to one consumer at a time, oldest
// first, and stays "in flight" (owned by that consumer, hidden from the others) until the
// consumer acks it, which deletes it, or releases it, which puts it back at the front.

type ChargeCard = { orderId: string; amountCents: number };

type Delivery = {
  id: string;
  body: ChargeCard;
  deliveryCount: number; // 1 on first delivery, higher when redelivered
  consumer: string; // who holds it; empty while it waits in the queue
};

class PointToPointQueue {
  private ready: Delivery[] = []; // FIFO: index 0 is the next to be delivered
  private inFlight = new Map<string, Delivery>(); // id -> delivery held by one consumer
  private nextId = 1;
  readonly settled: string[] = []; // "m2 by worker-b", in ack order

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
    this.inFlight.set(msg.id, msg);
    return msg;
  }

  // Only the consumer holding a message may settle it; anything else is a bug worth seeing.
  ack(consumer: string, id: string): void {
    const msg = this.inFlight.get(id);
    if (!msg || msg.consumer !== consumer) {
      console.log(`  ${consumer} ack ${id} REJECTED: it does not hold ${id}`);
      return;
    }
    this.inFlight.delete(id); // the only place a message is deleted
    this.settled.push(`${id} by ${consumer}`);
  }

  // Give the message back untouched so it keeps its place at the head of the line.
  release(consumer: string, id: string): void {
    const msg = this.inFlight.get(id);
    if (!msg || msg.consumer !== consumer) return;
    this.inFlight.delete(id);
    msg.consumer = "";
    this.ready.unshift(msg);
  }

  describe(): string {
    const ready = this.ready.map((m) => m.id).join(", ");
    const held = [...this.inFlight.values()].map((m) => `${m.id}->${m.consumer}`).join(", ");
    return `ready [${ready}]  in flight {${held}}`;
  }
}

const payments = new PointToPointQueue();

function step(label: string): void {
  console.log(`${label.padEnd(44)} | ${payments.describe()}`);
}

function take(consumer: string): string {
  const msg = payments.receive(consumer);
  if (!msg) {
    step(`${consumer} finds nothing to receive`);
    return "";
  }
  const redelivered = msg.deliveryCount > 1 ? `, redelivery #${msg.deliveryCount - 1}` : "";
  step(`${consumer} receives ${msg.id} (${msg.body.orderId}${redelivered})`);
  return msg.id;
}

for (const [orderId, amountCents] of [["ORD-1", 4200], ["ORD-2", 1800], ["ORD-3", 9900], ["ORD-4", 500]] as const) {
  payments.send({ orderId, amountCents });
}
step("4 charge commands sent");

const a1 = take("worker-a");
const b1 = take("worker-b");
payments.ack("worker-b", b1);
step(`worker-b charged and acked ${b1}`);
const b2 = take("worker-b");
payments.release("worker-a", a1); // the payment provider timed out: try again later
step(`worker-a failed, released ${a1}`);
payments.ack("worker-b", b2);
step(`worker-b charged and acked ${b2}`);
const b3 = take("worker-b");
payments.ack("worker-a", a1); // worker-a no longer holds m1: the queue refuses
const a2 = take("worker-a");
payments.ack("worker-a", a2);
step(`worker-a charged and acked ${a2}`);
payments.ack("worker-b", b3);
step(`worker-b charged and acked ${b3}`);
take("worker-a");
console.log(`acked: ${payments.settled.join(", ")}`);
