// EXPERIMENT: a transient failure in the middle of one order's events.
// Strategy "skip": park the failed message in a retry queue and keep going.
// Strategy "block-key": hold back that key until its failed message succeeds;
// other keys keep flowing.

const partition = [
  "ORD-7 created", "ORD-8 created", "ORD-7 paid", "ORD-8 paid",
  "ORD-7 shipped", "ORD-8 shipped", "ORD-7 delivered",
];
const NEXT: Record<string, string> = { none: "created", created: "paid", paid: "shipped", shipped: "delivered" };

// EXPERIMENT: how many times the payment provider fails for ORD-7 before it recovers.
const FAILURES_BEFORE_SUCCESS = 2;

function run(strategy: "skip" | "block-key"): void {
  console.log(`\n=== strategy: ${strategy} ===`);
  const state: Record<string, string> = { "ORD-7": "none", "ORD-8": "none" };
  let paymentAttempts = 0;

  // Returns false if the handler throws (here: the payment provider is down).
  function handle(msg: string): boolean {
    const [key, event] = msg.split(" ");
    if (msg === "ORD-7 paid" && ++paymentAttempts <= FAILURES_BEFORE_SUCCESS) {
      console.log(`  ${msg.padEnd(16)} FAILED (attempt ${paymentAttempts})`);
      return false;
    }
    const ok = NEXT[state[key]] === event;
    console.log(`  ${msg.padEnd(16)} ${state[key]} -> ${event}${ok ? "" : "   <-- OUT OF ORDER"}`);
    state[key] = event;
    return true;
  }

  const retryQueue: string[] = [];
  const blocked = new Map<string, string[]>(); // key -> its held-back messages, oldest first

  for (const msg of partition) {
    const key = msg.split(" ")[0];
    if (strategy === "block-key" && blocked.has(key)) {
      blocked.get(key)!.push(msg);
      console.log(`  ${msg.padEnd(16)} held: ${key} is blocked`);
      continue;
    }
    if (handle(msg)) continue;
    if (strategy === "skip") retryQueue.push(msg);
    else blocked.set(key, [msg]);
  }

  // Later: the retry queue is drained, or the blocked keys are retried in order.
  console.log("  -- retry pass --");
  while (retryQueue.length) {
    const msg = retryQueue.shift()!;
    if (!handle(msg)) retryQueue.push(msg);
  }
  for (const [key, held] of blocked) {
    while (held.length) if (handle(held[0])) held.shift();
    blocked.delete(key);
  }
  console.log(`  final: ORD-7 is '${state["ORD-7"]}', ORD-8 is '${state["ORD-8"]}'`);
}

run("skip");
run("block-key");
