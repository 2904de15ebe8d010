/**
 * Scenario presets for the visual models, the traffic-spike toy and the queue playground, by id.
 * Each preset is an engine configuration plus the words a tooltip shows for every component
 * (what it does, why it is there) and the controls a widget can offer. Presets are data: the
 * widgets render `createScenario(id, seed)` and dispatch what the controls build.
 */
import { createSim } from "./engine";
import type { ConsumerConfig, SimAction, SimConfig, SimState } from "./types";

export type ScenarioId =
  | "message-queue"
  | "point-to-point"
  | "pub-sub"
  | "work-queue"
  | "delivery-guarantees"
  | "dead-letter"
  | "partitions"
  | "traffic-spike";

export interface ComponentLabel {
  name: string;
  kind: "producer" | "topic" | "queue" | "subscription" | "partition" | "group" | "consumer" | "dlq" | "service" | "store";
  /** What it does, in one or two short sentences. */
  does: string;
  /** Why the system needs it. */
  why: string;
}

export interface ScenarioControl {
  id: string;
  label: string;
  /** One sentence on what to watch after pressing it. */
  hint: string;
  /** The action for the current state; `null` when it does not apply right now (render it disabled). */
  build: (s: SimState) => SimAction | null;
  /** For toggles: whether the setting is currently on. */
  isOn?: (s: SimState) => boolean;
}

export interface ScenarioPreset {
  id: ScenarioId;
  title: string;
  summary: string;
  config: SimConfig;
  /** Keyed by component id: producer, topic, queue (incl. subscription and partition queues), group, consumer and effect-store ids; `service` for the sync service. */
  labels: Record<string, ComponentLabel>;
  controls: ScenarioControl[];
}

/**
 * An `add-consumer` action for a copy of an existing consumer's settings under the next free id
 * (`worker-2` -> `worker-3`, ...): how "add a worker" and "scale the group" buttons work.
 */
export function cloneConsumerAction(s: SimState, templateId: string): SimAction {
  const t = s.consumers[templateId];
  if (!t) throw new RangeError(`unknown consumer "${templateId}"`);
  const base = templateId.replace(/-\d+$/, "");
  const nameBase = t.name.replace(/\s*\d+$/, "");
  let n = 1;
  while (s.consumers[`${base}-${n}`]) n++;
  const consumer: ConsumerConfig = {
    id: `${base}-${n}`,
    name: `${nameBase} ${n}`,
    source: t.source,
    mode: t.settings.mode,
    processing: t.settings.processing,
    prefetch: t.settings.prefetch,
    concurrency: t.settings.concurrency,
    failureRate: t.settings.failureRate,
    crashRate: t.settings.crashRate,
    deliveryMode: t.settings.deliveryMode,
    idempotent: t.settings.idempotent,
    effectId: t.settings.effectId,
    restartMs: t.settings.restartMs,
    handlesPoison: t.settings.handlesPoison,
  };
  return { type: "add-consumer", consumer };
}

/** The newest consumer reading from `source` (by join order), or null. */
function newestConsumerOf(s: SimState, source: string): string | null {
  const group = s.groups[source];
  const ids = group ? group.members : s.queues[source]?.consumers ?? [];
  return ids.length > 0 ? ids[ids.length - 1] : null;
}

/** "Add a worker" for `source`: a copy of its newest consumer, while fewer than `max` consumers run in all. */
function addConsumerBuild(source: string, max: number): ScenarioControl["build"] {
  return (s) => {
    const t = newestConsumerOf(s, source);
    return t && Object.keys(s.consumers).length < max ? cloneConsumerAction(s, t) : null;
  };
}

/** "Remove a worker" for `source`: its newest consumer, while more than one consumer runs in all. */
function removeConsumerBuild(source: string): ScenarioControl["build"] {
  return (s) => {
    const t = newestConsumerOf(s, source);
    return t && Object.keys(s.consumers).length > 1 ? { type: "remove-consumer", consumerId: t } : null;
  };
}

/** The "producers running" toggle: on while `producerId` runs; pressing it pauses or resumes every producer. */
function producersToggle(producerId: string): Pick<ScenarioControl, "isOn" | "build"> {
  const running = (s: SimState) => s.producers[producerId]?.running ?? false;
  return { isOn: running, build: (s) => (running(s) ? { type: "pause-producers" } : { type: "resume-producers" }) };
}

function holdsUnfinishedWork(s: SimState, consumerId: string): boolean {
  const c = s.consumers[consumerId];
  return !!c && c.status === "up" && c.held.some((h) => h.stage === "processing" || h.stage === "held");
}

const DLQ_RETRY = { maxAttempts: 3, backoff: { baseMs: 500, factor: 2, maxMs: 4000 } };

const messageQueue: ScenarioPreset = {
  id: "message-queue",
  title: "A message queue between services",
  summary:
    "Two services publish events into one durable FIFO queue; email, inventory and analytics each get every event and work at their own pace. Events that keep failing are parked in a dead-letter queue.",
  config: {
    topics: [
      {
        id: "message-queue",
        name: "Message Queue",
        subscriptions: [
          { id: "email-queue", name: "Email's line", durable: true, visibilityTimeoutMs: 4000, ...DLQ_RETRY, deadLetterQueueId: "dead-letter-queue" },
          { id: "inventory-queue", name: "Inventory's line", durable: true, visibilityTimeoutMs: 4000, ...DLQ_RETRY, deadLetterQueueId: "dead-letter-queue" },
          { id: "analytics-queue", name: "Analytics' line", durable: true, visibilityTimeoutMs: 4000, ...DLQ_RETRY, deadLetterQueueId: "dead-letter-queue" },
        ],
      },
    ],
    queues: [{ id: "dead-letter-queue", name: "Dead Letter Queue", role: "dlq" }],
    producers: [
      { id: "order-service", name: "Order Service", target: "message-queue", ratePerSec: 0.5, labelPrefix: "Order placed", poisonEvery: 7 },
      { id: "payment-service", name: "Payment Service", target: "message-queue", ratePerSec: 0.4, labelPrefix: "Payment captured" },
    ],
    consumers: [
      { id: "email", name: "Email", source: "email-queue", processing: { kind: "uniform", minMs: 600, maxMs: 1000 }, effectLabel: "emails sent" },
      { id: "inventory", name: "Inventory", source: "inventory-queue", processing: { kind: "fixed", ms: 500 }, effectLabel: "stock updates" },
      { id: "analytics", name: "Analytics", source: "analytics-queue", processing: { kind: "uniform", minMs: 1000, maxMs: 1800 }, effectLabel: "events recorded" },
    ],
    sampleEveryMs: 250,
  },
  labels: {
    "order-service": {
      name: "Order Service",
      kind: "producer",
      does: "Publishes an \"order placed\" event and answers the customer straight away.",
      why: "It should not wait for emails or stock updates; publishing hands that work to whoever needs it.",
    },
    "payment-service": {
      name: "Payment Service",
      kind: "producer",
      does: "Publishes a \"payment captured\" event after charging the card.",
      why: "A second producer shows that the queue does not care who writes to it: producers and consumers never call each other.",
    },
    "message-queue": {
      name: "Message Queue (FIFO, durable)",
      kind: "topic",
      does: "Stores every event on disk and keeps one first-in-first-out line per consuming service, so each service gets its own copy.",
      why: "It is the buffer that decouples the two sides: producers keep going when a consumer is slow or down, and nothing is lost on a restart.",
    },
    "email-queue": {
      name: "Email's line",
      kind: "subscription",
      does: "Email's private copy of the event stream, delivered in order.",
      why: "Separate lines mean a slow or failing consumer only delays itself.",
    },
    "inventory-queue": {
      name: "Inventory's line",
      kind: "subscription",
      does: "Inventory's private copy of the event stream.",
      why: "Stock is updated from every order event even while email is behind.",
    },
    "analytics-queue": {
      name: "Analytics' line",
      kind: "subscription",
      does: "Analytics' private copy; it is often the longest line because analytics is the slowest reader.",
      why: "Analytics can lag without holding up emails or stock updates.",
    },
    email: {
      name: "Email",
      kind: "consumer",
      does: "Takes the next event, sends the confirmation email, then acknowledges it.",
      why: "The ack is what lets the queue delete the event; without it the event would be handed out again.",
    },
    inventory: {
      name: "Inventory",
      kind: "consumer",
      does: "Reserves stock for each order event and acknowledges it.",
      why: "Runs independently of email: if one crashes the other keeps working.",
    },
    analytics: {
      name: "Analytics",
      kind: "consumer",
      does: "Records each event for dashboards; slower than the others.",
      why: "Shows that a slow consumer only grows its own backlog.",
    },
    "dead-letter-queue": {
      name: "Dead Letter Queue",
      kind: "dlq",
      does: "Holds events that failed 3 attempts (with growing pauses between them), for someone to inspect and redrive.",
      why: "Without it a malformed event would be retried forever and block the events behind it.",
    },
  },
  controls: [
    { id: "publish-order", label: "Place an order", hint: "One event appears in all three lines.", build: () => ({ type: "publish", producerId: "order-service" }) },
    { id: "publish-malformed", label: "Publish a malformed order", hint: "Every consumer fails on it three times; then each copy lands in the dead-letter queue.", build: () => ({ type: "publish", producerId: "order-service", poison: true }) },
    {
      id: "crash-email",
      label: "Crash Email",
      hint: "Email's events wait in its line; inventory and analytics carry on.",
      build: (s) => (s.consumers.email?.status === "up" ? { type: "crash", consumerId: "email", point: "mid-processing" } : null),
    },
    {
      id: "producers",
      label: "Producers running",
      hint: "Pause to let the consumers catch up.",
      isOn: (s) => Object.values(s.producers).some((p) => p.running),
      build: (s) => (Object.values(s.producers).some((p) => p.running) ? { type: "pause-producers" } : { type: "resume-producers" }),
    },
  ],
};

const pointToPoint: ScenarioPreset = {
  id: "point-to-point",
  title: "Point-to-point: one message, one consumer",
  summary: "Charge requests go into one queue; whichever payment worker is free takes the next one, and no request is handled by both.",
  config: {
    queues: [{ id: "payment-requests", name: "Payment requests", visibilityTimeoutMs: 5000 }],
    producers: [{ id: "checkout", name: "Checkout", target: "payment-requests", ratePerSec: 0.8, labelPrefix: "Charge" }],
    consumers: [
      { id: "payment-worker-a", name: "Payment worker A", source: "payment-requests", processing: { kind: "uniform", minMs: 1000, maxMs: 1800 }, effectId: "charges", effectLabel: "charges applied" },
      { id: "payment-worker-b", name: "Payment worker B", source: "payment-requests", processing: { kind: "uniform", minMs: 1000, maxMs: 1800 }, effectId: "charges", effectLabel: "charges applied" },
    ],
    sampleEveryMs: 250,
  },
  labels: {
    checkout: {
      name: "Checkout",
      kind: "producer",
      does: "Sends one \"charge this card\" request per order.",
      why: "It only needs to know the queue's name, not which worker will do the charge or how many there are.",
    },
    "payment-requests": {
      name: "Payment requests",
      kind: "queue",
      does: "Holds requests in order and gives each one to exactly one consumer; while a worker has it, it is invisible to the others.",
      why: "A charge must happen once: the queue, not the workers, decides who owns each request.",
    },
    "payment-worker-a": {
      name: "Payment worker A",
      kind: "consumer",
      does: "Takes the next request, charges the card, acknowledges.",
      why: "When it acknowledges, the request is deleted; nobody else will see it.",
    },
    "payment-worker-b": {
      name: "Payment worker B",
      kind: "consumer",
      does: "Competes with worker A for the next request.",
      why: "Two workers share the load, yet each request still goes to only one of them.",
    },
  },
  controls: [
    { id: "publish", label: "Send a charge request", hint: "Watch which single worker takes it.", build: () => ({ type: "publish", producerId: "checkout" }) },
    {
      id: "producers",
      label: "Checkout running",
      hint: "Pause to send requests one at a time.",
      ...producersToggle("checkout"),
    },
  ],
};

const pubSub: ScenarioPreset = {
  id: "pub-sub",
  title: "Publish/subscribe: one message, many consumers",
  summary: "An \"order placed\" event is published once; inventory, email and analytics each receive their own copy and process it independently.",
  config: {
    topics: [
      {
        id: "order-events",
        name: "order-placed topic",
        subscriptions: [
          { id: "inventory-sub", name: "Inventory subscription", visibilityTimeoutMs: 5000 },
          { id: "email-sub", name: "Email subscription", visibilityTimeoutMs: 5000 },
          { id: "analytics-sub", name: "Analytics subscription", visibilityTimeoutMs: 5000 },
        ],
      },
    ],
    producers: [{ id: "order-service", name: "Order Service", target: "order-events", ratePerSec: 0.7, labelPrefix: "Order" }],
    consumers: [
      { id: "inventory", name: "Inventory", source: "inventory-sub", processing: { kind: "fixed", ms: 400 }, effectLabel: "stock reserved" },
      { id: "email", name: "Email", source: "email-sub", processing: { kind: "uniform", minMs: 500, maxMs: 900 }, effectLabel: "emails sent" },
      { id: "analytics", name: "Analytics", source: "analytics-sub", processing: { kind: "uniform", minMs: 900, maxMs: 1700 }, effectLabel: "events recorded" },
    ],
    sampleEveryMs: 250,
  },
  labels: {
    "order-service": {
      name: "Order Service",
      kind: "producer",
      does: "Publishes one \"order placed\" event per order to the topic.",
      why: "It announces what happened once, without knowing who is listening; adding a listener needs no change here.",
    },
    "order-events": {
      name: "order-placed topic",
      kind: "topic",
      does: "Copies each event into every subscription.",
      why: "Fan-out: each interested service gets the event, so no service has to call the others.",
    },
    "inventory-sub": { name: "Inventory subscription", kind: "subscription", does: "Inventory's own queue of copies.", why: "Its progress is tracked separately from the other subscribers." },
    "email-sub": { name: "Email subscription", kind: "subscription", does: "Email's own queue of copies.", why: "Email keeps flowing even when analytics falls behind." },
    "analytics-sub": { name: "Analytics subscription", kind: "subscription", does: "Analytics' own queue; it grows when analytics is slow.", why: "The backlog of a slow subscriber stays in its own queue." },
    inventory: { name: "Inventory", kind: "consumer", does: "Reserves stock for every order.", why: "Processes its copy without waiting for email or analytics." },
    email: { name: "Email", kind: "consumer", does: "Sends a confirmation for every order.", why: "Gets every event even though inventory also consumed it: copies, not competition." },
    analytics: { name: "Analytics", kind: "consumer", does: "Records every order; the slowest subscriber.", why: "Its lag shows that subscribers are independent." },
  },
  controls: [
    { id: "publish", label: "Place an order", hint: "One publish, three copies.", build: () => ({ type: "publish", producerId: "order-service" }) },
    {
      id: "crash-analytics",
      label: "Crash Analytics",
      hint: "Its copies wait in its subscription; the other two keep going.",
      build: (s) => (s.consumers.analytics?.status === "up" ? { type: "crash", consumerId: "analytics", point: "mid-processing" } : null),
    },
    {
      id: "producers",
      label: "Order Service running",
      hint: "Pause to publish one event at a time.",
      ...producersToggle("order-service"),
    },
  ],
};

const workQueue: ScenarioPreset = {
  id: "work-queue",
  title: "Work queue: spread jobs over workers",
  summary: "Uploads arrive faster than two workers can resize them, so a backlog builds; add workers and it drains, remove them and it grows again.",
  config: {
    queues: [{ id: "resize-jobs", name: "Image resize jobs", visibilityTimeoutMs: 10_000 }],
    producers: [{ id: "upload-service", name: "Upload Service", target: "resize-jobs", ratePerSec: 3, arrival: "poisson", labelPrefix: "Photo" }],
    consumers: [
      { id: "worker-1", name: "Worker 1", source: "resize-jobs", processing: { kind: "uniform", minMs: 800, maxMs: 1400 }, effectId: "thumbnails", effectLabel: "thumbnails made" },
      { id: "worker-2", name: "Worker 2", source: "resize-jobs", processing: { kind: "uniform", minMs: 800, maxMs: 1400 }, effectId: "thumbnails", effectLabel: "thumbnails made" },
    ],
    sampleEveryMs: 250,
  },
  labels: {
    "upload-service": {
      name: "Upload Service",
      kind: "producer",
      does: "Adds a resize job for every uploaded photo, about 3 per second at random moments.",
      why: "Uploads come in bursts; the service accepts them at once instead of resizing while the user waits.",
    },
    "resize-jobs": {
      name: "Image resize jobs",
      kind: "queue",
      does: "Holds jobs until a worker is free; each job goes to one worker.",
      why: "Its length (the backlog) tells you whether you have enough workers.",
    },
    "worker-1": {
      name: "Worker 1",
      kind: "consumer",
      does: "Resizes one photo at a time, about 1.1 s each, then acknowledges.",
      why: "Each worker pulls when it is free, so fast workers simply take more jobs.",
    },
    "worker-2": {
      name: "Worker 2",
      kind: "consumer",
      does: "An identical worker on the same queue.",
      why: "Two workers handle about 1.8 jobs per second: less than arrive, so the backlog grows until you add more.",
    },
  },
  controls: [
    {
      id: "add-worker",
      label: "Add a worker",
      hint: "Throughput rises; with four workers the backlog drains.",
      build: addConsumerBuild("resize-jobs", 8),
    },
    {
      id: "remove-worker",
      label: "Remove a worker",
      hint: "Its unfinished job goes back to the front of the queue for another worker.",
      build: removeConsumerBuild("resize-jobs"),
    },
    {
      id: "producers",
      label: "Uploads running",
      hint: "Pause uploads and watch the workers empty the queue.",
      ...producersToggle("upload-service"),
    },
  ],
};

const deliveryGuarantees: ScenarioPreset = {
  id: "delivery-guarantees",
  title: "Delivery guarantees: duplicates and losses",
  summary:
    "A payment consumer charges a card for each order. Crash it after the charge but before the ack and the order is delivered again and charged twice, unless the consumer is idempotent. Switch to at-most-once and a crash loses the order instead.",
  config: {
    queues: [{ id: "payments", name: "Payments queue", visibilityTimeoutMs: 3000 }],
    producers: [{ id: "checkout", name: "Checkout", target: "payments", ratePerSec: 0.25, labelPrefix: "Order" }],
    consumers: [
      {
        id: "payment",
        name: "Payment consumer",
        source: "payments",
        processing: { kind: "fixed", ms: 1500 },
        effectId: "charges",
        effectLabel: "charges applied",
        restartMs: 1000,
        deliveryMode: "at-least-once",
        idempotent: false,
      },
    ],
    sampleEveryMs: 250,
  },
  labels: {
    checkout: { name: "Checkout", kind: "producer", does: "Publishes a \"charge order\" message every 4 seconds.", why: "Each order should be charged exactly once." },
    payments: {
      name: "Payments queue",
      kind: "queue",
      does: "Hands each message to the consumer and hides it for 3 s (the visibility timeout); if no ack arrives by then, it hands it out again.",
      why: "That redelivery is what makes at-least-once safe against crashes, and also what creates duplicates.",
    },
    payment: {
      name: "Payment consumer",
      kind: "consumer",
      does: "Charges the card (1.5 s), then acknowledges. Under at-most-once it acknowledges first, on receipt.",
      why: "Where the ack happens decides what a crash costs: a duplicate charge (ack after) or a lost order (ack before).",
    },
    charges: {
      name: "Charges ledger",
      kind: "store",
      does: "Counts charges per order; an order charged twice shows up here.",
      why: "An idempotent consumer checks this ledger before charging, so a redelivered order is recognised and skipped.",
    },
  },
  controls: [
    { id: "publish", label: "Place an order", hint: "One charge message enters the queue.", build: () => ({ type: "publish", producerId: "checkout" }) },
    {
      id: "crash-before-ack",
      label: "Crash after charging, before the ack",
      hint: "At-least-once: the message returns after 3 s and is charged again (or skipped if idempotent).",
      build: (s) => (holdsUnfinishedWork(s, "payment") ? { type: "crash", consumerId: "payment", point: "before-ack" } : null),
    },
    {
      id: "crash-mid-processing",
      label: "Crash before charging",
      hint: "At-least-once: redelivered and charged once. At-most-once: already acked, so the order is lost.",
      build: (s) => (holdsUnfinishedWork(s, "payment") ? { type: "crash", consumerId: "payment", point: "mid-processing" } : null),
    },
    {
      id: "idempotency",
      label: "Idempotent consumer",
      hint: "Checks the ledger by order id before charging.",
      isOn: (s) => s.consumers.payment?.settings.idempotent ?? false,
      build: (s) => (s.consumers.payment ? { type: "set-consumer", consumerId: "payment", patch: { idempotent: !s.consumers.payment.settings.idempotent } } : null),
    },
    {
      id: "at-most-once",
      label: "At-most-once (ack on receive)",
      hint: "Never a duplicate, but a crash loses the order.",
      isOn: (s) => s.consumers.payment?.settings.deliveryMode === "at-most-once",
      build: (s) =>
        s.consumers.payment
          ? { type: "set-consumer", consumerId: "payment", patch: { deliveryMode: s.consumers.payment.settings.deliveryMode === "at-most-once" ? "at-least-once" : "at-most-once" } }
          : null,
    },
  ],
};

const deadLetter: ScenarioPreset = {
  id: "dead-letter",
  title: "Poison messages and the dead-letter queue",
  summary:
    "Every sixth order is malformed and always fails. It is retried 3 times with growing pauses, then moved to the dead-letter queue while the good orders keep flowing. Deploy a fix and redrive it.",
  config: {
    queues: [
      { id: "orders", name: "Orders queue", visibilityTimeoutMs: 5000, ...DLQ_RETRY, deadLetterQueueId: "orders-dlq" },
      { id: "orders-dlq", name: "Dead-letter queue", role: "dlq" },
    ],
    producers: [{ id: "order-service", name: "Order Service", target: "orders", ratePerSec: 1, labelPrefix: "Order", poisonEvery: 6 }],
    consumers: [{ id: "fulfilment", name: "Fulfilment", source: "orders", processing: { kind: "fixed", ms: 600 }, effectLabel: "orders shipped" }],
    sampleEveryMs: 250,
  },
  labels: {
    "order-service": { name: "Order Service", kind: "producer", does: "Publishes an order per second; every sixth one is malformed.", why: "Real systems receive bad data sooner or later; the question is what it does to everything else." },
    orders: {
      name: "Orders queue",
      kind: "queue",
      does: "Gives a failed order back after 0.5 s, then 1 s; after the 3rd failure it moves it to the dead-letter queue.",
      why: "Retries fix temporary errors; the limit stops a permanent error from looping forever.",
    },
    fulfilment: {
      name: "Fulfilment",
      kind: "consumer",
      does: "Ships each order; hits an error on every malformed one (until the fix is deployed).",
      why: "A poison message fails the same way every time, no matter how often it is retried.",
    },
    "orders-dlq": {
      name: "Dead-letter queue",
      kind: "dlq",
      does: "Parks messages that ran out of attempts, with the reason, for inspection.",
      why: "The main queue keeps flowing; once the bug is fixed, redrive sends the parked messages back.",
    },
  },
  controls: [
    { id: "publish-poison", label: "Send a malformed order", hint: "It fails 3 times, then moves to the dead-letter queue.", build: () => ({ type: "publish", producerId: "order-service", poison: true }) },
    {
      id: "deploy-fix",
      label: "Fix deployed",
      hint: "Fulfilment now handles malformed orders.",
      isOn: (s) => s.consumers.fulfilment?.settings.handlesPoison ?? false,
      build: (s) => (s.consumers.fulfilment ? { type: "set-consumer", consumerId: "fulfilment", patch: { handlesPoison: !s.consumers.fulfilment.settings.handlesPoison } } : null),
    },
    {
      id: "redrive",
      label: "Redrive the dead-letter queue",
      hint: "Parked orders go back to the end of the orders queue with fresh attempts. Without the fix they fail again.",
      build: (s) => (s.totals.dead > 0 ? { type: "redrive", dlqId: "orders-dlq" } : null),
    },
  ],
};

const partitions: ScenarioPreset = {
  id: "partitions",
  title: "Partitions: order per key, scale across keys",
  summary:
    "Account events are routed by account id to one of 3 partitions, so each account's events stay in order. Alice is a hot key: half of all events land on her partition. Add or remove consumers and watch the partitions being reassigned.",
  config: {
    topics: [
      {
        id: "account-events",
        name: "account-events topic",
        partitions: 3,
        subscriptions: [{ id: "ledger", name: "Ledger writers", visibilityTimeoutMs: 5000 }],
      },
    ],
    producers: [
      {
        id: "banking-api",
        name: "Banking API",
        target: "account-events",
        ratePerSec: 2.5,
        arrival: "poisson",
        labelPrefix: "Txn",
        keys: ["alice", "dave", "erin", "ivan", "judy"],
        hotKey: { key: "alice", share: 0.5 },
      },
    ],
    consumers: [
      { id: "ledger-1", name: "Ledger writer 1", source: "ledger", processing: { kind: "uniform", minMs: 250, maxMs: 550 }, effectId: "ledger-entries", effectLabel: "ledger entries" },
      { id: "ledger-2", name: "Ledger writer 2", source: "ledger", processing: { kind: "uniform", minMs: 250, maxMs: 550 }, effectId: "ledger-entries", effectLabel: "ledger entries" },
    ],
    sampleEveryMs: 250,
  },
  labels: {
    "banking-api": {
      name: "Banking API",
      kind: "producer",
      does: "Publishes deposits and withdrawals keyed by account id; half of them are for Alice.",
      why: "The key is what keeps one account's events in order.",
    },
    "account-events": {
      name: "account-events topic",
      kind: "topic",
      does: "Hashes each key to a partition: the same account always lands on the same partition.",
      why: "Order is guaranteed inside a partition, not across partitions, so partitions can be processed in parallel.",
    },
    ledger: {
      name: "Ledger writers (consumer group)",
      kind: "group",
      does: "Shares the partitions among its members: each partition has exactly one owner at a time, and the group remembers an offset per partition.",
      why: "One owner per partition keeps per-key order while the group as a whole scales out.",
    },
    "ledger.p0": { name: "Partition 0", kind: "partition", does: "Ivan's and Judy's events, in the order they were published.", why: "A new message is delivered only after the previous one is acknowledged." },
    "ledger.p1": { name: "Partition 1", kind: "partition", does: "Dave's and Erin's events, in order.", why: "Its owner can work in parallel with the other partitions' owners." },
    "ledger.p2": {
      name: "Partition 2",
      kind: "partition",
      does: "Alice's events: the hot partition, with the longest line.",
      why: "A hot key cannot be spread over more consumers without giving up its order; more partitions do not help it.",
    },
    "ledger-1": { name: "Ledger writer 1", kind: "consumer", does: "Applies the events of the partitions it owns, one at a time per partition.", why: "It resumes each partition from the last committed offset after a rebalance." },
    "ledger-2": { name: "Ledger writer 2", kind: "consumer", does: "Owns the other partitions of the group.", why: "Adding members spreads partitions; more members than partitions leaves some idle." },
  },
  controls: [
    {
      id: "add-consumer",
      label: "Add a ledger writer",
      hint: "The group rebalances: partitions move, unacked messages return uncommitted, order per account holds.",
      build: addConsumerBuild("ledger", 5),
    },
    {
      id: "remove-consumer",
      label: "Remove a ledger writer",
      hint: "Its partitions are handed to the remaining writers.",
      build: removeConsumerBuild("ledger"),
    },
    {
      id: "publish-alice",
      label: "Send an event for Alice",
      hint: "Always partition 2, always behind Alice's earlier events.",
      build: () => ({ type: "publish", producerId: "banking-api", key: "alice" }),
    },
  ],
};

const trafficSpike: ScenarioPreset = {
  id: "traffic-spike",
  title: "A traffic spike: synchronous call vs queue",
  summary:
    "50 orders arrive within 2 seconds. Sync: checkout waits for the email service, which can send 4 emails at a time; the line grows, clients time out, the service falls over. Queue: checkout drops each order into a queue and answers at once; one email worker works through the line.",
  config: {
    queues: [{ id: "orders", name: "Order queue", visibilityTimeoutMs: 30_000 }],
    consumers: [{ id: "email-worker", name: "Email worker", source: "orders", processing: { kind: "fixed", ms: 550 }, effectId: "emails", effectLabel: "emails sent" }],
    service: {
      mode: "sync",
      name: "Email Service",
      capacity: 4,
      serviceTime: { kind: "uniform", minMs: 400, maxMs: 600 },
      clientTimeoutMs: 3000,
      overload: { waitingThreshold: 12, sustainMs: 400, recoveryMs: 6000 },
      checkoutMs: 30,
      queueId: "orders",
    },
    sampleEveryMs: 200,
  },
  labels: {
    service: {
      name: "Email Service",
      kind: "service",
      does: "Sends up to 4 confirmation emails at once, about half a second each.",
      why: "Called synchronously, its capacity becomes the checkout's capacity: when it is overwhelmed, customers see errors.",
    },
    orders: {
      name: "Order queue",
      kind: "queue",
      does: "Absorbs the burst: every order is stored at once and waits its turn.",
      why: "Checkout no longer depends on the email service being fast or even up.",
    },
    "email-worker": {
      name: "Email worker",
      kind: "consumer",
      does: "Sends one email about every 0.55 s, whatever the arrival rate.",
      why: "The queue lets it work at its own pace: later emails, but no failed orders.",
    },
  },
  controls: [
    { id: "order", label: "Place an order", hint: "Click rapidly to make your own spike.", build: () => ({ type: "request" }) },
    { id: "spike", label: "50 orders in 2 s", hint: "The flash sale.", build: () => ({ type: "burst", count: 50, overMs: 2000 }) },
    {
      id: "queue-mode",
      label: "Queue mode",
      hint: "Switch between a synchronous call and a queue.",
      isOn: (s) => s.service?.mode === "queue",
      build: (s) => (s.service ? { type: "set-service", patch: { mode: s.service.mode === "queue" ? "sync" : "queue" } } : null),
    },
  ],
};

export const scenarios: Record<ScenarioId, ScenarioPreset> = {
  "message-queue": messageQueue,
  "point-to-point": pointToPoint,
  "pub-sub": pubSub,
  "work-queue": workQueue,
  "delivery-guarantees": deliveryGuarantees,
  "dead-letter": deadLetter,
  partitions,
  "traffic-spike": trafficSpike,
};

export const scenarioIds = Object.keys(scenarios) as ScenarioId[];

export function isScenarioId(id: string): id is ScenarioId {
  return Object.prototype.hasOwnProperty.call(scenarios, id);
}

export function getScenario(id: string): ScenarioPreset {
  if (!isScenarioId(id)) throw new RangeError(`unknown scenario "${id}"; known: ${scenarioIds.join(", ")}`);
  return scenarios[id];
}

export interface ScenarioOptions {
  /** Start with every producer paused (the playground: "Queue is empty. Add some messages!"). */
  pausedProducers?: boolean;
  /** Consumers receive and ack only on actions (the playground's step-by-step mode). */
  manualConsumers?: boolean;
  /** Service mode for `traffic-spike`. */
  serviceMode?: "sync" | "queue";
}

/** A preset's config with options applied; the preset itself is never modified. */
export function scenarioConfig(id: string, options: ScenarioOptions = {}): SimConfig {
  const cfg: SimConfig = JSON.parse(JSON.stringify(getScenario(id).config));
  if (options.pausedProducers) for (const p of cfg.producers ?? []) p.running = false;
  if (options.manualConsumers) for (const c of cfg.consumers ?? []) c.mode = "manual";
  if (options.serviceMode && cfg.service) cfg.service.mode = options.serviceMode;
  return cfg;
}

/** Initial state of a preset. */
export function createScenario(id: string, seed: number | string = 1, options: ScenarioOptions = {}): SimState {
  return createSim(scenarioConfig(id, options), seed);
}
