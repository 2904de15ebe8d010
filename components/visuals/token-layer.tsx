"use client";
/**
 * Message tokens over the diagram, animated with motion: transform and opacity only, keyed by the
 * token id so a message copy glides from place to place. Each token is memoized on primitive props,
 * so a frame re-renders only the tokens whose place changed.
 */
import { domAnimation, LazyMotion, m } from "motion/react";
import { memo, useEffect, useRef } from "react";
import type { OverflowMark, TokenTone, TokenView } from "./token-positions";
import styles from "./visual-model.module.css";

const MOVE = { duration: 0.4, ease: [0.22, 0.7, 0.3, 1] as const };
const ARRIVE = { duration: 0.7, ease: "easeOut" as const, times: [0, 0.45, 1] };
const FADE = { duration: 0.35 };

interface DotProps {
  x: number;
  y: number;
  opacity: number;
  tone: TokenTone;
  text: string;
  tint: number;
  badge: string | null;
  ring: boolean;
  spawnX: number | null;
  spawnY: number | null;
  viaX: number | null;
  viaY: number | null;
}

const TokenDot = memo(function TokenDot(p: DotProps) {
  // Keyframes through the lane's head only for the first render of a token that was delivered the
  // instant it was published; every later move is a straight glide from wherever it is.
  const firstRender = useRef(true);
  useEffect(() => {
    firstRender.current = false;
  }, []);
  const first = firstRender.current;
  const via = first && p.spawnX !== null && p.viaX !== null && p.viaY !== null && p.spawnY !== null;
  const animate = via
    ? { x: [p.spawnX!, p.viaX!, p.x], y: [p.spawnY!, p.viaY!, p.y], opacity: p.opacity }
    : { x: p.x, y: p.y, opacity: p.opacity };
  return (
    <m.div
      className={styles.token}
      data-tone={p.tone}
      data-tint={p.tint}
      data-ring={p.ring || undefined}
      initial={{ x: p.spawnX ?? p.x, y: p.spawnY ?? p.y, opacity: 0 }}
      animate={animate}
      transition={{ x: via ? ARRIVE : MOVE, y: via ? ARRIVE : MOVE, opacity: FADE }}
    >
      {p.text}
      {p.badge ? <span className={styles.badge}>{p.badge}</span> : null}
    </m.div>
  );
});

/** Tokens and "+N more" marks in stage units, scaled to pixels for the current stage width. */
export function TokenLayer({ tokens, overflow, scale, tokenSize }: { tokens: TokenView[]; overflow: OverflowMark[]; scale: number; tokenSize: number }) {
  const r = (v: number) => Math.round(v * scale * 10) / 10;
  // LazyMotion with the DOM animation features only (no layout, drag or gestures): a smaller chunk.
  return (
    <LazyMotion features={domAnimation} strict>
      <div className={styles.tokens} style={{ "--tok": `${tokenSize * scale}px` } as React.CSSProperties} aria-hidden="true">
        {tokens.map((t) => (
          <TokenDot
            key={t.id}
            x={r(t.x)}
            y={r(t.y)}
            opacity={t.opacity}
            tone={t.tone}
            text={t.text}
            tint={t.tint}
            badge={t.badge}
            ring={t.ring}
            spawnX={t.spawn ? r(t.spawn.x) : null}
            spawnY={t.spawn ? r(t.spawn.y) : null}
            viaX={t.via ? r(t.via.x) : null}
            viaY={t.via ? r(t.via.y) : null}
          />
        ))}
        {overflow.map((o) => (
          <span key={o.laneId} className={styles.more} style={{ transform: `translate(${r(o.x)}px, ${r(o.y)}px) translate(-100%, -50%)` }}>
            +{o.count} more
          </span>
        ))}
      </div>
    </LazyMotion>
  );
}
