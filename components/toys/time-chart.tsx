"use client";
/**
 * A small hand-drawn SVG chart of one engine series over virtual time: axes with round ticks, a
 * line or filled area, and for screen readers a title, a description of the latest value and a
 * visually hidden table of the last few samples. No chart library: the page budget has no room
 * for one, and the geometry is a handful of lines (chart-scale.ts).
 */
import { useId } from "react";
import { areaPath, clipToWindow, linePath, linearScale, maxValue, timeTicks, valueAxis, type Point } from "./chart-scale";
import styles from "./time-chart.module.css";

// The viewBox; the SVG scales to its container's width and keeps this aspect ratio.
// Small on purpose: the charts are drawn 200-330 px wide, so 10-unit text stays readable (about 9-13 px).
const W = 240;
const H = 140;
const PAD = { left: 32, right: 8, top: 8, bottom: 26 };
const TABLE_ROWS = 5;

export interface TimeChartProps {
  title: string;
  /** One sentence on what the chart shows, for its description. */
  about: string;
  points: Point[];
  /** Visible time window in virtual ms. */
  window: [number, number];
  kind: "line" | "area";
  /** Colour family: a CSS variable name without `--`, e.g. "accent", "danger". */
  tone: "accent" | "danger" | "warning" | "success";
  /** Smallest y-axis maximum, so an almost-flat series stays flat. */
  floor: number;
  integer?: boolean;
  /** Formats a value with its unit for the table and the description ("12 orders", "740 ms"). */
  format: (v: number) => string;
  /** Short unit for the y-axis ticks ("ms"); omitted for plain counts. */
  tickFormat?: (v: number) => string;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export function TimeChart({ title, about, points, window, kind, tone, floor, integer, format, tickFormat }: TimeChartProps) {
  const id = useId();
  const [t0, t1] = window;
  const visible = clipToWindow(points, t0, t1);
  const axis = valueAxis(maxValue(visible), { floor, integer });
  const x = linearScale([t0, t1], [PAD.left, W - PAD.right]);
  const y = linearScale([0, axis.max], [H - PAD.bottom, PAD.top]);
  const baseline = H - PAD.bottom;
  const latest = [...points].reverse().find((p) => p.v !== null) ?? null;
  const peak = maxValue(points);
  const description =
    latest === null ? `${about} No data yet.` : `${about} Latest: ${format(latest.v!)} at ${seconds(latest.t)}. Highest so far: ${format(peak)}.`;
  const rows = points.slice(-TABLE_ROWS);

  return (
    <figure className={styles.chart} data-tone={tone}>
      <figcaption className={styles.caption} id={`${id}-cap`}>
        {title}
        <span className={styles.latest} aria-hidden="true">
          {latest === null ? "–" : format(latest.v!)}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className={styles.svg} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g className={styles.grid} aria-hidden="true">
          {axis.ticks.map((v) => (
            <g key={v}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
              <text x={PAD.left - 5} y={y(v)} dy="0.32em" textAnchor="end">
                {tickFormat ? tickFormat(v) : v}
              </text>
            </g>
          ))}
          {timeTicks(t0, t1).map((t) => (
            <text key={t} x={x(t)} y={H - PAD.bottom + 14} textAnchor="middle">
              {seconds(t)}
            </text>
          ))}
          <line className={styles.axis} x1={PAD.left} x2={W - PAD.right} y1={baseline} y2={baseline} />
          <text className={styles.axisLabel} x={W - PAD.right} y={H - 1} textAnchor="end">
            simulated time
          </text>
        </g>
        {kind === "area" ? <path className={styles.area} d={areaPath(visible, x, y, baseline)} /> : null}
        <path className={styles.line} d={linePath(visible, x, y)} />
      </svg>
      <table className="visually-hidden">
        <caption>{title}: the latest samples</caption>
        <thead>
          <tr>
            <th scope="col">Simulated time</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.t}>
              <td>{(p.t / 1000).toFixed(1)} s</td>
              <td>{p.v === null ? "no data" : format(p.v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
