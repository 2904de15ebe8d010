import { readExample } from "@/components/mdx/static-code";
import { CodeExampleClient } from "./code-example-client";

/**
 * `<CodeExample id="<slug>" />`: the lesson's runnable example, `content/examples/<slug>/example.ts`, read on the
 * server (so the code is in the HTML before any JavaScript) and handed to the interactive editor.
 */
export function CodeExample({ id }: { id: string }) {
  const code = readExample(id);
  if (code === null) {
    // The content checker reports this at build time; the page says it too rather than showing an empty editor.
    return (
      <p role="alert" className="callout" data-type="warning">
        The code example “{id}” is missing: expected content/examples/{id}/example.ts.
      </p>
    );
  }
  return <CodeExampleClient exampleId={id} code={code} />;
}
