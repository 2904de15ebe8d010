import { describe, expect, it } from "vitest";
import { createFrameClock, MAX_FRAME_MS } from "./frame-clock";

describe("createFrameClock", () => {
  it("the first frame sets the reference; later frames advance real time times speed", () => {
    const clock = createFrameClock();
    expect(clock.tick(1000, 2)).toBe(0);
    expect(clock.tick(1016, 2)).toBe(32);
    expect(clock.tick(1032, 0.5)).toBe(8);
  });

  it("carries the fraction of a virtual ms to the next frame", () => {
    const clock = createFrameClock();
    clock.tick(0, 0.25);
    // 10 ms at ¼× is 2.5 virtual ms: 2 now, the half carried.
    expect(clock.tick(10, 0.25)).toBe(2);
    expect(clock.tick(20, 0.25)).toBe(3);
  });

  it("a long frame counts as MAX_FRAME_MS, so the clock never leaps", () => {
    const clock = createFrameClock();
    clock.tick(0, 1);
    expect(clock.tick(5000, 1)).toBe(MAX_FRAME_MS);
  });

  it("after a pause the next frame starts afresh, keeping the carry; reset drops it", () => {
    const clock = createFrameClock();
    clock.tick(0, 0.5);
    expect(clock.tick(5, 0.5)).toBe(2); // 2.5: half owed
    clock.pause();
    expect(clock.tick(10_000, 0.5)).toBe(0);
    expect(clock.tick(10_001, 0.5)).toBe(1); // 0.5 + 0.5
    clock.tick(10_006, 0.5); // 2.5 again: half owed
    clock.reset();
    clock.tick(20_000, 0.5);
    expect(clock.tick(20_001, 0.5)).toBe(0);
  });

  it("frames closer than minStepMs are skipped without losing their time", () => {
    const clock = createFrameClock({ minStepMs: 28 });
    clock.tick(0, 1);
    expect(clock.tick(16, 1)).toBeNull();
    expect(clock.tick(32, 1)).toBe(32);
  });
});
