/**
 * A link's activity (A1): how many opened it, came in and were turned away, per UTC day. Counts
 * only: no address, name, IP or user agent is part of them, so an erasure leaves them as they are.
 */
import { DAY_MS } from './time';

/**
 * What one count counts: a link opened (`opened`), a guest let in (`joined`, one per use spent),
 * or a guest turned away, by the reason they were told first (a reason code such as
 * `LINK_INVALID` or `WRONG_PASSCODE`).
 *
 * @category Activity
 */
export type ActivityKind = 'opened' | 'joined' | (string & {});

/**
 * One link's activity on one UTC day.
 *
 * @category Activity
 */
export interface ActivityDay {
  /** The UTC day, as `YYYY-MM-DD`. */
  readonly day: string;
  /** How many times the link was opened (its landing page read; G6: no use spent). */
  readonly opens: number;
  /** How many guests came in: one per use spent. */
  readonly joins: number;
  /** How many attempts were turned away, whatever the reason. */
  readonly refusals: number;
  /** The refusals by the reason the guest was told first: `{ GUEST_ACCESS_OFF: 2 }`; reasons with none are left out. */
  readonly refusedBy: Readonly<Record<string, number>>;
}

/**
 * A link's activity added up over some days: what the owner's list shows beside `uses`.
 *
 * @category Activity
 */
export interface ActivityTotals {
  /** Opens over the days. */
  readonly opens: number;
  /** Joins over the days. */
  readonly joins: number;
  /** Refusals over the days. */
  readonly refusals: number;
}

/**
 * The most days one {@link ActivityDay} series spans.
 *
 * @category Activity
 */
export const MAX_ACTIVITY_DAYS = 366;

/** @internal The UTC day of an instant: whole days since 1970-01-01. */
export function utcDay(at: number): number {
  return Math.floor(at / DAY_MS);
}

/** @internal Activity being added up: with `refusedBy`, the refusals by reason too. */
export interface RunningCount {
  opens: number;
  joins: number;
  refusals: number;
  refusedBy?: Record<string, number>;
}

/** @internal Nothing counted yet; with the refusals by reason when `byReason`. */
export function emptyTally(byReason: boolean): RunningCount {
  return byReason ? { opens: 0, joins: 0, refusals: 0, refusedBy: {} } : { opens: 0, joins: 0, refusals: 0 };
}

/** @internal Adds one stored count to a tally: an open, a join, or a refusal under its reason. */
export function addCount(into: RunningCount, kind: string, count: number): void {
  if (kind === 'opened') into.opens += count;
  else if (kind === 'joined') into.joins += count;
  else {
    into.refusals += count;
    if (into.refusedBy !== undefined) into.refusedBy[kind] = (into.refusedBy[kind] ?? 0) + count;
  }
}
