// An API that answers in milliseconds and hands the slow work to a queue.
// Trigger mode "After Response": the queue fires only after the API has answered,
// and consumers get the data the API chose to send (its `message_queue` field)
// as `message_queue_input`.

// A virtual clock: sleep(ms) advances simulated time, so every run prints the same trace.
let now = 0;
let seq = 0;
const timers: { at: number; seq: number; wake: () => void }[] = [];
const sleep = (ms: number) =>
  new Promise<void>((wake) => timers.push({ at: now + ms, seq: seq++, wake }));
async function runClock(): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 0)); // let every awaiting function catch up
    if (timers.length === 0) return;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift()!;
    now = next.at;
    next.wake();
  }
}
const log = (who: string, text: string) =>
  console.log(`[${String(now).padStart(3)} ms] ${who.padEnd(9)} ${text}`);

type OrderRequest = { userId: string; email: string; items: string[]; total: number };
type QueueMessage = {
  orderId: string; correlationId: string; email: string;
  items: string[]; total: number; confirmationUrl: string;
};
type ApiResult = { status: number; body: object; message_queue?: QueueMessage };
type ConsumerInput = { message_queue_input: QueueMessage };

let nextOrderNumber = 1042;

// The request/response path: validate, write one row, answer. Nothing slow here.
async function createOrder(req: OrderRequest, correlationId: string): Promise<ApiResult> {
  log("api", `POST /orders from ${req.userId} [${correlationId}]`);
  if (req.items.length === 0) return { status: 400, body: { error: "cart is empty" } };
  await sleep(8); // INSERT INTO orders ... (the database assigns the id)
  const orderId = `ORD-${nextOrderNumber++}`;
  log("api", `saved ${orderId} with status "accepted"`);
  return {
    status: 202,
    body: { orderId, status: "accepted", statusUrl: `/orders/${orderId}/status` },
    // Enriched data for the background path: orderId did not exist in the request.
    message_queue: {
      orderId, correlationId, email: req.email, items: req.items, total: req.total,
      confirmationUrl: `https://shop.example/orders/${orderId}`,
    },
  };
}

// The background path: two independent consumers of the same message.
const consumers: { name: string; handle: (input: ConsumerInput) => Promise<void> }[] = [
  {
    name: "inventory",
    handle: async ({ message_queue_input: m }) => {
      await sleep(120);
      log("inventory", `reserved ${m.items.join(", ")} for ${m.orderId} [${m.correlationId}]`);
    },
  },
  {
    name: "email",
    handle: async ({ message_queue_input: m }) => {
      await sleep(300); // waiting on the mail provider...
      throw new Error(`mail provider timed out sending ${m.confirmationUrl}`);
    },
  },
];

// Each consumer runs in its own try/catch: one failing cannot stop another.
async function deliverAfterResponse(result: ApiResult): Promise<string[]> {
  if (!result.message_queue) {
    log("queue", "API returned no message_queue field: nothing to deliver");
    return [];
  }
  log("queue", `delivering ${result.message_queue.orderId} to ${consumers.length} consumers`);
  return Promise.all(
    consumers.map(async (c) => {
      try {
        await c.handle({ message_queue_input: result.message_queue! });
        return `${c.name}: ok`;
      } catch (err) {
        log(c.name, `FAILED: ${(err as Error).message}`);
        return `${c.name}: FAILED (will be retried, then dead-lettered)`;
      }
    }),
  );
}

async function main(): Promise<void> {
  const request = { userId: "user-9", email: "ana@example.com", items: ["mug", "poster"], total: 42 };
  const result = await createOrder(request, "req-7f3a");
  log("user", `<- ${result.status} ${JSON.stringify(result.body)}`);
  const userWaited = now;

  const outcomes = await deliverAfterResponse(result);
  console.log(`\nuser waited ${userWaited} ms; background work ended at ${now} ms`);
  for (const o of outcomes) console.log(`  ${o}`);
}

main();
runClock();
