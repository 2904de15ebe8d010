test("records for one key land in one partition, in order", () => {
  const log = new PartitionedLog<string>(3);
  expect(log.append("ORD-1", "created")).toEqual({ partition: 0, offset: 0 });
  expect(log.append("ORD-2", "created")).toEqual({ partition: 1, offset: 0 });
  expect(log.append("ORD-1", "paid")).toEqual({ partition: 0, offset: 1 });
  expect(log.read(0, 0, 10).map((r) => r.value)).toEqual(["created", "paid"]);
});

test("a group reads from its committed offset and commits after processing", () => {
  const log = new PartitionedLog<string>(3);
  log.append("ORD-1", "created");
  log.append("ORD-1", "paid");
  expect(log.poll("billing", 0, 10)).toHaveLength(2);
  log.commit("billing", 0, 2);
  expect(log.poll("billing", 0, 10)).toEqual([]);
  expect(log.lag("billing", 0)).toBe(0);
});

test("committing an earlier offset replays", () => {
  const log = new PartitionedLog<string>(3);
  log.append("ORD-1", "created");
  log.append("ORD-1", "paid");
  log.commit("billing", 0, 2);
  log.commit("billing", 0, 0);
  expect(log.poll("billing", 0, 1)[0].value).toBe("created");
});
