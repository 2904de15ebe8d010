import styles from "./lab.module.css";

export type GlyphKind = "queue" | "info" | "success" | "warning" | "error";

/**
 * The runner's level icons (lib/lab LOG_ICONS: 🟡 ℹ️ ✅ ⚠️ ❌) drawn with theme colours and plain glyphs, so they
 * look the same on machines without a colour-emoji font and follow dark mode. Decorative: text next to it says
 * the same thing.
 */
const GLYPHS: Record<GlyphKind, string> = { queue: "", info: "i", success: "✓", warning: "!", error: "✕" };

export function Glyph({ kind }: { kind: GlyphKind }) {
  return (
    <span className={styles.glyph} data-kind={kind} aria-hidden="true">
      {GLYPHS[kind]}
    </span>
  );
}
