import { describe, expect, it } from "vitest";
import type { ServiceExecutor } from "./contract";
import { addComponent, connect, createDesign, removeComponent, type ComponentKind, type Design, type NewComponent, type TriggerMode } from "./design";
import { createNodeExecutor } from "./node-executor";
import { createFanOutDriver } from "./fan-out-driver.test-support";
import type { QueueDelivery, QueueDriver } from "./queue-driver";
import { applyRunResult, formatLogLine, runFlow, type RunResult } from "./run-flow";

const nodeExecutor = createNodeExecutor();

interface ConsumerSpec {
  name: string;
  code: string;
  /** Give the consumer its own database (default true). */
  database?: boolean;
}

/** request → Things-API → Main DB, Things-API → MQ-1 → consumers → their DBs. */
function flow(mode: TriggerMode, apiCode: string, consumers: ConsumerSpec[], body = '{ "name": "Widget" }'): Design {
  let design = createDesign("test flow");
  const add = <K extends ComponentKind>(kind: K, init: NewComponent<K>) => {
    const added = addComponent(design, kind, init);
    if (!added.ok) throw new Error(added.reason);
    design = added.design;
    return added.id!;
  };
  const link = (from: string, to: string) => {
    const linked = connect(design, from, to);
    if (!linked.ok) throw new Error(linked.reason);
    design = linked.design;
  };
  const request = add("user-request", { config: { endpoint: "/things", method: "POST", body } });
  const api = add("api-service", { name: "Things-API", config: { code: apiCode } });
  const db = add("database", { id: "db-main", name: "Main DB", config: { tables: [] } });
  const mq = add("message-queue", { name: "MQ-1", config: { triggerMode: mode } });
  link(request, api);
  link(api, db);
  link(api, mq);
  for (const spec of consumers) {
    const id = add("consumer", { name: spec.name, config: { code: spec.code } });
    link(mq, id);
    if (spec.database !== false) {
      const cdb = add("database", { name: `${spec.name} DB`, config: { tables: [] } });
      link(id, cdb);
    }
  }
  return design;
}

const API_WITH_MESSAGE = `function processRequest(input) {
  return {
    operation: "INSERT",
    table: "things",
    data: { id: "T-1", name: input.data.name },
    message_queue: { thingId: "T-1", name: input.data.name },
  };
}`;

const API_WITHOUT_MESSAGE = `function processRequest(input) {
  return { operation: "INSERT", table: "things", data: { id: "T-1", name: input.data.name } };
}`;

const API_THROWS = `function processRequest() { throw new Error("database is on fire"); }`;

/** A consumer that records what it was given, reading it the After Response way. */
const queueConsumer = (tag: string) => `function processRequest(input) {
  const m = input.message_queue_input;
  return { operation: "INSERT", table: "audit", data: { thingId: m.thingId, by: "${tag}" } };
}`;

/** A consumer that reads the original request (Immediate mode). */
const requestConsumer = (tag: string) => `function processRequest(input) {
  return { operation: "INSERT", table: "audit", data: { name: input.data.name, by: "${tag}" } };
}`;

const texts = (run: RunResult) => run.log.map((line) => line.text);

/** Asserts `expected` appear in the log in this order (other lines may sit between them). */
function expectLogInOrder(run: RunResult, expected: string[]) {
  const lines = texts(run);
  let from = 0;
  for (const line of expected) {
    const at = lines.indexOf(line, from);
    if (at === -1) throw new Error(`log line ${JSON.stringify(line)} missing after position ${from}:\n${lines.join("\n")}`);
    from = at + 1;
  }
}

function rowsOf(run: RunResult, databaseName: string, table: string) {
  return run.databases.find((db) => db.name === databaseName)?.tables.find((t) => t.name === table)?.rows ?? [];
}

/**
 * Wraps an executor to record, by the code's first line, the order in which calls started and finished: a counter,
 * not a clock, so "A finished before B started" is a fact about the flow, whatever the machine's speed.
 */
function orderedExecutor(inner: ServiceExecutor) {
  let step = 0;
  const calls: Array<{ code: string; start: number; end: number }> = [];
  const executor: ServiceExecutor = async (code, input, options) => {
    const record = { code, start: step++, end: -1 };
    calls.push(record);
    const outcome = await inner(code, input, options);
    record.end = step++;
    return outcome;
  };
  return { executor, calls };
}

describe("After Response mode", () => {
  it("waits for the API, then gives every consumer the API's message_queue", async () => {
    const design = flow("after-response", API_WITH_MESSAGE, [
      { name: "Audit-A", code: queueConsumer("a") },
      { name: "Audit-B", code: queueConsumer("b") },
    ]);
    const { executor, calls } = orderedExecutor(nodeExecutor);
    const run = await runFlow(design, executor);

    expectLogInOrder(run, [
      "User Request: POST /things",
      "Message Queue: MQ-1",
      "Trigger Mode: After Response",
      "Connected Consumers: 2",
      "[1] Audit-A",
      "[2] Audit-B",
      "Status: Waiting for API Service response...",
      "API Service completed successfully",
      "Response: 201 Created",
      "Status: Triggering consumers...",
      "Consumer [1] completed successfully",
      "Consumer [2] completed successfully",
      "All consumers executed successfully",
    ]);
    expect(formatLogLine(run.log.find((l) => l.text === "Message Queue: MQ-1")!)).toBe("🟡 Message Queue: MQ-1");
    expect(run.response).toEqual({ status: 201, body: { message: "Created", table: "things", record: { id: "T-1", name: "Widget" } } });
    expect(run.queue).toMatchObject({ triggered: true, status: "success", consumerCount: 2, message: { thingId: "T-1", name: "Widget" } });
    expect(run.queue!.consumers.map((c) => [c.index, c.name, c.status])).toEqual([
      [1, "Audit-A", "success"],
      [2, "Audit-B", "success"],
    ]);
    // Consumers see only the message, not the original request.
    expect(run.queue!.consumers[0]!.run!.input).toEqual({ message_queue_input: { thingId: "T-1", name: "Widget" } });
    expect(rowsOf(run, "Audit-A DB", "audit")).toEqual([{ id: "audit-1", thingId: "T-1", by: "a" }]);
    expect(rowsOf(run, "Audit-B DB", "audit")).toEqual([{ id: "audit-1", thingId: "T-1", by: "b" }]);

    const apiCall = calls.find((c) => c.code === API_WITH_MESSAGE)!;
    for (const call of calls.filter((c) => c !== apiCall)) expect(call.start).toBeGreaterThanOrEqual(apiCall.end);
  });

  it("orders highlight steps: API, its database, queue, all consumer wires at once, then each consumer", async () => {
    const design = flow("after-response", API_WITH_MESSAGE, [
      { name: "Audit-A", code: queueConsumer("a") },
      { name: "Audit-B", code: queueConsumer("b") },
    ]);
    const run = await runFlow(design, nodeExecutor);
    expect(run.steps.map((s) => s.phase)).toEqual(["api", "database", "queue", "consumer-connections", "consumer", "consumer"]);
    expect(run.steps[0]).toMatchObject({ componentIds: ["api-1"], connections: [{ from: "request-1", to: "api-1" }], status: "success" });
    expect(run.steps[3]!.connections).toEqual([
      { from: "mq-1", to: "consumer-1" },
      { from: "mq-1", to: "consumer-2" },
    ]);
    expect(run.steps[4]).toMatchObject({ componentIds: ["consumer-1", "db-1"], connections: [{ from: "consumer-1", to: "db-1" }], status: "success" });
  });

  it("does not trigger consumers when the API returns no message_queue, and says why", async () => {
    const design = flow("after-response", API_WITHOUT_MESSAGE, [{ name: "Audit-A", code: queueConsumer("a") }]);
    const run = await runFlow(design, nodeExecutor);
    expect(run.response?.status).toBe(201);
    expect(rowsOf(run, "Main DB", "things")).toHaveLength(1);
    expect(run.queue).toMatchObject({ triggered: false, status: "idle" });
    expect(run.queue!.notice).toContain("returned no message_queue field");
    expect(run.queue!.consumers).toEqual([
      expect.objectContaining({ name: "Audit-A", status: "not-triggered", attempts: 0, error: run.queue!.notice }),
    ]);
    expect(texts(run)).toContain(`Status: ${run.queue!.notice}`);
    expect(texts(run)).not.toContain("Status: Triggering consumers...");
    expect(rowsOf(run, "Audit-A DB", "audit")).toEqual([]);
    expect(run.steps.map((s) => s.phase)).toEqual(["api", "database"]);
  });

  it("does not trigger consumers when the API fails; the user gets a 500", async () => {
    const design = flow("after-response", API_THROWS, [{ name: "Audit-A", code: queueConsumer("a") }]);
    const run = await runFlow(design, nodeExecutor);
    expect(run.response).toEqual({ status: 500, body: { error: "Error: database is on fire" } });
    expect(texts(run)).toContain("API Service failed: Error: database is on fire");
    expect(run.queue).toMatchObject({ triggered: false, status: "idle" });
    expect(run.queue!.consumers[0]!.status).toBe("not-triggered");
    expect(rowsOf(run, "Audit-A DB", "audit")).toEqual([]);
  });
});

describe("Immediate mode", () => {
  it("gives consumers the original request and runs them alongside the API", async () => {
    const design = flow("immediate", API_WITHOUT_MESSAGE, [
      { name: "Mailer", code: requestConsumer("mail") },
      { name: "Settings", code: requestConsumer("settings") },
    ]);
    const { executor, calls } = orderedExecutor(nodeExecutor);
    const run = await runFlow(design, executor);

    expectLogInOrder(run, [
      "Message Queue: MQ-1",
      "Trigger Mode: Immediate",
      "Connected Consumers: 2",
      "[1] Mailer",
      "[2] Settings",
      "Status: Triggering consumers with the original request, in parallel with the API Service...",
      "API Service completed successfully",
      "Consumer [1] completed successfully",
      "Consumer [2] completed successfully",
    ]);
    expect(texts(run)).not.toContain("Status: Waiting for API Service response...");
    expect(run.queue!.consumers[1]!.run!.input).toEqual({ endpoint: "/things", method: "POST", data: { name: "Widget" } });
    expect(rowsOf(run, "Mailer DB", "audit")).toEqual([{ id: "audit-1", name: "Widget", by: "mail" }]);

    const apiCall = calls.find((c) => c.code === API_WITHOUT_MESSAGE)!;
    for (const call of calls.filter((c) => c !== apiCall)) expect(call.start).toBeLessThan(apiCall.end);
  });

  it("still runs consumers when the API fails, since they never waited for it", async () => {
    const design = flow("immediate", API_THROWS, [{ name: "Mailer", code: requestConsumer("mail") }]);
    const run = await runFlow(design, nodeExecutor);
    expect(run.response?.status).toBe(500);
    expect(run.queue).toMatchObject({ triggered: true, status: "success" });
    expect(rowsOf(run, "Mailer DB", "audit")).toHaveLength(1);
  });

  it("ignores the API's message_queue and says so; consumers reading message_queue_input fail", async () => {
    const design = flow("immediate", API_WITH_MESSAGE, [{ name: "Confused", code: queueConsumer("x") }]);
    const run = await runFlow(design, nodeExecutor);
    expect(texts(run)).toContain(
      "The API Service returned message_queue, which Immediate mode ignores: consumers already received the original request.",
    );
    expect(run.queue!.consumers[0]).toMatchObject({
      status: "error",
      error: "TypeError: Cannot read properties of undefined (reading 'thingId')",
    });
    expect(run.queue!.status).toBe("warning");
  });
});

describe("failure isolation", () => {
  it("a throwing consumer fails alone: the others still write and the response is unchanged", async () => {
    const consumers = (middle: string): ConsumerSpec[] => [
      { name: "Audit-A", code: queueConsumer("a") },
      { name: "Audit-B", code: middle },
      { name: "Audit-C", code: queueConsumer("c") },
    ];
    const healthy = await runFlow(flow("after-response", API_WITH_MESSAGE, consumers(queueConsumer("b"))), nodeExecutor);
    const broken = await runFlow(
      flow("after-response", API_WITH_MESSAGE, consumers(`function processRequest() { throw new Error("analytics is down"); }`)),
      nodeExecutor,
    );

    expect(broken.response).toEqual(healthy.response);
    expect(broken.queue!.status).toBe("warning");
    expect(broken.queue!.consumers.map((c) => c.status)).toEqual(["success", "error", "success"]);
    expect(broken.queue!.consumers[1]!.error).toBe("Error: analytics is down");
    expect(rowsOf(broken, "Audit-A DB", "audit")).toHaveLength(1);
    expect(rowsOf(broken, "Audit-B DB", "audit")).toHaveLength(0);
    expect(rowsOf(broken, "Audit-C DB", "audit")).toHaveLength(1);
    expectLogInOrder(broken, [
      "Consumer [1] completed successfully",
      "Consumer [2] failed: Error: analytics is down",
      "Consumer [3] completed successfully",
      "1 of 3 consumers failed; the user's response was not affected.",
    ]);
    expect(broken.steps.filter((s) => s.phase === "consumer").map((s) => s.status)).toEqual(["success", "error", "success"]);
  });

  it("an invalid return, a timeout and a missing database each fail only their consumer", async () => {
    const design = flow("after-response", API_WITH_MESSAGE, [
      { name: "Shape", code: `function processRequest() { return { operation: "INSERT", table: "audit" }; }` },
      { name: "Loop", code: `function processRequest() { for (;;) {} }` },
      { name: "Homeless", code: queueConsumer("h"), database: false },
      { name: "Fine", code: queueConsumer("f") },
    ]);
    const run = await runFlow(design, nodeExecutor, { timeoutMs: 300 });
    const [shape, loop, homeless, fine] = run.queue!.consumers;
    expect(shape!.error).toBe("processRequest returned an invalid result: `data` is required for INSERT: an object of column values.");
    expect(loop!.error).toMatch(/^Timed out after 300 ms/);
    expect(homeless!.error).toBe(
      'INSERT needs a database, but Consumer "Homeless" is not connected to one. Connect it to a Database, or return operation NONE.',
    );
    expect(fine!.status).toBe("success");
    expect(run.response?.status).toBe(201);
  });

  it("a consumer's UPDATE of a missing record fails that consumer with the database's reason", async () => {
    const design = flow("after-response", API_WITH_MESSAGE, [
      { name: "Updater", code: `function processRequest(input) { return { operation: "UPDATE", table: "audit", record_id: "nope", data: { a: 1 } }; }` },
    ]);
    const run = await runFlow(design, nodeExecutor);
    expect(run.queue!.consumers[0]!.error).toBe('UPDATE failed: table "audit" does not exist in database "Updater DB" (it has no tables yet).');
  });
});

describe("malformed messages", () => {
  it.each([
    ["a string", '"T-1"'],
    ["an array", '[{ thingId: "T-1" }]'],
  ])("message_queue as %s fails every consumer with the same error, without running their code", async (kind, literal) => {
    const api = `function processRequest() {
      return { operation: "INSERT", table: "things", data: { id: "T-1" }, message_queue: ${literal} };
    }`;
    const design = flow("after-response", api, [
      { name: "Audit-A", code: queueConsumer("a") },
      { name: "Audit-B", code: queueConsumer("b") },
    ]);
    const { executor, calls } = orderedExecutor(nodeExecutor);
    const run = await runFlow(design, executor);

    const expected = `Malformed message: message_queue must be an object such as { "videoId": "VIDEO-123" }, but the API Service sent ${kind}.`;
    expect(run.response?.status).toBe(201);
    expect(run.queue).toMatchObject({ triggered: true, status: "warning", messageError: expected });
    expect(run.queue!.consumers.map((c) => [c.status, c.error, c.run])).toEqual([
      ["error", expected, undefined],
      ["error", expected, undefined],
    ]);
    expect(calls).toHaveLength(1);
    expect(texts(run)).toContain(`Consumer [2] failed: ${expected}`);
    expect(texts(run)).toContain(`Message rejected: ${expected} Every consumer fails with this error.`);
  });
});

describe("no consumers", () => {
  it("logs a clear notice and still serves the request", async () => {
    const design = flow("after-response", API_WITH_MESSAGE, []);
    const run = await runFlow(design, nodeExecutor);
    expectLogInOrder(run, [
      "Message Queue: MQ-1",
      "Connected Consumers: 0",
      "No consumers connected: Message Queue MQ-1 has nothing to deliver to. Connect it to at least one Consumer.",
      "API Service completed successfully",
    ]);
    expect(run.queue).toMatchObject({ triggered: false, status: "idle", consumerCount: 0, consumers: [] });
    expect(run.response?.status).toBe(201);
    expect(run.problems.map((p) => p.code)).toContain("queue-without-consumers");
  });
});

describe("the API service and the request", () => {
  it("UPDATE of a missing record fails the API with a clear message", async () => {
    const api = `function processRequest() { return { operation: "UPDATE", table: "things", record_id: "T-9", data: { name: "x" } }; }`;
    const design = flow("after-response", api, []);
    const seeded = {
      ...design,
      components: design.components.map((c) =>
        c.id === "db-main" && c.kind === "database"
          ? { ...c, config: { tables: [{ name: "things", primaryKey: "id", columns: [{ name: "id", type: "TEXT" as const }], rows: [{ id: "T-1" }] }] } }
          : c,
      ),
    };
    const run = await runFlow(seeded, nodeExecutor);
    const error = 'UPDATE failed: no row in "things" has id "T-9", so there is nothing to update.';
    expect(run.api).toMatchObject({ status: "error", error });
    expect(run.response).toEqual({ status: 500, body: { error } });
    expect(run.steps.map((s) => [s.phase, s.status])).toEqual([
      ["api", "error"],
      ["database", "error"],
    ]);
  });

  it("an invalid return shape fails the API with the contract's message", async () => {
    const api = `function processRequest() { return { operation: "insert", table: "things", data: {} }; }`;
    const run = await runFlow(flow("after-response", api, [{ name: "A", code: queueConsumer("a") }]), nodeExecutor);
    expect(run.response?.status).toBe(500);
    expect(run.api!.error).toBe(
      'processRequest returned an invalid result: `operation` must be one of INSERT, UPDATE, SELECT, NONE, but it is "insert" (write it in capitals: "INSERT").',
    );
  });

  it("SELECT and NONE answer with 200", async () => {
    const select = await runFlow(
      flow("after-response", `function processRequest() { return { operation: "INSERT", table: "things", data: { id: "T-1" } }; }`, []),
      nodeExecutor,
    );
    const design = applyRunResult(flow("after-response", `function processRequest() { return { operation: "SELECT", table: "things" }; }`, []), select);
    expect((await runFlow(design, nodeExecutor)).response).toEqual({ status: 200, body: { table: "things", rows: [{ id: "T-1" }] } });
    const none = await runFlow(flow("after-response", `function processRequest() { return { operation: "NONE", data: { pong: true } }; }`, []), nodeExecutor);
    expect(none.response).toEqual({ status: 200, body: { pong: true } });
  });

  it("rejects a body that is not JSON before anything runs", async () => {
    const design = flow("immediate", API_WITH_MESSAGE, [{ name: "A", code: requestConsumer("a") }], '{ "name": "Widget", }');
    const { executor, calls } = orderedExecutor(nodeExecutor);
    const run = await runFlow(design, executor);
    expect(calls).toHaveLength(0);
    expect(run.response!.status).toBe(400);
    expect(String((run.response!.body as { error: string }).error)).toMatch(/^Request body is not valid JSON: /);
    expect(run.api).toBeNull();
    expect(run.queue).toMatchObject({ triggered: false, notice: "The request never reached the API Service, so nothing was queued." });
    expect(run.steps).toEqual([{ phase: "request", componentIds: ["request-1"], connections: [], status: "error" }]);
  });

  it("rejects a JSON body that is not an object", async () => {
    const run = await runFlow(flow("after-response", API_WITH_MESSAGE, [], "[1, 2]"), nodeExecutor);
    expect(run.response).toEqual({ status: 400, body: { error: 'Request body must be a JSON object such as { "title": "Movie" }, but it is an array.' } });
  });

  it("refuses to run a design without an API service", async () => {
    const design = removeComponent(flow("after-response", API_WITH_MESSAGE, []), "api-1");
    const run = await runFlow(design, nodeExecutor);
    expect(run.outcome).toBe("blocked");
    expect(texts(run)).toContain("Cannot run: Add an API Service to receive the request.");
    expect(run.response).toBeNull();
  });

  it("never mutates the design; applyRunResult carries rows into the next run", async () => {
    const design = flow("after-response", API_WITH_MESSAGE, [{ name: "A", code: queueConsumer("a") }]);
    const before = JSON.stringify(design);
    const first = await runFlow(design, nodeExecutor);
    expect(JSON.stringify(design)).toBe(before);
    const second = await runFlow(applyRunResult(design, first), nodeExecutor);
    // The API inserts the fixed id T-1 again: the table now refuses the duplicate.
    expect(second.api!.error).toBe('INSERT failed: table "things" already has a row with id "T-1".');
  });
});

describe("queue driver seam", () => {
  it("publishes through the given driver, in consumer order, and settles each delivery", async () => {
    const enqueued: Array<{ payload: unknown; consumerIds: readonly string[] }> = [];
    const settled: Array<{ ok: boolean }> = [];
    const recording = (): QueueDriver => {
      const inner = createFanOutDriver();
      return {
        enqueue(message, consumerIds) {
          enqueued.push({ payload: message.payload, consumerIds });
          inner.enqueue(message, consumerIds);
        },
        deliver: () => inner.deliver(),
        settle(id, outcome) {
          settled.push({ ok: outcome.ok });
          inner.settle(id, outcome);
        },
      };
    };
    const design = flow("after-response", API_WITH_MESSAGE, [
      { name: "A", code: queueConsumer("a") },
      { name: "B", code: `function processRequest() { throw new Error("no"); }` },
    ]);
    await runFlow(design, nodeExecutor, { createQueueDriver: recording });
    expect(enqueued).toEqual([{ payload: { thingId: "T-1", name: "Widget" }, consumerIds: ["consumer-1", "consumer-2"] }]);
    expect(settled).toEqual([{ ok: true }, { ok: false }]);
  });

  it("a driver that redelivers a nack gets another round; the consumer's status is its last attempt", async () => {
    /** Redelivers each nacked delivery once, as a broker with one retry would. */
    const retryOnce = (): QueueDriver => {
      let ready: QueueDelivery[] = [];
      const handedOut = new Map<string, QueueDelivery>();
      let sequence = 0;
      return {
        enqueue(message, consumerIds) {
          for (const consumerId of consumerIds) ready.push({ deliveryId: `d${++sequence}`, consumerId, message, attempt: 1 });
        },
        deliver() {
          const batch = ready;
          ready = [];
          for (const delivery of batch) handedOut.set(delivery.deliveryId, delivery);
          return batch;
        },
        settle(deliveryId, outcome) {
          const delivery = handedOut.get(deliveryId)!;
          if (!outcome.ok && delivery.attempt === 1) ready.push({ ...delivery, deliveryId: `d${++sequence}`, attempt: 2 });
        },
      };
    };
    const design = flow("after-response", API_WITH_MESSAGE, [
      { name: "A", code: queueConsumer("a") },
      { name: "B", code: `function processRequest() { throw new Error("still down"); }` },
    ]);
    const run = await runFlow(design, nodeExecutor, { createQueueDriver: retryOnce });
    expect(run.queue!.consumers.map((c) => [c.name, c.attempts, c.status])).toEqual([
      ["A", 1, "success"],
      ["B", 2, "error"],
    ]);
  });
});

describe("the queue is the shared simulation engine", () => {
  it("each connected consumer receives the message through its own lib/sim subscription, once", async () => {
    const { createSimQueueDriver } = await import("./sim-queue-driver");
    const driver = createSimQueueDriver();
    const message = { id: "mq-1-msg-1", queueId: "mq-1", payload: { orderId: "o-1" } };
    driver.enqueue(message, ["c1", "c2"]);
    const first = driver.deliver();
    expect(first.map((d) => [d.consumerId, d.message.id, d.attempt]).sort()).toEqual([
      ["c1", "mq-1-msg-1", 1],
      ["c2", "mq-1-msg-1", 1],
    ]);
    driver.settle(first[0].deliveryId, { ok: true });
    driver.settle(first[1].deliveryId, { ok: false, error: "boom" });
    expect(driver.deliver()).toEqual([]); // a nack is not retried; nothing is handed out twice
  });
});
