/** A problem in an instructor-authored file, located precisely enough to fix without hunting. */
export interface ContentProblem {
  /** Path relative to the project root, e.g. `content/lessons/01-message-queues.mdx`. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`;
}

/** Thrown when content cannot be loaded at all; the message is the checker's `file:line: message` lines. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ContentError";
    this.problems = problems;
  }
}
