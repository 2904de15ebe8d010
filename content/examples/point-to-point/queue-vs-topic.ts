// EXPERIMENT: the same four "order placed" messages and the same two consumers (email and
// analytics), delivered two ways. In "queue" mode the consumers compete for one queue, so
// each message reaches exactly one of them. In "topic" mode every subscriber gets its own
// queue and the broker copies each message into all of them.

const MODE: "queue" | "topic" = "queue"; // EXPERIMENT: switch to "topic" and rerun

type OrderPlaced = { orderId: string };
type Envelope = { id: string; body: OrderPlaced };

class FifoQueue {
  private ready: Envelope[] = [];
  private inFlight = new Map<string, Envelope>();

  push(msg: Envelope): void {
    this.ready.push(msg);
  }

  receive(): Envelope | undefined {
    const msg = this.ready.shift();
    if (msg) this.inFlight.set(msg.id, msg);
    return msg;
  }

  ack(id: string): void {
    this.inFlight.delete(id);
  }
}

class Broker {
  private shared = new FifoQueue(); // point-to-point: one queue, many competing consumers
  private subscriptions = new Map<string, FifoQueue>(); // topic: one queue per subscriber
  private nextId = 1;

  subscribe(consumer: string): void {
    this.subscriptions.set(consumer, new FifoQueue());
  }

  publish(body: OrderPlaced): void {
    const msg = { id: `m${this.nextId++}`, body };
    if (MODE === "queue") this.shared.push(msg);
    else for (const q of this.subscriptions.values()) q.push({ ...msg }); // a copy each
  }

  queueFor(consumer: string): FifoQueue {
    return MODE === "queue" ? this.shared : (this.subscriptions.get(consumer) as FifoQueue);
  }
}

const broker = new Broker();
const consumers = ["email", "analytics"];
for (const c of consumers) broker.subscribe(c); // only used in topic mode

for (let i = 1; i <= 4; i += 1) broker.publish({ orderId: `ORD-${i}` });

// The consumers take turns polling until neither finds anything.
const seen = new Map<string, string[]>(consumers.map((c) => [c, []]));
let progress = true;
while (progress) {
  progress = false;
  for (const c of consumers) {
    const msg = broker.queueFor(c).receive();
    if (!msg) continue;
    broker.queueFor(c).ack(msg.id);
    seen.get(c)?.push(`${msg.id}(${msg.body.orderId})`);
    progress = true;
  }
}

console.log(`mode: ${MODE}`);
for (const [c, got] of seen) console.log(`${c.padEnd(9)} handled ${got.length}: ${got.join(", ")}`);
const total = [...seen.values()].reduce((n, got) => n + got.length, 0);
console.log(`4 messages published, ${total} deliveries in total`);
