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

/** @internal A UTC day as `YYYY-MM-DD`. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

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
  const days = new Map<number, { opens: number; joins: number; refusals: number; refusedBy: Record<string, number> }>();
  for (let day = from; day <= to; day++) days.set(day, { opens: 0, joins: 0, refusals: 0, refusedBy: {} });
  for (const { day, kind, count } of counts) {
    const into = days.get(day);
    if (into === undefined) continue;
    if (kind === 'opened') into.opens += count;
    else if (kind === 'joined') into.joins += count;
    else {
      into.refusals += count;
      into.refusedBy[kind] = (into.refusedBy[kind] ?? 0) + count;
    }
  }
  return [...days].map(([day, counted]) => ({ day: dayLabel(day), ...counted }));
}

/** @internal Adds counts up. */
export function activityTotals(counts: readonly { readonly kind: string; readonly count: number }[]): ActivityTotals {
  let opens = 0;
  let joins = 0;
  let refusals = 0;
  for (const { kind, count } of counts) {
    if (kind === 'opened') opens += count;
    else if (kind === 'joined') joins += count;
    else refusals += count;
  }
  return { opens, joins, refusals };
}
