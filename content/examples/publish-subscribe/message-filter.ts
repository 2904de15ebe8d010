// An in-memory publish/subscribe broker, now with per-subscription filter policies.
// EXPERIMENT: besides the topic pattern, a subscription may carry a filter policy
// on the message's attributes (like an Amazon SNS filter policy). The broker checks
// it BEFORE copying, so a subscriber never even receives messages it does not want.

type Order = { orderId: string; total: number; region: string };
type Message = { id: number; topic: string; body: Order };

// EXPERIMENT: a declarative policy. Every field that is set must match.
type FilterPolicy = { region?: string[]; minTotal?: number };

type Subscription = {
  name: string;
  pattern: string; // dot-separated words; "*" matches exactly one word, "#" zero or more
  policy: FilterPolicy; // EXPERIMENT: {} means "accept everything"
  backlog: Message[];
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

// EXPERIMENT: the filter check. Try adding a "maxTotal" or a "currency" field.
function passes(policy: FilterPolicy, body: Order): boolean {
  if (policy.region && !policy.region.includes(body.region)) return false;
  if (policy.minTotal !== undefined && body.total < policy.minTotal) return false;
  return true;
}

class Broker {
  subscriptions: Subscription[] = [];
  private nextId = 1;

  subscribe(name: string, pattern: string, policy: FilterPolicy, handle: (msg: Message) => string): void {
    this.subscriptions.push({ name, pattern, policy, backlog: [], handle });
    console.log(`+ subscription "${name}" on "${pattern}" filter ${JSON.stringify(policy)}`);
  }

  publish(topic: string, body: Order): void {
    const msg: Message = { id: this.nextId++, topic, body };
    const targets = this.subscriptions.filter(
      (s) => matches(s.pattern, topic) && passes(s.policy, body), // EXPERIMENT: both must hold
    );
    for (const sub of targets) sub.backlog.push({ ...msg, body: { ...msg.body } });
    const names = targets.map((s) => s.name).join(", ") || "nobody, message dropped";
    console.log(`publish #${msg.id} ${topic} ${body.orderId} $${body.total} ${body.region} -> ${names}`);
  }

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
broker.subscribe("email", "order.placed", {}, (m) => `send receipt for ${m.body.orderId}`);
broker.subscribe("fraud-check", "order.placed", { minTotal: 250 }, (m) => `review ${m.body.orderId}`);
broker.subscribe("eu-warehouse", "order.placed", { region: ["eu"] }, (m) => `pick ${m.body.orderId}`);
broker.subscribe("analytics", "order.#", {}, (m) => `record ${m.topic} $${m.body.total}`);

console.log("\n-- four events are published --");
broker.publish("order.placed", { orderId: "A-100", total: 42, region: "eu" });
broker.publish("order.placed", { orderId: "A-101", total: 310, region: "us" });
broker.publish("order.placed", { orderId: "A-102", total: 980, region: "eu" });
broker.publish("order.cancelled", { orderId: "A-101", total: 310, region: "us" });
console.log(`backlogs: ${broker.backlogs()}`);

console.log("\n-- each subscriber reads only what passed its filter --");
for (const s of broker.subscriptions) broker.deliver(s.name);
