/**
 * What the lab tells a student after a run: troubleshooting advice (cause and fix) when the queue did not do what
 * they probably wanted, and the one sentence the live region announces. Pure functions of a `RunResult`, so every
 * case is unit-tested without rendering.
 */
import { httpStatusLine, type RunResult } from "./run-flow";
import type { TaskCheck } from "./tasks";

export interface Advice {
  title: string;
  detail: string;
  fix: string;
}

/** The runner's troubleshooting cases, said as cause and fix; null when there is nothing to fix. */
export function troubleshoot(run: RunResult): Advice | null {
  if (run.outcome === "blocked") {
    return {
      title: "The design cannot run yet",
      detail: run.problems
        .filter((p) => p.severity === "error")
        .map((p) => p.message)
        .join(" "),
      fix: "Add the missing components and connect User Request → API Service, then run again.",
    };
  }
  const queue = run.queue;
  if (!queue) return null;
  if (queue.consumerCount === 0) {
    return {
      title: "No consumers connected",
      detail: `${queue.name} has no connection to a Consumer, so its messages go nowhere.`,
      fix: `Add a Consumer, then connect ${queue.name} to it (select the queue and use “Connect to…”, or drag from its right edge).`,
    };
  }
  if (!run.api) {
    return {
      title: "The request never reached the API Service",
      detail: `The User Request was rejected before any service ran (${run.response?.status ?? "no"} response), so nothing was queued.`,
      fix: "Make the User Request body a JSON object, such as { \"title\": \"Movie\" }.",
    };
  }
  if (!queue.triggered && run.api.status === "error") {
    return {
      title: "Consumers were not triggered",
      detail: `After Response mode triggers consumers only once the API Service succeeds, and it failed: ${run.api.error}`,
      fix: "Fix the API Service's code first; the consumers will run on the next successful request.",
    };
  }
  if (!queue.triggered) {
    return {
      title: "Consumers received nothing",
      detail: "The queue is in After Response mode, but the API Service returned no message_queue field, so there was no message to deliver.",
      fix: "Add message_queue: { … } to the object processRequest returns, with what the consumers need (ids and a few fields, not the whole request).",
    };
  }
  if (queue.messageError) {
    return {
      title: "Malformed message: every consumer failed the same way",
      detail: queue.messageError,
      fix: "The consumers' code is not at fault: make message_queue a plain object of JSON values (strings, numbers, booleans, arrays, objects).",
    };
  }
  const failed = queue.consumers.filter((c) => c.status === "error");
  if (failed.length > 1 && failed.length === queue.consumers.length && failed.every((c) => c.error === failed[0]!.error)) {
    return {
      title: "All consumers failed with the same error",
      detail: failed[0]!.error ?? "",
      fix:
        queue.triggerMode === "after-response"
          ? "That usually means the message lacks a field they all read: compare the API's message_queue with what the consumers read from input.message_queue_input."
          : "In Immediate mode consumers get the original request (input.data), not input.message_queue_input: check what they read.",
    };
  }
  return null;
}

/** One sentence for the live region: the response, how the consumers did, and the task's verdict. */
export function describeOutcome(run: RunResult, check: TaskCheck | null): string {
  if (run.outcome === "blocked") return `The design cannot run: ${run.problems.find((p) => p.severity === "error")?.message ?? "fix the design first."}`;
  const parts = [`Run finished: the user got ${run.response ? httpStatusLine(run.response.status) : "no response"}.`];
  const queue = run.queue;
  if (queue?.triggered) {
    const failed = queue.consumers.filter((c) => c.status !== "success");
    parts.push(
      failed.length === 0
        ? `All ${queue.consumers.length} consumers succeeded.`
        : `${failed.length} of ${queue.consumers.length} consumers failed: ${failed.map((c) => c.name).join(", ")}. See the consumer status.`,
    );
  } else if (queue) {
    parts.push("The consumers were not triggered: see the consumer status for why.");
  }
  if (check) parts.push(check.done ? `Task done: ${check.feedback}` : `Task not done yet: ${check.feedback}`);
  return parts.join(" ");
}
