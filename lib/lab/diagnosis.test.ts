import { describe, expect, it } from "vitest";
import { describeOutcome, troubleshoot } from "./diagnosis";
import { disconnect, removeComponent, setServiceCode, setTriggerMode, setUserRequest, type Design } from "./design";
import { createNodeExecutor } from "./node-executor";
import { runFlow } from "./run-flow";
import { loadTemplate } from "./templates";

const executor = createNodeExecutor();

/** The order template with its Order-Service replaced by `code`. */
function orders(code: string): Design {
  return setServiceCode(loadTemplate("order-processing"), "api", code);
}

describe("troubleshooting advice for the runner's cases", () => {
  it("says nothing when every consumer succeeded", async () => {
    expect(troubleshoot(await runFlow(loadTemplate("video-upload"), executor))).toBeNull();
  });

  it("a blocked design: says why it cannot run and what to connect", async () => {
    const run = await runFlow(removeComponent(loadTemplate("video-upload"), "api"), executor);
    const errors = run.problems.filter((p) => p.severity === "error").map((p) => p.message);
    expect(errors.length).toBeGreaterThan(0);
    expect(troubleshoot(run)).toEqual({
      title: "The design cannot run yet",
      detail: errors.join(" "),
      fix: "Add the missing components and connect User Request → API Service, then run again.",
    });
  });

  it("a request body that is not a JSON object never reaches the API Service", async () => {
    const run = await runFlow(setUserRequest(loadTemplate("video-upload"), "request", { body: "[1, 2]" }), executor);
    expect(troubleshoot(run)).toMatchObject({
      title: "The request never reached the API Service",
      detail: `The User Request was rejected before any service ran (${run.response?.status} response), so nothing was queued.`,
      fix: expect.stringContaining("Make the User Request body a JSON object"),
    });
  });

  it("no consumers connected: names the queue and how to connect one", async () => {
    const design = disconnect(disconnect(loadTemplate("video-upload"), "mq", "consumer-thumbnails"), "mq", "consumer-recommendations");
    expect(troubleshoot(await runFlow(design, executor))).toMatchObject({
      title: "No consumers connected",
      detail: "MQ-1 has no connection to a Consumer, so its messages go nowhere.",
      fix: expect.stringContaining("connect MQ-1 to it"),
    });
  });

  it("After Response without message_queue: nothing was delivered, and says what to return", async () => {
    const design = orders(`function processRequest() {
      return { operation: "INSERT", table: "orders", data: { orderId: "ORD-1", status: "confirmed" } };
    }`);
    expect(troubleshoot(await runFlow(design, executor))).toMatchObject({
      title: "Consumers received nothing",
      fix: expect.stringContaining("Add message_queue"),
    });
  });

  it("After Response with a failing API: consumers were not triggered, fix the API first", async () => {
    const design = orders(`function processRequest() { throw new Error("orders DB is down"); }`);
    expect(troubleshoot(await runFlow(design, executor))).toMatchObject({
      title: "Consumers were not triggered",
      detail: expect.stringContaining("Error: orders DB is down"),
    });
  });

  it("a malformed message fails every consumer the same way, and the consumers' code is not blamed", async () => {
    const design = orders(`function processRequest() {
      return { operation: "INSERT", table: "orders", data: { orderId: "ORD-1" }, message_queue: "ORD-1" };
    }`);
    const run = await runFlow(design, executor);
    expect(run.queue?.consumers.every((c) => c.status === "error")).toBe(true);
    expect(troubleshoot(run)).toMatchObject({
      title: "Malformed message: every consumer failed the same way",
      detail: expect.stringContaining("but the API Service sent a string"),
      fix: expect.stringContaining("The consumers' code is not at fault"),
    });
  });

  it("every consumer failing with one error in Immediate mode points at what they read", async () => {
    // Both consumers read input.message_queue_input, which Immediate mode does not provide.
    const reader = `function processRequest(input) {
      return { operation: "INSERT", table: "seen", data: { videoId: input.message_queue_input.videoId } };
    }`;
    let design = setTriggerMode(loadTemplate("video-upload"), "mq", "immediate");
    design = setServiceCode(setServiceCode(design, "consumer-thumbnails", reader), "consumer-recommendations", reader);
    expect(troubleshoot(await runFlow(design, executor))).toMatchObject({
      title: "All consumers failed with the same error",
      detail: expect.stringContaining("TypeError"),
      fix: expect.stringContaining("In Immediate mode consumers get the original request (input.data)"),
    });
  });
});

describe("the sentence the lab announces after a run", () => {
  it("a clean run: the response and every consumer's success", async () => {
    expect(describeOutcome(await runFlow(loadTemplate("video-upload"), executor), null)).toBe("Run finished: the user got 201 Created. All 2 consumers succeeded.");
  });

  it("a blocked design names the first error", async () => {
    const run = await runFlow(removeComponent(loadTemplate("video-upload"), "api"), executor);
    expect(run.outcome).toBe("blocked");
    expect(describeOutcome(run, null)).toMatch(/^The design cannot run: \S/);
  });

  it("failed consumers are named, and the task's verdict follows", async () => {
    const thrower = `function processRequest() { throw new Error("disk full"); }`;
    const run = await runFlow(setServiceCode(loadTemplate("video-upload"), "consumer-thumbnails", thrower), executor);
    const failed = run.queue!.consumers.find((c) => c.status === "error")!;
    expect(describeOutcome(run, { done: false, feedback: "Make every consumer succeed." })).toBe(
      `Run finished: the user got 201 Created. 1 of 2 consumers failed: ${failed.name}. See the consumer status. Task not done yet: Make every consumer succeed.`,
    );
    expect(describeOutcome(run, { done: true, feedback: "Well done." })).toMatch(/ Task done: Well done\.$/);
  });

  it("untriggered consumers point at the consumer status", async () => {
    const design = orders(`function processRequest() { throw new Error("orders DB is down"); }`);
    expect(describeOutcome(await runFlow(design, executor), null)).toMatch(/^Run finished: the user got 500 Internal Server Error\. The consumers were not triggered: see the consumer status for why\.$/);
  });
});
