/**
 * Reading a link's activity (A1) day by day: UTC days as `YYYY-MM-DD`, and a series with every
 * day of a range.
 */
import { addCount, emptyTally, type ActivityDay, type RunningCount } from './activity';
import { DAY_MS } from './time';

/** @internal A UTC day as `YYYY-MM-DD`. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** @internal The first day `YYYY-MM-DD` writes as itself: 0100-01-01 (two-digit years are not years). */
export const FIRST_DAY = -683_003;
/** @internal The last day `YYYY-MM-DD` writes: 9999-12-31. */
export const LAST_DAY = 2_932_896;

/** @internal The UTC day a `YYYY-MM-DD` names, or `null` when it names none (`2026-02-30`, `26-1-1`). */
export function parseDay(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const parts = DAY.exec(text);
  if (parts === null) return null;
  const at = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  // Date.UTC rolls 2026-02-30 over to March: a day that reads back differently is no day.
  return Number.isFinite(at) && dayLabel(at / DAY_MS) === text ? at / DAY_MS : null;
}

/**
 * @internal Folds counts of one link into one {@link ActivityDay} per day from `from` to `to`
 * (inclusive), days without counts included as zeros, oldest first.
 */
export function activitySeries(counts: readonly { readonly day: number; readonly kind: string; readonly count: number }[], from: number, to: number): ActivityDay[] {
  const days = new Map<number, RunningCount>();
  for (let day = from; day <= to; day++) days.set(day, emptyTally(true));
  for (const { day, kind, count } of counts) {
    const into = days.get(day);
    if (into !== undefined) addCount(into, kind, count);
  }
  return [...days].map(([day, counted]) => ({ day: dayLabel(day), opens: counted.opens, joins: counted.joins, refusals: counted.refusals, refusedBy: counted.refusedBy! }));
}

