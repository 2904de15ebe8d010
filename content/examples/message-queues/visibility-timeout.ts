// EXPERIMENT: a visibility timeout. A consumer that crashes never calls ack or nack, so the
// broker cannot wait to be told. Instead every delivery is a lease: the message is hidden
// from other consumers until `invisibleUntil`, and if no ack has arrived by then the broker
// makes it visible again. Time here is a virtual clock in seconds, so the run is instant.

type OrderPlaced = { orderId: string; email: string; totalCents: number };

type Envelope = {
  id: string; // assigned by the broker, unique per message
  body: OrderPlaced;
  attempts: number; // how many times this message has been handed to a consumer
  invisibleUntil: number; // EXPERIMENT: virtual second when the lease runs out
};

const VISIBILITY_TIMEOUT_S = 30; // EXPERIMENT: try 5 or 60 and rerun

class Broker {
  private ready: Envelope[] = []; // waiting for a consumer, oldest first (FIFO)
  private inFlight = new Map<string, Envelope>(); // handed out, lease still running
  private deadLetters: Envelope[] = [];
  private nextId = 1;
  private maxAttempts: number;

  constructor(maxAttempts: number) {
    this.maxAttempts = maxAttempts;
  }

  publish(body: OrderPlaced): string {
    const id = `m${this.nextId++}`;
    this.ready.push({ id, body, attempts: 0, invisibleUntil: 0 });
    return id;
  }

  receive(now: number): Envelope | undefined {
    this.expireLeases(now); // EXPERIMENT: reclaim messages whose consumer went silent
    const msg = this.ready.shift();
    if (!msg) return undefined;
    msg.attempts += 1;
    msg.invisibleUntil = now + VISIBILITY_TIMEOUT_S;
    this.inFlight.set(msg.id, msg);
    return msg;
  }

  ack(id: string): void {
    this.inFlight.delete(id);
  }

  // EXPERIMENT: an expired lease counts as a failed attempt.
  private expireLeases(now: number): void {
    for (const msg of [...this.inFlight.values()]) {
      if (msg.invisibleUntil > now) continue;
      this.inFlight.delete(msg.id);
      if (msg.attempts >= this.maxAttempts) {
        this.deadLetters.push(msg);
        console.log(`  t=${now}s ${msg.id} dead-lettered after ${msg.attempts} attempts`);
      } else {
        this.ready.push(msg);
        console.log(`  t=${now}s ${msg.id} was never acked: visible again`);
      }
    }
  }

  stats(): string {
    return `ready=${this.ready.length} inFlight=${this.inFlight.size} dead=${this.deadLetters.length}`;
  }
}

const broker = new Broker(3);

const orders = [
  { orderId: "ORD-101", email: "ada@example.com", totalCents: 4200 },
  { orderId: "ORD-102", email: "grace@example.com", totalCents: 1800 },
  { orderId: "ORD-103", email: "linus@example.com", totalCents: 26000 },
];
for (const order of orders) console.log(`checkout ${order.orderId}: published ${broker.publish(order)}`);

// One poll by one worker at virtual time `now`. A crashing worker takes a message and
// then vanishes without acking it.
function poll(now: number, worker: string, crashes = false): void {
  const msg = broker.receive(now);
  if (!msg) {
    console.log(`t=${now}s ${worker}: nothing visible (${broker.stats()})`);
  } else if (crashes) {
    console.log(`t=${now}s ${worker}: received ${msg.id} attempt ${msg.attempts}, then crashed`);
  } else {
    broker.ack(msg.id);
    console.log(`t=${now}s ${worker}: received ${msg.id} attempt ${msg.attempts}, emailed ${msg.body.email}, acked`);
  }
}

poll(0, "worker-1", true); // EXPERIMENT: worker-1 dies holding m1
poll(0, "worker-2");
poll(10, "worker-2");
poll(20, "worker-2");
poll(30, "worker-2");
console.log(`queue: ${broker.stats()}`);
