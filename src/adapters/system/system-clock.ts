import type { Clock } from '../../ports/clock';

/**
 * The clock of the machine: `Date.now()`. The default when no clock is given.
 *
 * @example
 * ```ts
 * systemClock.now(); // e.g. 1795411200000
 * ```
 *
 * @category Ports
 */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });
