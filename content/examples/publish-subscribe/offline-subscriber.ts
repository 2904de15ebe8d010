// An in-memory publish/subscribe broker with durable and ephemeral subscriptions.
// EXPERIMENT: both subscribers disconnect for a while. A DURABLE subscription
// outlives its connection: the broker keeps filling its backlog. An EPHEMERAL one
// lives only while connected (like Redis Pub/Sub, or a RabbitMQ exclusive queue
// that is deleted when its connection closes): while it is gone, nothing is kept.

type Order = { orderId: string; total: number };
type Message = { id: number; topic: string; body: Order };

type Subscription = {
  name: string;
  pattern: string;
  durable: boolean; // EXPERIMENT: does the subscription survive a disconnect?
  online: boolean;
  backlog: Message[];
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

  subscribe(name: string, pattern: string, durable: boolean): void {
    this.subscriptions.push({ name, pattern, durable, online: true, backlog: [] });
    console.log(`+ ${durable ? "durable" : "ephemeral"} subscription "${name}" on "${pattern}"`);
  }

  publish(topic: string, body: Order): void {
    const msg: Message = { id: this.nextId++, topic, body };
    const targets = this.subscriptions.filter((s) => matches(s.pattern, topic));
    console.log(`publish #${msg.id} ${topic} ${body.orderId} -> ${targets.map((s) => s.name).join(", ") || "nobody"}`);
    for (const sub of targets) {
      sub.backlog.push({ ...msg });
      if (sub.online) this.drain(sub); // connected subscribers get it straight away
    }
  }

  // EXPERIMENT: what a disconnect does depends on durability.
  disconnect(name: string): void {
    const sub = this.subscriptions.find((s) => s.name === name)!;
    if (sub.durable) {
      sub.online = false; // the subscription and its backlog stay on the broker
    } else {
      this.subscriptions = this.subscriptions.filter((s) => s !== sub); // gone entirely
    }
    console.log(`x ${name} disconnects${sub.durable ? " (broker keeps its backlog)" : " (its subscription is deleted)"}`);
  }

  reconnect(name: string, pattern: string, durable: boolean): void {
    const sub = this.subscriptions.find((s) => s.name === name);
    if (sub) {
      sub.online = true;
      console.log(`> ${name} reconnects, ${sub.backlog.length} message(s) waiting`);
      this.drain(sub);
    } else {
      console.log(`> ${name} reconnects to nothing and must subscribe again`);
      this.subscribe(name, pattern, durable);
    }
  }

  private drain(sub: Subscription): void {
    while (sub.backlog.length > 0) {
      const msg = sub.backlog.shift()!;
      console.log(`  [${sub.name}] got #${msg.id} ${msg.body.orderId}`);
    }
  }
}

const MOBILE_DURABLE = true; // EXPERIMENT: set to false and compare

const broker = new Broker();
broker.subscribe("mobile-push", "order.*", MOBILE_DURABLE);
broker.subscribe("live-dashboard", "order.*", false);

broker.publish("order.placed", { orderId: "A-100", total: 42 });

console.log("\n-- both subscribers lose their connection --");
broker.disconnect("mobile-push");
broker.disconnect("live-dashboard");
broker.publish("order.placed", { orderId: "A-101", total: 310 });
broker.publish("order.paid", { orderId: "A-101", total: 310 });
broker.publish("order.placed", { orderId: "A-102", total: 75 });

console.log("\n-- they come back --");
broker.reconnect("mobile-push", "order.*", MOBILE_DURABLE);
broker.reconnect("live-dashboard", "order.*", false);
broker.publish("order.shipped", { orderId: "A-100", total: 42 });
