function fnv1a(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

test("partitionFor is 32-bit FNV-1a modulo the partition count", () => {
  expect(partitionFor("ORD-1", 3)).toBe(0);
  expect(partitionFor("ORD-2", 3)).toBe(1);
  for (const key of ["", "a", "user-taylor", "日本", "ORD-1000"]) {
    for (const n of [1, 2, 7, 12]) expect(partitionFor(key, n)).toBe(fnv1a(key, n));
  }
});

test("the partition count must be a whole number of at least 1", () => {
  expect(() => new PartitionedLog(0)).toThrow(RangeError);
  expect(() => new PartitionedLog(2.5)).toThrow(RangeError);
  expect(() => new PartitionedLog(-3)).toThrow(RangeError);
  expect(() => new PartitionedLog(1)).not.toThrow();
});

test("append routes by key and numbers offsets per partition", () => {
  const log = new PartitionedLog<number>(4);
  const next = [0, 0, 0, 0];
  for (let i = 0; i < 40; i++) {
    const key = "key-" + (i % 9);
    const where = log.append(key, i);
    const p = fnv1a(key, 4);
    expect(where).toEqual({ partition: p, offset: next[p] });
    next[p]++;
  }
  for (let p = 0; p < 4; p++) expect(log.endOffset(p)).toBe(next[p]);
});

test("each partition holds exactly its keys' records, in append order", () => {
  const log = new PartitionedLog<string>(3);
  const expected: string[][] = [[], [], []];
  for (let i = 0; i < 30; i++) {
    const key = "user-" + (i % 7);
    log.append(key, key + "#" + i);
    expected[fnv1a(key, 3)].push(key + "#" + i);
  }
  for (let p = 0; p < 3; p++) {
    const records = log.read(p, 0, 1000);
    expect(records.map((r) => r.value)).toEqual(expected[p]);
    expect(records.map((r) => r.offset)).toEqual(expected[p].map((_, i) => i));
    expect(records.every((r) => r.partition === p && fnv1a(r.key, 3) === p)).toBe(true);
  }
});

test("read honours offset and max, and returns [] at or past the end", () => {
  const log = new PartitionedLog<number>(1);
  for (let i = 0; i < 5; i++) log.append("k", i);
  expect(log.read(0, 1, 2).map((r) => r.value)).toEqual([1, 2]);
  expect(log.read(0, 3, 10).map((r) => r.value)).toEqual([3, 4]);
  expect(log.read(0, 5, 10)).toEqual([]);
  expect(log.read(0, 50, 10)).toEqual([]);
  expect(log.read(0, 4, 1)).toEqual([{ partition: 0, offset: 4, key: "k", value: 4 }]);
});

test("reading returns copies: changing them does not change the log", () => {
  const log = new PartitionedLog<string>(1);
  log.append("k", "original");
  const records = log.read(0, 0, 10);
  records[0].value = "tampered";
  records.push({ partition: 0, offset: 1, key: "k", value: "extra" });
  expect(log.read(0, 0, 10)).toEqual([{ partition: 0, offset: 0, key: "k", value: "original" }]);
  expect(log.endOffset(0)).toBe(1);
});

test("poll starts at 0 for a new group and does not advance by itself", () => {
  const log = new PartitionedLog<number>(1);
  log.append("k", 1);
  log.append("k", 2);
  expect(log.committed("new-group", 0)).toBe(0);
  expect(log.poll("new-group", 0, 1).map((r) => r.value)).toEqual([1]);
  expect(log.poll("new-group", 0, 1).map((r) => r.value)).toEqual([1]);
  log.commit("new-group", 0, 1);
  expect(log.poll("new-group", 0, 5).map((r) => r.value)).toEqual([2]);
});

test("groups and partitions keep independent offsets", () => {
  const log = new PartitionedLog<string>(3);
  for (const key of ["ORD-1", "ORD-2", "ORD-3", "ORD-1", "ORD-2"]) log.append(key, key);
  log.commit("billing", 1, 2);
  expect(log.committed("billing", 1)).toBe(2);
  expect(log.committed("billing", 0)).toBe(0);
  expect(log.committed("shipping", 1)).toBe(0);
  expect(log.poll("shipping", 1, 10)).toHaveLength(2);
  expect(log.poll("billing", 1, 10)).toEqual([]);
});

test("lag is the distance from the committed offset to the end", () => {
  const log = new PartitionedLog<number>(2);
  const p = fnv1a("hot", 2);
  for (let i = 0; i < 6; i++) log.append("hot", i);
  expect(log.lag("g", p)).toBe(6);
  log.commit("g", p, 4);
  expect(log.lag("g", p)).toBe(2);
  log.append("hot", 6);
  expect(log.lag("g", p)).toBe(3);
  expect(log.lag("g", 1 - p)).toBe(0);
});

test("replay returns the same records in the same order", () => {
  const log = new PartitionedLog<string>(2);
  const events = ["created", "paid", "packed", "shipped"];
  for (const e of events) log.append("ORD-7", e);
  const p = fnv1a("ORD-7", 2);
  const first = log.poll("audit", p, 10).map((r) => r.value);
  log.commit("audit", p, 4);
  log.commit("audit", p, 1);
  const replay = log.poll("audit", p, 10).map((r) => r.value);
  expect(first).toEqual(events);
  expect(replay).toEqual(events.slice(1));
});

test("commit rejects offsets outside 0 .. endOffset", () => {
  const log = new PartitionedLog<number>(1);
  log.append("k", 1);
  expect(() => log.commit("g", 0, 2)).toThrow(RangeError);
  expect(() => log.commit("g", 0, -1)).toThrow(RangeError);
  expect(() => log.commit("g", 0, 0.5)).toThrow(RangeError);
  expect(() => log.commit("g", 0, 1)).not.toThrow();
  expect(log.committed("g", 0)).toBe(1);
});

test("methods reject partitions, offsets and limits that do not exist", () => {
  const log = new PartitionedLog<number>(2);
  log.append("k", 1);
  expect(() => log.read(2, 0, 1)).toThrow(RangeError);
  expect(() => log.read(-1, 0, 1)).toThrow(RangeError);
  expect(() => log.read(0, -1, 1)).toThrow(RangeError);
  expect(() => log.read(0, 0, 0)).toThrow(RangeError);
  expect(() => log.endOffset(5)).toThrow(RangeError);
  expect(() => log.poll("g", 1.5, 1)).toThrow(RangeError);
  expect(() => log.commit("g", 9, 0)).toThrow(RangeError);
  expect(() => log.committed("g", 9)).toThrow(RangeError);
  expect(() => log.lag("g", 9)).toThrow(RangeError);
});
