import { describe, expect, it } from "vitest";
import { getScenario, tokens } from "@/lib/sim";
import { VISUAL_MODEL_IDS as CONTENT_MODEL_IDS } from "@/lib/content/components";
import { playTo, stepEndState, stepStartState, tours, VISUAL_MODEL_IDS } from "./index";

/** Every component id a state has: what a step may highlight. */
function componentIds(s: ReturnType<typeof stepEndState>): Set<string> {
  return new Set([
    ...Object.keys(s.producers),
    ...Object.keys(s.topics),
    ...Object.keys(s.queues),
    ...Object.keys(s.groups),
    ...Object.keys(s.consumers),
    ...Object.keys(s.effects),
  ]);
}

describe("tours: shape", () => {
  it("there is a tour for exactly the visual models lessons can use", () => {
    expect([...VISUAL_MODEL_IDS].sort()).toEqual([...CONTENT_MODEL_IDS].sort());
    expect(Object.keys(tours).sort()).toEqual([...CONTENT_MODEL_IDS].sort());
  });

  for (const id of VISUAL_MODEL_IDS) {
    const tour = tours[id];
    describe(id, () => {
      it("has 5 to 8 steps with unique ids, short narration and spans in time order", () => {
        expect(tour.modelId).toBe(id);
        expect(tour.steps.length).toBeGreaterThanOrEqual(5);
        expect(tour.steps.length).toBeLessThanOrEqual(8);
        expect(new Set(tour.steps.map((s) => s.id)).size).toBe(tour.steps.length);
        let prevEnd = 0;
        for (const step of tour.steps) {
          expect(step.fromMs, step.id).toBeGreaterThanOrEqual(prevEnd);
          expect(step.toMs, step.id).toBeGreaterThanOrEqual(step.fromMs);
          expect(step.narration.length, step.id).toBeGreaterThan(40);
          expect(step.narration.length, step.id).toBeLessThanOrEqual(420);
          prevEnd = step.toMs;
        }
      });

      it("uses every beat within the steps' spans (no scripted action the student never sees)", () => {
        const last = tour.steps[tour.steps.length - 1].toMs;
        for (const b of tour.beats) {
          expect(b.atMs).toBeLessThanOrEqual(last);
          expect(tour.steps.some((s) => b.atMs >= s.fromMs && b.atMs <= s.toMs), `beat at ${b.atMs} falls between steps`).toBe(true);
        }
      });

      it("highlights components that exist in the step and follows messages that exist", () => {
        const labels = getScenario(id).labels;
        tour.steps.forEach((step, i) => {
          const end = stepEndState(tour, i);
          const ids = componentIds(end);
          for (const h of step.highlight) expect(ids.has(h), `${step.id} highlights unknown "${h}"`).toBe(true);
          // A highlighted component the preset has no words for would show an empty popover.
          for (const h of step.highlight) if (!end.consumers[h] || labels[h]) expect(labels[h], `${step.id}: no label for "${h}"`).toBeDefined();
          const msgs = new Set(tokens(end).map((t) => t.msgId));
          for (const m of step.follow ?? []) expect(msgs.has(m), `${step.id} follows unknown ${m}`).toBe(true);
        });
      });

      it("reproduces each step deterministically, and playing its span frame by frame ends where the narration is checked", () => {
        tour.steps.forEach((step, i) => {
          const start = stepStartState(tour, i);
          expect(start.nowMs).toBe(step.fromMs);
          expect(JSON.stringify(stepStartState(tour, i))).toBe(JSON.stringify(start));
          // What the widget does: ~60 fps frames of whole milliseconds at 1x, dispatching beats as they come due.
          let s = start;
          let frame = 0;
          while (s.nowMs < step.toMs) s = playTo(s, Math.min(step.toMs, s.nowMs + (frame++ % 3 === 0 ? 17 : 16)), tour.beats);
          expect(JSON.stringify(s)).toBe(JSON.stringify(stepEndState(tour, i)));
        });
      });
    });
  }
});
