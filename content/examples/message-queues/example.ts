// A tiny in-memory broker. The checkout (producer) publishes one message per order and
// answers the customer straight away; the email service (consumer) works through the
// queue later, acks what it finished, and a message that keeps failing is parked in a
// dead letter queue so it cannot block everything behind it.

type OrderPlaced = { orderId: string; email: string; totalCents: number };

type Envelope = {
  id: string; // assigned by the broker, unique per message
  body: OrderPlaced;
  attempts: number; // how many times this message has been handed to a consumer
};

class Broker {
  private ready: Envelope[] = []; // waiting for a consumer, oldest first (FIFO)
  private inFlight = new Map<string, Envelope>(); // handed out, not yet acked
  private deadLetters: Envelope[] = [];
  private nextId = 1;
  private maxAttempts: number;

  constructor(maxAttempts: number) {
    this.maxAttempts = maxAttempts;
  }

  publish(body: OrderPlaced): string {
    const id = `m${this.nextId++}`;
    this.ready.push({ id, body, attempts: 0 });
    return id;
  }

  // The broker keeps the message while it is being worked on: receiving is not deleting.
  receive(): Envelope | undefined {
    const msg = this.ready.shift();
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
      this.ready.push(msg);
    }
  }

  stats(): string {
    return `ready=${this.ready.length} inFlight=${this.inFlight.size} dead=${this.deadLetters.length}`;
  }
}

const PAYMENT_MS = 300; // the customer must wait for this: the card may be declined
const EMAIL_MS = 1200; // the customer does not need to wait for this

const broker = new Broker(3);

function checkout(orderId: string, email: string, totalCents: number): void {
  const id = broker.publish({ orderId, email, totalCents });
  console.log(
    `checkout ${orderId}: card charged, published ${id}, customer waited ${PAYMENT_MS} ms ` +
      `(inline email would make it ${PAYMENT_MS + EMAIL_MS} ms)`,
  );
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
      console.log(`email ${msg.id} attempt ${msg.attempts}: sent to ${msg.body.email}, acked`);
    } catch (err) {
      console.log(`email ${msg.id} attempt ${msg.attempts}: failed, ${(err as Error).message}`);
      broker.nack(msg.id);
    }
  }
}

console.log("-- email service is down; checkout keeps taking orders --");
checkout("ORD-101", "ada@example.com", 4200);
checkout("ORD-102", "grace-at-example.com", 1800);
checkout("ORD-103", "linus@example.com", 26000);
console.log(`queue: ${broker.stats()}`);

console.log("-- email service is back and drains the queue --");
runEmailService();
console.log(`queue: ${broker.stats()}`);
