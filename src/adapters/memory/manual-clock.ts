import type { Clock } from '../../ports/clock';

/**
 * A {@link Clock} that moves only when told to.
 *
 * @category Host ports
 */
export interface ManualClock extends Clock {
  /**
   * Sets the current instant.
   * @param instant - milliseconds since the epoch, or a `Date`.
   * @example
   * ```ts
   * clock.set(new Date('2026-12-01T09:00:00Z'));
   * clock.now(); // 1796115600000
   * ```
   */
  set(instant: number | Date): void;
  /**
   * Moves time forward (or back, with a negative amount).
   * @param milliseconds - how far.
   * @example
   * ```ts
   * const before = clock.now();
   * clock.advance(8 * 24 * 3_600_000); // eight days later: a 7-day link has expired
   * clock.now() - before; // 691200000
   * ```
   */
  advance(milliseconds: number): void;
}

/**
 * Creates a clock that stands still until moved, for tests and examples.
 *
 * @param start - the first instant, in milliseconds since the epoch or as a `Date`.
 * @returns the clock.
 *
 * @example
 * ```ts
 * const clock = createManualClock(Date.UTC(2026, 3, 16));
 * clock.advance(7 * 24 * 3_600_000);
 * clock.now(); // Date.UTC(2026, 3, 23)
 * ```
 *
 * @category Host ports
 */
export function createManualClock(start: number | Date = 0): ManualClock {
  let now = +start;
  return {
    now: () => now,
    set(instant) {
      now = +instant;
    },
    advance(milliseconds) {
      now += milliseconds;
    },
  };
}
