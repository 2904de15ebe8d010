/**
 * Checkable lab tasks. Each starts from a design (a template, or a template
 * with a planted gap), and its `check` judges a run by what a student can see:
 * the rows in the final tables, consumer statuses and the response. Checks are
 * pure, so the server can re-run the flow and judge it again rather than trust
 * a verdict sent by the browser.
 */
import { componentsOfKind, getComponent, type Design, type Row } from "./design";
import type { ConsumerRun, RunResult } from "./run-flow";
import { loadTemplate, VIDEO_UPLOAD_API_CODE, type TemplateId } from "./templates";

export interface TaskCheck {
  done: boolean;
  /** One or two sentences: what was observed, and what to do next when not done. */
  feedback: string;
}

export interface LabTask {
  id: string;
  title: string;
  /** What the student is asked to do. */
  goal: string;
  templateId: TemplateId;
  hints: string[];
  /** The design the task starts from (a fresh copy each call). */
  starter: () => Design;
  /**
   * Judges a finished run. `design` is the design that was run (its tables are
   * the state before the run), so rows written by this run can be told apart.
   */
  check: (run: RunResult, design: Design) => TaskCheck;
}

// ---------------------------------------------------------------------------
// Helpers over run results
// ---------------------------------------------------------------------------

function tableAfter(run: RunResult, tableName: string) {
  for (const db of run.databases) {
    const table = db.tables.find((t) => t.name === tableName);
    if (table) return table;
  }
  return undefined;
}

function rowKey(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** Rows of `tableName` after the run whose primary key was not in the design before it. */
export function rowsWrittenByRun(run: RunResult, design: Design, tableName: string): Row[] {
  const after = tableAfter(run, tableName);
  if (!after) return [];
  const before = new Set<string>();
  for (const db of componentsOfKind(design, "database")) {
    for (const table of db.config.tables) {
      if (table.name !== tableName) continue;
      for (const row of table.rows) {
        const key = rowKey(row[table.primaryKey]);
        if (key !== undefined) before.add(key);
      }
    }
  }
  return after.rows.filter((row) => {
    const key = rowKey(row[after.primaryKey]);
    return key === undefined || !before.has(key);
  });
}

function consumerWritingTo(run: RunResult, design: Design, tableName: string, namePattern: RegExp): ConsumerRun | undefined {
  const consumers = run.queue?.consumers ?? [];
  return (
    consumers.find((c) => c.run?.result?.table === tableName) ??
    consumers.find((c) => namePattern.test(c.name)) ??
    consumers.find((c) => {
      const component = getComponent(design, c.componentId);
      return component?.kind === "consumer" && component.config.code.includes(`"${tableName}"`);
    })
  );
}

/** The common preconditions: the run happened, the API succeeded and the queue delivered. */
function precheck(run: RunResult, apiLabel: string): TaskCheck | undefined {
  if (run.outcome === "blocked") {
    const errors = run.problems.filter((p) => p.severity === "error").map((p) => p.message);
    return { done: false, feedback: `The design cannot run yet: ${errors.join(" ")}` };
  }
  if (!run.api) return { done: false, feedback: `The request never reached the ${apiLabel}: ${describeResponse(run)}` };
  if (run.api.status === "error") return { done: false, feedback: `The ${apiLabel} failed: ${run.api.error}` };
  return undefined;
}

function describeResponse(run: RunResult): string {
  const body = run.response?.body;
  if (body && typeof body === "object" && !Array.isArray(body) && typeof body.error === "string") return body.error;
  return `the response was ${run.response?.status ?? "missing"}.`;
}

function wrongTemplate(tableName: string, templateTitle: string): TaskCheck {
  return { done: false, feedback: `This run has no "${tableName}" table. This task uses the ${templateTitle} template: load it and try again.` };
}

// ---------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------

/** The video template with `videoId` left out of the API's message: the gap the first task asks to close. */
function videoStarter(): Design {
  const design = loadTemplate("video-upload");
  const gapped = VIDEO_UPLOAD_API_CODE.replace("      videoId: videoId,\n", "");
  if (gapped === VIDEO_UPLOAD_API_CODE) throw new Error("video starter: the message_queue videoId line was not found in the template code");
  return {
    ...design,
    components: design.components.map((c) => (c.id === "api" && c.kind === "api-service" ? { ...c, config: { code: gapped } } : c)),
  };
}

const thumbnailVideoId: LabTask = {
  id: "thumbnail-video-id",
  title: "Give the thumbnail generator the videoId",
  goal: "Thumbnails are being written without a videoId, so nobody can tell which video they belong to. Make each new thumbnail row carry the id of the video uploaded in the same run.",
  templateId: "video-upload",
  hints: [
    "Consumers in After Response mode see only input.message_queue_input.",
    "Look at what the Video-Upload-Service puts into message_queue.",
  ],
  starter: videoStarter,
  check(run, design) {
    const blocked = precheck(run, "Video-Upload-Service");
    if (blocked) return blocked;
    if (!tableAfter(run, "thumbnails") || !tableAfter(run, "videos")) return wrongTemplate("thumbnails", "Video upload");
    if (!run.queue?.triggered) return { done: false, feedback: `The consumers did not run. ${run.queue?.notice ?? "Connect the API Service to the Message Queue."}` };
    const thumbnailer = consumerWritingTo(run, design, "thumbnails", /thumbnail/i);
    if (thumbnailer && thumbnailer.status === "error") return { done: false, feedback: `${thumbnailer.name} failed: ${thumbnailer.error}` };
    const thumbnails = rowsWrittenByRun(run, design, "thumbnails");
    if (thumbnails.length === 0) return { done: false, feedback: "No thumbnail row was written in this run." };
    const videoIds = rowsWrittenByRun(run, design, "videos").map((row) => rowKey(row.id));
    if (videoIds.length === 0) return { done: false, feedback: "No video row was written in this run, so there is nothing to link the thumbnail to." };
    const linked = thumbnails.find((row) => rowKey(row.videoId) !== undefined && videoIds.includes(rowKey(row.videoId)));
    if (linked) {
      return {
        done: true,
        feedback: `The new thumbnail row points at ${linked.videoId}, the video this run uploaded: the API's message now carries what its consumers need.`,
      };
    }
    const withId = thumbnails.find((row) => row.videoId !== undefined && row.videoId !== null);
    if (withId) {
      return { done: false, feedback: `The thumbnail row's videoId is ${JSON.stringify(withId.videoId)}, but the video uploaded in this run is ${videoIds.join(", ")}.` };
    }
    return {
      done: false,
      feedback: "The new thumbnail row has no videoId. The Thumbnail-Generator reads input.message_queue_input.videoId: does the Video-Upload-Service put videoId into message_queue?",
    };
  },
};

const registrationAfterResponse: LabTask = {
  id: "registration-after-response",
  title: "Switch registration to After Response",
  goal: "Switch the registration queue to After Response without breaking it: the welcome email must still go out, and the default preferences must now be stored under the new user's userId.",
  templateId: "user-registration",
  hints: [
    "In After Response mode consumers get input.message_queue_input, not input.data.",
    "Only the Auth Service knows the new userId; it must send it in message_queue.",
  ],
  starter: () => loadTemplate("user-registration"),
  check(run, design) {
    const blocked = precheck(run, "Auth-Service");
    if (blocked) return blocked;
    if (!tableAfter(run, "users") || !tableAfter(run, "user_preferences")) return wrongTemplate("user_preferences", "User registration");
    if (!run.queue) return { done: false, feedback: "The Auth Service is not connected to a Message Queue." };
    if (run.queue.triggerMode !== "after-response") {
      return { done: false, feedback: `The queue ${run.queue.name} is still in Immediate mode: switch it to After Response.` };
    }
    if (!run.queue.triggered) {
      return { done: false, feedback: `Switched, but now nothing reaches the consumers. ${run.queue.notice ?? ""}`.trim() };
    }
    const failed = run.queue.consumers.filter((c) => c.status !== "success");
    if (failed.length > 0) {
      const first = failed[0]!;
      return {
        done: false,
        feedback: `Consumer [${first.index}] ${first.name} failed: ${first.error} In After Response mode consumers read input.message_queue_input.`,
      };
    }
    const user = rowsWrittenByRun(run, design, "users")[0];
    if (!user) return { done: false, feedback: "No user row was written in this run." };
    const email = rowsWrittenByRun(run, design, "emails").find((row) => row.to === user.email);
    if (!email) return { done: false, feedback: `No welcome email to ${String(user.email)} was recorded in this run: send the email address in message_queue too.` };
    const preferences = rowsWrittenByRun(run, design, "user_preferences");
    if (preferences.length === 0) return { done: false, feedback: "No preferences row was written in this run." };
    if (!preferences.some((row) => row.userId === user.userId)) {
      return {
        done: false,
        feedback: `The preferences row is not stored under the new userId (${String(user.userId)}). Put userId in message_queue and save it as a userId column.`,
      };
    }
    return {
      done: true,
      feedback: `Consumers now start after ${String(user.userId)} exists: the welcome email went to ${String(user.email)} and the preferences carry the userId only the Auth Service could know.`,
    };
  },
};

const ordersFailureIsolation: LabTask = {
  id: "orders-failure-isolation",
  title: "Break analytics, keep the order",
  goal: "Make the Analytics consumer fail, run the order again, and confirm that the customer still gets their confirmation while inventory and email still do their work.",
  templateId: "order-processing",
  hints: ['The quickest failure: throw new Error("analytics is down") at the top of its processRequest.'],
  starter: () => loadTemplate("order-processing"),
  check(run, design) {
    const blocked = precheck(run, "Order-Service");
    if (blocked) return blocked;
    if (!tableAfter(run, "orders") || !tableAfter(run, "inventory")) return wrongTemplate("inventory", "Order processing");
    if (!run.queue?.triggered) return { done: false, feedback: `The consumers did not run. ${run.queue?.notice ?? ""}`.trim() };
    const analytics = consumerWritingTo(run, design, "metrics", /analytic/i);
    if (!analytics) return { done: false, feedback: "There is no Analytics consumer on the queue: reconnect it." };
    if (analytics.status === "success") {
      return { done: false, feedback: `${analytics.name} still succeeds. Make its processRequest fail (throw an error), then run again.` };
    }
    const othersFailed = run.queue.consumers.filter((c) => c.componentId !== analytics.componentId && c.status !== "success");
    if (othersFailed.length > 0) {
      return {
        done: false,
        feedback: `${othersFailed.map((c) => c.name).join(" and ")} failed too (${othersFailed[0]!.error}). Break only ${analytics.name}, so you can see the others carry on.`,
      };
    }
    if (run.response?.status !== 201) return { done: false, feedback: `The customer got ${run.response?.status}, not 201 Created.` };
    const order = rowsWrittenByRun(run, design, "orders")[0];
    const orderId = order?.orderId;
    const reserved = tableAfter(run, "inventory")?.rows.some((row) => row.lastOrderId === orderId);
    const emailed = rowsWrittenByRun(run, design, "notifications").some((row) => row.orderId === orderId);
    if (!order || !reserved || !emailed) {
      return { done: false, feedback: "Analytics failed, but the inventory reservation or the confirmation email for this order is missing." };
    }
    return {
      done: true,
      feedback: `${analytics.name} failed alone (${analytics.error}). Order ${String(orderId)} was still confirmed with 201, its stock reserved and its email recorded: failure isolation.`,
    };
  },
};

const socialSearchIndexer: LabTask = {
  id: "social-search-indexer",
  title: "Add a search indexer to the fan-out",
  goal: "Add a fourth consumer to the post queue that writes each new post into a search_index table (with its postId), without disturbing the other three.",
  templateId: "social-post-fanout",
  hints: [
    "Add a Consumer, connect MQ-1 to it and it to a Database.",
    'Its processRequest can INSERT into table "search_index" with postId from input.message_queue_input.',
  ],
  starter: () => loadTemplate("social-post-fanout"),
  check(run, design) {
    const blocked = precheck(run, "Create-Post");
    if (blocked) return blocked;
    if (!tableAfter(run, "posts")) return wrongTemplate("posts", "Social post fan-out");
    if (!run.queue?.triggered) return { done: false, feedback: `The consumers did not run. ${run.queue?.notice ?? ""}`.trim() };
    if (run.queue.consumerCount < 4) {
      return { done: false, feedback: `${run.queue.name} has ${run.queue.consumerCount} consumers; connect a fourth one for search indexing.` };
    }
    const failed = run.queue.consumers.filter((c) => c.status !== "success");
    if (failed.length > 0) return { done: false, feedback: `Consumer [${failed[0]!.index}] ${failed[0]!.name} failed: ${failed[0]!.error}` };
    const post = rowsWrittenByRun(run, design, "posts")[0];
    if (!post) return { done: false, feedback: "No post was written in this run." };
    const indexed = rowsWrittenByRun(run, design, "search_index");
    if (indexed.length === 0) return { done: false, feedback: 'No row was written to a "search_index" table in this run.' };
    if (!indexed.some((row) => row.postId === post.postId)) {
      return { done: false, feedback: `The search_index row has no postId ${String(post.postId)}: take postId from input.message_queue_input.` };
    }
    return { done: true, feedback: `Post ${String(post.postId)} was indexed by a fourth consumer while the other three still succeeded.` };
  },
};

export const LAB_TASKS: readonly LabTask[] = [thumbnailVideoId, registrationAfterResponse, ordersFailureIsolation, socialSearchIndexer];

/** The task with `id`, or undefined. */
export function getTask(id: string): LabTask | undefined {
  return LAB_TASKS.find((task) => task.id === id);
}
