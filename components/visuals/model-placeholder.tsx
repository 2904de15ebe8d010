/**
 * A visual model as the server first sends it: the diagram of the starting state, its counts and
 * its buttons, as plain HTML. No hooks and no client code of its own: Play and Start tour carry
 * `data-intent`, which VisualModelLoader reads to load the widget and do what was asked.
 */
import { ModelStats, ModelToolbar, type ControlState } from "./model-controls";
import type { ModelStart } from "./model-meta";
import { StageView } from "./stage-view";
import styles from "./visual-model.module.css";

export function ModelPlaceholder({ start }: { start: ModelStart }) {
  const { meta, layouts, view } = start;
  const controls: ControlState[] = meta.controls.map((c) => ({ ...c, disabled: true, on: start.toggles[c.id] ?? false }));
  return (
    <section className={styles.model} aria-label={`Visual model: ${meta.title}`} data-testid="visual-model" data-model={meta.id} data-ready="false">
      <h3 className={styles.title}>{meta.title}</h3>
      {/* Both layouts; a container query shows the one that fits, as the widget will choose. */}
      <div className={styles.wideOnly}>
        <StageView layout={layouts.wide} view={view} labels={meta.labels} idPrefix={`vm-${meta.id}-w`} />
      </div>
      <div className={styles.narrowOnly}>
        <StageView layout={layouts.narrow} view={view} labels={meta.labels} idPrefix={`vm-${meta.id}-n`} />
      </div>
      <ModelStats stats={view.stats} />
      <ModelToolbar idPrefix={`vm-${meta.id}-ph`} playing={false} speed={1} touring={false} inert controls={controls} />
      <div className={styles.info}>
        <p className={styles.narration}>{meta.summary}</p>
        <p className={styles.hint}>Hover over or tap any box to see what it does and why it is needed.</p>
      </div>
    </section>
  );
}
