// EXPERIMENT: a celebrity key. One user produces most of the traffic, so one
// partition (and the one consumer that owns it) does most of the work.
// Then we "salt" the key to spread the load, and watch what happens to order.

const PARTITIONS = 4;

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// 20 events: user-taylor (the celebrity) posts 12 times, five other users post 8 times.
const traffic: { user: string; post: number }[] = [];
const others = ["user-ana", "user-ben", "user-cho", "user-dev", "user-eli"];
let celebPost = 0;
let otherPost = 0;
for (let i = 0; i < 20; i++) {
  if (i % 5 === 1 || i % 5 === 4) traffic.push({ user: others[otherPost++ % 5], post: 0 });
  else traffic.push({ user: "user-taylor", post: ++celebPost });
}

// EXPERIMENT: SALT_BUCKETS = 1 means "key = userId". With 3, the celebrity's key
// becomes user-taylor#0, #1 or #2, so its events spread over up to 3 partitions.
function run(saltBuckets: number): void {
  console.log(`\n=== salt buckets for user-taylor: ${saltBuckets} ===`);
  const partitions: { user: string; post: number }[][] = Array.from({ length: PARTITIONS }, () => []);
  for (const e of traffic) {
    const salted = e.user === "user-taylor" && saltBuckets > 1;
    const key = salted ? `${e.user}#${e.post % saltBuckets}` : e.user;
    partitions[hash(key) % PARTITIONS].push(e);
  }

  // One consumer per partition, each handling one record per 10 ms tick.
  partitions.forEach((records, p) => {
    console.log(`P${p} ${"#".repeat(records.length).padEnd(14)} ${records.length} records`);
  });
  const ticks = Math.max(...partitions.map((r) => r.length));
  console.log(`time to drain: ${ticks * 10} ms (the busiest partition decides)`);

  // All consumers run in parallel: at tick t each one handles its t-th record.
  const celebOrder: number[] = [];
  for (let t = 0; t < ticks; t++) {
    for (const records of partitions) {
      const e = records[t];
      if (e && e.user === "user-taylor") celebOrder.push(e.post);
    }
  }
  const inOrder = celebOrder.every((n, i) => i === 0 || n > celebOrder[i - 1]);
  console.log(`user-taylor's posts handled in order: ${celebOrder.join(" ")}`);
  console.log(`per-key order kept for user-taylor? ${inOrder ? "yes" : "NO"}`);
}

run(1);
run(3);
