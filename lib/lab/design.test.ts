import { describe, expect, it } from "vitest";
import {
  LIMITS,
  addComponent,
  canConnect,
  connect,
  connectedConsumers,
  createDesign,
  disconnect,
  moveComponent,
  parseDesign,
  parseDesignJson,
  removeComponent,
  renameComponent,
  setTriggerMode,
  validateDesign,
  type ComponentKind,
  type Design,
} from "./design";
import { loadTemplate } from "./templates";

/** Adds components in order and returns the design plus their ids. */
function withComponents(kinds: ComponentKind[]): { design: Design; ids: string[] } {
  let design = createDesign("test");
  const ids: string[] = [];
  for (const kind of kinds) {
    const added = addComponent(design, kind);
    if (!added.ok) throw new Error(added.reason);
    design = added.design;
    ids.push(added.id!);
  }
  return { design, ids };
}

function wire(design: Design, pairs: Array<[string, string]>): Design {
  return pairs.reduce((d, [from, to]) => {
    const result = connect(d, from, to);
    if (!result.ok) throw new Error(result.reason);
    return result.design;
  }, design);
}

describe("design edits", () => {
  it("adds components with the next free id and name, without touching the original", () => {
    const empty = createDesign();
    const first = addComponent(empty, "message-queue");
    const second = addComponent(first.design, "message-queue");
    expect(first.id).toBe("mq-1");
    expect(second.id).toBe("mq-2");
    expect(second.design.components.map((c) => c.name)).toEqual(["MQ-1", "MQ-2"]);
    expect(empty.components).toHaveLength(0);
    expect(first.design.components).toHaveLength(1);
  });

  it("refuses a duplicate or malformed id and a full design", () => {
    const { design } = withComponents(["api-service"]);
    expect(addComponent(design, "consumer", { id: "api-1" })).toMatchObject({ ok: false, reason: expect.stringContaining("already exists") });
    expect(addComponent(design, "consumer", { id: "Bad Id" })).toMatchObject({ ok: false, reason: expect.stringContaining("not a valid component id") });
    const full = withComponents(Array.from({ length: LIMITS.components }, () => "database" as const)).design;
    expect(addComponent(full, "database")).toMatchObject({ ok: false, reason: expect.stringContaining(`at most ${LIMITS.components}`) });
  });

  it("removing a component removes every connection touching it", () => {
    const { design, ids } = withComponents(["user-request", "api-service", "database"]);
    const [req, api, db] = ids as [string, string, string];
    const wired = wire(design, [[req, api], [api, db]]);
    const removed = removeComponent(wired, api);
    expect(removed.components.map((c) => c.id)).toEqual([req, db]);
    expect(removed.connections).toEqual([]);
    expect(wired.connections).toHaveLength(2);
  });

  it("moves, clamps coordinates to the canvas and renames", () => {
    const { design, ids } = withComponents(["database"]);
    const moved = moveComponent(design, ids[0]!, { x: 120, y: Number.POSITIVE_INFINITY });
    expect(moved.components[0]!.position).toEqual({ x: 120, y: 0 });
    expect(moveComponent(design, ids[0]!, { x: 1e9, y: -1e9 }).components[0]!.position).toEqual({ x: LIMITS.coordinate, y: -LIMITS.coordinate });
    expect(renameComponent(design, ids[0]!, "Orders DB").components[0]!.name).toBe("Orders DB");
    expect(design.components[0]!.position).toEqual({ x: 0, y: 0 });
  });

  it("disconnect removes only that connection", () => {
    const { design, ids } = withComponents(["message-queue", "consumer", "consumer"]);
    const [mq, a, b] = ids as [string, string, string];
    const wired = wire(design, [[mq, a], [mq, b]]);
    expect(disconnect(wired, mq, a).connections).toEqual([{ from: mq, to: b }]);
    expect(disconnect(wired, a, mq)).toBe(wired);
  });
});

describe("connection rules", () => {
  const { design, ids } = withComponents(["user-request", "api-service", "message-queue", "consumer", "database", "database", "message-queue"]);
  const [req, api, mq, consumer, db, db2, mq2] = ids as [string, string, string, string, string, string, string];

  it("allows the flow request → API → database/queue → consumer → database", () => {
    expect(() => wire(design, [[req, api], [api, db], [api, mq], [mq, consumer], [consumer, db2]])).not.toThrow();
  });

  it("explains the wrong wires students draw", () => {
    expect(canConnect(design, req, mq)).toMatchObject({ ok: false, reason: expect.stringContaining("send it to an API Service") });
    expect(canConnect(design, mq, db)).toMatchObject({ ok: false, reason: expect.stringContaining("connect it to a Consumer") });
    expect(canConnect(design, db, api)).toMatchObject({ ok: false, reason: expect.stringContaining("only receives connections") });
    expect(canConnect(design, consumer, mq)).toMatchObject({ ok: false, reason: "A Consumer cannot connect to a Message Queue." });
  });

  it("refuses self-loops, duplicates and unknown components", () => {
    const wired = wire(design, [[api, db]]);
    expect(canConnect(wired, api, api)).toMatchObject({ ok: false, reason: "A component cannot connect to itself." });
    expect(connect(wired, api, db)).toMatchObject({ ok: false, reason: expect.stringContaining("already connected") });
    expect(canConnect(wired, api, "ghost")).toMatchObject({ ok: false, reason: expect.stringContaining('"ghost"') });
  });

  it("limits a service to one database, an API to one queue and a consumer to one queue", () => {
    const wired = wire(design, [[api, db], [api, mq], [mq, consumer]]);
    expect(canConnect(wired, api, db2)).toMatchObject({ ok: false, reason: expect.stringContaining("connects to one Database") });
    expect(canConnect(wired, api, mq2)).toMatchObject({ ok: false, reason: expect.stringContaining("connects to one Message Queue") });
    expect(canConnect(wired, mq2, consumer)).toMatchObject({ ok: false, reason: expect.stringContaining("has one Message Queue") });
  });
});

describe("connected consumers", () => {
  it("are detected from the queue's connections, in the order they were made", () => {
    const { design, ids } = withComponents(["message-queue", "consumer", "consumer", "consumer"]);
    const [mq, a, b, c] = ids as [string, string, string, string];
    const wired = wire(design, [[mq, c], [mq, a], [mq, b]]);
    expect(connectedConsumers(wired, mq).map((x) => x.id)).toEqual([c, a, b]);
    // Dragging does not reorder; disconnecting shrinks the count.
    const moved = moveComponent(wired, c, { x: 900, y: 900 });
    expect(connectedConsumers(moved, mq).map((x) => x.id)).toEqual([c, a, b]);
    expect(connectedConsumers(disconnect(moved, mq, a), mq)).toHaveLength(2);
    expect(connectedConsumers(design, mq)).toHaveLength(0);
  });
});

describe("validateDesign", () => {
  it("an empty design needs a request and an API service", () => {
    const codes = validateDesign(createDesign()).map((p) => [p.code, p.severity]);
    expect(codes).toEqual([
      ["no-user-request", "error"],
      ["no-api-service", "error"],
    ]);
  });

  it("reports a request not wired to an API as an error", () => {
    const { design, ids } = withComponents(["user-request", "api-service"]);
    const problems = validateDesign(design);
    expect(problems[0]).toMatchObject({ code: "request-not-connected", severity: "error", componentIds: [ids[0]] });
  });

  it("warns about a queue without consumers, a consumer without database, and unused parts", () => {
    const { design, ids } = withComponents(["user-request", "api-service", "database", "message-queue", "consumer", "database"]);
    const [req, api, db, mq, consumer] = ids as [string, string, string, string, string];
    const noConsumers = wire(design, [[req, api], [api, db], [api, mq]]);
    const problems = validateDesign(noConsumers);
    expect(problems.find((p) => p.code === "queue-without-consumers")?.message).toBe(
      'No consumers connected: Message Queue "MQ-1" has no Consumer to deliver to. Connect it to at least one Consumer.',
    );
    expect(problems.find((p) => p.code === "consumer-without-queue")?.componentIds).toEqual([consumer]);
    expect(problems.every((p) => p.severity === "warning")).toBe(true);

    const consumerNoDb = wire(noConsumers, [[mq, consumer]]);
    const again = validateDesign(consumerNoDb);
    expect(again.find((p) => p.code === "consumer-without-database")?.message).toContain('Consumer "Consumer-1" is not connected to a Database');
    expect(again.some((p) => p.code === "queue-without-consumers")).toBe(false);
    expect(again.find((p) => p.code === "database-unused")?.componentIds).toEqual([ids[5]]);
  });

  it("finds nothing wrong with a template", () => {
    expect(validateDesign(loadTemplate("video-upload"))).toEqual([]);
  });
});

describe("parseDesign (untrusted input)", () => {
  const valid = () => JSON.parse(JSON.stringify(loadTemplate("order-processing")));

  it("accepts a serialized template and round-trips it", () => {
    const text = JSON.stringify(loadTemplate("order-processing"));
    const parsed = parseDesignJson(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toEqual(loadTemplate("order-processing"));
  });

  it("rejects bad ids, dangling and forbidden connections, duplicates and unknown fields", () => {
    const badId = valid();
    badId.components[0].id = "Request One";
    expect(parseDesign(badId)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining("components[0].id")]) });

    const dangling = valid();
    dangling.connections.push({ from: "api", to: "nowhere" });
    expect(parseDesign(dangling)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining('no component with id "nowhere"')]) });

    const forbidden = valid();
    forbidden.connections.push({ from: "request", to: "mq" });
    expect(parseDesign(forbidden)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining("does not talk to a Message Queue")]) });

    const duplicate = valid();
    duplicate.components[1].id = duplicate.components[0].id;
    expect(parseDesign(duplicate).ok).toBe(false);

    const extra = valid();
    extra.components[0].config.script = "alert(1)";
    expect(parseDesign(extra).ok).toBe(false);
  });

  it("enforces size limits and table integrity", () => {
    const bigCode = valid();
    bigCode.components[1].config.code = "x".repeat(LIMITS.codeLength + 1);
    expect(parseDesign(bigCode)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining("components[1].config.code")]) });

    expect(parseDesignJson("x".repeat(LIMITS.designChars + 1))).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining("too large")]) });
    expect(parseDesignJson("{ not json")).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining("not valid JSON")]) });

    const dupRows = valid();
    const inventory = dupRows.components.find((c: { id: string }) => c.id === "db-inventory").config.tables[0];
    inventory.rows[1].sku = inventory.rows[0].sku;
    expect(parseDesign(dupRows)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining('share sku "SKU-1001"')]) });

    const undeclared = valid();
    undeclared.components.find((c: { id: string }) => c.id === "db-inventory").config.tables[0].rows[0].colour = "red";
    expect(parseDesign(undeclared)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining('undeclared column "colour"')]) });

    const nonFinite = valid();
    nonFinite.components[0].position.x = 1e12;
    expect(parseDesign(nonFinite).ok).toBe(false);
  });

  it("checks trigger modes", () => {
    const wrongMode = valid();
    wrongMode.components.find((c: { kind: string }) => c.kind === "message-queue").config.triggerMode = "later";
    expect(parseDesign(wrongMode).ok).toBe(false);
    const switched = setTriggerMode(loadTemplate("order-processing"), "mq", "immediate");
    expect(parseDesign(JSON.parse(JSON.stringify(switched))).ok).toBe(true);
  });
});
