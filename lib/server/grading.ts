import "server-only";
import { gradeWithPool } from "@/lib/grading/grade";
import { GradingPool } from "@/lib/grading/pool";
import type { GradeResult } from "@/lib/grading/types";
import { loadChallengeForGrading } from "./challenges";

export type { GradeResult, GradeStatus, TestOutcome } from "@/lib/grading/types";
export { MAX_CODE_LENGTH } from "@/lib/grading/grade";

/** Thrown by {@link gradeSubmission} for a challenge id that does not exist (a 404 for the API). */
export class UnknownChallengeError extends Error {
  constructor(readonly challengeId: string) {
    super(`unknown challenge "${challengeId}"`);
    this.name = "UnknownChallengeError";
  }
}

// One pool per server process. Kept on globalThis so `next dev` module reloads do not start a new pool (and two
// more worker threads) on every edit.
const POOL_KEY = Symbol.for("decoupled.gradingPool");
type PoolHolder = typeof globalThis & { [POOL_KEY]?: GradingPool };

/**
 * The process-wide grading pool, started on first use. `GRADER_POOL_SIZE` sets the number of worker threads
 * (default min(2, CPU cores)).
 */
export function getGradingPool(): GradingPool {
  const holder = globalThis as PoolHolder;
  if (!holder[POOL_KEY]) {
    const size = Number.parseInt(process.env.GRADER_POOL_SIZE ?? "", 10);
    holder[POOL_KEY] = new GradingPool(Number.isFinite(size) && size > 0 ? { size } : {});
  }
  return holder[POOL_KEY];
}

/** Stop the pool's worker threads (tests, graceful shutdown). The next grade starts a new pool. */
export async function closeGradingPool(): Promise<void> {
  const holder = globalThis as PoolHolder;
  const pool = holder[POOL_KEY];
  delete holder[POOL_KEY];
  await pool?.close();
}

/**
 * Grade a student's TypeScript module against a challenge's hidden tests in the QuickJS sandbox.
 *
 * Resolves with a {@link GradeResult} for everything the student can cause (compile errors, missing exports,
 * failures, timeouts, memory exhaustion, grader crashes); its messages never contain hidden test source.
 * Throws {@link UnknownChallengeError} for an unknown id and a ContentError for broken challenge content.
 */
export async function gradeSubmission(challengeId: string, code: string): Promise<GradeResult> {
  // !!! HIDDEN TESTS ARE READ HERE (lib/server/challenges.ts). They go to the sandbox and nowhere else.
  const loaded = loadChallengeForGrading(challengeId);
  if (!loaded) throw new UnknownChallengeError(challengeId);
  const { challenge, hiddenTests } = loaded;
  return gradeWithPool(getGradingPool(), {
    code,
    tests: hiddenTests,
    exports: challenge.exports,
    limits: challenge.limits,
  });
}
