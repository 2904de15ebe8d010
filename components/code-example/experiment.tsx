import { readExample } from "@/components/mdx/static-code";
import { ExperimentCard } from "./experiment-card";

/**
 * `<Experiment id example title>markdown</Experiment>`: one variant of a lesson's example. The variant's code
 * (`content/examples/<example>/<id>.ts`) is read on the server and travels with the card, so loading it into the
 * editor needs no request.
 */
export function Experiment({ id, example, title, children }: { id: string; example: string; title: string; children?: React.ReactNode }) {
  const code = readExample(example, id);
  return (
    <ExperimentCard id={id} exampleId={example} title={title} code={code}>
      {children}
    </ExperimentCard>
  );
}
