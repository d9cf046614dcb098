/**
 * The source of "now". Every rule that depends on time asks it, so tests can move time.
 */
export interface Clock {
  /**
   * The current instant.
   * @returns milliseconds since the epoch, a whole number from 0 to 2^48 − 1.
   */
  now(): number;
}
