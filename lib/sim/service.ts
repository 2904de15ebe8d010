/**
 * The traffic-spike model: a checkout whose order requests either call an email service
 * synchronously (`sync`) or drop the order into a broker queue and answer at once (`queue`).
 *
 * Sync semantics, per request: served immediately if a slot is free, otherwise it waits in line;
 * the client gives up after `clientTimeoutMs` (the service still finishes what it started, so an
 * email can go out to a customer who saw an error). More than `overload.waitingThreshold` waiting
 * requests for `overload.sustainMs` crash the service: everything waiting or in service fails, and
 * for `overload.recoveryMs` new requests fail fast.
 */
import { publish } from "./broker";
import { emit, sampleMs, schedule, SimError, validateDistribution } from "./core";
import type { ServiceConfig, ServiceRequest, ServiceState, SimState, Timer } from "./types";

/** Builds and validates the traffic-spike service state. */
export function newService(s: SimState, cfg: ServiceConfig): ServiceState {
  const svc: ServiceState = {
    name: cfg.name ?? "Email Service",
    mode: cfg.mode,
    settings: {
      capacity: cfg.capacity,
      serviceTime: cfg.serviceTime,
      clientTimeoutMs: cfg.clientTimeoutMs,
      overload: cfg.overload,
      checkoutMs: cfg.checkoutMs,
      queueId: cfg.queueId,
    },
    status: "up",
    downUntilMs: null,
    crashes: 0,
    active: [],
    waiting: [],
    overloadSinceMs: null,
    overloadEpoch: 0,
    nextRequestNo: 0,
    requests: {},
    stats: {
      orders: 0,
      succeeded: 0,
      timedOut: 0,
      failedFast: 0,
      failedCrash: 0,
      emailsSent: 0,
      maxBacklog: 0,
      firstOrderAtMs: null,
      lastEmailAtMs: null,
      responseCount: 0,
      responseSumMs: 0,
      maxResponseMs: 0,
    },
    responseTimes: [],
  };
  validateService(s, svc);
  return svc;
}

function validateService(s: SimState, svc: ServiceState): void {
  const st = svc.settings;
  const bad = (msg: string) => {
    throw new SimError(`service: ${msg}`);
  };
  if (svc.mode !== "sync" && svc.mode !== "queue") bad(`mode must be "sync" or "queue"`);
  if (!(Number.isInteger(st.capacity) && st.capacity >= 1)) bad(`capacity must be a positive integer`);
  validateDistribution(st.serviceTime, "service serviceTime");
  if (!(st.clientTimeoutMs > 0)) bad(`clientTimeoutMs must be > 0`);
  if (!(st.checkoutMs >= 0)) bad(`checkoutMs must be >= 0`);
  if (st.overload && !(st.overload.waitingThreshold >= 0 && st.overload.sustainMs >= 0 && st.overload.recoveryMs > 0)) bad(`overload needs waitingThreshold >= 0, sustainMs >= 0, recoveryMs > 0`);
  if (svc.mode === "queue" && !s.queues[st.queueId] && !s.topics[st.queueId]) bad(`queueId "${st.queueId}" is neither a queue nor a topic`);
}

/** Changes mode or limits; new requests follow the new mode, requests already in flight finish as they started. */
export function setService(s: SimState, svc: ServiceState, patch: Partial<Omit<ServiceConfig, "name">>): void {
  const { mode, ...rest } = patch;
  const next: ServiceState = { ...svc, mode: mode ?? svc.mode, settings: { ...svc.settings, ...rest } };
  validateService(s, next);
  svc.mode = next.mode;
  svc.settings = next.settings;
  emit(s, "setting-changed", { detail: Object.keys(patch).map((k) => `${k}=${JSON.stringify((patch as Record<string, unknown>)[k])}`).join(", ") });
  drainWaiting(s, svc);
}

function recordResponse(s: SimState, svc: ServiceState, ms: number): void {
  svc.stats.responseCount++;
  svc.stats.responseSumMs += ms;
  if (ms > svc.stats.maxResponseMs) svc.stats.maxResponseMs = ms;
  svc.responseTimes.push(ms);
  s.series.acc.responses++;
  s.series.acc.responseSumMs += ms;
}

/** One order arrives at checkout now. Returns the request id. */
export function arrive(s: SimState, svc: ServiceState): string {
  const no = ++svc.nextRequestNo;
  const id = `r${no}`;
  const req: ServiceRequest = { id, arrivedAtMs: s.nowMs, status: "waiting", answeredAtMs: null, servedAtMs: null, emailAtMs: null, msgId: null };
  svc.requests[id] = req;
  svc.stats.orders++;
  if (svc.stats.firstOrderAtMs === null) svc.stats.firstOrderAtMs = s.nowMs;
  emit(s, "request-arrived", { requestId: id, detail: svc.mode });

  if (svc.mode === "queue") {
    const rejectedBefore = s.counts.rejected;
    const msgId = publish(s, svc.settings.queueId, { label: `Order #${no}`, key: null, priority: 0, payload: { order: no }, poison: false, ref: id, producerId: null });
    req.msgId = msgId;
    const rejected = s.counts.rejected > rejectedBefore;
    req.answeredAtMs = s.nowMs + svc.settings.checkoutMs;
    if (rejected) {
      req.status = "failed-fast";
      svc.stats.failedFast++;
      emit(s, "request-failed", { requestId: id, msgId, detail: "queue full: checkout could not enqueue the order" });
    } else {
      req.status = "accepted";
      svc.stats.succeeded++;
      recordResponse(s, svc, svc.settings.checkoutMs);
      emit(s, "request-succeeded", { requestId: id, msgId, detail: "order queued; confirmation email will follow" });
    }
    return id;
  }

  if (svc.status === "down") {
    req.status = "failed-fast";
    req.answeredAtMs = s.nowMs;
    svc.stats.failedFast++;
    emit(s, "request-failed", { requestId: id, detail: "service down: failed fast" });
    return id;
  }
  schedule(s, s.nowMs + svc.settings.clientTimeoutMs, "client-timeout", id, "", svc.crashes);
  if (svc.active.length < svc.settings.capacity) startService(s, svc, req);
  else svc.waiting.push(id);
  noteWaiting(s, svc);
  return id;
}

function startService(s: SimState, svc: ServiceState, req: ServiceRequest): void {
  if (req.status === "waiting") req.status = "in-service";
  svc.active.push(req.id);
  schedule(s, s.nowMs + sampleMs(s, svc.settings.serviceTime), "served", req.id, "", svc.crashes);
}

function drainWaiting(s: SimState, svc: ServiceState): void {
  if (svc.status !== "up") return;
  while (svc.active.length < svc.settings.capacity && svc.waiting.length > 0) {
    startService(s, svc, svc.requests[svc.waiting.shift()!]);
  }
  noteWaiting(s, svc);
}

/** Tracks the overload condition; crossing the threshold starts the sustain clock, dropping below stops it. */
function noteWaiting(s: SimState, svc: ServiceState): void {
  const w = svc.waiting.length;
  if (w > svc.stats.maxBacklog) svc.stats.maxBacklog = w;
  const ov = svc.settings.overload;
  if (!ov || svc.status !== "up") return;
  if (w > ov.waitingThreshold) {
    if (svc.overloadSinceMs === null) {
      svc.overloadSinceMs = s.nowMs;
      schedule(s, s.nowMs + ov.sustainMs, "overload-check", "", "", ++svc.overloadEpoch);
    }
  } else if (svc.overloadSinceMs !== null) {
    svc.overloadSinceMs = null;
    svc.overloadEpoch++;
  }
}

/** A request finished service: the email is sent; the client gets its answer unless it already gave up. */
export function onServed(s: SimState, t: Timer): void {
  const svc = s.service;
  if (!svc || t.n !== svc.crashes) return;
  const i = svc.active.indexOf(t.a);
  if (i < 0) return;
  svc.active.splice(i, 1);
  const req = svc.requests[t.a];
  req.servedAtMs = s.nowMs;
  req.emailAtMs = s.nowMs;
  svc.stats.emailsSent++;
  svc.stats.lastEmailAtMs = s.nowMs;
  emit(s, "email-sent", { requestId: req.id });
  if (req.status === "in-service") {
    req.status = "succeeded";
    req.answeredAtMs = s.nowMs;
    svc.stats.succeeded++;
    s.series.acc.acked++;
    recordResponse(s, svc, s.nowMs - req.arrivedAtMs);
    emit(s, "request-succeeded", { requestId: req.id });
  }
  drainWaiting(s, svc);
}

/** The client stops waiting: a request still in line or in service counts as failed. */
export function onClientTimeout(s: SimState, t: Timer): void {
  const svc = s.service;
  if (!svc || t.n !== svc.crashes) return;
  const req = svc.requests[t.a];
  if (!req) return;
  if (req.status === "waiting") {
    svc.waiting.splice(svc.waiting.indexOf(req.id), 1);
  } else if (req.status !== "in-service") {
    return;
  }
  const wasServing = req.status === "in-service";
  req.status = "timed-out";
  req.answeredAtMs = s.nowMs;
  svc.stats.timedOut++;
  emit(s, "request-timeout", { requestId: req.id, detail: wasServing ? "client gave up; the service is still working on it" : "client gave up waiting in line" });
  noteWaiting(s, svc);
}

/** The waiting line stayed above the threshold for the whole sustain time: the service crashes. */
export function onOverloadCheck(s: SimState, t: Timer): void {
  const svc = s.service;
  if (!svc || svc.status !== "up" || t.n !== svc.overloadEpoch || svc.overloadSinceMs === null) return;
  const ov = svc.settings.overload!;
  svc.status = "down";
  svc.crashes++;
  svc.downUntilMs = s.nowMs + ov.recoveryMs;
  for (const id of [...svc.active, ...svc.waiting]) {
    const req = svc.requests[id];
    if (req.status !== "waiting" && req.status !== "in-service") continue;
    req.status = "failed-crash";
    req.answeredAtMs = s.nowMs;
    svc.stats.failedCrash++;
    emit(s, "request-failed", { requestId: id, detail: "service crashed" });
  }
  svc.active = [];
  svc.waiting = [];
  svc.overloadSinceMs = null;
  svc.overloadEpoch++;
  emit(s, "service-crashed", { detail: `more than ${ov.waitingThreshold} requests waiting for ${ov.sustainMs} ms; down for ${ov.recoveryMs} ms` });
  schedule(s, svc.downUntilMs, "recover", "", "", svc.crashes);
}

/** The recovery period is over: the service accepts requests again. */
export function onRecover(s: SimState, t: Timer): void {
  const svc = s.service;
  if (!svc || svc.status !== "down" || t.n !== svc.crashes) return;
  svc.status = "up";
  svc.downUntilMs = null;
  emit(s, "service-recovered", {});
}
