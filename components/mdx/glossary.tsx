/**
 * The "Define Terms" step: term cards that reveal their definition. Native <details>/<summary> gives keyboard
 * (Enter/Space), tap and screen-reader support with no JavaScript.
 */
export function Glossary({ children }: { children?: React.ReactNode }) {
  return <div className="glossary">{children}</div>;
}

export function Term({ name, children }: { name: string; children?: React.ReactNode }) {
  return (
    <details className="term-card">
      <summary>
        <span className="term-name">{name}</span>
        <span className="term-hint" aria-hidden="true">
          Reveal
        </span>
      </summary>
      <div className="term-def">{children}</div>
    </details>
  );
}
