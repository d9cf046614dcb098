/** A link's activity (A1): counting opens and refusals as they happen, and reading the counts back. */
import { addCount, emptyTally, utcDay, type ActivityDay, type ActivityTotals } from '../domain/activity';
import type { Actor } from '../domain/entry';
import type { Result } from '../domain/result';
import { now, port, type Context } from './context';

/**
 * Input of {@link GuestLinks.linkActivity}.
 *
 * @category Activity
 */
export interface LinkActivityInput {
  /** Who asks: whoever may manage the entry's guest access. */
  readonly actor: Actor;
  /** The entry the link belongs to. */
  readonly entryId: string;
  /** The link. */
  readonly linkId: string;
  /**
   * The first UTC day, `YYYY-MM-DD`, included.
   * @defaultValue 13 days before `to`: two weeks
   */
  readonly from?: string | null | undefined;
  /**
   * The last UTC day, `YYYY-MM-DD`, included; no earlier than `from`, and at most
   * {@link MAX_ACTIVITY_DAYS} days from it, both included.
   * @defaultValue 13 days after `from` when `from` is given; otherwise today (UTC)
   */
  readonly to?: string | null | undefined;
}

/**
 * A link's activity, day by day (A1): what {@link GuestLinks.linkActivity} answers.
 *
 * @category Activity
 */
export interface LinkActivity {
  /** The link. */
  readonly linkId: string;
  /** The first day, `YYYY-MM-DD`. */
  readonly from: string;
  /** The last day, `YYYY-MM-DD`. */
  readonly to: string;
  /** One record per day from `from` to `to`, oldest first; a day with nothing counted has zeros. Days older than `activityRetentionDays` may have been swept. */
  readonly days: readonly ActivityDay[];
  /** The days added up. */
  readonly totals: ActivityTotals & {
    /** The refusals by reason, over the days. */
    readonly refusedBy: Readonly<Record<string, number>>;
  };
}

/** @internal Each link's activity over the kept days (`activityRetentionDays`), today included: what the owner's list shows. */
export async function keptTotals(context: Context, linkIds: readonly string[], at: number): Promise<Map<string, ActivityTotals>> {
  const totals = new Map<string, ActivityTotals>();
  if (linkIds.length === 0) return totals;
  const today = utcDay(at);
  const counts = await port('STORAGE_FAILED', () =>
    context.store.readActivity({ linkIds, fromDay: today - context.rules.activityRetentionDays + 1, toDay: today }),
    context.store.name,
  );
  for (const id of linkIds) totals.set(id, emptyTally(false));
  for (const { linkId, kind, count } of counts) {
    const into = totals.get(linkId);
    if (into !== undefined) addCount(into, kind, count);
  }
  return totals;
}

/** @internal No activity: a new link's. */
export const NO_ACTIVITY: ActivityTotals = Object.freeze({ opens: 0, joins: 0, refusals: 0 });

/**
 * @internal Counts one of a link's opens (A1). A count the store fails to write is told to
 * `onActivityError` and lost: it never fails the guest's request.
 */
export async function countOpen(context: Context, linkId: string | null): Promise<void> {
  if (linkId !== null && context.countsActivity) await tally(context, linkId, 'opened');
}

/**
 * @internal Counts a guest's refusal by a link (A1) under the first reason told, and answers
 * the result as it is. A refusal of the form (`INVALID_…`), or of the pace of codes, turns no
 * one away, and counts nothing; nor does anything without a link the library signed.
 */
export async function counted<R extends Result<unknown>>(context: Context, linkId: string | null, result: R): Promise<R> {
  if (!result.ok && linkId !== null && context.countsActivity && !result.code.startsWith('INVALID_') && !UNCOUNTED.has(result.code)) {
    await tally(context, linkId, result.code);
  }
  return result;
}

/** Refusals that say nothing of the link: the pace of codes, the mailer, a verification never signed. */
const UNCOUNTED: ReadonlySet<string> = new Set(['CODE_RESEND_TOO_SOON', 'CODE_NOT_SENT', 'VERIFICATION_INVALID']);

async function tally(context: Context, linkId: string, kind: string): Promise<void> {
  try {
    await context.store.countActivity({ linkId, day: utcDay(now(context)), kind });
  } catch (error) {
    try {
      context.onActivityError(error);
    } catch {
      // The guest's answer is due: a failing error handler changes nothing of it.
    }
  }
}
