/**
 * The source of "now". Every rule that depends on time asks it, so tests can move time.
 *
 * @category Ports
 */
export interface Clock {
  /**
   * The current instant.
   * @returns milliseconds since the epoch, a whole number from 0 to 2^48 − 1.
   * @example
   * ```ts
   * const fixed: Clock = { now: () => Date.UTC(2026, 10, 23) };
   * fixed.now(); // 1795392000000
   * ```
   */
  now(): number;
}
