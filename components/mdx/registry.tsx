import { CodeExample } from "@/components/code-example/code-example";
import { Experiment } from "@/components/code-example/experiment";
import { LabEmbed } from "@/components/lab/lab-embed";
import { LabPreview } from "@/components/lab/lab-preview";
import { Challenge } from "@/components/challenge/challenge";
import { Step } from "@/components/lesson/step";
import { getTemplate, TEMPLATES, type TemplateId } from "@/lib/lab/templates";
import { Quiz } from "@/components/quiz/quiz";
import { QueuePlaygroundLoader, TrafficSpikeToyLoader } from "@/components/toys/toy-loaders";
import { VisualModel } from "@/components/visuals/visual-model";
import { Glossary, Term } from "./glossary";

/*
 * THE registry of MDX components: lessons may use these and nothing else. lib/content/components.ts describes
 * the same names and props for the content checker; a test keeps the two lists identical.
 */

function Callout({ type = "info", children }: { type?: "info" | "tip" | "warning"; children?: React.ReactNode }) {
  const label = { info: "Note", tip: "Tip", warning: "Warning" }[type];
  return (
    <aside className="callout" data-type={type} aria-label={label}>
      {children}
    </aside>
  );
}

// Both render a light stand-in on the server; the widget and the engine load near the viewport (components/toys).
function TrafficSpikeToy() {
  return <TrafficSpikeToyLoader />;
}

function QueuePlayground({ pattern }: { pattern: string }) {
  return <QueuePlaygroundLoader pattern={pattern} />;
}

/** The lab in a lesson: a server-rendered preview of the template with a button that loads the lab in place. */
function ArchitectureLab({ template }: { template?: string }) {
  const chosen = getTemplate(template ?? "order-processing") ?? TEMPLATES[0]!;
  return (
    <LabEmbed templateId={chosen.id as TemplateId} title={chosen.title}>
      <LabPreview template={chosen} />
    </LabEmbed>
  );
}

// Each step's title is the page's h2, so headings an author writes inside a step start one level lower.
const shift = (Tag: "h3" | "h4" | "h5") =>
  function Heading(props: React.ComponentProps<"h3">) {
    return <Tag {...props} />;
  };

export const mdxComponents = {
  h1: shift("h3"),
  h2: shift("h3"),
  h3: shift("h4"),
  h4: shift("h5"),
  Step,
  Glossary,
  Term,
  VisualModel,
  TrafficSpikeToy,
  QueuePlayground,
  CodeExample,
  Experiment,
  Quiz,
  Challenge,
  ArchitectureLab,
  Callout,
};

/** Names an author may write as JSX (the heading overrides are plain Markdown, not components). */
export const registeredComponentNames = Object.keys(mdxComponents).filter((k) => /^[A-Z]/.test(k));
