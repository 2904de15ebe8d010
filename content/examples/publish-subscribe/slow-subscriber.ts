// An in-memory publish/subscribe broker, run on a clock of "ticks".
// EXPERIMENT: each subscriber can only handle a few messages per tick. The
// analytics subscriber is slow (1 per tick) while orders arrive at 3 per tick.
// Watch whose backlog grows, and whether the fast subscribers notice at all.

type Order = { orderId: string; total: number };
type Message = { id: number; topic: string; body: Order; publishedAt: number };

type Subscription = {
  name: string;
  pattern: string;
  backlog: Message[]; // private queue: a slow reader only delays itself
  perTick: number; // EXPERIMENT: how many messages this subscriber handles per tick
  handled: number;
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

  subscribe(name: string, pattern: string, perTick: number): void {
    this.subscriptions.push({ name, pattern, backlog: [], perTick, handled: 0 });
  }

  publish(topic: string, body: Order, now: number): void {
    const msg: Message = { id: this.nextId++, topic, body, publishedAt: now };
    for (const sub of this.subscriptions) {
      if (matches(sub.pattern, topic)) sub.backlog.push({ ...msg });
    }
  }

  /** EXPERIMENT: every subscriber works through up to `perTick` of its own messages. */
  tick(now: number): string {
    const cells: string[] = [];
    for (const sub of this.subscriptions) {
      let lag = 0; // ticks between publish and handling, for the last message handled
      for (let n = 0; n < sub.perTick && sub.backlog.length > 0; n++) {
        const msg = sub.backlog.shift()!;
        lag = now - msg.publishedAt;
        sub.handled++;
      }
      cells.push(`${sub.name} backlog ${String(sub.backlog.length).padStart(2)} lag ${lag}`);
    }
    return cells.join(" | ");
  }
}

const broker = new Broker();
broker.subscribe("email", "order.placed", 5);
broker.subscribe("inventory", "order.placed", 3);
broker.subscribe("analytics", "order.#", 1); // EXPERIMENT: try 2, 3 or 4

const ORDERS_PER_TICK = 3; // EXPERIMENT: the publisher's rate
const BUSY_TICKS = 4; // the publisher stops after this many ticks
let order = 100;

for (let now = 1; now <= 20; now++) {
  const publishing = now <= BUSY_TICKS;
  if (publishing) {
    for (let k = 0; k < ORDERS_PER_TICK; k++) {
      broker.publish("order.placed", { orderId: `A-${order++}`, total: 20 }, now);
    }
  }
  console.log(`tick ${String(now).padStart(2)} ${publishing ? `+${ORDERS_PER_TICK}` : "  "} | ${broker.tick(now)}`);
  if (now >= BUSY_TICKS && broker.subscriptions.every((s) => s.backlog.length === 0)) break;
}

for (const s of broker.subscriptions) console.log(`${s.name} handled ${s.handled} messages`);
