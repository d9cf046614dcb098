/** Reading a link's activity day by day (A1). */
import { MAX_ACTIVITY_DAYS, addCount, emptyTally, utcDay } from '../domain/activity';
import { activitySeries, dayLabel, FIRST_DAY, LAST_DAY, parseDay } from '../domain/activity-days';
import { reason } from '../domain/reasons';
import { refuse, success, type Result } from '../domain/result';
import { decideManageGuestAccess, type ManageRefusalCode } from '../policy/guest-policy';
import type { LinkActivity, LinkActivityInput } from './activity';
import { authorize, now, port, type Context } from './context';
import { InputReader, type InputCode } from './input';

/** @internal */
export async function linkActivity(
  context: Context,
  input: LinkActivityInput,
): Promise<Result<LinkActivity, InputCode | ManageRefusalCode | 'LINK_NOT_FOUND'>> {
  const read = new InputReader(input);
  const linkId = read.ulid('linkId');
  const today = utcDay(now(context));
  const days = dayRange(read, today, 14, MAX_ACTIVITY_DAYS);
  const gate = await authorize(context, read, decideManageGuestAccess);
  if (!gate.ok) return gate;
  const found = await port('STORAGE_FAILED', () => context.store.readLink(linkId), context.store.name);
  // Another entry's link is not found: counts are the entry's managers' to read.
  if (found === null || found.link.entryId !== gate.entryId) return refuse([reason('LINK_NOT_FOUND')]);
  const [from, to] = days;
  const counts = await port('STORAGE_FAILED', () => context.store.readActivity({ linkIds: [linkId], fromDay: from, toDay: to }), context.store.name);
  const totals = emptyTally(true);
  for (const { kind, count } of counts) addCount(totals, kind, count);
  return success({ linkId, from: dayLabel(from), to: dayLabel(to), days: activitySeries(counts, from, to), totals: { ...totals, refusedBy: totals.refusedBy! } });
}

/**
 * Reads optional `from` and `to`, UTC days written `YYYY-MM-DD`, as whole days since
 * 1970-01-01, both included: `span` days ending at `to`, or starting at `from`, or ending
 * `today` when neither is given. `from` after `to`, or more than `max` days, is refused as
 * `from`'s: whether a range is good never depends on the clock.
 */
function dayRange(read: InputReader, today: number, span: number, max: number): readonly [number, number] {
  // Empty reads as absent, as a form's blank field sends it.
  const day = (value: unknown) => (value === undefined || value === null || value === '' ? null : (parseDay(value) ?? undefined));
  const from = read.field('from', 'INVALID_DAY_RANGE', day);
  const last = read.field('to', 'INVALID_DAY_RANGE', day);
  // Either day unreadable: its reason is recorded, and the range is never used.
  if (from === undefined || last === undefined) return [today, today];
  const to = last ?? (from === null ? today : from + span - 1);
  const first = from ?? to - span + 1;
  // A range whose other end would fall outside the days YYYY-MM-DD writes is refused as the day given.
  if (first > to || to - first + 1 > max || first < FIRST_DAY || to > LAST_DAY) read.refuseAs(from === null && last !== null ? 'to' : 'from', 'INVALID_DAY_RANGE');
  return [first, to];
}
