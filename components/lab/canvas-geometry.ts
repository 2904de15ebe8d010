/* Pure geometry of the lab canvas: where boxes and wires go, in canvas pixels. */
import type { Position } from "@/lib/lab";
import { NODE_HEIGHT, NODE_WIDTH } from "./lab-state";

/** Space around the outermost components, in canvas pixels. */
const PAD = 24;
/** The canvas shrinks to fit its container down to this scale, then scrolls. */
const MIN_SCALE = 0.6;

export interface Point {
  x: number;
  y: number;
}

export interface CanvasFrame {
  width: number;
  height: number;
  /** Fit-to-width scale of the layer (1 until the container is measured). */
  scale: number;
  /** Design position → canvas layer position (designs may have negative coordinates). */
  view: (p: Position) => Point;
}

/** The canvas around `positions`, scaled to fit `available` screen pixels of width. */
export function canvasFrame(positions: readonly Position[], available: number): CanvasFrame {
  const xs = positions.map((p) => p.x);
  const ys = positions.map((p) => p.y);
  const minX = Math.min(0, ...xs);
  const minY = Math.min(0, ...ys);
  const width = Math.max(640, (xs.length ? Math.max(...xs) : 0) - minX + NODE_WIDTH + PAD * 2);
  const height = Math.max(360, (ys.length ? Math.max(...ys) : 0) - minY + NODE_HEIGHT + PAD * 2);
  const scale = available > 0 ? Math.min(1, Math.max(MIN_SCALE, available / width)) : 1;
  return { width, height, scale, view: (p) => ({ x: p.x - minX + PAD, y: p.y - minY + PAD }) };
}

/** Where wires leave (right edge) and enter (left edge) a box whose top-left is `p`. */
export const anchorOut = (p: Point): Point => ({ x: p.x + NODE_WIDTH, y: p.y + NODE_HEIGHT / 2 });
export const anchorIn = (p: Point): Point => ({ x: p.x, y: p.y + NODE_HEIGHT / 2 });

function bezier(a: Point, b: Point) {
  const dx = Math.max(40, Math.abs(b.x - a.x) * 0.5);
  return { p0: a, p1: { x: a.x + dx, y: a.y }, p2: { x: b.x - dx, y: b.y }, p3: b };
}

export function pathD(a: Point, b: Point): string {
  const { p1, p2 } = bezier(a, b);
  return `M ${a.x} ${a.y} C ${p1.x} ${p1.y}, ${p2.x} ${p2.y}, ${b.x} ${b.y}`;
}

/** Points along the wire, for a message dot that follows its curve using transform keyframes only. */
export function samplePath(a: Point, b: Point, n = 12): { xs: number[]; ys: number[] } {
  const { p0, p1, p2, p3 } = bezier(a, b);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    xs.push(u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x);
    ys.push(u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y);
  }
  return { xs, ys };
}
