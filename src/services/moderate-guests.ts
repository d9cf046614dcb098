/** The moderator's side: the room lock, admitting and declining guests, and who joined (G10). */
import { defaultGuestAccess, type GuestAccess } from '../domain/guest-access';
import { GUEST_SESSION_MOVES, type GuestSessionStatus } from '../domain/guest-session';
import type { GuestSessionDecision } from '../ports/guest-store';
import { reason } from '../domain/reasons';
import { refuse, success, type Result } from '../domain/result';
import { decideListGuests, decideModerateGuests, type ManageRefusalCode } from '../policy/guest-policy';
import { authorize, changeGuestAccess, eventOf, now, port, told, written, type Context } from './context';
import type { AccessEvent } from '../ports/events';
import { InputReader, type InputCode } from './input';
import type { EntryInput } from './manage-guest-links';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageAfter, pageOf, type Page, type PageInput } from './page';
import { toSessionView, type GuestSessionView } from './views';

/**
 * Input of {@link GuestLinks.setRoomLock}.
 *
 * @category Guest links
 */
export interface SetRoomLockInput {
  /** Who is acting: a manager or moderator of the room. */
  readonly actor: EntryInput['actor'];
  /** The room. */
  readonly entryId: string;
  /** `true` to make new guests wait to be admitted, `false` to let them straight in. */
  readonly locked: boolean;
}

/**
 * Input of {@link GuestLinks.admitGuest} and {@link GuestLinks.declineGuest}.
 *
 * @category Guest links
 */
export interface GuestDecisionInput {
  /** Who is acting: a manager or moderator of the room. */
  readonly actor: EntryInput['actor'];
  /** The room. */
  readonly entryId: string;
  /** The guest's session. */
  readonly sessionId: string;
}

/**
 * What a moderator may do to a guest session.
 *
 * @category Guest links
 */
export type GuestMove = keyof typeof GUEST_SESSION_MOVES;

const TARGET: Readonly<Record<GuestMove, Exclude<GuestSessionStatus, 'waiting'>>> = { admit: 'admitted', decline: 'declined' };

/** @internal */
export async function setRoomLock(
  context: Context,
  input: SetRoomLockInput,
): Promise<Result<GuestAccess, InputCode | ManageRefusalCode | 'NOT_A_ROOM'>> {
  const read = new InputReader(input);
  const locked = read.flag('locked');
  const gate = await authorize(context, read, decideModerateGuests);
  if (!gate.ok) return gate;
  return success(await changeGuestAccess(context, gate.actor, gate.entryId, 'roomLocked', locked));
}

/** @internal Admits or declines one guest. */
export async function moveGuest(
  context: Context,
  move: GuestMove,
  input: GuestDecisionInput,
): Promise<Result<GuestSessionView, InputCode | ManageRefusalCode | 'NOT_A_ROOM' | 'SESSION_NOT_FOUND' | 'SESSION_CHANGED'>> {
  const read = new InputReader(input);
  const sessionId = read.ulid('sessionId');
  const gate = await authorize(context, read, decideModerateGuests);
  if (!gate.ok) return gate;
  const { actor, entryId } = gate;
  const session = await port('STORAGE_FAILED', () => context.store.getSession(sessionId), context.store.name);
  if (session === null || session.entryId !== entryId) return refuse([reason('SESSION_NOT_FOUND')]);
  // Already there: nothing to do. Otherwise only the moves GUEST_SESSION_MOVES lists (a session the guest left has none).
  if (session.status === TARGET[move]) return success(toSessionView(session, context.rules.guestSessionSeconds));
  if (!GUEST_SESSION_MOVES[move].includes(session.status)) return refuse([reason('SESSION_CHANGED')]);
  const decision = { status: TARGET[move], decidedAt: now(context), decidedBy: actor.userId };
  const event = eventOf(context, { ...decided(entryId, session.status, decision), subjectId: sessionId });
  const moved = await port('STORAGE_FAILED', () => context.store.moveSession(entryId, sessionId, session.status, decision, written(context, event)), context.store.name);
  if (moved === null) return refuse([reason('SESSION_CHANGED')]);
  told(context, event);
  return success(toSessionView(moved, context.rules.guestSessionSeconds));
}

/** @internal Admits or declines every guest waiting in a room. */
export async function moveAllWaiting(
  context: Context,
  move: GuestMove,
  input: EntryInput,
): Promise<Result<readonly GuestSessionView[], InputCode | ManageRefusalCode | 'NOT_A_ROOM'>> {
  const gate = await authorize(context, new InputReader(input), decideModerateGuests);
  if (!gate.ok) return gate;
  const { actor, entryId } = gate;
  const moved: GuestSessionView[] = [];
  const decision = { status: TARGET[move], decidedAt: now(context), decidedBy: actor.userId };
  // A page at a time, each page one step of the store: a live event's hundreds of waiting guests
  // are let in together, not one round trip after another. A session another moderator decided
  // meanwhile is left as that moderator left it.
  for (;;) {
    const template = decided(entryId, 'waiting', decision);
    const events = context.outbox ? { template, ids: Array.from({ length: MAX_PAGE_SIZE }, () => context.newId(decision.decidedAt)) } : null;
    const page = await port('STORAGE_FAILED', () => context.store.moveWaiting(entryId, decision, MAX_PAGE_SIZE, events), context.store.name);
    page.forEach((session, n) => told(context, context.emits ? { ...template, id: events?.ids[n] ?? context.newId(decision.decidedAt), subjectId: session.id } : null));
    moved.push(...page.map((session) => toSessionView(session, context.rules.guestSessionSeconds)));
    if (page.length < MAX_PAGE_SIZE) return success(moved);
  }
}

/**
 * Input of {@link GuestLinks.listGuests}: who, which entry, and which page.
 *
 * @category Guest links
 */
export interface ListGuestsInput extends EntryInput, PageInput {
  /** Only guests with this status; absent for all. */
  readonly status?: GuestSessionStatus | null | undefined;
}

const STATUSES: readonly GuestSessionStatus[] = ['admitted', 'waiting', 'declined', 'left'];

/** @internal */
export async function listGuests(
  context: Context,
  input: ListGuestsInput,
): Promise<Result<Page<GuestSessionView>, InputCode | ManageRefusalCode>> {
  const read = new InputReader(input);
  const limit = read.limit(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const cursor = read.cursor();
  const status = read.status(STATUSES);
  const gate = await authorize(context, read, decideListGuests);
  if (!gate.ok) return gate;
  const { entryId } = gate;
  const binding = { list: 'guests', of: entryId, filter: status } as const;
  const after = await pageAfter(context.keyRing, binding, cursor);
  if (!after.ok) return after;
  const sessions = await port('STORAGE_FAILED', () => context.store.listSessions(entryId, { after: after.value, limit: limit + 1, status }), context.store.name);
  return success(await pageOf(context.keyRing, binding, sessions, limit, (session) => toSessionView(session, context.rules.guestSessionSeconds)));
}

/** @internal */
export async function getGuestAccess(context: Context, input: EntryInput): Promise<Result<GuestAccess, InputCode | ManageRefusalCode>> {
  const gate = await authorize(context, new InputReader(input), decideListGuests);
  if (!gate.ok) return gate;
  const { entryId } = gate;
  const access = await port('STORAGE_FAILED', () => context.store.getGuestAccess(entryId), context.store.name);
  return success(access ?? defaultGuestAccess(entryId));
}

/** The event of a moderator's decision, but for its id and its session. */
function decided(entryId: string, previousStatus: GuestSessionStatus, decision: GuestSessionDecision): Omit<AccessEvent, 'id' | 'subjectId'> {
  return {
    type: decision.status === 'admitted' ? 'guest.admitted' : 'guest.declined',
    at: decision.decidedAt,
    entryId,
    actorId: decision.decidedBy,
    detail: { previousStatus },
  };
}
