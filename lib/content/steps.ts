/**
 * The nine steps every lesson has, in order. Ids are stable (stored in the database and used in URLs);
 * titles may change freely.
 *
 * `completion` says who may mark a step done:
 * - "reader": the student, with "Mark as done" (reading steps).
 * - "widget": the step's interactive component in the browser (visual-model tour, experiments); nothing to verify.
 * - "server": only a server-side check (quiz answers, hidden tests); the browser can never claim these.
 */
export const STEPS = [
  { id: "why", title: "Why This Matters", completion: "reader" },
  { id: "terms", title: "Define Terms", completion: "reader" },
  { id: "visual", title: "Visual Model", completion: "widget" },
  { id: "code", title: "Code Example", completion: "reader" },
  { id: "experiment", title: "Interactive Experiment", completion: "widget" },
  { id: "quiz", title: "Quick Quiz", completion: "server" },
  { id: "challenge", title: "Coding Challenge", completion: "server" },
  { id: "real-world", title: "Real-World Usage", completion: "reader" },
  { id: "connections", title: "Connections", completion: "reader" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];
export type StepCompletion = (typeof STEPS)[number]["completion"];

export const STEP_IDS: readonly StepId[] = STEPS.map((s) => s.id);
export const TOTAL_STEPS = STEPS.length;

export function isStepId(value: unknown): value is StepId {
  return typeof value === "string" && (STEP_IDS as readonly string[]).includes(value);
}

/** Steps the browser may mark complete directly (reading steps and widget-driven steps). */
export function isClientCompletable(id: StepId): boolean {
  return STEPS.find((s) => s.id === id)!.completion !== "server";
}

export function stepTitle(id: StepId): string {
  return STEPS.find((s) => s.id === id)!.title;
}

/** "0/9 Not Started", "3/9 In Progress", "9/9 Completed". */
export function progressLabel(completed: number, total: number = TOTAL_STEPS): { fraction: string; status: string } {
  const status = completed <= 0 ? "Not Started" : completed >= total ? "Completed" : "In Progress";
  return { fraction: `${Math.min(completed, total)}/${total}`, status };
}
