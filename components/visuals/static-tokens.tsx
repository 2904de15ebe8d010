/**
 * Message tokens without motion, for a static snapshot of a model (a paused "what happens next?"
 * picture). Positions are percentages of the stage, so it needs no measuring and no client code.
 */
import type { OverflowMark, TokenView } from "./token-positions";
import styles from "./visual-model.module.css";

/** Tokens as plain positioned dots; settled (faded-out) ones are left out. */
export function StaticTokens({ tokens, overflow, width, height, tokenSize }: { tokens: TokenView[]; overflow: OverflowMark[]; width: number; height: number; tokenSize: number }) {
  return (
    <div className={styles.tokens} style={{ "--tok": `calc(100cqw * ${tokenSize / width})` } as React.CSSProperties} aria-hidden="true">
      {tokens
        .filter((t) => t.opacity > 0)
        .map((t) => (
          <div
            key={t.id}
            className={`${styles.token} ${styles.staticToken}`}
            data-tone={t.tone}
            data-tint={t.tint}
            data-ring={t.ring || undefined}
            style={{ left: `${(t.x / width) * 100}%`, top: `${(t.y / height) * 100}%` }}
          >
            {t.text}
            {t.badge ? <span className={styles.badge}>{t.badge}</span> : null}
          </div>
        ))}
      {overflow.map((o) => (
        <span key={o.laneId} className={`${styles.more} ${styles.staticMore}`} style={{ left: `${(o.x / width) * 100}%`, top: `${(o.y / height) * 100}%` }}>
          +{o.count} more
        </span>
      ))}
    </div>
  );
}
