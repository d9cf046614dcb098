/**
 * The storage port of guest links: each entry's guest-access settings, its links, the guest
 * sessions, and the guests a moderator declined.
 *
 * One port holds all four because the rules that must be exact span them: a join takes a use of
 * a link only while the link is live and under its limit, guest access is on and the guest is
 * not declined, and stores the session as `waiting` or `admitted` from the room's lock at that
 * same instant (G1, G6, G10). An adapter does that in one atomic step of its backing store (one
 * statement or one transaction; one synchronous step in memory), never as reads in the library
 * followed by writes.
 */
import type { ActivityKind } from '../domain/activity';
import type { GuestAccess } from '../domain/guest-access';
import type { GuestLink } from '../domain/guest-link';
import type { GuestSession, GuestSessionStatus } from '../domain/guest-session';
import type { AccessEvent } from './events';
import type { RateLimiter } from './rate-limiter';

/**
 * A change to an entry's guest-access settings: the fields to set, and when and by whom.
 *
 * @category Ports
 */
export interface GuestAccessChange {
  /** The new guest-access switch, if it changes. */
  readonly enabled?: boolean | undefined;
  /** The new room lock, if it changes. */
  readonly roomLocked?: boolean | undefined;
  /** When, in milliseconds since the epoch. */
  readonly updatedAt: number;
  /** The user id of whoever changed it. */
  readonly updatedBy: string;
}

/**
 * A link and its entry's settings, read together.
 *
 * @category Ports
 */
export interface LinkWithAccess {
  /** The link. */
  readonly link: GuestLink;
  /** Its entry's guest-access settings, or `null` when none were ever stored (off, unlocked). */
  readonly access: GuestAccess | null;
}

/**
 * A session with what a refresh judges it on, read together.
 *
 * @category Ports
 */
export interface SessionWithContext {
  /** The session; `status` is `declined` when its guest is blocked on the entry. */
  readonly session: GuestSession;
  /** The link the guest joined through, or `null` once it was deleted. */
  readonly link: GuestLink | null;
  /** The entry's guest-access settings, or `null` when none were ever stored. */
  readonly access: GuestAccess | null;
}

/**
 * A guest session to store, before the store decides its status.
 *
 * @category Ports
 */
export type NewGuestSession = Omit<GuestSession, 'status'>;

/**
 * What {@link GuestStore.joinGuest} is asked to do.
 *
 * @category Ports
 */
export interface GuestJoinRequest {
  /** The session to store; its `linkId` and `entryId` name the link the use is taken from. */
  readonly session: NewGuestSession;
  /** Whether the entry is a live room, whose lock makes new guests wait (G10). */
  readonly waitingRoom: boolean;
  /** The instant of the join, in milliseconds since the epoch: the link must not have expired at it. */
  readonly now: number;
  /**
   * The most guests one link admits, whatever its own limit (R2): refused with
   * `LINK_GUEST_CAP_REACHED` once the link's `uses` reach it.
   */
  readonly maxGuestsPerLink: number;
  /** The most guests waiting in one room at once (R2): a join that would wait beyond it is refused with `WAITING_ROOM_FULL`. */
  readonly maxWaitingGuests: number;
  /**
   * Declines made before this instant have lapsed (`declinedGuestRetentionDays`): they refuse
   * nothing, and a join of a lapsed key removes its block.
   */
  readonly declinedSince: number;
  /**
   * The passcode hash the join was judged against (V3): the link's `passcodeHash` that the
   * guest's passcode matched, or `null` for a join judged on a link without a passcode. When the
   * link's stored hash is not this one (a passcode set, changed or removed since the join was
   * judged), the join is refused: `PASSCODE_REQUIRED` when this is `null`, `WRONG_PASSCODE`
   * otherwise.
   */
  readonly passcodeHash: string | null;
  /**
   * The UTC day (whole days since 1970-01-01) to count a stored session on as `joined` (A1), in
   * the same atomic step as the use; `null` when activity is not counted. A join that stores
   * nothing (refused, or `again`) counts nothing.
   */
  readonly countDay: number | null;
  /**
   * The events to write with the session, in the same atomic step, only if a use is taken
   * (never for a refusal or a join `again`); each event's `detail.status`, where it has one,
   * is set to the status the session is stored with. Empty when the outbox is off.
   */
  readonly events?: readonly AccessEvent[] | undefined;
}

/**
 * The events of a {@link GuestStore.moveWaiting}: for the n-th session moved (by id), the
 * template with the session's id as `subjectId` and `ids[n]` as `id`.
 *
 * @category Ports
 */
export interface MovedEvents {
  /** Everything of each event but its id and its subject. */
  readonly template: Omit<AccessEvent, 'id' | 'subjectId'>;
  /** One id per session that may move: as many as the call's `limit`. */
  readonly ids: readonly string[];
}

/**
 * One count of a link's activity (A1): how many of one kind on one UTC day.
 *
 * @category Ports
 */
export interface ActivityCount {
  /** The link. */
  readonly linkId: string;
  /** The UTC day: whole days since 1970-01-01. */
  readonly day: number;
  /** What is counted. */
  readonly kind: ActivityKind;
  /** How many: 1 or more. */
  readonly count: number;
}

/**
 * What {@link GuestStore.countActivity} adds one to.
 *
 * @category Ports
 */
export interface ActivityTally {
  /** The link. */
  readonly linkId: string;
  /** The UTC day: whole days since 1970-01-01. */
  readonly day: number;
  /** What is counted: `opened`, or the reason code of a refusal (`joined` is counted by {@link GuestStore.joinGuest}). */
  readonly kind: ActivityKind;
}

/**
 * Which counts {@link GuestStore.readActivity} answers.
 *
 * @category Ports
 */
export interface ActivityQuery {
  /** The links, at most 1,000. */
  readonly linkIds: readonly string[];
  /** The first UTC day, included. */
  readonly fromDay: number;
  /** The last UTC day, included. */
  readonly toDay: number;
}

/**
 * Which sessions of an entry {@link GuestStore.listSessions} answers: one page, in id order.
 *
 * @category Ports
 */
export interface SessionPageQuery {
  /** Only sessions whose id is greater than this one; `null` from the first. */
  readonly after: string | null;
  /** At most this many: a whole number from 1. */
  readonly limit: number;
  /** Only sessions with this status as the store answers it (`declined` while blocked); `null` for all. */
  readonly status: GuestSessionStatus | null;
}

/**
 * What {@link GuestStore.sweep} removes, at most `limit` of each kind.
 *
 * @category Ports
 */
export interface GuestSweepRequest {
  /** The instant of the sweep. */
  readonly now: number;
  /** Sessions whose link is deleted or expired at `now`, and that joined before this instant. */
  readonly sessionsJoinedBefore: number;
  /** Blocks of declined guests made before this instant, of keys no session on the entry still carries. */
  readonly blocksBefore: number;
  /** Activity counts (A1) of UTC days before this one. */
  readonly activityBefore: number;
  /** The most records of each kind removed by this call. */
  readonly limit: number;
}

/**
 * What {@link GuestStore.sweep} removed.
 *
 * @category Ports
 */
export interface GuestSweepResult {
  /** Sessions removed. */
  readonly sessions: number;
  /** Blocks removed. */
  readonly blocks: number;
  /** Activity counts removed: one per link, day and kind. */
  readonly activity: number;
  /** Whether a kind reached `limit`, so that more may remain. */
  readonly more: boolean;
}

/**
 * What {@link GuestStore.eraseGuest} removed.
 *
 * @category Ports
 */
export interface GuestErasure {
  /** Sessions removed: every session of the person (their `erasureKey`), on every entry. */
  readonly sessions: number;
  /** Blocks removed: those the person's declines made (of their email key and client key), on every entry. */
  readonly blocks: number;
}

/**
 * Why {@link GuestStore.joinGuest} took no use: each condition that failed.
 *
 * @category Ports
 */
export type GuestJoinRefusal =
  | 'LINK_INVALID'
  | 'GUEST_ACCESS_OFF'
  | 'PASSCODE_REQUIRED'
  | 'WRONG_PASSCODE'
  | 'GUEST_DECLINED'
  | 'LINK_GUEST_CAP_REACHED'
  | 'WAITING_ROOM_FULL';

/**
 * What {@link GuestStore.joinGuest} did.
 *
 * @category Ports
 */
export type GuestJoinOutcome =
  | {
      /** A use was taken and the session stored; or, with `again`, the session was already stored. */
      readonly status: 'joined';
      /** The stored session, `waiting` or `admitted`; with `again`, as it stands now (any status). */
      readonly session: GuestSession;
      /**
       * `true` when a session with this id was already stored for this link (a verified join
       * called twice, V4): nothing was written or spent, and `session` is the stored one.
       */
      readonly again?: boolean | undefined;
    }
  | {
      /** Nothing was written. */
      readonly status: 'refused';
      /** Every condition that failed, at least one. */
      readonly reasons: readonly GuestJoinRefusal[];
    };

/**
 * The fields a moderator's decision changes on a guest session.
 *
 * @category Ports
 */
export interface GuestSessionDecision {
  /** The new status: `admitted` or `declined`. */
  readonly status: Exclude<GuestSessionStatus, 'waiting'>;
  /** When the decision was made, in milliseconds since the epoch. */
  readonly decidedAt: number;
  /** The moderator's user id. */
  readonly decidedBy: string;
}

/**
 * Storage for guest links: settings, links, sessions and declined guests.
 *
 * The operations the rules need to be exact are single methods, atomic in the backing store:
 * {@link GuestStore.insertLinkUnderCap} (G2), {@link GuestStore.joinGuest} (G1, G6, G10),
 * {@link GuestStore.moveSession}, {@link GuestStore.moveWaiting} and {@link GuestStore.leaveSession} (G10). An adapter never
 * implements them as a read followed by a separate write. A join must also be ordered with the
 * changes that can refuse it: once {@link GuestStore.updateGuestAccess} (switch off, lock) or a
 * decline by {@link GuestStore.moveSession} or {@link GuestStore.moveWaiting} has returned, no
 * join that has not yet taken its use may land on the state before it.
 *
 * "Not found" is `null`; any other failure throws. Records are plain data; an adapter returns
 * copies, never objects the caller can mutate into the store.
 *
 * @category Ports
 */
export interface GuestStore {
  /** A name for messages (`STORAGE_FAILED` says which store failed), such as `memory` or `postgres:public.access_links_`. */
  readonly name?: string | undefined;
  /**
   * A rate limiter over the same storage, shared by every server that uses it (the PostgreSQL
   * store's); absent when each process would count alone (the memory store). The HTTP layer
   * counts with it when the host names no `rateLimiter`.
   */
  readonly rateLimiter?: RateLimiter | undefined;
  /**
   * Closes what the store holds open (connections), if anything; optional.
   * @example
   * ```ts
   * process.on('SIGTERM', () => void guestStore.close?.());
   * ```
   */
  close?(): Promise<void>;
  /**
   * Reads an entry's guest-access settings.
   * @param entryId - the entry.
   * @returns the settings, or `null` when none were ever stored.
   * @example
   * ```ts
   * await guestStore.getGuestAccess('room-1'); // { entryId: 'room-1', enabled: true, roomLocked: false, ... }
   * await guestStore.getGuestAccess('never-touched'); // null
   * ```
   */
  getGuestAccess(entryId: string): Promise<GuestAccess | null>;
  /**
   * Changes some of an entry's guest-access settings, atomically: fields the change leaves out
   * keep their stored value (or their default, off and unlocked, when nothing is stored yet),
   * so that turning guest access off and locking the room at the same moment both land.
   * @param entryId - the entry.
   * @param change - the fields to set, with when and by whom.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns the settings after the change.
   * @example
   * ```ts
   * const after = await guestStore.updateGuestAccess('room-1', { roomLocked: true, updatedAt: Date.now(), updatedBy: 'owner-1' });
   * console.log(after.enabled, after.roomLocked); // true true: the switch kept its value
   * ```
   */
  updateGuestAccess(entryId: string, change: GuestAccessChange, events?: readonly AccessEvent[]): Promise<GuestAccess>;
  /**
   * Inserts a new link only while its entry has fewer than `cap` links, atomically (G2).
   * @param link - the new link; its id is new.
   * @param cap - the most links the entry may have.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns `true` when inserted, `false` when the entry already had `cap` links.
   * @example
   * ```ts
   * const newLink: GuestLink = {
   *   id: '01JDQ0000000000000000000GH', entryId: 'video-1', name: 'Reviewers', useLimit: null, uses: 0,
   *   durationDays: null, createdAt: Date.now(), expiresAt: null, createdBy: 'owner-1', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false,
   * };
   * await guestStore.insertLinkUnderCap(newLink, 3); // true: video-1 had no link
   * ```
   */
  insertLinkUnderCap(link: GuestLink, cap: number, events?: readonly AccessEvent[]): Promise<boolean>;
  /**
   * Reads one link with its entry's settings, in one round trip: what opening a link needs.
   * @param linkId - the link.
   * @returns the link and settings, or `null` when the link does not exist or was deleted.
   * @example
   * ```ts
   * const found = await guestStore.readLink(link.id);
   * if (found) console.log(found.link.uses, found.access?.enabled); // 1 true
   * ```
   */
  readLink(linkId: string): Promise<LinkWithAccess | null>;
  /**
   * Lists an entry's links, oldest first (by `createdAt`, then `id`).
   * @param entryId - the entry.
   * @returns the links; empty when there are none.
   * @example
   * ```ts
   * (await guestStore.listLinks('room-1')).map((l) => l.name); // ['Guest speakers']
   * ```
   */
  listLinks(entryId: string): Promise<GuestLink[]>;
  /**
   * Deletes a link of an entry for good (G5); its place under the cap is free at once.
   * @param entryId - the entry the link must belong to.
   * @param linkId - the link.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns `true` when a link was deleted, `false` when the entry had no such link.
   * @example
   * ```ts
   * await guestStore.deleteLink('video-1', link.id); // false: the link is room-1's
   * await guestStore.deleteLink('room-1', link.id); // true
   * ```
   */
  deleteLink(entryId: string, linkId: string, events?: readonly AccessEvent[]): Promise<boolean>;
  /**
   * Sets, changes or removes a link's passcode hash (V3), in one atomic step: a join judged
   * against the old hash is refused once this is done (see {@link GuestJoinRequest.passcodeHash}).
   * Only a link of `entryId` is changed.
   * @param entryId - the entry the link must belong to.
   * @param linkId - the link.
   * @param passcodeHash - the new hash, or `null` for no passcode.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns the link as stored after the change, or `null` when the entry has no such link.
   * @example
   * ```ts
   * const changed = await guestStore.setLinkPasscode('room-1', link.id, null);
   * console.log(changed?.passcodeHash); // null: the link no longer asks for a passcode
   * ```
   */
  setLinkPasscode(entryId: string, linkId: string, passcodeHash: string | null, events?: readonly AccessEvent[]): Promise<GuestLink | null>;
  /**
   * Lets a guest in, atomically (G1, G6, G10): takes one use of the link and stores the session,
   * only if the link exists on `session.entryId`, has not expired at `now` and is under its
   * limit, the entry's guest access is on, and neither `session.emailKey` nor
   * `session.clientKey` is blocked on the entry. The session's `erasureKey` is stored with it. The session is stored `waiting` when
   * `waitingRoom` is true and the room is locked at that instant, `admitted` otherwise.
   * @param join - the session, whether the entry has a waiting room, and "now".
   * @returns the stored session, or every condition that failed (nothing written then).
   * @example
   * ```ts
   * const outcome = await guestStore.joinGuest({
   *   session: {
   *     id: '01JDQ0000000000000000000JK', entryId: 'room-1', linkId: link.id, linkName: link.name,
   *     guestName: 'Grace', guestEmail: 'grace@example.org', emailKey: guestEmailKey('grace@example.org'),
   *     erasureKey: guestErasureKey('grace@example.org'), clientKey: null, verified: false,
   *     joinedAt: Date.now(), decidedAt: null, decidedBy: null,
   *   },
   *   waitingRoom: true,
   *   now: Date.now(),
   *   maxGuestsPerLink: 10_000,
   *   maxWaitingGuests: 500,
   *   declinedSince: Date.now() - 365 * 86_400_000,
   *   passcodeHash: null,
   *   countDay: Math.floor(Date.now() / 86_400_000),
   * });
   * console.log(outcome.status === 'joined' ? outcome.session.status : outcome.reasons); // 'admitted' (the room is unlocked)
   * ```
   */
  joinGuest(join: GuestJoinRequest): Promise<GuestJoinOutcome>;
  /**
   * Reads one session.
   * @param sessionId - the session.
   * @returns the session (`declined` when its guest is blocked), or `null`.
   * @example
   * ```ts
   * (await guestStore.getSession(sessionId))?.guestName; // 'Ada Lovelace'
   * ```
   */
  getSession(sessionId: string): Promise<GuestSession | null>;
  /**
   * Reads one session with its link and its entry's settings, in one round trip: what a
   * refresh needs.
   * @param sessionId - the session.
   * @returns the session and what it is judged on, or `null` when there is no such session.
   * @example
   * ```ts
   * const found = await guestStore.readSession(sessionId);
   * if (found) console.log(found.session.status, found.link?.name, found.access?.enabled); // 'admitted' 'Guest speakers' true
   * ```
   */
  readSession(sessionId: string): Promise<SessionWithContext | null>;
  /**
   * Lists an entry's sessions in id order (ids are ULIDs, so oldest first), each `declined`
   * when its guest is blocked: one page, so that no answer grows with the data. Paging through
   * while guests join answers every session that existed at the start exactly once.
   * @param entryId - the entry.
   * @param page - from after which id, how many, and which status; every session when absent.
   * @returns the sessions; empty when there are none.
   * @example
   * ```ts
   * const first = await guestStore.listSessions('room-1', { after: null, limit: 100, status: null });
   * first.map((s) => [s.guestName, s.status]); // [['Ada Lovelace', 'admitted']]
   * ```
   */
  listSessions(entryId: string, page?: SessionPageQuery): Promise<GuestSession[]>;
  /**
   * Removes, in one bounded batch, what no rule needs any more (R1): sessions whose link is
   * deleted or expired and that joined before `sessionsJoinedBefore`, blocks older than
   * `blocksBefore` whose keys no remaining session on the entry carries, and activity counts of
   * days before `activityBefore` (A1). Never a link, never
   * a session of a live link. Safe to run from several processes at once: each record is
   * removed once, and the counts add up.
   * @param request - the instant, the cut-offs, and the batch size.
   * @returns what was removed, and whether more may remain.
   * @example
   * ```ts
   * const now = Date.now();
   * const swept = await guestStore.sweep({
   *   now, sessionsJoinedBefore: now - 30 * 86_400_000, blocksBefore: now - 365 * 86_400_000,
   *   activityBefore: Math.floor(now / 86_400_000) - 89, limit: 500,
   * });
   * console.log(swept.sessions, swept.more);
   * ```
   */
  sweep(request: GuestSweepRequest): Promise<GuestSweepResult>;
  /**
   * Adds one to a link's count of one kind on one UTC day (A1), atomically: counts made at the
   * same moment by several servers all land. Counts hold nothing personal.
   * @param tally - the link, the day and the kind.
   * @example
   * ```ts
   * await guestStore.countActivity({ linkId: link.id, day: Math.floor(Date.now() / 86_400_000), kind: 'opened' });
   * ```
   */
  countActivity(tally: ActivityTally): Promise<void>;
  /**
   * Reads the activity counts of some links over some UTC days (A1): every count stored for
   * them from `fromDay` to `toDay`, in no particular order, one kind of one day possibly in
   * several parts (the library adds them up). A deleted link's counts are never read: an adapter
   * may drop them with the link, or keep them until they are swept.
   * @param query - the links and the days.
   * @returns the counts; a day and kind never counted has none.
   * @example
   * ```ts
   * const today = Math.floor(Date.now() / 86_400_000);
   * const counts = await guestStore.readActivity({ linkIds: [link.id], fromDay: today - 13, toDay: today });
   * counts.filter((c) => c.kind === 'opened').reduce((sum, c) => sum + c.count, 0); // opens over 14 days
   * ```
   */
  readActivity(query: ActivityQuery): Promise<ActivityCount[]>;
  /**
   * Removes one person's data, on every entry, as one atomic step: an erasure request (R1). That
   * is every session whose `erasureKey` is the one given, and every block made by declining one
   * of them (a block keeps the `erasureKey` of the session declined), even once the session is
   * gone. Nothing of anyone else goes, not even of a guest whose look-alike key (`emailKey`) is
   * the same: their sessions stay, and so do their declines, which still block the look-alike
   * key. Links keep their use counts.
   * @param erasureKey - the person's key, as `guestErasureKey` makes it.
   * @param events - the events to write with the erasure, in the same atomic step, each with `detail.sessions` and `detail.blocks` set to the counts erased.
   * @returns what was removed.
   * @example
   * ```ts
   * const erased = await guestStore.eraseGuest('ada@example.org');
   * console.log(erased.sessions); // 2
   * ```
   */
  eraseGuest(erasureKey: string, events?: readonly AccessEvent[]): Promise<GuestErasure>;
  /**
   * A moderator's decision on one session, atomically and only if the session belongs to
   * `entryId` and its status (as {@link GuestStore.getSession} answers it) is still `from`.
   * Declining acts on the guest: it blocks the session's `emailKey` and `clientKey` on the
   * entry, so every session of the guest reads `declined` and no later join of either key
   * lands; the blocks keep the session's `erasureKey`, whose erasure removes them. Admitting
   * lifts those blocks and admits this session.
   * @param entryId - the entry.
   * @param sessionId - the session.
   * @param from - the status the moderator saw.
   * @param decision - admit or decline, with who and when.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns the session after the change, or `null` when it is missing, of another entry, or
   *   no longer `from`.
   * @example
   * ```ts
   * const declined = await guestStore.moveSession('room-1', sessionId, 'admitted', {
   *   status: 'declined', decidedAt: Date.now(), decidedBy: 'mod-1',
   * });
   * console.log(declined?.status); // 'declined'; a second call from 'admitted' answers null
   * ```
   */
  moveSession(
    entryId: string,
    sessionId: string,
    from: GuestSessionStatus,
    decision: GuestSessionDecision,
    events?: readonly AccessEvent[],
  ): Promise<GuestSession | null>;

  /**
   * A guest's own leave: one session becomes `left`, with `decidedAt` the instant and
   * `decidedBy` `null`, atomically and only if it belongs to `entryId` and its status (as
   * {@link GuestStore.getSession} answers it, so never one that reads `declined`) is still
   * `from`. Its link keeps the use the join spent (G1); no block is made or lifted; a waiting
   * guest who leaves no longer counts as waiting.
   * @param entryId - the entry.
   * @param sessionId - the session.
   * @param from - the status the guest's page saw: `waiting` or `admitted`.
   * @param at - when the guest left, in milliseconds since the epoch.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns the session after the change, or `null` when it is missing, of another entry, or
   *   no longer `from` (a moderator moved it first, or a block makes it read `declined`).
   * @example
   * ```ts
   * const left = await guestStore.leaveSession('room-1', sessionId, 'waiting', Date.now());
   * console.log(left?.status); // 'left'; a second call from 'waiting' answers null
   * ```
   */
  leaveSession(entryId: string, sessionId: string, from: GuestSessionStatus, at: number, events?: readonly AccessEvent[]): Promise<GuestSession | null>;

  /**
   * **Atomic.** Moves at most `limit` sessions of the room that read `waiting`, the first joined
   * first (by id), as {@link GuestStore.moveSession} from `waiting` would move each (declining
   * blocks each one's keys), in one step: "admit all" of a live event is a few of these calls,
   * not one per guest.
   *
   * @param entryId - the room.
   * @param decision - the status to give, when and by whom.
   * @param limit - at most this many sessions; fewer answered means none is left waiting.
   * @param events - one event per moved session, written in the same atomic step (`null` when the outbox is off): see {@link MovedEvents}.
   * @returns the sessions after the change, by id. A session that a concurrent call moved, or
   *   that reads `declined` through a block, is not among them.
   * @example
   * ```ts
   * const admitted = await guestStore.moveWaiting('room-1', { status: 'admitted', decidedAt: Date.now(), decidedBy: 'mod-1' }, 100);
   * console.log(admitted.length); // up to 100; each session's status is now 'admitted'
   * ```
   */
  moveWaiting(entryId: string, decision: GuestSessionDecision, limit: number, events?: MovedEvents | null): Promise<GuestSession[]>;
}
