test("a message is processed once even when delivered twice", async () => {
  const processed: string[] = [];
  const consumer = new IdempotentConsumer<string>((id) => {
    processed.push(id);
  }, 10);
  expect(await consumer.handle("m1", "hello")).toBe(true);
  expect(await consumer.handle("m1", "hello")).toBe(false);
  expect(processed).toEqual(["m1"]);
});

test("different ids are all processed", async () => {
  const processed: string[] = [];
  const consumer = new IdempotentConsumer<number>((id) => {
    processed.push(id);
  }, 10);
  await consumer.handle("a", 1);
  await consumer.handle("b", 2);
  expect(processed).toEqual(["a", "b"]);
  expect(consumer.remembered()).toBe(2);
});

test("only the most recent ids are remembered", async () => {
  const processed: string[] = [];
  const consumer = new IdempotentConsumer<number>((id) => {
    processed.push(id);
  }, 2);
  for (const id of ["a", "b", "c", "a"]) await consumer.handle(id, 0);
  expect(processed).toEqual(["a", "b", "c", "a"]);
  expect(consumer.remembered()).toBe(2);
});
