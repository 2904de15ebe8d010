// An in-memory publish/subscribe broker.
// Publishers send to a topic and never learn who is listening. The broker copies
// each message into the backlog of EVERY subscription whose pattern matches, so
// each subscriber gets its own copy and reads it at its own pace.

type Order = { orderId: string; total: number };
type Message = { id: number; topic: string; body: Order };

type Subscription = {
  name: string;
  pattern: string; // dot-separated words; "*" matches exactly one word, "#" zero or more
  backlog: Message[]; // this subscription's private queue: nobody else reads from it
  handle: (msg: Message) => string;
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

class Broker {
  subscriptions: Subscription[] = [];
  private nextId = 1;

  subscribe(name: string, pattern: string, handle: (msg: Message) => string): void {
    this.subscriptions.push({ name, pattern, backlog: [], handle });
    console.log(`+ subscription "${name}" listens to "${pattern}"`);
  }

  publish(topic: string, body: Order): void {
    const msg: Message = { id: this.nextId++, topic, body };
    const targets = this.subscriptions.filter((s) => matches(s.pattern, topic));
    // One copy per matching subscription. No match means nobody stores it: it is gone.
    for (const sub of targets) sub.backlog.push({ ...msg, body: { ...msg.body } });
    const names = targets.map((s) => s.name).join(", ") || "nobody, message dropped";
    console.log(`publish #${msg.id} ${topic} (${body.orderId}) -> ${names}`);
  }

  /** A subscriber drains only its own backlog; the others are untouched. */
  deliver(name: string): void {
    const sub = this.subscriptions.find((s) => s.name === name);
    if (!sub) return;
    while (sub.backlog.length > 0) {
      const msg = sub.backlog.shift()!;
      console.log(`  [${sub.name}] #${msg.id} ${sub.handle(msg)}`);
    }
  }

  backlogs(): string {
    return this.subscriptions.map((s) => `${s.name}=${s.backlog.length}`).join("  ");
  }
}

const broker = new Broker();
broker.subscribe("email", "order.placed", (m) => `send receipt for ${m.body.orderId}`);
broker.subscribe("inventory", "order.placed", (m) => `reserve stock for ${m.body.orderId}`);
broker.subscribe("analytics", "order.#", (m) => `record ${m.topic} $${m.body.total}`);

console.log("\n-- three events are published --");
broker.publish("order.placed", { orderId: "A-100", total: 42 });
broker.publish("order.cancelled", { orderId: "A-099", total: 15 });
broker.publish("order.placed", { orderId: "A-101", total: 310 });
console.log(`backlogs: ${broker.backlogs()}`);

console.log("\n-- each subscriber reads its own copies --");
broker.deliver("email");
broker.deliver("inventory");
broker.deliver("analytics");

console.log("\n-- a subscriber that joins late --");
broker.subscribe("audit", "order.#", (m) => `archive ${m.topic} ${m.body.orderId}`);
broker.publish("order.shipped", { orderId: "A-100", total: 42 });
broker.publish("payment.refunded", { orderId: "A-099", total: 15 });
console.log(`backlogs: ${broker.backlogs()}`);
broker.deliver("audit");
