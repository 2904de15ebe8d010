import { TEMPLATES } from "../lab/templates";
import { STEP_IDS } from "./steps";

/**
 * The MDX components an author may use, with their props. This is the checker's view of
 * `components/mdx/registry.tsx` (a test keeps the two in step); React-free so the CLI checker can load it.
 */
export interface PropSpec {
  required?: boolean;
  /** Allowed literal values; omitted = any non-empty string. */
  values?: readonly string[];
  /** Resolves the value to a file that must exist, relative to `content/`. */
  file?: (value: string, props: Record<string, string>) => string;
}

export interface ComponentSpec {
  props: Record<string, PropSpec>;
  /** The component must sit directly inside this one. */
  parent?: string;
  /** Only allowed at the top level of the lesson. */
  topLevel?: boolean;
  /** Self-closing components render their own content; children would be ignored. */
  noChildren?: boolean;
}

export const VISUAL_MODEL_IDS = ["message-queue", "point-to-point", "pub-sub", "work-queue", "delivery-guarantees", "dead-letter", "partitions"] as const;
export const PLAYGROUND_PATTERNS = ["point-to-point", "pub-sub", "work-queue"] as const;
/** The lab's own template ids, so a lesson can only name a template the lab can load. */
export const LAB_TEMPLATES: readonly string[] = TEMPLATES.map((t) => t.id);
export const CALLOUT_TYPES = ["info", "tip", "warning"] as const;

export const COMPONENT_SPECS: Record<string, ComponentSpec> = {
  Step: { props: { id: { required: true, values: STEP_IDS } }, topLevel: true },
  Glossary: { props: {} },
  Term: { props: { name: { required: true } }, parent: "Glossary" },
  VisualModel: { props: { id: { required: true, values: VISUAL_MODEL_IDS } }, noChildren: true },
  TrafficSpikeToy: { props: {}, noChildren: true },
  QueuePlayground: { props: { pattern: { required: true, values: PLAYGROUND_PATTERNS } }, noChildren: true },
  CodeExample: { props: { id: { required: true, file: (id) => `examples/${id}/example.ts` } }, noChildren: true },
  Experiment: {
    props: {
      id: { required: true, file: (id, p) => `examples/${p.example}/${id}.ts` },
      example: { required: true, file: (ex) => `examples/${ex}/example.ts` },
      title: { required: true },
    },
  },
  Quiz: { props: { id: { required: true, file: (id) => `quizzes/${id}.yaml` } }, noChildren: true },
  Challenge: { props: { id: { required: true, file: (id) => `challenges/${id}/challenge.md` } }, noChildren: true },
  ArchitectureLab: { props: { template: { values: LAB_TEMPLATES } }, noChildren: true },
  Callout: { props: { type: { values: CALLOUT_TYPES } } },
};

export const COMPONENT_NAMES = Object.keys(COMPONENT_SPECS);
