// EXPERIMENT: consumers join the group and partitions move between them (a rebalance).
// Committed offsets are what let the new owner carry on where the old one stopped.

const PARTITIONS = 4;
const log: string[][] = Array.from({ length: PARTITIONS }, () => []);

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// Eight orders, two events each: 16 records, 4 per partition with this hash.
for (const event of ["created", "paid"]) {
  for (let n = 1; n <= 8; n++) log[hash(`ORD-${n}`) % PARTITIONS].push(`ORD-${n} ${event}`);
}

const committed: number[] = new Array(PARTITIONS).fill(0); // next offset to read, per partition
const position: number[] = new Array(PARTITIONS).fill(0); // what the current owner has read so far
const handled = new Set<string>();
let owners = new Map<string, number[]>();

// EXPERIMENT: set to true and the old owner commits what it processed when a
// partition is taken away from it (a graceful hand-over): no duplicates.
const COMMIT_ON_REVOKE = false;

function rebalance(members: string[]): void {
  if (COMMIT_ON_REVOKE) for (let p = 0; p < PARTITIONS; p++) committed[p] = position[p];
  // Classic ("eager") rebalancing revokes every partition, even one that stays with
  // the same member, and reading restarts from the committed offset.
  for (let p = 0; p < PARTITIONS; p++) position[p] = committed[p];
  owners = new Map(members.map((m): [string, number[]] => [m, []]));
  for (let p = 0; p < PARTITIONS; p++) owners.get(members[p % members.length])!.push(p);
  console.log(`\nrebalance -> ${members.length} members`);
  for (const [m, ps] of owners) {
    console.log(`  ${m}: ${ps.length ? ps.map((p) => `P${p}@${committed[p]}`).join(" ") : "nothing (idle)"}`);
  }
}

function work(member: string, max: number, commit: boolean): void {
  for (const p of owners.get(member)!) {
    for (let i = 0; i < max && position[p] < log[p].length; i++) {
      const record = log[p][position[p]];
      const dup = handled.has(record) ? "   <-- DUPLICATE (processed before)" : "";
      console.log(`  ${member} handles P${p}@${position[p]} ${record}${dup}`);
      handled.add(record);
      position[p]++;
    }
    if (commit) committed[p] = position[p];
  }
}

rebalance(["A", "B"]);
work("A", 2, true);
work("B", 2, true);
console.log("A handles one more record from each partition but has not committed yet...");
work("A", 1, false);

rebalance(["A", "B", "C"]); // C joins: partitions move, A's uncommitted work is lost
for (const m of ["A", "B", "C"]) work(m, 1, true);

rebalance(["A", "B", "C", "D", "E"]); // 5 members, 4 partitions: someone must sit idle
for (const m of ["A", "B", "C", "D", "E"]) work(m, 4, true);

console.log(`\ncommitted: ${committed.map((o, p) => `P${p}=${o}/${log[p].length}`).join(" ")}`);
