/**
 * The MDX entry points for visual models (Server Components). `<VisualModel id>` ships a static
 * placeholder plus the lazy loader; `<ModelSnapshot>` draws a scripted moment as plain HTML, for
 * "what happens next?" questions, with no client JavaScript of its own.
 */
import { runScript, scenarioConfig, type Beat, type ScenarioOptions } from "@/lib/sim";
import { VISUAL_MODEL_IDS, type VisualModelId } from "@/lib/tours/types";
import { describeState } from "./describe";
import { computeLayout, MODEL_LAYOUTS, type LayoutInput } from "./layouts";
import { ModelStats } from "./model-controls";
import { modelStart } from "./model-meta";
import { ModelPlaceholder } from "./model-placeholder";
import { StageView } from "./stage-view";
import { StaticTokens } from "./static-tokens";
import { placeTokens } from "./token-positions";
import { VisualModelLoader } from "./visual-model-loader";
import styles from "./visual-model.module.css";

function assertModelId(id: string): asserts id is VisualModelId {
  if (!(VISUAL_MODEL_IDS as readonly string[]).includes(id)) {
    throw new Error(`<VisualModel id="${id}">: unknown model; known: ${VISUAL_MODEL_IDS.join(", ")}`);
  }
}

/** An animated diagram of a preset with free play and a guided tour; finishing the tour completes the lesson's visual step. */
export function VisualModel({ id }: { id: string }) {
  assertModelId(id);
  const start = modelStart(id);
  return (
    <VisualModelLoader start={start}>
      <ModelPlaceholder start={start} />
    </VisualModelLoader>
  );
}

/**
 * A paused picture of model `id` after replaying `beats` from `seed` up to `untilMs`
 * (the same script format as the tours), with the counts at that moment.
 */
export function ModelSnapshot({
  id,
  seed = 1,
  beats = [],
  untilMs,
  options = { pausedProducers: true },
  caption,
}: {
  id: string;
  seed?: number;
  beats?: readonly Beat[];
  untilMs?: number;
  options?: ScenarioOptions;
  caption?: string;
}) {
  assertModelId(id);
  const spec = MODEL_LAYOUTS[id];
  const { meta } = modelStart(id);
  const state = runScript(scenarioConfig(id, options), seed, beats, { untilMs });
  const input: LayoutInput = {
    consumers: Object.values(state.consumers).map((c) => ({ id: c.id, source: c.source })),
    owners: Object.fromEntries(spec.lanes.map((l) => [l, state.queues[l]?.owner ?? null])),
  };
  const view = describeState(state, spec);
  const stage = (mode: "wide" | "narrow") => {
    const layout = computeLayout(id, mode, input);
    const placed = placeTokens(state, layout, spec, { settledWindowMs: 0 });
    return (
      <StageView layout={layout} view={view} labels={meta.labels} idPrefix={`snap-${id}-${mode}`}>
        <StaticTokens tokens={placed.tokens} overflow={placed.overflow} width={layout.width} height={layout.height} tokenSize={layout.token} />
      </StageView>
    );
  };
  return (
    <figure className={styles.model} data-testid="model-snapshot" data-model={id} style={{ marginInline: 0 }}>
      <div className={styles.wideOnly}>{stage("wide")}</div>
      <div className={styles.narrowOnly}>{stage("narrow")}</div>
      <ModelStats stats={view.stats} />
      {caption ? <figcaption className={styles.info}>{caption}</figcaption> : null}
    </figure>
  );
}
