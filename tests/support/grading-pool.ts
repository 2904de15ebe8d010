import { afterAll, beforeAll } from "vitest";
import { GradingPool } from "@/lib/grading/pool";

/**
 * One warm grading pool for the calling test file, closed after its last test. Returns a getter because the pool
 * only exists once `beforeAll` has run, after the file's top level.
 */
export function gradingPoolForSuite(size = 2): () => GradingPool {
  let pool: GradingPool | undefined;
  beforeAll(async () => {
    pool = new GradingPool({ size });
    await pool.warm();
  });
  afterAll(async () => {
    await pool?.close();
  });
  return () => {
    if (!pool) throw new Error("the grading pool is used before beforeAll has warmed it");
    return pool;
  };
}
