import { describe, expect, it } from "vitest";
import { cloneConsumerAction, createScenario, dispatch, getScenario, runScript, scenarioConfig, tokens } from "@/lib/sim";
import { tours, VISUAL_MODEL_IDS } from "@/lib/tours";
import { stepEndState } from "@/lib/tours/run";
import { describeState } from "./describe";
import { computeLayout, MODEL_LAYOUTS, type Layout, type Rect } from "./layouts";
import { placeTokens } from "./token-positions";

const inputOf = (s: ReturnType<typeof createScenario>, id: keyof typeof MODEL_LAYOUTS) => ({
  consumers: Object.values(s.consumers).map((c) => ({ id: c.id, source: c.source })),
  owners: Object.fromEntries(MODEL_LAYOUTS[id].lanes.map((l) => [l, s.queues[l]?.owner ?? null])),
});
const inside = (r: Rect, l: Layout) => r.x >= 0 && r.y >= 0 && r.x + r.w <= l.width + 0.01 && r.y + r.h <= l.height + 0.01;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("layout tables", () => {
  for (const id of VISUAL_MODEL_IDS) {
    it(`${id}: every id is a component of the preset with words for its popover`, () => {
      const spec = MODEL_LAYOUTS[id];
      const preset = getScenario(id);
      const s = createScenario(id);
      const ids = [...spec.producers, ...spec.lanes, ...spec.consumers, spec.topic, spec.group, spec.dlq, spec.store].filter((x): x is string => !!x);
      for (const x of ids) expect(preset.labels[x], `${id}: no label for ${x}`).toBeDefined();
      expect(Object.keys(s.consumers)).toEqual([...spec.consumers]);
      expect(Object.keys(s.producers).sort()).toEqual([...spec.producers].sort());
      // Every queue of the preset is drawn somewhere (a lane or the DLQ).
      expect(Object.keys(s.queues).sort()).toEqual([...spec.lanes, ...(spec.dlq ? [spec.dlq] : [])].sort());
    });

    for (const mode of ["wide", "narrow"] as const) {
      it(`${id} (${mode}): boxes stay on the stage and never overlap, up to the most consumers the controls allow`, () => {
        const spec = MODEL_LAYOUTS[id];
        let s = createScenario(id);
        const grow = getScenario(id).controls.find((c) => c.id.startsWith("add-"));
        for (let n = 0; n < 10 && grow; n++) {
          const a = grow.build(s);
          if (!a) break;
          s = dispatch(s, a);
        }
        expect(Object.keys(s.consumers).length).toBeLessThanOrEqual(spec.maxConsumers);
        const layout = computeLayout(id, mode, inputOf(s, id));
        const boxes = layout.nodes.filter((n) => n.kind !== "topic" && n.kind !== "group");
        expect(layout.nodes.filter((n) => n.kind === "consumer")).toHaveLength(Object.keys(s.consumers).length);
        for (const b of layout.nodes) expect(inside(b, layout), `${b.id} off stage`).toBe(true);
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j]), `${boxes[i].id} overlaps ${boxes[j].id}`).toBe(false);
        // Frames contain what they frame.
        for (const f of layout.nodes.filter((n) => n.kind === "topic" || n.kind === "group")) {
          const members = f.kind === "topic" ? spec.lanes : Object.keys(s.consumers);
          for (const m of members) {
            const b = layout.nodes.find((n) => n.id === m)!;
            expect(b.x >= f.x && b.y >= f.y && b.x + b.w <= f.x + f.w && b.y + b.h <= f.y + f.h, `${m} outside ${f.id}`).toBe(true);
          }
        }
      });
    }
  }

  it("partitions: each partition's arrow points at its current owner, and follows a rebalance", () => {
    let s = createScenario("partitions");
    const arrowsOf = (st: typeof s) => computeLayout("partitions", "wide", inputOf(st, "partitions")).arrows.filter((a) => a.id.startsWith("ledger.p")).map((a) => a.id);
    expect(arrowsOf(s).sort()).toEqual(["ledger.p0->ledger-1", "ledger.p1->ledger-2", "ledger.p2->ledger-1"]);
    s = dispatch(s, cloneConsumerAction(s, "ledger-2"));
    expect(arrowsOf(s).sort()).toEqual(["ledger.p0->ledger-1", "ledger.p1->ledger-2", "ledger.p2->ledger-3"]);
  });
});

describe("token placement", () => {
  it("draws at most a lane's capacity and counts the rest as +N more", () => {
    let s = runScript(scenarioConfig("work-queue", { pausedProducers: true }), 1, [{ atMs: 10, action: { type: "publish", producerId: "upload-service", count: 200 } }], { untilMs: 20 });
    const layout = computeLayout("work-queue", "wide", inputOf(s, "work-queue"));
    const { tokens: drawn, overflow } = placeTokens(s, layout, MODEL_LAYOUTS["work-queue"]);
    const inLane = drawn.filter((t) => t.tone === "normal" && t.y > 0 && !Object.keys(s.consumers).some((c) => s.envelopes[t.id].consumerId === c));
    expect(overflow).toHaveLength(1);
    expect(inLane.length + overflow[0].count).toBe(198);
    expect(inLane.length).toBeLessThan(20);
    const lane = layout.nodes.find((n) => n.id === "resize-jobs")!;
    for (const t of inLane) expect(t.x > lane.x && t.x < lane.x + lane.w).toBe(true);
    s = dispatch(s, { type: "pause-producers" });
    expect(placeTokens(s, layout, MODEL_LAYOUTS["work-queue"]).tokens.length).toBe(drawn.length);
  });

  it("a copy charged twice carries a 2× badge and the ledger says so", () => {
    const t = tours["delivery-guarantees"];
    const s = stepEndState(t, t.steps.findIndex((x) => x.id === "duplicate"));
    const layout = computeLayout("delivery-guarantees", "wide", inputOf(s, "delivery-guarantees"));
    const m2 = placeTokens(s, layout, MODEL_LAYOUTS["delivery-guarantees"]).tokens.find((x) => x.msgId === "m2");
    expect(m2?.badge).toBe("2×");
    const view = describeState(s, MODEL_LAYOUTS["delivery-guarantees"]);
    expect(view.nodes.charges.alert).toBe("Order #2 charged twice!");
    expect(view.stats.find((x) => x.id === "duplicates")?.value).toBe("1");
  });

  it("a crashed consumer's unacked message is drawn at the consumer and its return time is stated", () => {
    const t = tours["point-to-point"];
    const s = stepEndState(t, t.steps.findIndex((x) => x.id === "crash"));
    const layout = computeLayout("point-to-point", "narrow", inputOf(s, "point-to-point"));
    const m5 = placeTokens(s, layout, MODEL_LAYOUTS["point-to-point"]).tokens.find((x) => x.msgId === "m5")!;
    const a = layout.nodes.find((n) => n.id === "payment-worker-a")!;
    expect(m5.tone).toBe("orphaned");
    expect(m5.x > a.x && m5.x < a.x + a.w && m5.y > a.y && m5.y < a.y + a.h).toBe(true);
    const view = describeState(s, MODEL_LAYOUTS["point-to-point"]);
    expect(view.nodes["payment-worker-a"].status).toMatch(/^crashed · back in 1\.8 s/);
    expect(view.nodes["payment-worker-a"].alert).toBe("#5 unacked, back in 4.1 s");
  });

  it("keyed messages show their key's initial, and all of one key share a colour", () => {
    const t = tours.partitions;
    const s = stepEndState(t, 1);
    const layout = computeLayout("partitions", "wide", inputOf(s, "partitions"));
    const alice = placeTokens(s, layout, MODEL_LAYOUTS.partitions).tokens.filter((x) => tokens(s).find((y) => y.id === x.id)?.key === "alice");
    expect(alice.length).toBe(4);
    expect(new Set(alice.map((x) => x.text))).toEqual(new Set(["A"]));
    expect(new Set(alice.map((x) => x.tint)).size).toBe(1);
  });
});
