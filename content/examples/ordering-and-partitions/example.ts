// A tiny partitioned log, the model behind Kafka topics and Kinesis streams.
// - Every record has a key; the key's hash picks the partition.
// - A partition is append-only: records get increasing offsets and are never reordered.
// - A consumer group splits the partitions between its members and remembers,
//   per partition, the offset of the next record it has not processed yet.

type LogRecord = { offset: number; key: string; event: string };

const PARTITIONS = 3;
const log: LogRecord[][] = Array.from({ length: PARTITIONS }, () => []);

// FNV-1a: small and stable. The same key always gives the same number,
// so the same key always lands in the same partition (while PARTITIONS is unchanged).
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function produce(key: string, event: string): void {
  const p = hash(key) % PARTITIONS;
  const record = { offset: log[p].length, key, event };
  log[p].push(record);
  console.log(`produce  ${key} ${event.padEnd(8)} -> P${p} offset ${record.offset}`);
}

// The group's committed offsets: committed[p] = next offset to read in partition p.
const committed: number[] = new Array(PARTITIONS).fill(0);

// Round-robin assignment: each partition has exactly one owner inside the group.
function assign(members: string[]): Map<string, number[]> {
  const owners = new Map(members.map((m): [string, number[]] => [m, []]));
  for (let p = 0; p < PARTITIONS; p++) owners.get(members[p % members.length])!.push(p);
  return owners;
}

const processed: string[] = [];

// Read up to `max` records from one partition, starting at the committed offset,
// then commit. Committing AFTER processing means a crash causes a re-read, not a loss.
function poll(member: string, p: number, max: number): void {
  const batch = log[p].slice(committed[p], committed[p] + max);
  for (const r of batch) {
    console.log(`  ${member} reads P${p}@${r.offset}  ${r.key} ${r.event}`);
    processed.push(`${r.key}:${r.event}`);
  }
  committed[p] += batch.length;
}

console.log("--- 1. Producers append ten events for four orders ---");
produce("ORD-1", "created");
produce("ORD-2", "created");
produce("ORD-1", "paid");
produce("ORD-3", "created");
produce("ORD-2", "paid");
produce("ORD-4", "created");
produce("ORD-1", "shipped");
produce("ORD-3", "paid");
produce("ORD-2", "shipped");
produce("ORD-4", "paid");

console.log("\n--- 2. Group 'shipping' with members A and B ---");
const owners = assign(["A", "B"]);
for (const [m, ps] of owners) console.log(`${m} owns ${ps.map((p) => "P" + p).join(", ")}`);

// Members work at their own pace: two polls of two records per owned partition.
for (let round = 1; round <= 2; round++) {
  for (const [m, ps] of owners) for (const p of ps) poll(m, p, 2);
}
console.log(`committed offsets: ${committed.map((o, p) => `P${p}=${o}`).join(" ")}`);
console.log(`lag (unread records): ${committed.map((o, p) => `P${p}=${log[p].length - o}`).join(" ")}`);

console.log("\n--- 3. Was order kept? ---");
for (const key of ["ORD-1", "ORD-2", "ORD-3", "ORD-4"]) {
  const seen = processed.filter((s) => s.startsWith(key)).map((s) => s.split(":")[1]);
  console.log(`${key}: ${seen.join(" -> ")}`);
}
console.log(`global order produced : ORD-1 ORD-2 ORD-1 ORD-3 ORD-2 ...`);
console.log(`global order processed: ${processed.slice(0, 5).map((s) => s.split(":")[0]).join(" ")} ...`);

console.log("\n--- 4. Replay: a label bug hit P1; reset its offset to 0 and re-read ---");
committed[1] = 0;
poll("B", 1, 10);
console.log(`committed offsets: ${committed.map((o, p) => `P${p}=${o}`).join(" ")}`);
