// EXPERIMENT: one FIFO queue, three parallel workers.
// Deposits take 40 ms (fraud check), withdrawals 10 ms. Each account starts at 0.
// Mode "none": a free worker takes the next message, whatever its account.
// Mode "per-account": message group = account; a group with a message in flight
//   is skipped, like an SQS FIFO message group.
// Mode "one-group": every message in the same group: strict global FIFO.

type Msg = { id: number; account: string; kind: "deposit" | "withdraw"; amount: number };
const queue: Msg[] = [
  { id: 1, account: "A", kind: "deposit", amount: 100 },
  { id: 2, account: "B", kind: "deposit", amount: 50 },
  { id: 3, account: "A", kind: "withdraw", amount: 80 },
  { id: 4, account: "C", kind: "deposit", amount: 70 },
  { id: 5, account: "B", kind: "withdraw", amount: 30 },
  { id: 6, account: "C", kind: "withdraw", amount: 20 },
];
const WORKERS = 3; // EXPERIMENT: try 1, 2 or 6
const cost = (m: Msg) => (m.kind === "deposit" ? 40 : 10); // milliseconds

function run(mode: "none" | "per-account" | "one-group"): void {
  console.log(`\n=== message groups: ${mode} ===`);
  const group = (m: Msg) => (mode === "one-group" ? "all" : m.account);
  const waiting = [...queue];
  const inFlight: { msg: Msg; worker: number; doneAt: number }[] = [];
  const balance: Record<string, number> = { A: 0, B: 0, C: 0 };
  const freeWorkers = Array.from({ length: WORKERS }, (_, i) => i + 1);
  let now = 0;

  while (waiting.length || inFlight.length) {
    // Hand out messages to free workers, oldest first.
    for (let i = 0; i < waiting.length && freeWorkers.length; ) {
      const m = waiting[i];
      const busy = inFlight.some((f) => group(f.msg) === group(m));
      if (mode !== "none" && busy) { i++; continue; } // this group is locked until its message is done
      const worker = freeWorkers.shift()!;
      waiting.splice(i, 1);
      inFlight.push({ msg: m, worker, doneAt: now + cost(m) });
      console.log(`t=${String(now).padStart(3)}ms  worker ${worker} takes #${m.id} ${m.kind} ${m.amount} on ${m.account}`);
    }
    // Jump to the next completion and apply its effect.
    inFlight.sort((a, b) => a.doneAt - b.doneAt);
    const done = inFlight.shift()!;
    now = done.doneAt;
    const m = done.msg;
    if (m.kind === "deposit") balance[m.account] += m.amount;
    else if (balance[m.account] >= m.amount) balance[m.account] -= m.amount;
    else console.log(`t=${String(now).padStart(3)}ms  #${m.id} DECLINED: ${m.account} has only ${balance[m.account]}`);
    freeWorkers.push(done.worker);
  }
  console.log(`finished at ${now} ms, balances A=${balance.A} B=${balance.B} C=${balance.C} (correct: A=20 B=20 C=50)`);
}

run("none");
run("per-account");
run("one-group");
