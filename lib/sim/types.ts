/**
 * Types of the message-broker simulation engine.
 *
 * Everything reachable from {@link SimState} is plain JSON: no Maps, no class
 * instances, no `undefined`-valued fields (absent values are `null`) and no
 * Infinity/NaN, so `JSON.parse(JSON.stringify(state))` continues identically.
 * Times are virtual milliseconds since the simulation started.
 */

/** Any JSON value a message may carry as its payload. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How long one unit of work takes. Sampled from the state's seeded RNG. */
export type Distribution =
  | { kind: "fixed"; ms: number }
  | { kind: "uniform"; minMs: number; maxMs: number }
  | { kind: "exponential"; meanMs: number };

/**
 * When the consumer acknowledges.
 * - `at-least-once`: ack after processing; a crash before the ack means redelivery (and possibly a duplicate).
 * - `at-most-once`: ack on receive; a crash while processing loses the message, but it is never delivered twice.
 */
export type DeliveryMode = "at-least-once" | "at-most-once";

/** What a full queue does with a new message: refuse it, or make room by discarding the oldest waiting one. */
export type OverflowPolicy = "reject" | "drop-oldest";

/** Exponential retry backoff: delay before attempt k+1 is `min(maxMs, baseMs * factor^(k-1))`. */
export interface BackoffConfig {
  baseMs: number;
  factor: number;
  maxMs: number;
}

/** Settings shared by queues and topic subscriptions (each subscription is its own queue). */
export interface QueueOptions {
  name?: string;
  /** Maximum number of visible waiting messages; `null` = unbounded. In-flight and delayed messages do not count. */
  maxLength?: number | null;
  overflow?: OverflowPolicy;
  /** A non-durable queue loses everything it holds when the broker restarts. */
  durable?: boolean;
  /** `priority`: higher `priority` first, FIFO among equals. */
  ordering?: "fifo" | "priority";
  /** How long a delivered, unacknowledged message stays invisible before the broker hands it out again. */
  visibilityTimeoutMs?: number;
  /** Deliveries allowed before a failing message is dead-lettered (or dropped without a DLQ); `null` = retry forever. */
  maxAttempts?: number | null;
  /** Delay before a nacked message becomes visible again; `null` = immediately. */
  backoff?: BackoffConfig | null;
  deadLetterQueueId?: string | null;
  /** Where a message that failed goes back: `front` keeps FIFO order (and lets a poison message block), `back` lets others pass. */
  requeue?: "front" | "back";
}

export interface QueueConfig extends QueueOptions {
  id: string;
  /** `dlq` marks a dead-letter queue: messages there are parked for inspection and redrive, not consumed. */
  role?: "queue" | "dlq";
}

export interface SubscriptionConfig extends QueueOptions {
  id: string;
}

export interface TopicConfig {
  id: string;
  name?: string;
  /**
   * Number of partitions; `null` = an ordinary fan-out topic. With partitions, each subscription is a
   * consumer group: the subscription id names the group, its partitions are queues `<sub>.p<i>`, each
   * partition is owned by one group member at a time and delivers strictly in order (one unacked
   * message per partition).
   */
  partitions?: number | null;
  subscriptions: SubscriptionConfig[];
}

export interface ProducerConfig {
  id: string;
  name?: string;
  /** Queue or topic id. */
  target: string;
  /** Messages per second while running; 0 = on demand only. */
  ratePerSec?: number;
  /** `steady`: evenly spaced; `poisson`: exponential gaps with the same mean. */
  arrival?: "steady" | "poisson";
  running?: boolean;
  /** Stop after publishing this many messages on its own schedule; `null` = no limit. */
  limit?: number | null;
  /** Message keys chosen uniformly (after `hotKey`) from this list; `null` = no key. */
  keys?: string[] | null;
  /** A key that gets `share` (0..1) of all messages: the classic hot partition. */
  hotKey?: { key: string; share: number } | null;
  /** Every n-th message from this producer is poison (always fails). */
  poisonEvery?: number | null;
  /** Human label prefix: "Order" gives "Order #1", "Order #2", ... */
  labelPrefix?: string;
  priority?: number;
}

export interface ConsumerConfig {
  id: string;
  name?: string;
  /** Queue id, or the subscription id of a partitioned topic (then the consumer joins that consumer group). */
  source: string;
  /** `manual`: receives only on a `receive` action and holds the message until `ack`/`nack`/`crash`. */
  mode?: "auto" | "manual";
  processing?: Distribution;
  /** Maximum unacknowledged messages held at once (buffered + processing). */
  prefetch?: number;
  /** Messages processed in parallel. */
  concurrency?: number;
  /** Probability (0..1) that processing a healthy message fails and is nacked. */
  failureRate?: number;
  /** Probability (0..1) per processed message that the consumer crashes after the side effect, before the ack. */
  crashRate?: number;
  deliveryMode?: DeliveryMode;
  /** Check the effect store before applying the side effect; a repeat is counted as suppressed instead. */
  idempotent?: boolean;
  /** Which side-effect store this consumer writes to (shared by consumers that write to the same "database"). */
  effectId?: string | null;
  /** Human label of the side effect, e.g. "charges applied". Used when the consumer creates the store. */
  effectLabel?: string;
  /** Down time after a crash before it reconnects; `null` = stays down until a `restart-consumer` action. */
  restartMs?: number | null;
  /** `false`: poison messages fail here (the bug). `true`: the bug is fixed and they succeed. */
  handlesPoison?: boolean;
}

/** The synchronous-service model of the traffic-spike toy, and its queue-mode counterpart. */
export interface ServiceConfig {
  /** `sync`: checkout calls the service and waits. `queue`: checkout enqueues and answers at once. */
  mode: "sync" | "queue";
  name?: string;
  /** Requests served at the same time (sync mode). */
  capacity: number;
  serviceTime: Distribution;
  /** A client waiting longer than this gets an error (sync mode). */
  clientTimeoutMs: number;
  /** Waiting requests above `waitingThreshold` for `sustainMs` crash the service for `recoveryMs`. */
  overload: { waitingThreshold: number; sustainMs: number; recoveryMs: number } | null;
  /** Queue mode: time for checkout to enqueue and answer. */
  checkoutMs: number;
  /** Queue mode: where checkout publishes the order. */
  queueId: string;
}

export interface SimLimits {
  /** Events kept in the ring-buffer log (totals are counted separately and never drop). */
  logCapacity?: number;
  /** Settled envelopes (acked, lost, dropped, rejected) kept for rendering before being pruned. */
  settledRetention?: number;
  /** Most recent publish-to-ack latencies kept for percentiles. */
  latencyWindow?: number;
  /** Time-series samples kept. */
  maxSamples?: number;
  /** Idempotency keys an effect store remembers (its dedup window, default 1000): a duplicate older than that is not recognised. */
  dedupWindow?: number;
}

export interface SimConfig {
  queues?: QueueConfig[];
  topics?: TopicConfig[];
  producers?: ProducerConfig[];
  consumers?: ConsumerConfig[];
  service?: ServiceConfig | null;
  /** Take a time-series sample every this many ms; `null` = no sampling. */
  sampleEveryMs?: number | null;
  limits?: SimLimits;
}

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

export interface QueueSettings {
  maxLength: number | null;
  overflow: OverflowPolicy;
  durable: boolean;
  ordering: "fifo" | "priority";
  visibilityTimeoutMs: number;
  maxAttempts: number | null;
  backoff: BackoffConfig | null;
  deadLetterQueueId: string | null;
  requeue: "front" | "back";
}

export interface QueueState {
  id: string;
  name: string;
  role: "queue" | "dlq";
  /** Topic this queue belongs to as a subscription or partition; `null` for a plain queue. */
  topicId: string | null;
  /** Consumer group (partitioned subscription) this partition belongs to. */
  groupId: string | null;
  partition: number | null;
  /** Partitions deliver strictly in order: nothing new while a message is unacked or waiting out a backoff. */
  strict: boolean;
  settings: QueueSettings;
  /** Visible messages in delivery order are `ready.slice(head)` (a deque; `head` avoids O(n) shifts). */
  ready: string[];
  head: number;
  /** Messages waiting out a retry backoff. */
  delayed: number;
  /** Delivered and not yet acknowledged by the broker (includes orphaned ones at crashed consumers). */
  inflight: number;
  /** Consumers attached (plain queues; partitions use their group's assignment). */
  consumers: string[];
  /** Round-robin pointer into `consumers`. */
  rr: number;
  /** Log end offset: messages ever appended. */
  endOffset: number;
  /** Messages finished (acked or dead-lettered). For a strict partition this is the group's committed offset. */
  committed: number;
  /** Partition owner within its group, if any. */
  owner: string | null;
  maxDepth: number;
}

export interface TopicState {
  id: string;
  name: string;
  partitions: number | null;
  /** Subscription ids (non-partitioned: queue ids; partitioned: group ids). */
  subscriptions: string[];
  /** Messages published per partition (partitioned topics only). */
  partitionCounts: number[];
  /** Round-robin partition for keyless messages. */
  rr: number;
  published: number;
}

export interface GroupState {
  id: string;
  topicId: string;
  /** Partition queue ids, index = partition number. */
  partitions: string[];
  /** Members in join order. */
  members: string[];
  /** Bumps on every rebalance. */
  generation: number;
}

export type EnvelopeStatus =
  | "queued" // visible in `queueId`, waiting for a consumer
  | "delayed" // in `queueId`, invisible until `visibleAtMs` (retry backoff)
  | "inflight" // delivered to `consumerId`
  | "orphaned" // delivered to a consumer that crashed; invisible until `visibleAtMs` (visibility timeout)
  | "dead" // parked in the dead-letter queue `queueId`
  | "acked" // done
  | "lost" // gone without being processed (at-most-once crash, non-durable queue on broker restart)
  | "dropped" // discarded: overflow drop-oldest, or out of attempts without a DLQ
  | "rejected"; // refused at publish by a full queue

/** One copy of a message in one queue: the thing a UI draws as a token. */
export interface Envelope {
  /** `<msgId>@<queue the copy was first enqueued to>`; stable for the copy's whole life. */
  id: string;
  msgId: string;
  label: string;
  key: string | null;
  priority: number;
  payload: Json;
  poison: boolean;
  /** Request id when published by the traffic-spike checkout. */
  ref: string | null;
  producerId: string | null;
  publishedAtMs: number;
  originQueueId: string;
  /** Queue it is in now (the DLQ once dead-lettered). */
  queueId: string;
  partition: number | null;
  offset: number | null;
  status: EnvelopeStatus;
  consumerId: string | null;
  stage: "buffered" | "processing" | "held" | null;
  /** Deliveries counted toward `maxAttempts`. */
  attempts: number;
  /** Every delivery gets a new number; timers and acks carrying an older number are stale. */
  deliveryNo: number;
  /** For `delayed`/`orphaned`/`inflight`: when it becomes visible again. */
  visibleAtMs: number | null;
  /** Times a consumer finished processing it (side effect attempted). >1 means it was processed twice. */
  processedCount: number;
  /** Times the side effect was actually applied (idempotency suppression does not count). */
  effectApplied: number;
  ackedAtMs: number | null;
  settledAtMs: number | null;
  lastError: string | null;
}

export interface HeldDelivery {
  envId: string;
  msgId: string;
  deliveryNo: number;
  stage: "buffered" | "processing" | "held" | "processed";
  poison: boolean;
  /** Delivered under at-most-once: the broker already forgot it. */
  autoAcked: boolean;
  doneAtMs: number | null;
}

export interface ConsumerSettings {
  mode: "auto" | "manual";
  processing: Distribution;
  prefetch: number;
  concurrency: number;
  failureRate: number;
  crashRate: number;
  deliveryMode: DeliveryMode;
  idempotent: boolean;
  effectId: string | null;
  restartMs: number | null;
  handlesPoison: boolean;
}

export interface ConsumerState {
  id: string;
  name: string;
  source: string;
  groupId: string | null;
  settings: ConsumerSettings;
  status: "up" | "down";
  restartAtMs: number | null;
  /** Changes on every crash (to a value unique in the run) so a stale restart timer is ignored. */
  incarnation: number;
  held: HeldDelivery[];
  processing: number;
  /** Partition queue ids owned (consumer-group members only). */
  assigned: string[];
  rr: number;
  stats: { received: number; processed: number; acked: number; nacked: number; crashes: number; suppressed: number };
}

export interface ProducerState {
  id: string;
  name: string;
  target: string;
  ratePerSec: number;
  arrival: "steady" | "poisson";
  running: boolean;
  limit: number | null;
  keys: string[] | null;
  hotKey: { key: string; share: number } | null;
  poisonEvery: number | null;
  labelPrefix: string;
  priority: number;
  /** Messages published by this producer (scheduled and on demand). */
  published: number;
  /** Messages published on its own schedule (counts toward `limit`). */
  scheduled: number;
  /** Bumps when the schedule is cancelled (pause, rate change) so stale ticks are ignored. */
  generation: number;
  /** Unrounded time of the pending tick; ticks fire at its rounded value. */
  nextExactMs: number;
}

export interface EffectStore {
  id: string;
  label: string;
  /** Side effects applied (e.g. charges made). */
  applied: number;
  /** Applications for a key that had already been applied: the double charges. */
  duplicates: number;
  /** Repeats an idempotent consumer recognised and skipped. */
  suppressed: number;
  /** Applications per idempotency key (message id), within the dedup window. */
  keys: Record<string, number>;
  /** Insertion order of `keys` for window eviction; live part is `keyOrder.slice(keyHead)`. */
  keyOrder: string[];
  keyHead: number;
}

export type SimEventType =
  | "published"
  | "delivered"
  | "redelivered"
  | "duplicated"
  | "processed"
  | "duplicate-suppressed"
  | "acked"
  | "ack-rejected"
  | "nacked"
  | "failed"
  | "expired"
  | "dead-lettered"
  | "dropped"
  | "rejected"
  | "lost"
  | "crashed"
  | "restarted"
  | "revoked"
  | "redriven"
  | "rebalanced"
  | "consumer-added"
  | "consumer-removed"
  | "broker-restarted"
  | "setting-changed"
  | "request-arrived"
  | "request-succeeded"
  | "request-timeout"
  | "request-failed"
  | "service-crashed"
  | "service-recovered"
  | "email-sent";

export interface SimEvent {
  /** Global sequence number (1-based); gaps in a ring-buffer slice mean older events were overwritten. */
  seq: number;
  atMs: number;
  type: SimEventType;
  msgId: string | null;
  envId: string | null;
  queueId: string | null;
  consumerId: string | null;
  producerId: string | null;
  requestId: string | null;
  detail: string | null;
}

/** A scheduled future event. `k` = kind, `a` = subject id, `n` = token that makes it stale when it changes. */
export interface Timer {
  t: number;
  s: number;
  k:
    | "produce"
    | "complete"
    | "visibility"
    | "retry"
    | "restart"
    | "sample"
    | "arrive"
    | "served"
    | "client-timeout"
    | "overload-check"
    | "recover";
  a: string;
  b: string;
  n: number;
}

export interface Sample {
  tMs: number;
  /** Broker: unfinished messages in non-DLQ queues. Sync service: requests waiting for a free slot. */
  backlog: number;
  /** Broker: delivered and unacked. Sync service: requests being served. */
  inFlight: number;
  /** Messages in dead-letter queues. */
  dead: number;
  /** Cumulative successes (broker acks; sync: successful responses). */
  acked: number;
  /** Cumulative failures (broker: dead-lettered, lost, dropped, rejected; sync: failed requests). */
  failed: number;
  /** Mean response time of answers given during the interval; `null` when none. */
  responseMs: number | null;
  /** Successes per second during the interval. */
  throughputPerSec: number;
}

export interface ServiceRequest {
  id: string;
  arrivedAtMs: number;
  status: "waiting" | "in-service" | "succeeded" | "timed-out" | "failed-fast" | "failed-crash" | "accepted";
  /** When the client got its answer (success or error). */
  answeredAtMs: number | null;
  /** When the service finished serving (sync) — the email went out even if the client had given up. */
  servedAtMs: number | null;
  emailAtMs: number | null;
  msgId: string | null;
}

export interface ServiceState {
  name: string;
  mode: "sync" | "queue";
  settings: Omit<ServiceConfig, "mode" | "name">;
  status: "up" | "down";
  downUntilMs: number | null;
  crashes: number;
  active: string[];
  waiting: string[];
  overloadSinceMs: number | null;
  overloadEpoch: number;
  nextRequestNo: number;
  requests: Record<string, ServiceRequest>;
  stats: {
    orders: number;
    succeeded: number;
    timedOut: number;
    failedFast: number;
    failedCrash: number;
    emailsSent: number;
    maxBacklog: number;
    firstOrderAtMs: number | null;
    lastEmailAtMs: number | null;
    responseCount: number;
    responseSumMs: number;
    maxResponseMs: number;
  };
  responseTimes: number[];
}

export interface SimState {
  version: 1;
  nowMs: number;
  /** mulberry32 state (uint32). */
  rng: number;
  /** Tie-breaker for timers at the same instant: earlier-scheduled fires first. */
  timerSeq: number;
  /** Binary min-heap ordered by (t, s). */
  timers: Timer[];
  /** Timers known to be stale; the heap is compacted when they outnumber live ones. */
  staleTimers: number;
  nextMessageNo: number;
  lastMessageId: string | null;
  queues: Record<string, QueueState>;
  topics: Record<string, TopicState>;
  groups: Record<string, GroupState>;
  producers: Record<string, ProducerState>;
  consumers: Record<string, ConsumerState>;
  /** Live envelopes plus the most recent settled ones (see `limits.settledRetention`). */
  envelopes: Record<string, Envelope>;
  /** Settled envelope ids in settle order; live part is `settled.slice(settledHead)`. */
  settled: string[];
  settledHead: number;
  effects: Record<string, EffectStore>;
  service: ServiceState | null;
  limits: Required<SimLimits>;
  log: { items: SimEvent[]; next: number };
  counts: Record<SimEventType, number>;
  totals: {
    /** Unfinished envelopes in non-DLQ queues (queued, delayed, in flight at the broker). */
    backlog: number;
    maxBacklog: number;
    inflight: number;
    dead: number;
    acked: number;
    failed: number;
    timersFired: number;
  };
  latency: { window: number[]; next: number; count: number; sumMs: number; maxMs: number };
  /** Acks per 100 ms bucket (epoch = floor(ms / 100)); 11 buckets so the last second is covered whole. */
  throughput: { buckets: number[]; epoch: number };
  series: {
    everyMs: number | null;
    samples: Sample[];
    next: number;
    acc: { acked: number; responses: number; responseSumMs: number };
  };
}

// ---------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------

/** What a publish may set; each one left out comes from the producer (or a default without one). */
export interface PublishFields {
  /** Queue or topic id; overrides the producer's target. */
  to?: string;
  key?: string | null;
  priority?: number;
  payload?: Json;
  poison?: boolean;
  label?: string;
}

export type SimAction =
  | (PublishFields & {
      type: "publish";
      /** Publish as this producer (its target, key generator, label). One of `producerId`/`to` is required. */
      producerId?: string;
      /** Publish this many identical-looking messages at once. */
      count?: number;
    })
  | { type: "receive"; consumerId: string }
  | { type: "ack"; consumerId: string; envelopeId?: string }
  | { type: "nack"; consumerId: string; envelopeId?: string; requeue?: boolean }
  | {
      type: "crash";
      consumerId: string;
      /** `before-ack` (default): the work was done (side effect applied), the ack never sent. `mid-processing`: work unfinished. */
      point?: "before-ack" | "mid-processing";
    }
  | { type: "restart-consumer"; consumerId: string }
  | { type: "add-consumer"; consumer: ConsumerConfig }
  | { type: "remove-consumer"; consumerId: string }
  | { type: "set-consumer"; consumerId: string; patch: Partial<Omit<ConsumerSettings, "effectId">> }
  | { type: "set-queue"; queueId: string; patch: Partial<QueueSettings> }
  | { type: "set-producer"; producerId: string; patch: { ratePerSec?: number; arrival?: "steady" | "poisson"; poisonEvery?: number | null; hotKey?: { key: string; share: number } | null } }
  | { type: "pause-producers"; producerId?: string }
  | { type: "resume-producers"; producerId?: string }
  | { type: "redrive"; dlqId?: string; envelopeIds?: string[] }
  | { type: "restart-broker" }
  | { type: "request"; count?: number }
  | { type: "burst"; count: number; overMs: number }
  | { type: "set-service"; patch: Partial<Omit<ServiceConfig, "name">> };

/** A scripted action at a virtual time, for deterministic tours and quizzes. */
export interface Beat {
  atMs: number;
  action: SimAction;
}
