// An in-memory publish/subscribe broker where a subscription can have several consumers.
// EXPERIMENT: ACROSS subscriptions every message is copied (publish/subscribe);
// WITHIN one subscription, its consumers take turns (a work queue). This is how
// Kafka consumer groups, Google Pub/Sub subscriptions and a RabbitMQ queue with
// several consumers let you scale one subscriber without duplicating its work.

type Order = { orderId: string; total: number };
type Message = { id: number; topic: string; body: Order };

type Subscription = {
  name: string;
  pattern: string;
  consumers: string[]; // EXPERIMENT: instances sharing this subscription's backlog
  next: number; // whose turn it is inside the subscription
};

/** RabbitMQ-style topic match: "order.*" matches "order.placed" but not "order.placed.eu". */
function matches(pattern: string, topic: string): boolean {
  const p = pattern.split(".");
  const t = topic.split(".");
  const go = (i: number, j: number): boolean => {
    if (i === p.length) return j === t.length;
    if (p[i] === "#") return go(i + 1, j) || (j < t.length && go(i, j + 1));
    if (j === t.length) return false;
    return (p[i] === "*" || p[i] === t[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

// Receipts sent per order, counted across every email-sending subscription.
const receipts = new Map<string, number>();

class Broker {
  subscriptions: Subscription[] = [];
  private nextId = 1;

  /** Joins an existing subscription by name, or creates it. */
  subscribe(subscription: string, pattern: string, consumer: string): void {
    const existing = this.subscriptions.find((s) => s.name === subscription);
    if (existing) {
      existing.consumers.push(consumer);
      console.log(`+ ${consumer} joins subscription "${subscription}"`);
    } else {
      this.subscriptions.push({ name: subscription, pattern, consumers: [consumer], next: 0 });
      console.log(`+ ${consumer} creates subscription "${subscription}" on "${pattern}"`);
    }
  }

  publish(topic: string, body: Order): void {
    const msg: Message = { id: this.nextId++, topic, body };
    console.log(`publish #${msg.id} ${topic} ${body.orderId}`);
    for (const sub of this.subscriptions) {
      if (!matches(sub.pattern, topic)) continue;
      // EXPERIMENT: one copy per subscription, handed to ONE of its consumers.
      const consumer = sub.consumers[sub.next];
      sub.next = (sub.next + 1) % sub.consumers.length;
      console.log(`  [${sub.name}] ${consumer} handles #${msg.id}`);
      if (sub.name.startsWith("email")) receipts.set(body.orderId, (receipts.get(body.orderId) ?? 0) + 1);
    }
  }
}

const broker = new Broker();
broker.subscribe("email", "order.placed", "email-1");
broker.subscribe("email", "order.placed", "email-2"); // scaled out: shares the work
broker.subscribe("analytics", "order.#", "analytics-1");

console.log("\n-- four orders --");
for (let n = 100; n < 104; n++) broker.publish("order.placed", { orderId: `A-${n}`, total: 20 });

console.log("\n-- a third email instance is deployed with the WRONG subscription name --");
broker.subscribe("email-v2", "order.placed", "email-3"); // EXPERIMENT: change to "email"
for (let n = 104; n < 107; n++) broker.publish("order.placed", { orderId: `A-${n}`, total: 20 });

// More than one receipt for an order means a customer got a duplicate email.
console.log("\nreceipts per order: " + [...receipts].map(([id, n]) => `${id} x${n}`).join(", "));
