// EXPERIMENT: request and reply over queues. The checkout asks a pricing service for
// shipping quotes by sending to the `quote-requests` queue. Each request carries a
// `replyTo` (the checkout's own reply queue) and a `correlationId`. Quotes take different
// times, so replies come back out of order; the correlation id is how the checkout knows
// which answer belongs to which question. A reply that arrives after the checkout gave up
// has nobody waiting for it.

type Envelope = { id: string; correlationId: string; replyTo: string; body: string };

class Broker {
  private queues = new Map<string, Envelope[]>();
  private listeners = new Map<string, (msg: Envelope) => void>();
  private nextId = 1;

  send(queue: string, correlationId: string, replyTo: string, body: string): void {
    const msg = { id: `m${this.nextId++}`, correlationId, replyTo, body };
    const listener = this.listeners.get(queue);
    if (listener) listener(msg); // one consumer per queue here: deliver straight to it
    else this.queues.set(queue, [...(this.queues.get(queue) ?? []), msg]);
  }

  consume(queue: string, handler: (msg: Envelope) => void): void {
    this.listeners.set(queue, handler);
    for (const msg of this.queues.get(queue) ?? []) handler(msg); // drain the backlog
    this.queues.delete(queue);
  }
}

const broker = new Broker();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Pricing service: one consumer on the request queue. Heavier parcels take longer to quote.
broker.consume("quote-requests", async (req) => {
  const kg = Number(req.body);
  await sleep(kg * 10); // EXPERIMENT: 10 ms per kg, so a 6 kg quote takes 60 ms
  const price = `$${(4.5 + kg * 1.25).toFixed(2)}`;
  console.log(`  pricing: quoted ${kg} kg = ${price}, replying to ${req.replyTo} (${req.correlationId})`);
  broker.send(req.replyTo, req.correlationId, "", price);
});

// Checkout: remembers each open question by correlation id until its answer arrives.
const REPLY_QUEUE = "replies.checkout-1";
const TIMEOUT_MS = 50; // EXPERIMENT: try 100, or 20
const pending = new Map<string, (price: string) => void>();

broker.consume(REPLY_QUEUE, (reply) => {
  const resolve = pending.get(reply.correlationId);
  if (!resolve) {
    console.log(`checkout: reply ${reply.correlationId} has no waiting request: discarded`);
    return;
  }
  pending.delete(reply.correlationId);
  resolve(reply.body);
});

function requestQuote(correlationId: string, kg: number): Promise<string> {
  return new Promise((resolve) => {
    pending.set(correlationId, resolve);
    broker.send("quote-requests", correlationId, REPLY_QUEUE, String(kg));
    setTimeout(() => {
      if (pending.delete(correlationId)) resolve("timed out");
    }, TIMEOUT_MS);
  });
}

async function main(): Promise<void> {
  const parcels: [string, number][] = [["q-1", 3], ["q-2", 1], ["q-3", 6]];
  console.log("checkout: asking for 3 quotes at once");
  const answers = await Promise.all(parcels.map(([id, kg]) => requestQuote(id, kg)));
  parcels.forEach(([id, kg], i) => console.log(`checkout: ${id} (${kg} kg) -> ${answers[i]}`));
  await sleep(30); // stay alive long enough to see any late reply
}

main();
