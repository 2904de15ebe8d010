/**
 * The controls under a visual model's diagram: playback (Play/Pause, Step, Reset, Speed), the
 * preset's own buttons and toggles, "Start tour", and the counts bar. Presentational and hook-free:
 * the server renders it inert in the placeholder (Play and Start tour carry `data-intent` for the
 * loader), the widget wires it to the playback hook.
 */
import type { StatView } from "./describe";
import type { ControlMeta } from "./model-meta";
import styles from "./visual-model.module.css";

export const SPEEDS = [0.5, 1, 2, 4] as const;

export interface ControlState extends ControlMeta {
  disabled: boolean;
  on: boolean;
}

interface ToolbarProps {
  idPrefix: string;
  playing: boolean;
  speed: number;
  touring: boolean;
  controls: ControlState[];
  /** The placeholder before the widget has loaded: everything but Play and Start tour is disabled, and those two say what to do once it has. */
  inert?: boolean;
  canStep?: boolean;
  onPlay?: () => void;
  onPause?: () => void;
  onStep?: () => void;
  onReset?: () => void;
  onSpeed?: (speed: number) => void;
  onStartTour?: () => void;
  onControl?: (id: string) => void;
}

export function ModelToolbar(p: ToolbarProps) {
  const speedId = `${p.idPrefix}-speed`;
  const free = !p.touring && !p.inert;
  return (
    <div className={styles.toolbar}>
      <div className={styles.toolRow} role="group" aria-label="Playback">
        {/* One button whose name flips, so keyboard focus stays on it. */}
        <button
          type="button"
          className={`btn btn-small ${styles.playBtn}`}
          data-action="play"
          data-intent={p.inert ? "play" : undefined}
          data-playing={p.playing}
          onClick={p.playing ? p.onPause : p.onPlay}
        >
          <span aria-hidden="true">{p.playing ? "❚❚" : "▶"}</span>
          {p.playing ? "Pause" : "Play"}
        </button>
        <button type="button" className="btn btn-small" data-action="step" onClick={p.onStep} disabled={!free || p.canStep === false}>
          Step
        </button>
        <button type="button" className="btn btn-small" data-action="reset" onClick={p.onReset} disabled={!free}>
          Reset
        </button>
        <label className={styles.speed} htmlFor={speedId}>
          Speed
          <select id={speedId} value={p.speed} disabled={p.inert} onChange={p.onSpeed ? (e) => p.onSpeed!(Number(e.target.value)) : undefined}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        {p.touring ? null : (
          <button
            type="button"
            className={`btn btn-small btn-primary ${styles.tourBtn}`}
            data-action="start-tour"
            data-intent={p.inert ? "tour" : undefined}
            onClick={p.onStartTour}
          >
            Start tour
          </button>
        )}
      </div>
      <div className={styles.toolRow} role="group" aria-label="Try it">
        {p.controls.map((c) => (
          <button
            key={c.id}
            type="button"
            className={`btn btn-small ${styles.control}`}
            data-control={c.id}
            aria-pressed={c.toggle ? c.on : undefined}
            disabled={!free || c.disabled}
            title={c.hint}
            onClick={p.onControl ? () => p.onControl!(c.id) : undefined}
          >
            {c.toggle ? <span className={styles.switch} data-on={c.on} aria-hidden="true" /> : null}
            {c.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The headline counts; each has a test id so a test can watch it change. */
export function ModelStats({ stats }: { stats: StatView[] }) {
  return (
    <dl className={styles.stats}>
      {stats.map((s) => (
        <div key={s.id} className={styles.stat} data-tone={s.tone}>
          <dt>{s.label}</dt>
          <dd data-testid={`vm-stat-${s.id}`}>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}
