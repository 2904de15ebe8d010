/**
 * Seeded pseudo-random numbers whose whole state is one uint32 kept in the simulation state,
 * so a run can be serialized mid-way and resumed with the same future draws.
 */
import { hashKey } from "./hash";

/** Turns a numeric or string seed into a non-zero uint32 RNG state. */
export function seedToState(seed: number | string): number {
  const n = typeof seed === "number" ? Math.trunc(seed) >>> 0 : hashKey(seed);
  // mulberry32 works with any state, but 0 and the plain seed look alike for small seeds; mix once.
  return (Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) >>> 0) || 0x2545f491;
}

/** mulberry32: advances `holder.rng` and returns a float in [0, 1). */
export function nextRandom(holder: { rng: number }): number {
  holder.rng = (holder.rng + 0x6d2b79f5) >>> 0;
  let t = holder.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
