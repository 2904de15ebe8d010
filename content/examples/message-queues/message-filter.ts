// EXPERIMENT: a message filter. The fraud-review service only wants orders of $100 or more,
// so it asks the broker for "the oldest message that matches my filter" instead of simply
// "the oldest message". Messages that do not match are skipped, not deleted: they stay in
// the queue for some other consumer. Who is that other consumer?

type OrderPlaced = { orderId: string; email: string; totalCents: number };

type Envelope = {
  id: string;
  body: OrderPlaced;
  attempts: number;
};

type Filter = (order: OrderPlaced) => boolean; // EXPERIMENT

class Broker {
  private ready: Envelope[] = []; // waiting for a consumer, oldest first (FIFO)
  private inFlight = new Map<string, Envelope>();
  private nextId = 1;

  publish(body: OrderPlaced): string {
    const id = `m${this.nextId++}`;
    this.ready.push({ id, body, attempts: 0 });
    return id;
  }

  // EXPERIMENT: take the oldest message that passes the filter, leaving the others in place.
  receive(filter: Filter = () => true): Envelope | undefined {
    const index = this.ready.findIndex((msg) => filter(msg.body));
    if (index === -1) return undefined;
    const [msg] = this.ready.splice(index, 1);
    msg.attempts += 1;
    this.inFlight.set(msg.id, msg);
    return msg;
  }

  ack(id: string): void {
    this.inFlight.delete(id);
  }

  waiting(): string {
    return this.ready.map((m) => `${m.id}($${m.body.totalCents / 100})`).join(", ") || "nothing";
  }
}

const broker = new Broker();

const orders: OrderPlaced[] = [
  { orderId: "ORD-101", email: "ada@example.com", totalCents: 4200 },
  { orderId: "ORD-102", email: "grace@example.com", totalCents: 18000 },
  { orderId: "ORD-103", email: "linus@example.com", totalCents: 2500 },
  { orderId: "ORD-104", email: "margaret@example.com", totalCents: 99900 },
  { orderId: "ORD-105", email: "ken@example.com", totalCents: 9999 },
];
for (const order of orders) {
  console.log(`checkout ${order.orderId} $${order.totalCents / 100}: published ${broker.publish(order)}`);
}

// EXPERIMENT: the filter. Try `o.totalCents >= 5000` or `o.email.endsWith(".org")`.
const bigOrders: Filter = (o) => o.totalCents >= 10000;

function drain(consumer: string, filter?: Filter): void {
  for (let msg = broker.receive(filter); msg; msg = broker.receive(filter)) {
    broker.ack(msg.id);
    console.log(`${consumer}: took ${msg.id} ${msg.body.orderId} ($${msg.body.totalCents / 100}), acked`);
  }
  console.log(`${consumer}: no more matching messages; still waiting: ${broker.waiting()}`);
}

drain("fraud-review", bigOrders);
// EXPERIMENT: uncomment to give the skipped messages a home.
// drain("email-service");
