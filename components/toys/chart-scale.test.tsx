import { describe, expect, it } from "vitest";
import { areaPath, clipToWindow, linePath, linearScale, maxValue, niceStep, timeTicks, timeWindow, valueAxis, type Point } from "./chart-scale";

describe("linearScale", () => {
  it("maps the domain onto the range, including an inverted (SVG y) range", () => {
    const y = linearScale([0, 50], [140, 20]);
    expect(y(0)).toBe(140);
    expect(y(50)).toBe(20);
    expect(y(25)).toBe(80);
  });
  it("does not divide by zero on an empty domain", () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(0);
  });
});

describe("value axis", () => {
  it("rounds steps to 1, 2 or 5 times a power of ten", () => {
    expect([0.3, 1, 1.2, 3, 7, 12.5, 450].map(niceStep)).toEqual([0.5, 1, 2, 5, 10, 20, 500]);
  });
  it("tops out at a whole number of round steps at or above the data", () => {
    const a = valueAxis(47);
    expect(a.max).toBeGreaterThanOrEqual(47);
    expect(a.ticks[0]).toBe(0);
    expect(a.ticks.at(-1)).toBe(a.max);
    expect(a.ticks.length).toBeLessThanOrEqual(5);
    const step = a.ticks[1] - a.ticks[0];
    expect(a.ticks.every((t, i) => t === i * step)).toBe(true);
  });
  it("keeps a floor so a backlog of 1 does not fill the chart, and whole steps for counts", () => {
    const a = valueAxis(1, { floor: 10, integer: true });
    expect(a.max).toBe(10);
    expect(a.ticks.every(Number.isInteger)).toBe(true);
    expect(valueAxis(3, { floor: 3, integer: true }).ticks.every(Number.isInteger)).toBe(true);
  });
  it("response times of a few seconds get second-sized steps", () => {
    expect(valueAxis(2900, { floor: 1000 }).ticks).toEqual([0, 1000, 2000, 3000]);
  });
});

describe("time axis", () => {
  it("starts 10 s wide, widens in 5 s steps with the run up to 40 s, then scrolls with the clock", () => {
    expect(timeWindow(0, 40_000)).toEqual([0, 10_000]);
    expect(timeWindow(1_200, 40_000)).toEqual([0, 10_000]);
    expect(timeWindow(12_000, 40_000)).toEqual([0, 15_000]);
    expect(timeWindow(38_000, 40_000)).toEqual([0, 40_000]);
    expect(timeWindow(55_000, 40_000)).toEqual([15_000, 55_000]);
  });
  it("puts ticks on whole multiples of the step inside the window", () => {
    expect(timeTicks(0, 40_000)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(timeTicks(13_000, 53_000)).toEqual([20_000, 30_000, 40_000, 50_000]);
    expect(timeTicks(0, 10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
  });
});

describe("paths", () => {
  const x = (t: number) => t / 100;
  const y = (v: number) => 100 - v;
  it("draws a line through the points and breaks it where a value is missing", () => {
    const pts: Point[] = [
      { t: 0, v: 0 },
      { t: 100, v: 10 },
      { t: 200, v: null },
      { t: 300, v: 5 },
      { t: 400, v: 5 },
    ];
    expect(linePath(pts, x, y)).toBe("M0,100L1,90M3,95L4,95");
  });
  it("closes one area per unbroken run down to the baseline", () => {
    const pts: Point[] = [
      { t: 0, v: 2 },
      { t: 100, v: 4 },
      { t: 200, v: null },
      { t: 300, v: 1 },
    ];
    expect(areaPath(pts, x, y, 100)).toBe("M0,100L0,98L1,96L1,100ZM3,100L3,99L3,100Z");
  });
  it("clips to the window but keeps the point just before it so the line enters from the edge", () => {
    const pts: Point[] = [0, 1000, 2000, 3000, 4000].map((t) => ({ t, v: t }));
    expect(clipToWindow(pts, 1500, 3000).map((p) => p.t)).toEqual([1000, 2000, 3000]);
    expect(clipToWindow(pts, 5000, 6000)).toEqual([]);
    expect(maxValue([{ t: 0, v: null }, { t: 1, v: 3 }])).toBe(3);
  });
});
