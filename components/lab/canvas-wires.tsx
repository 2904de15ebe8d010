"use client";
import { motion } from "motion/react";
import type { Connection } from "@/lib/lab";
import { pathD, samplePath, type Point } from "./canvas-geometry";
import { STEP_MS, wireKey, type Highlights } from "./use-lab-run";
import styles from "./lab.module.css";

/**
 * The canvas's SVG layer: every connection as an arrow (lit while the run uses it), a dot travelling along the
 * wires of the current run step (unless motion is reduced), and the wire being drawn by a drag.
 */
export function CanvasWires({
  width,
  height,
  markerId,
  connections,
  ends,
  highlights,
  reduceMotion,
  draft,
}: {
  width: number;
  height: number;
  markerId: string;
  connections: readonly Connection[];
  ends: (c: Connection) => { a: Point; b: Point } | null;
  highlights: Highlights;
  reduceMotion: boolean;
  /** The wire a drag is drawing, from a port to the pointer. */
  draft: { a: Point; b: Point } | null;
}) {
  const current = highlights.current;
  return (
    <svg className={styles.wires} width={width} height={height} aria-hidden="true">
      <defs>
        <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className={styles.arrowHead} />
        </marker>
      </defs>
      {connections.map((c) => {
        const e = ends(c);
        if (!e) return null;
        const key = wireKey(c.from, c.to);
        const status = highlights.wires.get(key);
        const d = pathD(e.a, e.b);
        return (
          <g key={key} data-wire={key} data-status={status ?? "none"}>
            <path d={d} className={styles.wire} markerEnd={`url(#${markerId})`} />
            <motion.path d={d} className={styles.wireLit} data-status={status ?? "none"} initial={false} animate={{ opacity: status ? 1 : 0 }} transition={{ duration: 0.25 }} />
          </g>
        );
      })}
      {!reduceMotion && current
        ? current.connections.map((c) => {
            const e = ends(c);
            if (!e) return null;
            const { xs: px, ys: py } = samplePath(e.a, e.b);
            return (
              <motion.circle
                key={`${highlights.currentIndex}-${wireKey(c.from, c.to)}`}
                r={6}
                cx={0}
                cy={0}
                className={styles.packet}
                data-status={current.status}
                initial={{ x: px[0], y: py[0], opacity: 0 }}
                animate={{ x: px, y: py, opacity: [0, 1, 1, 0] }}
                transition={{ duration: (STEP_MS * 0.9) / 1000, ease: "easeInOut" }}
              />
            );
          })
        : null}
      {draft ? <path d={pathD(draft.a, draft.b)} className={styles.wireDraft} /> : null}
    </svg>
  );
}
