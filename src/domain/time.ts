/**
 * @internal One day of 24 hours, in milliseconds. Durations people choose are whole days, and
 * expiry is plain arithmetic on UTC milliseconds: a calendar day in a local zone can be 23 or 25
 * hours long.
 */
export const DAY_MS = 86_400_000;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * @internal The instant a ULID was made: its first ten characters, in Crockford's base 32, are
 * milliseconds since the epoch. The id must be a ULID (the token grammar has checked it).
 */
export function ulidTime(id: string): number {
  let time = 0;
  for (let i = 0; i < 10; i++) time = time * 32 + CROCKFORD.indexOf(id[i]!);
  return time;
}
