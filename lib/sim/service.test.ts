import { describe, expect, it } from "vitest";
import { advance, advanceTo, auditState, createScenario, createSim, dispatch, recentEvents, spikeSummary, timeSeries, type ServiceConfig, type SimConfig } from "./index";

const svc = (over: Partial<ServiceConfig> = {}): SimConfig => ({
  queues: [{ id: "orders", visibilityTimeoutMs: 60_000 }],
  consumers: [{ id: "mailer", source: "orders", processing: { kind: "fixed", ms: 500 } }],
  service: {
    mode: "sync",
    capacity: 2,
    serviceTime: { kind: "fixed", ms: 500 },
    clientTimeoutMs: 1200,
    overload: null,
    checkoutMs: 20,
    queueId: "orders",
    ...over,
  },
  sampleEveryMs: 250,
  limits: { logCapacity: 5000 },
});

describe("synchronous service", () => {
  it("serves up to capacity at once; the rest wait in line and are served in arrival order", () => {
    let s = createSim(svc());
    s = dispatch(s, { type: "request", count: 4 });
    expect(s.service!.active).toEqual(["r1", "r2"]);
    expect(s.service!.waiting).toEqual(["r3", "r4"]);
    s = advance(s, 500);
    expect(s.service!.requests.r1.status).toBe("succeeded");
    expect(s.service!.active).toEqual(["r3", "r4"]);
    s = advance(s, 500);
    const sum = spikeSummary(s)!;
    expect(sum.succeeded).toBe(4);
    expect(sum.p50ResponseMs).toBe(500);
    expect(sum.maxResponseMs).toBe(1000);
    expect(sum.lastEmailAfterSpikeMs).toBe(1000);
  });

  it("a client waiting longer than its timeout gets an error", () => {
    let s = createSim(svc());
    s = dispatch(s, { type: "request", count: 6 }); // r5, r6 would be served at 1000 and finish at 1500
    s = advance(s, 1199);
    expect(s.service!.requests.r5.status).toBe("in-service");
    s = advance(s, 2001);
    const sum = spikeSummary(s)!;
    expect(sum.timedOut).toBe(2);
    expect(s.service!.requests.r5.status).toBe("timed-out");
    // The service still finished the work it had started: the email went out to a customer who saw an error.
    expect(s.service!.requests.r5.emailAtMs).toBe(1500);
    expect(recentEvents(s).filter((e) => e.type === "request-timeout")).toHaveLength(2);
  });

  it("sustained overload crashes the service; while down it fails fast; then it recovers", () => {
    let s = createSim(svc({ overload: { waitingThreshold: 3, sustainMs: 300, recoveryMs: 2000 }, clientTimeoutMs: 10_000 }));
    s = dispatch(s, { type: "request", count: 6 }); // 2 served, 4 waiting > 3
    s = advance(s, 299);
    expect(s.service!.status).toBe("up");
    s = advance(s, 1);
    expect(s.service!.status).toBe("down");
    expect(spikeSummary(s)!.failedInCrash).toBe(6);
    s = dispatch(s, { type: "request" });
    expect(s.service!.requests.r7.status).toBe("failed-fast");
    s = advanceTo(s, 2300);
    expect(s.service!.status).toBe("up");
    s = dispatch(s, { type: "request" });
    s = advance(s, 600);
    expect(s.service!.requests.r8.status).toBe("succeeded");
    const types = recentEvents(s).map((e) => e.type);
    expect(types).toContain("service-crashed");
    expect(types).toContain("service-recovered");
  });

  it("load that drops below the threshold before the sustain time does not crash it", () => {
    let s = createSim(svc({ capacity: 4, overload: { waitingThreshold: 1, sustainMs: 600, recoveryMs: 2000 } }));
    s = dispatch(s, { type: "request", count: 6 }); // 2 waiting > 1, but they start at 500
    s = advance(s, 3000);
    expect(s.service!.crashes).toBe(0);
    expect(spikeSummary(s)!.failed).toBe(0);
  });
});

describe("queue mode", () => {
  it("checkout answers at once; emails go out at the worker's pace", () => {
    let s = createSim(svc({ mode: "queue" }));
    s = dispatch(s, { type: "request", count: 5 });
    for (const r of Object.values(s.service!.requests)) expect(r.status).toBe("accepted");
    expect(spikeSummary(s)!.p95ResponseMs).toBe(20);
    s = advance(s, 10_000);
    const emails = Object.values(s.service!.requests).map((r) => r.emailAtMs);
    expect(emails).toEqual([500, 1000, 1500, 2000, 2500]);
    const sum = spikeSummary(s)!;
    expect(sum).toMatchObject({ orders: 5, failed: 0, emailsSent: 5, emailsPending: 0, lastEmailAfterSpikeMs: 2500, backlogNow: 0 });
    expect(auditState(s)).toEqual([]);
  });

  it("a bounded queue that is full makes checkout fail", () => {
    let s = createSim({ ...svc({ mode: "queue" }), queues: [{ id: "orders", maxLength: 2 }] });
    s = dispatch(s, { type: "request", count: 5 }); // 1 taken by the worker, 2 waiting, 2 refused
    expect(spikeSummary(s)!.failedFast).toBe(2);
  });
});

describe("the traffic-spike preset", () => {
  it("prints the story: sync fails orders, queue mode fails none and the last email goes out within 30 s", () => {
    const spike = (mode: "sync" | "queue") => advance(dispatch(createScenario("traffic-spike", 1, { serviceMode: mode }), { type: "burst", count: 50, overMs: 2000 }), 60_000);
    const sync = spikeSummary(spike("sync"))!;
    const q = spike("queue");
    const queue = spikeSummary(q)!;
    expect(sync.orders).toBe(50);
    expect(sync.failed).toBeGreaterThan(25);
    expect(queue).toMatchObject({ orders: 50, failed: 0, emailsSent: 50, backlogNow: 0 });
    expect(queue.lastEmailAfterSpikeMs!).toBeGreaterThan(20_000);
    expect(queue.lastEmailAfterSpikeMs!).toBeLessThanOrEqual(30_000);
    // The series shows the backlog rising during the spike and back at zero at the end.
    const series = timeSeries(q);
    expect(Math.max(...series.map((x) => x.backlog))).toBeGreaterThan(40);
    expect(series[series.length - 1].backlog).toBe(0);
    expect(series.every((x) => x.failed === 0)).toBe(true);
  });

  it("switching mode mid-run applies to new orders", () => {
    let s = createScenario("traffic-spike", 2);
    s = dispatch(s, { type: "request" });
    s = dispatch(s, { type: "set-service", patch: { mode: "queue" } });
    s = dispatch(s, { type: "request" });
    expect(s.service!.requests.r1.status).toBe("in-service");
    expect(s.service!.requests.r2.status).toBe("accepted");
    expect(() => dispatch(s, { type: "set-service", patch: { capacity: 0 } })).toThrow(/capacity/);
  });

  it("burst spreads arrivals evenly over the window", () => {
    let s = createScenario("traffic-spike", 3, { serviceMode: "queue" });
    s = dispatch(s, { type: "burst", count: 10, overMs: 1000 });
    s = advance(s, 1000);
    expect(Object.values(s.service!.requests).map((r) => r.arrivedAtMs)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  });
});
