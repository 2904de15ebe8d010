import { describe, expect, it } from "vitest";
import { disconnect, loadTemplate, runFlow, setServiceCode, setTriggerMode, type Design } from "@/lib/lab";
import { createNodeExecutor } from "@/lib/lab/node-executor";
import { troubleshoot } from "./run-results";

const executor = createNodeExecutor();

/** The order template with its Order-Service replaced by `code`. */
function orders(code: string): Design {
  return setServiceCode(loadTemplate("order-processing"), "api", code);
}

describe("troubleshooting advice for the runner's cases", () => {
  it("says nothing when every consumer succeeded", async () => {
    expect(troubleshoot(await runFlow(loadTemplate("video-upload"), executor))).toBeNull();
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
