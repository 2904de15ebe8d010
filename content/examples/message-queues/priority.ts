// EXPERIMENT: priorities. Express orders jump ahead of normal ones. The broker keeps one
// FIFO lane per priority and always serves the high lane first; inside a lane the order
// is still first in, first out.

type OrderPlaced = { orderId: string; email: string; totalCents: number };

type Priority = "high" | "normal";

type Envelope = {
  id: string; // assigned by the broker, unique per message
  body: OrderPlaced;
  priority: Priority; // EXPERIMENT: set by the producer
  attempts: number; // how many times this message has been handed to a consumer
};

class Broker {
  // EXPERIMENT: two lanes instead of one list; each lane is FIFO.
  private lanes: Record<Priority, Envelope[]> = { high: [], normal: [] };
  private inFlight = new Map<string, Envelope>(); // handed out, not yet acked
  private deadLetters: Envelope[] = [];
  private nextId = 1;
  private maxAttempts: number;

  constructor(maxAttempts: number) {
    this.maxAttempts = maxAttempts;
  }

  publish(body: OrderPlaced, priority: Priority = "normal"): string {
    const id = `m${this.nextId++}`;
    this.lanes[priority].push({ id, body, priority, attempts: 0 });
    return id;
  }

  // The broker keeps the message while it is being worked on: receiving is not deleting.
  receive(): Envelope | undefined {
    // EXPERIMENT: a normal message is served only when no high one is waiting.
    const msg = this.lanes.high.shift() ?? this.lanes.normal.shift();
    if (!msg) return undefined;
    msg.attempts += 1;
    this.inFlight.set(msg.id, msg);
    return msg;
  }

  // Only an ack removes a message for good.
  ack(id: string): void {
    this.inFlight.delete(id);
  }

  // The consumer gave up on this delivery: retry at the back of the line,
  // or dead-letter it once it has used up its attempts.
  nack(id: string): void {
    const msg = this.inFlight.get(id);
    if (!msg) return;
    this.inFlight.delete(id);
    if (msg.attempts >= this.maxAttempts) {
      this.deadLetters.push(msg);
      console.log(`  ${id} moved to the dead letter queue after ${msg.attempts} attempts`);
    } else {
      this.lanes[msg.priority].push(msg); // a retry keeps its priority
    }
  }

  stats(): string {
    const ready = this.lanes.high.length + this.lanes.normal.length;
    return `ready=${ready} inFlight=${this.inFlight.size} dead=${this.deadLetters.length}`;
  }
}

const PAYMENT_MS = 300; // the customer must wait for this: the card may be declined

const broker = new Broker(3);

function checkout(orderId: string, email: string, totalCents: number, priority: Priority = "normal"): void {
  const id = broker.publish({ orderId, email, totalCents }, priority);
  console.log(`checkout ${orderId}: card charged, published ${id} (${priority}), customer waited ${PAYMENT_MS} ms`);
}

// A malformed address fails on every attempt: a "poison message".
function sendConfirmation(order: OrderPlaced): void {
  if (!order.email.includes("@")) throw new Error(`invalid address "${order.email}"`);
}

function runEmailService(): void {
  for (let msg = broker.receive(); msg; msg = broker.receive()) {
    try {
      sendConfirmation(msg.body);
      broker.ack(msg.id); // ack after the work succeeded, never before
      console.log(`email ${msg.id} [${msg.priority}] attempt ${msg.attempts}: sent to ${msg.body.email}, acked`);
    } catch (err) {
      console.log(`email ${msg.id} [${msg.priority}] attempt ${msg.attempts}: failed, ${(err as Error).message}`);
      broker.nack(msg.id);
    }
  }
}

console.log("-- email service is down; checkout keeps taking orders --");
checkout("ORD-101", "ada@example.com", 4200);
checkout("ORD-102", "grace-at-example.com", 1800);
checkout("ORD-103", "linus@example.com", 26000);
checkout("ORD-104", "margaret@example.com", 9900, "high"); // EXPERIMENT: published last
console.log(`queue: ${broker.stats()}`);

console.log("-- email service is back and drains the queue --");
runEmailService();
console.log(`queue: ${broker.stats()}`);
