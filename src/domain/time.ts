/**
 * @internal One day of 24 hours, in milliseconds. Durations people choose are whole days, and
 * expiry is plain arithmetic on UTC milliseconds: a calendar day in a local zone can be 23 or 25
 * hours long.
 */
export const DAY_MS = 86_400_000;
