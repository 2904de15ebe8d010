/**
 * Ready-made lab designs. Each runs green as loaded: the request body is
 * valid, every service's code returns a valid operation, every table it
 * touches exists (or is created by an INSERT), and every consumer succeeds.
 *
 * Layout is left → right in the order data flows: request, API, the API's
 * database and the queue, consumers, the consumers' databases.
 */
import type { Column, Design, LabComponent, Row, Table, TriggerMode } from "./design";

export interface LabTemplate {
  /** Stable id, used in URLs and by lab tasks. */
  id: string;
  title: string;
  summary: string;
  /** Why this template uses its trigger mode; shown next to the queue's settings. */
  triggerModeReason: string;
  /** A fresh copy of the design each call, so edits never leak between loads. */
  design: () => Design;
}

const X = { request: 40, api: 300, middle: 560, consumer: 820, consumerDb: 1080 } as const;
const Y_API = 240;
/** Vertical pitch between consumers, in canvas pixels. */
const CONSUMER_PITCH = 160;

function table(name: string, primaryKey: string, columns: Array<[string, Column["type"]]>, rows: Row[] = []): Table {
  return { name, primaryKey, columns: columns.map(([n, type]) => ({ name: n, type })), rows };
}

interface ConsumerSpec {
  id: string;
  name: string;
  code: string;
  database: { id: string; name: string; tables: Table[] };
}

interface FlowSpec {
  title: string;
  request: { endpoint: string; method: "POST"; body: unknown };
  api: { name: string; code: string };
  apiDatabase: { id: string; name: string; tables: Table[] };
  queue: { name: string; triggerMode: TriggerMode };
  consumers: ConsumerSpec[];
}

/** Builds a request → API → (database, queue → consumers → databases) design. */
function buildFlow(spec: FlowSpec): Design {
  const firstConsumerY = Y_API - ((spec.consumers.length - 1) * CONSUMER_PITCH) / 2 + 80;
  const components: LabComponent[] = [
    {
      id: "request",
      kind: "user-request",
      name: "User Request",
      position: { x: X.request, y: Y_API },
      config: { endpoint: spec.request.endpoint, method: spec.request.method, body: JSON.stringify(spec.request.body, null, 2) },
    },
    { id: "api", kind: "api-service", name: spec.api.name, position: { x: X.api, y: Y_API }, config: { code: spec.api.code } },
    { id: spec.apiDatabase.id, kind: "database", name: spec.apiDatabase.name, position: { x: X.middle, y: Y_API - 180 }, config: { tables: spec.apiDatabase.tables } },
    { id: "mq", kind: "message-queue", name: spec.queue.name, position: { x: X.middle, y: Y_API + 80 }, config: { triggerMode: spec.queue.triggerMode } },
  ];
  const connections = [
    { from: "request", to: "api" },
    { from: "api", to: spec.apiDatabase.id },
    { from: "api", to: "mq" },
  ];
  spec.consumers.forEach((consumer, i) => {
    const y = firstConsumerY + i * CONSUMER_PITCH;
    components.push(
      { id: consumer.id, kind: "consumer", name: consumer.name, position: { x: X.consumer, y }, config: { code: consumer.code } },
      { id: consumer.database.id, kind: "database", name: consumer.database.name, position: { x: X.consumerDb, y }, config: { tables: consumer.database.tables } },
    );
    connections.push({ from: "mq", to: consumer.id }, { from: consumer.id, to: consumer.database.id });
  });
  return { version: 1, title: spec.title, components, connections };
}

// ---------------------------------------------------------------------------
// Video upload (After Response)
// ---------------------------------------------------------------------------

export const VIDEO_UPLOAD_API_CODE = `// Video Upload Service (API Service)
// Saves the video's metadata and answers the user at once. Thumbnails and
// recommendations are slow, so they are handed to the queue instead of being
// done here. In After Response mode the consumers see only what this service
// puts in message_queue, never the original request.
function processRequest(input) {
  const video = input.data;
  if (!video.title) {
    throw new Error("A video needs a title");
  }

  // The id only exists once this service has run: that is why the queue
  // waits for us (After Response) instead of starting with the raw request.
  const videoId = "VIDEO-" + Math.floor(100000 + Math.random() * 900000);
  const cdnUrl = "https://cdn.example.com/videos/" + videoId;

  return {
    operation: "INSERT",
    table: "videos",
    data: {
      id: videoId,
      title: video.title,
      description: video.description || "",
      tags: (video.tags || []).join(","),
      duration: video.duration,
      cdnUrl: cdnUrl,
      status: "uploaded",
      uploadedAt: new Date().toISOString(),
    },
    // Every consumer receives this object as input.message_queue_input.
    // Keep it small: ids and what the consumers need, not the whole upload.
    message_queue: {
      videoId: videoId,
      cdnUrl: cdnUrl,
      title: video.title,
      duration: video.duration,
    },
  };
}
`;

export const THUMBNAIL_CONSUMER_CODE = `// Thumbnail Generator (Consumer)
// Runs after the user already has their response. Its input is the message
// the API Service queued, found in input.message_queue_input.
function processRequest(input) {
  const message = input.message_queue_input;

  // A real worker would render frames here; we record where they would go.
  return {
    operation: "INSERT",
    table: "thumbnails",
    // No id given: the database generates one (thumbnails-1, thumbnails-2, ...).
    data: {
      videoId: message.videoId,
      thumbnailUrl: message.cdnUrl + "/thumbnail.jpg",
      generatedAt: new Date().toISOString(),
    },
  };
}
`;

export const RECOMMENDATION_CONSUMER_CODE = `// Recommendation Engine (Consumer)
// Also fed by the queue, independently of the thumbnail generator: if one of
// them fails, the other still does its work.
function processRequest(input) {
  const message = input.message_queue_input;

  // Short videos get a boost on the home page; long ones go to "watch later".
  const recommendationType = message.duration < 600 ? "quick_watch" : "new_upload";

  return {
    operation: "INSERT",
    table: "recommendations",
    data: {
      videoId: message.videoId,
      title: message.title,
      recommendationType: recommendationType,
      score: 0.95,
      updatedAt: new Date().toISOString(),
    },
  };
}
`;

function videoUploadDesign(): Design {
  return buildFlow({
    title: "Video upload",
    request: {
      endpoint: "/videos",
      method: "POST",
      body: {
        title: "Message queues in 10 minutes",
        description: "Producers, consumers and why the upload returns before the thumbnails exist.",
        tags: ["queues", "architecture"],
        duration: 612,
      },
    },
    api: { name: "Video-Upload-Service", code: VIDEO_UPLOAD_API_CODE },
    apiDatabase: {
      id: "db-videos",
      name: "Videos DB",
      tables: [
        table(
          "videos",
          "id",
          [
            ["id", "TEXT"],
            ["title", "TEXT"],
            ["description", "TEXT"],
            ["tags", "TEXT"],
            ["duration", "INTEGER"],
            ["cdnUrl", "TEXT"],
            ["status", "TEXT"],
            ["uploadedAt", "TEXT"],
          ],
          [
            {
              id: "VIDEO-100001",
              title: "What is a broker?",
              description: "A first look at message brokers.",
              tags: "intro",
              duration: 300,
              cdnUrl: "https://cdn.example.com/videos/VIDEO-100001",
              status: "ready",
              uploadedAt: "2024-12-01T09:00:00.000Z",
            },
          ],
        ),
      ],
    },
    queue: { name: "MQ-1", triggerMode: "after-response" },
    consumers: [
      {
        id: "consumer-thumbnails",
        name: "Thumbnail-Generator",
        code: THUMBNAIL_CONSUMER_CODE,
        database: {
          id: "db-media",
          name: "Media DB",
          tables: [table("thumbnails", "id", [["id", "TEXT"], ["videoId", "TEXT"], ["thumbnailUrl", "TEXT"], ["generatedAt", "TEXT"]])],
        },
      },
      {
        id: "consumer-recommendations",
        name: "Recommendation-Engine",
        code: RECOMMENDATION_CONSUMER_CODE,
        database: {
          id: "db-recommendations",
          name: "Recommendations DB",
          tables: [
            table("recommendations", "id", [
              ["id", "TEXT"],
              ["videoId", "TEXT"],
              ["title", "TEXT"],
              ["recommendationType", "TEXT"],
              ["score", "REAL"],
              ["updatedAt", "TEXT"],
            ]),
          ],
        },
      },
    ],
  });
}

// ---------------------------------------------------------------------------
// Order processing (After Response)
// ---------------------------------------------------------------------------

export const ORDER_API_CODE = `// Order Service (API Service)
// Confirms the order and answers the customer. Reserving stock, emailing and
// analytics happen afterwards, through the queue.
function processRequest(input) {
  const order = input.data;
  if (!Array.isArray(order.items) || order.items.length === 0) {
    throw new Error("An order needs at least one item");
  }

  // Prices are in dollars; round the total to whole cents.
  let total = 0;
  for (const item of order.items) {
    total += item.quantity * item.price;
  }
  total = Math.round(total * 100) / 100;

  const orderId = "ORD-" + Math.floor(10000 + Math.random() * 90000);

  return {
    operation: "INSERT",
    table: "orders",
    data: {
      orderId: orderId,
      userId: order.userId,
      itemCount: order.items.length,
      total: total,
      status: "confirmed",
      createdAt: new Date().toISOString(),
    },
    // After Response: consumers start only once the order is stored, and
    // they learn its orderId from here.
    message_queue: {
      orderId: orderId,
      userId: order.userId,
      items: order.items,
      total: total,
    },
  };
}
`;

export const INVENTORY_CONSUMER_CODE = `// Inventory Service (Consumer)
// Reserves stock for the order. The row to change is the product, so this is
// an UPDATE with record_id = the product's sku; a sku that is not in the
// inventory table makes the UPDATE fail, for this consumer only.
function processRequest(input) {
  const message = input.message_queue_input;

  // A service returns one database operation per run in this lab, so we
  // reserve the first line item; a production service would reserve every
  // line inside one transaction.
  const item = message.items[0];

  return {
    operation: "UPDATE",
    table: "inventory",
    record_id: item.productId,
    data: {
      reservedQuantity: item.quantity,
      lastOrderId: message.orderId,
      status: "reserved",
    },
  };
}
`;

export const ORDER_EMAIL_CONSUMER_CODE = `// Email Service (Consumer)
// Sends the order confirmation. It needs the orderId, which only exists after
// the Order Service ran: one reason this queue uses After Response.
function processRequest(input) {
  const message = input.message_queue_input;

  return {
    operation: "INSERT",
    table: "notifications",
    data: {
      userId: message.userId,
      type: "order_confirmation",
      orderId: message.orderId,
      subject: "Your order " + message.orderId + " is confirmed",
      sentAt: new Date().toISOString(),
    },
  };
}
`;

export const ORDER_ANALYTICS_CONSUMER_CODE = `// Analytics (Consumer)
// Records revenue for dashboards. Nobody waits for it, and if it breaks the
// order, the stock reservation and the email are unaffected.
function processRequest(input) {
  const message = input.message_queue_input;

  return {
    operation: "INSERT",
    table: "metrics",
    data: {
      event: "order_placed",
      orderId: message.orderId,
      revenue: message.total,
      itemCount: message.items.length,
      timestamp: new Date().toISOString(),
    },
  };
}
`;

function orderProcessingDesign(): Design {
  return buildFlow({
    title: "Order processing",
    request: {
      endpoint: "/orders",
      method: "POST",
      body: {
        userId: "user-42",
        items: [
          { productId: "SKU-1001", quantity: 2, price: 24.5 },
          { productId: "SKU-2002", quantity: 1, price: 12 },
        ],
      },
    },
    api: { name: "Order-Service", code: ORDER_API_CODE },
    apiDatabase: {
      id: "db-orders",
      name: "Orders DB",
      tables: [
        table("orders", "orderId", [
          ["orderId", "TEXT"],
          ["userId", "TEXT"],
          ["itemCount", "INTEGER"],
          ["total", "REAL"],
          ["status", "TEXT"],
          ["createdAt", "TEXT"],
        ]),
      ],
    },
    queue: { name: "MQ-1", triggerMode: "after-response" },
    consumers: [
      {
        id: "consumer-inventory",
        name: "Inventory-Service",
        code: INVENTORY_CONSUMER_CODE,
        database: {
          id: "db-inventory",
          name: "Inventory DB",
          tables: [
            table(
              "inventory",
              "sku",
              [
                ["sku", "TEXT"],
                ["name", "TEXT"],
                ["stock", "INTEGER"],
                ["reservedQuantity", "INTEGER"],
                ["lastOrderId", "TEXT"],
                ["status", "TEXT"],
              ],
              [
                { sku: "SKU-1001", name: "Mechanical keyboard", stock: 40, reservedQuantity: 0, lastOrderId: null, status: "in_stock" },
                { sku: "SKU-2002", name: "USB-C cable", stock: 250, reservedQuantity: 0, lastOrderId: null, status: "in_stock" },
                { sku: "SKU-3003", name: "Monitor arm", stock: 12, reservedQuantity: 0, lastOrderId: null, status: "in_stock" },
              ],
            ),
          ],
        },
      },
      {
        id: "consumer-email",
        name: "Email-Service",
        code: ORDER_EMAIL_CONSUMER_CODE,
        database: {
          id: "db-notifications",
          name: "Notifications DB",
          tables: [
            table("notifications", "id", [
              ["id", "TEXT"],
              ["userId", "TEXT"],
              ["type", "TEXT"],
              ["orderId", "TEXT"],
              ["subject", "TEXT"],
              ["sentAt", "TEXT"],
            ]),
          ],
        },
      },
      {
        id: "consumer-analytics",
        name: "Analytics",
        code: ORDER_ANALYTICS_CONSUMER_CODE,
        database: {
          id: "db-analytics",
          name: "Analytics DB",
          tables: [
            table("metrics", "id", [
              ["id", "TEXT"],
              ["event", "TEXT"],
              ["orderId", "TEXT"],
              ["revenue", "REAL"],
              ["itemCount", "INTEGER"],
              ["timestamp", "TEXT"],
            ]),
          ],
        },
      },
    ],
  });
}

// ---------------------------------------------------------------------------
// User registration (Immediate)
// ---------------------------------------------------------------------------

export const REGISTRATION_API_CODE = `// Auth Service (API Service)
// Creates the account. The queue runs in Immediate mode, so the consumers
// started at the same moment as this service, with the same request.
function processRequest(input) {
  const user = input.data;
  if (typeof user.email !== "string" || !user.email.includes("@")) {
    throw new Error("A valid email address is required");
  }

  const userId = "USER-" + Math.floor(10000 + Math.random() * 90000);

  return {
    operation: "INSERT",
    table: "users",
    data: {
      userId: userId,
      email: user.email,
      name: user.name,
      createdAt: new Date().toISOString(),
    },
  };
}
`;

export const WELCOME_EMAIL_CONSUMER_CODE = `// Welcome Email (Consumer)
// Immediate mode: the input is the original request, the same object the Auth
// Service received, so the email address is in input.data.
function processRequest(input) {
  const user = input.data;

  return {
    operation: "INSERT",
    table: "emails",
    data: {
      to: user.email,
      subject: "Welcome, " + user.name + "!",
      template: "welcome_email",
      sentAt: new Date().toISOString(),
    },
  };
}
`;

export const PREFERENCES_CONSUMER_CODE = `// Preferences Service (Consumer)
// Creates default settings. It has only what the user typed (Immediate mode),
// not the new userId, so it files the preferences under the email address.
function processRequest(input) {
  const user = input.data;

  return {
    operation: "INSERT",
    table: "user_preferences",
    data: {
      email: user.email,
      notifications: "enabled",
      theme: "light",
      language: user.language || "en",
    },
  };
}
`;

function userRegistrationDesign(): Design {
  return buildFlow({
    title: "User registration",
    request: {
      endpoint: "/register",
      method: "POST",
      body: { email: "ada@example.com", name: "Ada", language: "en" },
    },
    api: { name: "Auth-Service", code: REGISTRATION_API_CODE },
    apiDatabase: {
      id: "db-users",
      name: "Users DB",
      tables: [table("users", "userId", [["userId", "TEXT"], ["email", "TEXT"], ["name", "TEXT"], ["createdAt", "TEXT"]])],
    },
    queue: { name: "MQ-1", triggerMode: "immediate" },
    consumers: [
      {
        id: "consumer-welcome-email",
        name: "Welcome-Email",
        code: WELCOME_EMAIL_CONSUMER_CODE,
        database: {
          id: "db-emails",
          name: "Email DB",
          tables: [table("emails", "id", [["id", "TEXT"], ["to", "TEXT"], ["subject", "TEXT"], ["template", "TEXT"], ["sentAt", "TEXT"]])],
        },
      },
      {
        id: "consumer-preferences",
        name: "Preferences-Service",
        code: PREFERENCES_CONSUMER_CODE,
        database: {
          id: "db-settings",
          name: "Settings DB",
          tables: [
            table("user_preferences", "id", [
              ["id", "TEXT"],
              ["email", "TEXT"],
              ["notifications", "TEXT"],
              ["theme", "TEXT"],
              ["language", "TEXT"],
            ]),
          ],
        },
      },
    ],
  });
}

// ---------------------------------------------------------------------------
// Social post fan-out (After Response)
// ---------------------------------------------------------------------------

export const POST_API_CODE = `// Create Post (API Service)
// Stores the post and returns. Telling followers, updating feeds and counting
// are fan-out work: one post, many independent consumers.
function processRequest(input) {
  const post = input.data;
  if (!post.content) {
    throw new Error("A post needs some content");
  }

  const postId = "POST-" + Math.floor(100000 + Math.random() * 900000);

  return {
    operation: "INSERT",
    table: "posts",
    data: {
      postId: postId,
      userId: post.userId,
      content: post.content,
      createdAt: new Date().toISOString(),
    },
    message_queue: {
      postId: postId,
      userId: post.userId,
      // A preview, not the whole post: consumers only need a snippet.
      preview: post.content.slice(0, 100),
      // A real service would look this up in the social graph.
      followerCount: 1500,
    },
  };
}
`;

export const NOTIFY_FOLLOWERS_CONSUMER_CODE = `// Notify Followers (Consumer)
// One notification record standing for the push sent to every follower.
function processRequest(input) {
  const message = input.message_queue_input;

  return {
    operation: "INSERT",
    table: "notifications",
    data: {
      postId: message.postId,
      authorId: message.userId,
      type: "new_post",
      recipients: message.followerCount,
      text: message.userId + " posted: " + message.preview,
    },
  };
}
`;

export const UPDATE_FEEDS_CONSUMER_CODE = `// Update Feeds (Consumer)
// Puts the post into followers' home feeds ("fan-out on write").
function processRequest(input) {
  const message = input.message_queue_input;

  return {
    operation: "INSERT",
    table: "user_feeds",
    data: {
      postId: message.postId,
      authorId: message.userId,
      preview: message.preview,
      fannedOutTo: message.followerCount,
      insertedAt: new Date().toISOString(),
    },
  };
}
`;

export const POST_ANALYTICS_CONSUMER_CODE = `// Post Analytics (Consumer)
// Starts the counters for the new post; the post id doubles as the row id.
function processRequest(input) {
  const message = input.message_queue_input;

  return {
    operation: "INSERT",
    table: "post_metrics",
    data: {
      postId: message.postId,
      authorId: message.userId,
      views: 0,
      likes: 0,
      shares: 0,
    },
  };
}
`;

function socialPostDesign(): Design {
  return buildFlow({
    title: "Social post fan-out",
    request: {
      endpoint: "/posts",
      method: "POST",
      body: { userId: "user-7", content: "Just moved our notifications onto a message queue: posting is instant again, and the fan-out happens in the background." },
    },
    api: { name: "Create-Post", code: POST_API_CODE },
    apiDatabase: {
      id: "db-posts",
      name: "Posts DB",
      tables: [table("posts", "postId", [["postId", "TEXT"], ["userId", "TEXT"], ["content", "TEXT"], ["createdAt", "TEXT"]])],
    },
    queue: { name: "MQ-1", triggerMode: "after-response" },
    consumers: [
      {
        id: "consumer-notify",
        name: "Notify-Followers",
        code: NOTIFY_FOLLOWERS_CONSUMER_CODE,
        database: {
          id: "db-notifications",
          name: "Notifications DB",
          tables: [
            table("notifications", "id", [
              ["id", "TEXT"],
              ["postId", "TEXT"],
              ["authorId", "TEXT"],
              ["type", "TEXT"],
              ["recipients", "INTEGER"],
              ["text", "TEXT"],
            ]),
          ],
        },
      },
      {
        id: "consumer-feeds",
        name: "Update-Feeds",
        code: UPDATE_FEEDS_CONSUMER_CODE,
        database: {
          id: "db-feeds",
          name: "Feeds DB",
          tables: [
            table("user_feeds", "id", [
              ["id", "TEXT"],
              ["postId", "TEXT"],
              ["authorId", "TEXT"],
              ["preview", "TEXT"],
              ["fannedOutTo", "INTEGER"],
              ["insertedAt", "TEXT"],
            ]),
          ],
        },
      },
      {
        id: "consumer-post-analytics",
        name: "Post-Analytics",
        code: POST_ANALYTICS_CONSUMER_CODE,
        database: {
          id: "db-post-metrics",
          name: "Metrics DB",
          tables: [
            table("post_metrics", "postId", [
              ["postId", "TEXT"],
              ["authorId", "TEXT"],
              ["views", "INTEGER"],
              ["likes", "INTEGER"],
              ["shares", "INTEGER"],
            ]),
          ],
        },
      },
    ],
  });
}

export const TEMPLATES: readonly LabTemplate[] = [
  {
    id: "video-upload",
    title: "Video upload",
    summary: "Upload a video, answer at once, then generate thumbnails and update recommendations in the background.",
    triggerModeReason: "After Response: both consumers need the videoId and CDN URL that only exist once the upload service has run.",
    design: videoUploadDesign,
  },
  {
    id: "order-processing",
    title: "Order processing",
    summary: "Confirm an order, then reserve inventory, email the customer and record analytics asynchronously.",
    triggerModeReason:
      "After Response: the consumers need the orderId the Order Service generates, and stock must not be reserved nor an email sent for an order that was never stored; Immediate would run them even when the order fails.",
    design: orderProcessingDesign,
  },
  {
    id: "user-registration",
    title: "User registration",
    summary: "Create an account while a welcome email and default preferences are prepared in parallel.",
    triggerModeReason:
      "Immediate: the welcome email and the default preferences need only what the user typed, so they start at once, in parallel with the Auth Service. The cost: they run even if registration fails.",
    design: userRegistrationDesign,
  },
  {
    id: "social-post-fanout",
    title: "Social post fan-out",
    summary: "Publish a post, then notify followers, update feeds and start analytics, each as its own consumer.",
    triggerModeReason: "After Response: every consumer keys its work by the postId the Create Post service generates.",
    design: socialPostDesign,
  },
];

export type TemplateId = "video-upload" | "order-processing" | "user-registration" | "social-post-fanout";

/** The template with `id`, or undefined. */
export function getTemplate(id: string): LabTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** A fresh design for a template; throws on an unknown id (ids are compile-time constants in callers). */
export function loadTemplate(id: TemplateId): Design {
  const template = getTemplate(id);
  if (!template) throw new Error(`Unknown lab template "${id}".`);
  return template.design();
}
