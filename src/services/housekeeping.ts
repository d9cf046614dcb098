/** Housekeeping and people's data on the guest side (R1): sweeping what no rule needs, erasing a guest. */
import { refuse, success, type Result } from '../domain/result';
import { guestErasureKey } from '../domain/text';
import { decideErasure } from '../policy/guest-policy';
import type { AccessEvent } from '../ports/events';
import type { GuestErasure } from '../ports/guest-store';
import { now, port, type BaseContext, type Context } from './context';
import { sha256Base64Url } from './digest';
import { InputReader, type InputCode } from './input';
import type { Actor } from '../domain/entry';
import { DAY_MS } from '../domain/time';
import { utcDay } from '../domain/activity';

/**
 * Input of {@link GuestLinks.sweep} and `InviteLinks.sweep`.
 *
 * @category Housekeeping
 */
export interface SweepInput {
  /**
   * The most records of each kind removed by this call, from 1 to 10,000: the work of one call
   * is bounded; call again while `more` is true.
   * @defaultValue 500
   */
  readonly limit?: number | null | undefined;
}

/**
 * What {@link GuestLinks.sweep} removed.
 *
 * @category Housekeeping
 */
export interface GuestSweep {
  /** Sessions removed: their link was deleted or had expired, and they joined more than `finishedSessionRetentionDays` ago (and past their `guestSessionSeconds`). */
  readonly sessions: number;
  /** Declines removed: older than `declinedGuestRetentionDays`, of guests with no session left on the entry. */
  readonly blocks: number;
  /** Activity counts removed (A1): one per link, UTC day and kind, of days older than `activityRetentionDays`. */
  readonly activity: number;
  /** Whether a kind reached `limit`, so that more may remain: call again. */
  readonly more: boolean;
}

/**
 * Input of {@link GuestLinks.eraseGuest}: a site admin, and the person's address.
 *
 * @category Housekeeping
 */
export interface EraseGuestInput {
  /** Who erases: a site admin (`admin: true`). */
  readonly actor: Actor;
  /**
   * The address the person joined with. Their sessions and declines are erased, whatever case or
   * `+tag` they joined with (`guestErasureKey`); another person's look-alike address is not.
   */
  readonly email: string;
}

/** @internal Reads `limit` of a sweep. */
export function sweepLimit(read: InputReader): number {
  return read.limit(500, 10_000);
}

/** @internal */
export async function sweepGuests(context: Context, input: SweepInput = {}): Promise<Result<GuestSweep, InputCode>> {
  const read = new InputReader(input);
  const limit = sweepLimit(read);
  const invalid = read.refusal();
  if (invalid) return invalid;
  const at = now(context);
  const { finishedSessionRetentionDays, guestSessionSeconds, declinedGuestRetentionDays } = context.rules;
  // A session goes only once its link is gone and both its retention and its lifetime have passed.
  const kept = Math.max(finishedSessionRetentionDays * DAY_MS, (guestSessionSeconds ?? 0) * 1000);
  const swept = await port('STORAGE_FAILED', () =>
    context.store.sweep({
      now: at,
      sessionsJoinedBefore: at - kept,
      blocksBefore: at - declinedGuestRetentionDays * DAY_MS,
      activityBefore: utcDay(at) - context.rules.activityRetentionDays + 1,
      limit,
    }),
    context.store.name,
  );
  return success({ sessions: swept.sessions, blocks: swept.blocks, activity: swept.activity, more: swept.more });
}

/** @internal An erasure request of either feature, read and judged: the admin and the address, or the refusal. */
export function readErasure(input: unknown): Result<{ readonly actor: Actor; readonly email: string }, InputCode | 'NOT_PERMITTED'> {
  const read = new InputReader(input);
  const actor = read.actor();
  const email = read.email();
  const invalid = read.refusal();
  if (invalid) return invalid;
  const decision = decideErasure(actor);
  return decision.allowed ? success({ actor, email }) : refuse(decision.reasons);
}

/**
 * @internal The event of an erasure of either feature, for the store to write with it (it sets
 * the counts). The person is named by a digest of the erased key, so that an audit log can
 * match a later request without holding the address.
 */
export async function erasureEvents(
  context: BaseContext,
  type: 'guest.erased' | 'invitee.erased',
  actor: Actor,
  key: string,
  detail: AccessEvent['detail'],
): Promise<readonly AccessEvent[]> {
  if (!context.outbox) return [];
  // v2 of a guest: the key is the person's own address (guestErasureKey), no longer the look-alike key.
  const label = type === 'guest.erased' ? 'erased-guest/v2' : 'erased-invitee/v1';
  const at = now(context);
  return [{ id: context.newId(at), type, at, entryId: null, actorId: actor.userId, subjectId: await sha256Base64Url(`access-links/${label}\n${key}`), detail }];
}

/** @internal */
export async function eraseGuest(context: Context, input: EraseGuestInput): Promise<Result<GuestErasure, InputCode | 'NOT_PERMITTED'>> {
  const request = readErasure(input);
  if (!request.ok) return request;
  const key = guestErasureKey(request.value.email);
  const events = await erasureEvents(context, 'guest.erased', request.value.actor, key, { sessions: 0, blocks: 0 });
  const erased = await port('STORAGE_FAILED', () => context.store.eraseGuest(key, events), context.store.name);
  return success({ sessions: erased.sessions, blocks: erased.blocks });
}
