import { STEP_IDS, stepTitle, type StepId } from "@/lib/content/steps";
import { StepDot, StepFooter } from "./step-footer";

/** One of the nine lesson steps, as written in MDX: `<Step id="why">…</Step>`. */
export function Step({ id, children }: { id: StepId; children?: React.ReactNode }) {
  const n = STEP_IDS.indexOf(id) + 1;
  const titleId = `step-${id}-title`;
  return (
    <section id={`step-${id}`} className="lesson-step" aria-labelledby={titleId} data-step={id}>
      <header>
        <StepDot stepId={id} n={n} />
        <h2 id={titleId} tabIndex={-1}>
          <span className="visually-hidden">Step {n}: </span>
          {stepTitle(id)}
        </h2>
      </header>
      <div className="step-body">{children}</div>
      <StepFooter stepId={id} />
    </section>
  );
}
