/**
 * The clock part shared by the playback hooks (components/toys/use-live-playback.ts,
 * components/visuals/use-model-playback.ts): turns requestAnimationFrame timestamps into whole virtual milliseconds
 * for the engine, `speed` virtual ms per real ms. The engine's clock moves in whole ms, so the fraction owed carries
 * to the next frame (at ¼× a 16 ms frame is 4 ms). Pure: the tests hand it timestamps.
 */

/** A real frame longer than this (a background tab, a breakpoint) counts as this long, so the clock never leaps. */
export const MAX_FRAME_MS = 100;

export interface FrameClock {
  /**
   * Virtual ms to advance for the frame at real time `nowMs`. The first frame after a pause only sets the reference
   * (0, plus any whole ms still owed). null: the frame came sooner than `minStepMs` after the last step; skip it.
   */
  tick(nowMs: number, speed: number): number | null;
  /** The loop stopped: the next frame starts afresh (a fraction still owed is kept). */
  pause(): void;
  /** A new state: forget the fraction owed, too. */
  reset(): void;
}

export function createFrameClock({ minStepMs = 0 }: { minStepMs?: number } = {}): FrameClock {
  let last: number | null = null;
  let carry = 0;
  return {
    tick(nowMs, speed) {
      if (last !== null && nowMs - last < minStepMs) return null;
      const realDt = last === null ? 0 : Math.min(nowMs - last, MAX_FRAME_MS);
      last = nowMs;
      const owed = realDt * speed + carry;
      const whole = Math.floor(owed);
      carry = owed - whole;
      return whole;
    },
    pause() {
      last = null;
    },
    reset() {
      last = null;
      carry = 0;
    },
  };
}
