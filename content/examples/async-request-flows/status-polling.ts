// EXPERIMENT: the 202 Accepted + status endpoint pattern. The API answers at once
// with a statusUrl; the background consumers record their progress under the order;
// the client learns the result either by polling or by a webhook callback.

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

// EXPERIMENT: change these and re-run.
const POLL_EVERY_MS = 100;
const EMAIL_FAILS = false;

// Status store, keyed by orderId: what GET /orders/:id/status reads.
const steps = new Map<string, Record<string, "pending" | "done" | "failed">>();

function getStatus(orderId: string): string {
  const s = steps.get(orderId)!;
  const values = Object.values(s);
  if (values.includes("pending")) return `processing ${JSON.stringify(s)}`;
  return values.includes("failed") ? "completed_with_errors" : "completed";
}

async function consumer(orderId: string, corr: string, name: string, ms: number, fails: boolean) {
  await sleep(ms);
  steps.get(orderId)![name] = fails ? "failed" : "done";
  log(name, `${fails ? "FAILED" : "done"} for ${orderId} [${corr}]`);
}

// POST /orders: save, answer 202 with a statusUrl, start the background work.
async function postOrder(corr: string, onDone?: (status: string) => void) {
  await sleep(8);
  const orderId = `ORD-${1042 + steps.size}`;
  steps.set(orderId, { inventory: "pending", email: "pending" });
  Promise.all([
    consumer(orderId, corr, "inventory", 120, false),
    consumer(orderId, corr, "email", 300, EMAIL_FAILS),
  ]).then(() => onDone?.(getStatus(orderId))); // webhook: the server calls the client back
  return { status: 202, orderId, statusUrl: `/orders/${orderId}/status` };
}

async function pollingClient(): Promise<void> {
  const res = await postOrder("req-a1");
  log("client", `<- ${res.status}, will poll ${res.statusUrl}`);
  let requests = 0;
  for (;;) {
    await sleep(POLL_EVERY_MS);
    requests++;
    const status = getStatus(res.orderId);
    log("client", `GET ${res.statusUrl} -> ${status}`);
    if (!status.startsWith("processing")) break;
  }
  console.log(`polling: ${requests} status requests\n`);
}

async function webhookClient(): Promise<void> {
  const done = new Promise<string>((resolve) => {
    postOrder("req-b2", resolve).then((res) => log("client", `<- ${res.status}, waiting for a callback`));
  });
  const status = await done;
  log("client", `webhook POST received -> ${status}`);
  console.log("webhook: 0 status requests");
}

async function main(): Promise<void> {
  await pollingClient();
  now = 0; // second scenario starts at 0 ms too
  await webhookClient();
}

main();
runClock();
