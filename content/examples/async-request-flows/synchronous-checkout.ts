// EXPERIMENT: the anti-pattern. The checkout handler does the inventory and the
// email work inline and waits for both before answering. Compare with example.ts,
// where the same work sits behind a queue.

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

// EXPERIMENT: set to false and the checkout "works" again, but still takes 428 ms.
const EMAIL_PROVIDER_DOWN = true;

const orders: string[] = [];
const reserved: string[] = [];
let nextOrderNumber = 1042;

async function reserveStock(orderId: string, items: string[]): Promise<void> {
  await sleep(120);
  reserved.push(...items);
  log("inventory", `reserved ${items.join(", ")} for ${orderId}`);
}
async function sendEmail(orderId: string): Promise<void> {
  await sleep(300);
  if (EMAIL_PROVIDER_DOWN) throw new Error("mail provider timed out");
  log("email", `confirmation sent for ${orderId}`);
}

// EXPERIMENT: everything on the request/response path, one failure fails it all.
async function checkout(items: string[]): Promise<number> {
  const started = now;
  await sleep(8);
  const orderId = `ORD-${nextOrderNumber++}`;
  orders.push(orderId);
  log("api", `saved ${orderId}`);
  try {
    await reserveStock(orderId, items);
    await sendEmail(orderId);
    log("user", `<- 200 OK after ${now - started} ms`);
    return 200;
  } catch (err) {
    // The order row and the stock reservation already happened; the user is told it failed.
    log("user", `<- 500 "Checkout failed" after ${now - started} ms (${(err as Error).message})`);
    return 500;
  }
}

async function main(): Promise<void> {
  const first = await checkout(["mug", "poster"]);
  if (first !== 200) {
    console.log("\nThe customer sees an error and presses Buy again...\n");
    await checkout(["mug", "poster"]);
  }
  console.log(`\norders saved: ${orders.join(", ")}`);
  console.log(`items reserved: ${reserved.join(", ")}`);
}

main();
runClock();
