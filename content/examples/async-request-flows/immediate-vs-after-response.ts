// EXPERIMENT: the same two orders under both trigger modes.
// "immediate": the queue fires when the request arrives; consumers get the SAME
//   input as the API (`data`), in parallel with it.
// "after-response": the queue fires only after the API succeeded; consumers get the
//   API's `message_queue` field as `message_queue_input`.

let now = 0;
let seq = 0;
const timers: { at: number; seq: number; wake: () => void }[] = [];
const sleep = (ms: number) =>
  new Promise<void>((wake) => timers.push({ at: now + ms, seq: seq++, wake }));
async function runClock(): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 0));
    if (timers.length === 0) return;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift()!;
    now = next.at;
    next.wake();
  }
}
const log = (who: string, text: string) =>
  console.log(`[${String(now).padStart(3)} ms] ${who.padEnd(9)} ${text}`);

type OrderRequest = { email: string; items: string[] };
type QueueMessage = { orderId: string; email: string; items: string[] };
type ConsumerInput = { data?: OrderRequest; message_queue_input?: QueueMessage };
type ApiResult = { status: number; message_queue?: QueueMessage };

const OUT_OF_STOCK = ["lamp"];
let nextOrderNumber = 1042;

async function createOrder(data: OrderRequest): Promise<ApiResult> {
  await sleep(8);
  const missing = data.items.filter((i) => OUT_OF_STOCK.includes(i));
  if (missing.length) {
    log("api", `409 rejected: ${missing.join(", ")} out of stock`);
    return { status: 409 };
  }
  const orderId = `ORD-${nextOrderNumber++}`;
  log("api", `202 accepted as ${orderId}`);
  return { status: 202, message_queue: { orderId, email: data.email, items: data.items } };
}

// Consumers read whichever input their mode gives them.
async function inventory(input: ConsumerInput): Promise<void> {
  await sleep(20);
  const m = input.message_queue_input;
  const items = m ? m.items : input.data!.items;
  log("inventory", `reserved ${items.join(", ")} for order ${m ? m.orderId : "??? (no id in input)"}`);
}
async function email(input: ConsumerInput): Promise<void> {
  await sleep(30);
  const m = input.message_queue_input;
  const to = m ? m.email : input.data!.email;
  log("email", `sent "Thanks for order ${m ? m.orderId : "???"}" to ${to}`);
}
const consumers = [inventory, email];

async function handle(mode: "immediate" | "after-response", data: OrderRequest): Promise<void> {
  log("user", `POST /orders ${JSON.stringify(data.items)}`);
  if (mode === "immediate") {
    // EXPERIMENT: consumers start now, with the raw request, before the API has decided anything.
    await Promise.all([createOrder(data), ...consumers.map((c) => c({ data }))]);
    return;
  }
  const result = await createOrder(data);
  if (!result.message_queue) return log("queue", "API did not succeed: consumers not triggered");
  await Promise.all(consumers.map((c) => c({ message_queue_input: result.message_queue })));
}

async function main(): Promise<void> {
  for (const mode of ["immediate", "after-response"] as const) {
    console.log(`\n=== trigger mode: ${mode} ===`);
    now = 0; // restart the clock and the id counter so both runs are comparable
    nextOrderNumber = 1042;
    await handle(mode, { email: "ana@example.com", items: ["mug"] });
    await handle(mode, { email: "ben@example.com", items: ["lamp"] });
  }
}

main();
runClock();
