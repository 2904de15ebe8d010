/**
 * Geometry for the hand-drawn SVG time charts: linear scales, round axis ticks and path strings.
 * Pure functions over numbers, so the axes can be tested without a DOM. Times are virtual
 * milliseconds; the charts label them in seconds.
 */

export interface Point {
  /** Virtual time in ms. */
  t: number;
  /** `null` = no value in that interval (e.g. no answers): the line breaks there instead of dropping to 0. */
  v: number | null;
}

/** A function mapping `[d0, d1]` onto `[r0, r1]` linearly; a zero-width domain maps everything to `r0`. */
export function linearScale(domain: [number, number], range: [number, number]): (x: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0) return () => r0;
  return (x) => r0 + ((x - d0) / span) * (r1 - r0);
}

/**
 * The smallest "round" number (1, 2 or 5 times a power of ten) that is at least `value`.
 * Used for axis steps, so ticks read 0, 20, 40 rather than 0, 17, 34.
 */
export function niceStep(value: number): number {
  const v = Math.max(value, Number.MIN_VALUE);
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5]) {
    const c = m * mag;
    // Tolerate float noise (0.30000000000000004 must still round to 0.5, not skip to 1).
    if (c >= v - mag * 1e-9) return c;
  }
  return 10 * mag;
}

export interface ValueAxis {
  /** Top of the chart: a whole number of steps, at least the data's maximum and `floor`. */
  max: number;
  /** From 0 to `max` inclusive. */
  ticks: number[];
}

/**
 * A y axis from 0 that fits `value` in at most `count` round steps. `floor` keeps a quiet chart from
 * magnifying noise (a backlog of 1 should not fill the chart); `integer` forbids fractional steps for counts.
 */
export function valueAxis(value: number, opts: { floor?: number; count?: number; integer?: boolean } = {}): ValueAxis {
  const { floor = 1, count = 4, integer = false } = opts;
  const top = Math.max(value, floor);
  let step = niceStep(top / count);
  if (integer) step = Math.max(1, Math.round(step));
  const n = Math.max(1, Math.ceil(top / step - 1e-9));
  const ticks: number[] = [];
  for (let i = 0; i <= n; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { max: ticks[ticks.length - 1], ticks };
}

/** Tick positions (ms) every `stepMs` within `[t0, t1]`, on whole multiples of the step. */
export function timeTicks(t0: number, t1: number, stepMs?: number): number[] {
  const span = t1 - t0;
  if (!(span > 0)) return [t0];
  const step = stepMs ?? (span <= 12_000 ? 2_000 : span <= 30_000 ? 5_000 : span <= 80_000 ? 10_000 : 20_000);
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
  return ticks;
}

/**
 * The visible time window. Until the clock passes `maxWidthMs` the window starts at 0 and is just
 * wide enough for the run so far (whole `stepMs`, at least `minWidthMs`), so a one-second crash is
 * not squeezed into a sliver; after that it is the last `maxWidthMs`, scrolling with the clock.
 */
export function timeWindow(nowMs: number, maxWidthMs: number, minWidthMs = 10_000, stepMs = 5_000): [number, number] {
  if (nowMs > maxWidthMs) return [nowMs - maxWidthMs, nowMs];
  const width = Math.min(maxWidthMs, Math.max(minWidthMs, Math.ceil(nowMs / stepMs) * stepMs));
  return [0, width];
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** SVG path data for a polyline through the points, broken into separate runs at `null` values. */
export function linePath(points: Point[], x: (t: number) => number, y: (v: number) => number): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (p.v === null) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${fmt(x(p.t))},${fmt(y(p.v))}`;
    pen = true;
  }
  return d;
}

/** SVG path data for the area between the line and `baselineY`, one closed shape per unbroken run. */
export function areaPath(points: Point[], x: (t: number) => number, y: (v: number) => number, baselineY: number): string {
  let d = "";
  let run: Point[] = [];
  const flush = () => {
    if (run.length > 0) {
      const first = run[0];
      const last = run[run.length - 1];
      d += `M${fmt(x(first.t))},${fmt(baselineY)}`;
      for (const p of run) d += `L${fmt(x(p.t))},${fmt(y(p.v!))}`;
      d += `L${fmt(x(last.t))},${fmt(baselineY)}Z`;
    }
    run = [];
  };
  for (const p of points) {
    if (p.v === null) flush();
    else run.push(p);
  }
  flush();
  return d;
}

/** Points whose time falls in `[t0, t1]`, plus the one just before `t0` so the line enters from the left edge. */
export function clipToWindow(points: Point[], t0: number, t1: number): Point[] {
  let start = points.findIndex((p) => p.t >= t0);
  if (start < 0) return [];
  if (start > 0) start--;
  const out: Point[] = [];
  for (let i = start; i < points.length && points[i].t <= t1; i++) out.push(points[i]);
  return out;
}

/** Largest non-null value, or 0. */
export function maxValue(points: Point[]): number {
  let m = 0;
  for (const p of points) if (p.v !== null && p.v > m) m = p.v;
  return m;
}
