import { describe, expect, it } from "vitest";
import { componentsOfKind, connectedConsumers, getComponent, parseDesign, validateDesign, type Design } from "./design";
import { createNodeExecutor } from "./node-executor";
import { runFlow, type RunResult } from "./run-flow";
import { TEMPLATES, getTemplate, loadTemplate, type TemplateId } from "./templates";
import { rowsWrittenByRun } from "./tasks";

const executor = createNodeExecutor();

interface Expectation {
  mode: "After Response" | "Immediate";
  consumers: string[];
  /** Tables that must gain exactly one row in a run. */
  written: string[];
  /** Extra checks on how the rows link up. */
  links: (run: RunResult, design: Design) => void;
}

const EXPECTED: Record<TemplateId, Expectation> = {
  "video-upload": {
    mode: "After Response",
    consumers: ["Thumbnail-Generator", "Recommendation-Engine"],
    written: ["videos", "thumbnails", "recommendations"],
    links(run, design) {
      const video = rowsWrittenByRun(run, design, "videos")[0]!;
      expect(video.id).toMatch(/^VIDEO-\d{6}$/);
      expect(rowsWrittenByRun(run, design, "thumbnails")[0]).toMatchObject({ videoId: video.id, thumbnailUrl: `${video.cdnUrl}/thumbnail.jpg` });
      expect(rowsWrittenByRun(run, design, "recommendations")[0]).toMatchObject({ videoId: video.id, recommendationType: "new_upload" });
    },
  },
  "order-processing": {
    mode: "After Response",
    consumers: ["Inventory-Service", "Email-Service", "Analytics"],
    written: ["orders", "notifications", "metrics"],
    links(run, design) {
      const order = rowsWrittenByRun(run, design, "orders")[0]!;
      expect(order).toMatchObject({ userId: "user-42", total: 61, itemCount: 2, status: "confirmed" });
      const inventory = run.databases.find((db) => db.componentId === "db-inventory")!.tables[0]!;
      expect(inventory.rows.find((r) => r.sku === "SKU-1001")).toMatchObject({ reservedQuantity: 2, lastOrderId: order.orderId, status: "reserved" });
      expect(rowsWrittenByRun(run, design, "notifications")[0]).toMatchObject({ orderId: order.orderId, type: "order_confirmation" });
      expect(rowsWrittenByRun(run, design, "metrics")[0]).toMatchObject({ orderId: order.orderId, revenue: 61 });
    },
  },
  "user-registration": {
    mode: "Immediate",
    consumers: ["Welcome-Email", "Preferences-Service"],
    written: ["users", "emails", "user_preferences"],
    links(run, design) {
      const user = rowsWrittenByRun(run, design, "users")[0]!;
      expect(rowsWrittenByRun(run, design, "emails")[0]).toMatchObject({ to: user.email, subject: "Welcome, Ada!" });
      expect(rowsWrittenByRun(run, design, "user_preferences")[0]).toMatchObject({ email: user.email, language: "en" });
    },
  },
  "social-post-fanout": {
    mode: "After Response",
    consumers: ["Notify-Followers", "Update-Feeds", "Post-Analytics"],
    written: ["posts", "notifications", "user_feeds", "post_metrics"],
    links(run, design) {
      const post = rowsWrittenByRun(run, design, "posts")[0]!;
      for (const table of ["notifications", "user_feeds", "post_metrics"]) {
        expect(rowsWrittenByRun(run, design, table)[0]).toMatchObject({ postId: post.postId });
      }
      expect(rowsWrittenByRun(run, design, "user_feeds")[0]!.preview).toHaveLength(100);
    },
  },
};

describe.each(TEMPLATES.map((t) => [t.id, t] as const))("template %s", (id, template) => {
  const expectation = EXPECTED[id as TemplateId];

  it("is a valid, problem-free design laid out left to right", () => {
    const design = template.design();
    expect(parseDesign(JSON.parse(JSON.stringify(design)))).toMatchObject({ ok: true });
    expect(validateDesign(design)).toEqual([]);
    const x = (kind: Parameters<typeof componentsOfKind>[1]) => componentsOfKind(design, kind).map((c) => c.position.x);
    expect(Math.max(...x("user-request"))).toBeLessThan(Math.min(...x("api-service")));
    expect(Math.max(...x("api-service"))).toBeLessThan(Math.min(...x("message-queue")));
    expect(Math.max(...x("message-queue"))).toBeLessThan(Math.min(...x("consumer")));
    for (const consumer of componentsOfKind(design, "consumer")) {
      const db = design.connections.find((c) => c.from === consumer.id)!;
      expect(getComponent(design, db.to)!.position.x).toBeGreaterThan(consumer.position.x);
    }
    expect(template.design()).not.toBe(design);
    expect(getTemplate(id)).toBe(template);
  });

  it("runs green out of the box with the expected log lines and rows", async () => {
    const design = loadTemplate(id as TemplateId);
    const run = await runFlow(design, executor);

    expect(run.outcome).toBe("completed");
    expect(run.response?.status).toBe(201);
    expect(run.queue).toMatchObject({ triggered: true, status: "success" });
    expect(run.queue!.consumers.map((c) => c.status)).toEqual(expectation.consumers.map(() => "success"));
    expect(connectedConsumers(design, "mq").map((c) => c.name)).toEqual(expectation.consumers);

    const lines = run.log.map((l) => l.text);
    const expected = [
      "Message Queue: MQ-1",
      `Trigger Mode: ${expectation.mode}`,
      `Connected Consumers: ${expectation.consumers.length}`,
      ...expectation.consumers.map((name, i) => `[${i + 1}] ${name}`),
      ...(expectation.mode === "After Response" ? ["Status: Waiting for API Service response..."] : []),
      "API Service completed successfully",
      ...(expectation.mode === "After Response" ? ["Status: Triggering consumers..."] : []),
      ...expectation.consumers.map((_, i) => `Consumer [${i + 1}] completed successfully`),
      "All consumers executed successfully",
    ];
    expect(lines.filter((line) => expected.includes(line))).toEqual(expected);
    expect(run.log.filter((l) => l.level === "error" || l.level === "warning")).toEqual([]);

    for (const table of expectation.written) expect(rowsWrittenByRun(run, design, table), table).toHaveLength(1);
    expectation.links(run, design);
  });
});

it("every template's service code is commented for students", () => {
  for (const template of TEMPLATES) {
    const design = template.design();
    for (const service of [...componentsOfKind(design, "api-service"), ...componentsOfKind(design, "consumer")]) {
      expect(service.config.code, `${template.id}/${service.name}`).toMatch(/^\/\/ /);
      expect(service.config.code).toContain("function processRequest(input)");
    }
  }
});
