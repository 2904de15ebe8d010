import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";

/*
 * YAML with source locations: every content error names file:line, so the one parser call for quiz files and
 * frontmatter keeps a line counter and answers "which line is this field on?".
 */

export type YamlPath = ReadonlyArray<PropertyKey>;

export interface YamlSource {
  doc: Document;
  /** Syntax errors, each with the line it was found on. */
  errors: Array<{ line: number; message: string }>;
  /** 1-based file line of a character offset into the YAML text. */
  lineAt(offset: number | undefined): number;
  /**
   * 1-based file line of the deepest node on `path` that exists: a map key's line, or a sequence item's. A missing
   * field is reported on its parent's line; an empty path is the line the document's content starts on.
   */
  lineOf(path: YamlPath): number;
}

/**
 * Parse `text` keeping line numbers. `firstLine` is the file line the text starts on (2 for frontmatter after its
 * opening `---`), so lines are the file's, not the snippet's.
 */
export function parseYamlSource(text: string, firstLine = 1): YamlSource {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? firstLine : lc.linePos(offset).line + firstLine - 1);
  const lineOf = (path: YamlPath) => {
    let node: unknown = doc.contents;
    let line = lineAt((doc.contents as { range?: [number] } | null)?.range?.[0]);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
        if (!pair) break;
        line = lineAt((pair.key as { range?: [number] }).range?.[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        const item = node.items[key] as { range?: [number] } | undefined;
        if (!item) break;
        line = lineAt(item.range?.[0]);
        node = item;
      } else break;
    }
    return line;
  };
  const errors = doc.errors.map((e) => ({ line: lineAt(e.pos[0]), message: e.message.split("\n")[0] }));
  return { doc, errors, lineAt, lineOf };
}
