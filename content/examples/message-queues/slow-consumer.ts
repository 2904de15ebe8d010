// EXPERIMENT: a slow consumer. The checkout publishes 10 order messages every second, but
// one email worker needs 5 seconds per message. The queue keeps every checkout fast, yet
// it cannot make the worker faster: watch the backlog and the age of the oldest message.
// Time is a virtual clock in whole seconds, so a minute of traffic runs instantly.

type OrderPlaced = { orderId: string };

type Envelope = {
  id: string;
  body: OrderPlaced;
  publishedAt: number; // EXPERIMENT: virtual second, used to measure waiting time
};

const PUBLISH_PER_SECOND = 10; // EXPERIMENT: the incoming rate
const SECONDS_PER_MESSAGE = 5; // EXPERIMENT: how long one worker needs per email
const CONSUMERS = 1; // EXPERIMENT: try 10, then 50
const MAX_READY = Infinity; // EXPERIMENT: try 200 to see a bounded queue push back

class Broker {
  private ready: Envelope[] = [];
  private inFlight = new Map<string, Envelope>();
  private nextId = 1;
  rejected = 0;

  publish(body: OrderPlaced, now: number): void {
    // A bounded queue refuses new work instead of growing forever; the producer
    // must then slow down, retry later or fail the request.
    if (this.ready.length >= MAX_READY) {
      this.rejected += 1;
      return;
    }
    this.ready.push({ id: `m${this.nextId++}`, body, publishedAt: now });
  }

  receive(): Envelope | undefined {
    const msg = this.ready.shift();
    if (msg) this.inFlight.set(msg.id, msg);
    return msg;
  }

  ack(id: string): void {
    this.inFlight.delete(id);
  }

  oldestAge(now: number): number {
    return this.ready.length === 0 ? 0 : now - this.ready[0].publishedAt;
  }

  depth(): string {
    return `ready=${this.ready.length} inFlight=${this.inFlight.size}`;
  }
}

type EmailWorker = { current?: Envelope; doneAt: number };

const broker = new Broker();
const workers: EmailWorker[] = Array.from({ length: CONSUMERS }, () => ({ doneAt: 0 }));
let published = 0;
let acked = 0;

for (let now = 0; now <= 60; now += 1) {
  // Workers first: finish what is due, then pick up the next message.
  for (const w of workers) {
    if (w.current && w.doneAt <= now) {
      broker.ack(w.current.id);
      acked += 1;
      w.current = undefined;
    }
    if (!w.current) {
      w.current = broker.receive();
      w.doneAt = now + SECONDS_PER_MESSAGE;
    }
  }
  if (now % 10 === 0) {
    console.log(
      `t=${String(now).padStart(2)}s published=${published} acked=${acked} ${broker.depth()} ` +
        `oldest waiting=${broker.oldestAge(now)}s rejected=${broker.rejected}`,
    );
  }
  // The checkout never waits for the workers: it publishes and returns.
  for (let i = 0; i < PUBLISH_PER_SECOND; i += 1) {
    broker.publish({ orderId: `ORD-${published + 1}` }, now);
    published += 1;
  }
}

const perSecond = CONSUMERS / SECONDS_PER_MESSAGE;
console.log(`workers drain ${perSecond} msg/s, checkout adds ${PUBLISH_PER_SECOND} msg/s`);
console.log(`workers needed to keep up: ${Math.ceil(PUBLISH_PER_SECOND * SECONDS_PER_MESSAGE)}`);
