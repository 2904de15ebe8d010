import { describe, expect, it } from "vitest";
import {
  addComponent,
  connect,
  getComponent,
  setServiceCode,
  setTriggerMode,
  setUserRequest,
  type Design,
} from "./design";
import { createNodeExecutor } from "./node-executor";
import { runFlow } from "./run-flow";
import { LAB_TASKS, getTask, type LabTask } from "./tasks";
import { loadTemplate } from "./templates";

const executor = createNodeExecutor();

function task(id: string): LabTask {
  const found = getTask(id);
  if (!found) throw new Error(`no task ${id}`);
  return found;
}

async function judge(t: LabTask, design: Design) {
  return t.check(await runFlow(design, executor), design);
}

function codeOf(design: Design, id: string): string {
  const component = getComponent(design, id);
  if (!component || (component.kind !== "api-service" && component.kind !== "consumer")) throw new Error(`${id} is not a service`);
  return component.config.code;
}

/** Applies a textual edit to a service's code, failing loudly if the edit did not apply. */
function editCode(design: Design, id: string, from: string, to: string): Design {
  const code = codeOf(design, id);
  if (!code.includes(from)) throw new Error(`${id}: ${JSON.stringify(from)} not found`);
  return setServiceCode(design, id, code.replace(from, to));
}

it("every task starts from its template and has distinct ids", () => {
  expect(LAB_TASKS.map((t) => t.id)).toEqual(["thumbnail-video-id", "registration-after-response", "orders-failure-isolation", "social-search-indexer"]);
  for (const t of LAB_TASKS) expect(t.starter().title).toBe(loadTemplate(t.templateId).title);
});

describe("thumbnail-video-id", () => {
  const t = task("thumbnail-video-id");

  it("is not done on the starter, whose message lacks videoId, and says where to look", async () => {
    const starter = t.starter();
    expect(codeOf(starter, "api")).not.toContain("videoId: videoId,");
    const result = await judge(t, starter);
    expect(result.done).toBe(false);
    expect(result.feedback).toContain("has no videoId");
    expect(result.feedback).toContain("message_queue");
  });

  it("is done once the API puts videoId in message_queue", async () => {
    const fixed = editCode(t.starter(), "api", "message_queue: {\n", "message_queue: {\n      videoId: videoId,\n");
    const result = await judge(t, fixed);
    expect(result).toMatchObject({ done: true, feedback: expect.stringMatching(/points at VIDEO-\d{6}/) });
  });

  it("is not done when the thumbnail row links to the wrong video", async () => {
    const wrong = editCode(t.starter(), "consumer-thumbnails", "videoId: message.videoId,", 'videoId: "VIDEO-100001",');
    const result = await judge(t, wrong);
    expect(result).toMatchObject({ done: false, feedback: expect.stringContaining('videoId is "VIDEO-100001"') });
  });

  it("points to the right template when run on another one", async () => {
    expect(await judge(t, loadTemplate("order-processing"))).toMatchObject({ done: false, feedback: expect.stringContaining("Video upload template") });
  });
});

describe("registration-after-response", () => {
  const t = task("registration-after-response");

  it("is not done on the untouched template (still Immediate)", async () => {
    expect(await judge(t, t.starter())).toMatchObject({ done: false, feedback: expect.stringContaining("still in Immediate mode") });
  });

  it("is not done when only the mode is switched: nothing reaches the consumers", async () => {
    const result = await judge(t, setTriggerMode(t.starter(), "mq", "after-response"));
    expect(result.done).toBe(false);
    expect(result.feedback).toContain("returned no message_queue");
  });

  it("is not done when the API sends a message but the consumers still read input.data", async () => {
    let design = setTriggerMode(t.starter(), "mq", "after-response");
    design = editCode(design, "api", "createdAt: new Date().toISOString(),\n    },", "createdAt: new Date().toISOString(),\n    },\n    message_queue: { userId: userId, email: user.email, name: user.name },");
    const result = await judge(t, design);
    expect(result.done).toBe(false);
    expect(result.feedback).toMatch(/^Consumer \[1\] Welcome-Email failed: TypeError/);
  });

  it("is done when the API sends userId and the consumers read the message", async () => {
    let design = setTriggerMode(t.starter(), "mq", "after-response");
    design = editCode(
      design,
      "api",
      "createdAt: new Date().toISOString(),\n    },",
      "createdAt: new Date().toISOString(),\n    },\n    message_queue: { userId: userId, email: user.email, name: user.name, language: user.language },",
    );
    design = editCode(design, "consumer-welcome-email", "const user = input.data;", "const user = input.message_queue_input;");
    design = editCode(design, "consumer-preferences", "const user = input.data;", "const user = input.message_queue_input;");
    design = editCode(design, "consumer-preferences", "email: user.email,", "userId: user.userId,\n      email: user.email,");
    const result = await judge(t, design);
    expect(result).toMatchObject({ done: true, feedback: expect.stringMatching(/after USER-\d{5} exists/) });
  });
});

describe("orders-failure-isolation", () => {
  const t = task("orders-failure-isolation");
  const breakAnalytics = (design: Design) =>
    editCode(design, "consumer-analytics", "const message = input.message_queue_input;", 'throw new Error("analytics is down");');

  it("is not done on the untouched template: analytics succeeds", async () => {
    expect(await judge(t, t.starter())).toMatchObject({ done: false, feedback: "Analytics still succeeds. Make its processRequest fail (throw an error), then run again." });
  });

  it("is done when analytics throws and the others still write", async () => {
    const result = await judge(t, breakAnalytics(t.starter()));
    expect(result.done).toBe(true);
    expect(result.feedback).toMatch(/^Analytics failed alone \(Error: analytics is down\)\. Order ORD-\d{5} was still confirmed with 201/);
  });

  it("is not done when inventory fails too", async () => {
    const design = setUserRequest(breakAnalytics(t.starter()), "request", {
      body: JSON.stringify({ userId: "user-42", items: [{ productId: "SKU-404", quantity: 1, price: 5 }] }),
    });
    const result = await judge(t, design);
    expect(result.done).toBe(false);
    expect(result.feedback).toContain('Inventory-Service failed too (UPDATE failed: no row in "inventory" has sku "SKU-404"');
  });
});

describe("social-search-indexer", () => {
  const t = task("social-search-indexer");
  const INDEXER = `// Search Indexer (Consumer)
function processRequest(input) {
  const message = input.message_queue_input;
  return {
    operation: "INSERT",
    table: "search_index",
    data: { postId: message.postId, terms: message.preview.toLowerCase().split(" ").slice(0, 5).join(",") },
  };
}
`;

  function withIndexer(code: string): Design {
    let design = t.starter();
    const consumer = addComponent(design, "consumer", { id: "consumer-search", name: "Search-Indexer", position: { x: 820, y: 640 }, config: { code } });
    if (!consumer.ok) throw new Error(consumer.reason);
    const db = addComponent(consumer.design, "database", { id: "db-search", name: "Search DB", position: { x: 1080, y: 640 }, config: { tables: [] } });
    if (!db.ok) throw new Error(db.reason);
    design = db.design;
    for (const [from, to] of [["mq", "consumer-search"], ["consumer-search", "db-search"]] as const) {
      const linked = connect(design, from, to);
      if (!linked.ok) throw new Error(linked.reason);
      design = linked.design;
    }
    return design;
  }

  it("is not done on the untouched template", async () => {
    expect(await judge(t, t.starter())).toMatchObject({ done: false, feedback: "MQ-1 has 3 consumers; connect a fourth one for search indexing." });
  });

  it("is done with a fourth consumer indexing the post", async () => {
    const result = await judge(t, withIndexer(INDEXER));
    expect(result).toMatchObject({ done: true, feedback: expect.stringMatching(/^Post POST-\d{6} was indexed by a fourth consumer/) });
  });

  it("is not done when the index row lacks the postId", async () => {
    const result = await judge(t, withIndexer(INDEXER.replace("postId: message.postId, ", "")));
    expect(result).toMatchObject({ done: false, feedback: expect.stringContaining("has no postId POST-") });
  });
});
