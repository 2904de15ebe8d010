import { describe, expect, it } from "vitest";
import { PLAYGROUND_PATTERNS as CHECKER_PATTERNS } from "@/lib/content/components";
import { advance, dispatch, recentEvents, tokens, type SimState } from "@/lib/sim";
import { createPlayground, describeEvent, isPlaygroundPattern, placeMessages, playgroundLabel, playgroundLayout, PLAYGROUND_DLQ_ID, PLAYGROUND_MAX_ATTEMPTS, PLAYGROUND_PATTERNS } from "./playground-model";

const view = (s: SimState) => placeMessages(tokens(s), playgroundLayout(s));
const log = (s: SimState) => recentEvents(s, 50).map((e) => describeEvent(s, e)).filter(Boolean) as string[];

describe("the playground engine", () => {
  it("offers exactly the patterns the content checker accepts", () => {
    expect([...PLAYGROUND_PATTERNS]).toEqual([...CHECKER_PATTERNS]);
    expect(isPlaygroundPattern("pub-sub")).toBe(true);
    expect(isPlaygroundPattern("partitions")).toBe(false);
  });

  it("starts empty and idle: no producer runs, no timer is pending", () => {
    for (const p of PLAYGROUND_PATTERNS) {
      let s = createPlayground(p);
      s = advance(s, 30_000);
      const v = view(s);
      expect(Object.values(v.byQueue).flat()).toHaveLength(0);
      expect(s.counts.published).toBe(0);
    }
  });

  it("point-to-point: a received message is held by one consumer and an ack removes it", () => {
    let s = createPlayground("point-to-point");
    const { producerId, queueIds, consumerIds } = playgroundLayout(s);
    s = dispatch(s, { type: "publish", producerId, label: "charge card 1" });
    expect(view(s).byQueue[queueIds[0]].map((t) => t.label)).toEqual(["charge card 1"]);
    s = dispatch(s, { type: "receive", consumerId: consumerIds[0] });
    expect(view(s).held[consumerIds[0]].map((t) => t.label)).toEqual(["charge card 1"]);
    expect(view(s).byQueue[queueIds[0]]).toHaveLength(0);
    // The other consumer cannot get it while it is held.
    s = dispatch(s, { type: "receive", consumerId: consumerIds[1] });
    expect(view(s).held[consumerIds[1]]).toHaveLength(0);
    s = dispatch(s, { type: "ack", consumerId: consumerIds[0] });
    expect(s.totals.acked).toBe(1);
    expect(log(s).at(-1)).toMatch(/acknowledged “charge card 1”/);
  });

  it("a crash leaves the message invisible until the visibility timeout, then it is back in the queue", () => {
    let s = createPlayground("point-to-point");
    const { producerId, queueIds, consumerIds } = playgroundLayout(s);
    s = dispatch(s, { type: "publish", producerId, label: "order" });
    s = dispatch(s, { type: "receive", consumerId: consumerIds[0] });
    s = dispatch(s, { type: "crash", consumerId: consumerIds[0], point: "mid-processing" });
    expect(view(s).orphaned[consumerIds[0]]).toHaveLength(1);
    const timeout = s.queues[queueIds[0]].settings.visibilityTimeoutMs;
    s = advance(s, timeout);
    expect(view(s).byQueue[queueIds[0]].map((t) => t.label)).toEqual(["order"]);
    expect(log(s).some((l) => /not acknowledged in time/.test(l))).toBe(true);
  });

  it("pub/sub: one publish puts a copy in every subscription", () => {
    let s = createPlayground("pub-sub");
    const { producerId, queueIds, topicId } = playgroundLayout(s);
    expect(topicId).not.toBeNull();
    expect(queueIds.length).toBeGreaterThan(1);
    s = dispatch(s, { type: "publish", producerId, label: "order placed" });
    for (const q of queueIds) expect(view(s).byQueue[q].map((t) => t.label)).toEqual(["order placed"]);
  });

  it("priority: a higher-priority message is delivered first; equal priorities stay in order", () => {
    let s = createPlayground("work-queue");
    const { producerId, queueIds, consumerIds } = playgroundLayout(s);
    for (const [label, priority] of [["a", 0], ["b", 0], ["urgent", 5]] as const) s = dispatch(s, { type: "publish", producerId, label, priority });
    expect(view(s).byQueue[queueIds[0]].map((t) => t.label)).toEqual(["urgent", "a", "b"]);
    s = dispatch(s, { type: "receive", consumerId: consumerIds[0] });
    expect(view(s).held[consumerIds[0]][0].label).toBe("urgent");
  });

  it(`nacked ${PLAYGROUND_MAX_ATTEMPTS} times, a message is parked in the dead-letter queue`, () => {
    let s = createPlayground("point-to-point");
    const { producerId, consumerIds } = playgroundLayout(s);
    s = dispatch(s, { type: "publish", producerId, label: "bad" });
    for (let i = 0; i < PLAYGROUND_MAX_ATTEMPTS; i++) {
      s = dispatch(s, { type: "receive", consumerId: consumerIds[0] });
      s = dispatch(s, { type: "nack", consumerId: consumerIds[0] });
    }
    expect(view(s).dead.map((t) => t.label)).toEqual(["bad"]);
    expect(s.queues[PLAYGROUND_DLQ_ID].role).toBe("dlq");
    expect(log(s).at(-1)).toMatch(/moved to Dead-letter queue/);
  });

  it("every component it draws has tooltip words", () => {
    for (const p of PLAYGROUND_PATTERNS) {
      const s = createPlayground(p);
      const l = playgroundLayout(s);
      for (const id of [l.producerId, ...(l.topicId ? [l.topicId] : []), ...l.queueIds, ...l.consumerIds, PLAYGROUND_DLQ_ID]) {
        const label = playgroundLabel(p, id);
        expect(label, `${p}: ${id}`).not.toBeNull();
        expect(label!.does.length).toBeGreaterThan(10);
        expect(label!.why.length).toBeGreaterThan(10);
      }
    }
  });
});
