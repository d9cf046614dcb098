import type { AccessEvent } from '../ports/events';
import type { GuestStore } from '../ports/guest-store';
import type { InviteStore } from '../ports/invite-store';
import type { Outbox, OutboxRecord } from '../ports/outbox';
import { aJoiningSession, aLink, anInvite, ensure, openEntry, newEntryId, newId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

/**
 * The stores and the outbox they write into, as {@link outboxConformance} checks them: the
 * same database behind all three.
 *
 * @category Suites
 */
export interface StoresWithOutbox {
  /** The guest store. */
  readonly guests: GuestStore;
  /** The invite store. */
  readonly invites: InviteStore;
  /** The outbox both write their events into. */
  readonly outbox: Outbox;
}

// Each case's clock starts far in the past and earlier than every case before it, so that in a
// database shared with other cases and tests, a case's claims find its own events only: every
// other event is available only later than the case's "now".
let base = 1_000_000_000_000;
const nextBase = (): number => (base -= 1_000_000_000);
const LEASE = 60_000;

/**
 * The conformance cases of an {@link Outbox} and of the stores that write into it: each
 * change writes the events it is handed in its own atomic step and only when it is made (a
 * refused change, or a join let in before, writes none), with the facts only the store knows
 * set (a join's status, an invite's role, an erasure's counts); a claim takes each entry's
 * oldest pending event and nothing behind it, never an event another claim holds, and two
 * claims at once never share an event; a lapsed claim is taken over and settles nothing; a
 * failed event is listed, retried and swept.
 *
 * The factory may hand every case the same database: each case's events belong to entries of
 * its own, at times no other case uses.
 *
 * @param factory - makes the stores and their outbox for each case; `second`, when given, is
 *   another connection to the same database, for the race of two claims.
 * @returns the cases; register them with {@link runConformance}.
 * @example
 * ```ts
 * runConformance(outboxConformance(async () => ({ store: createMemoryStores() })), test);
 * ```
 *
 * @category Suites
 */
export function outboxConformance(factory: AdapterFactory<StoresWithOutbox>): ConformanceCase[] {
  const when = (name: string, check: (stores: StoresWithOutbox, second: StoresWithOutbox | undefined, t: number) => Promise<void>) =>
    withAdapter(factory, `Outbox: ${name}`, (adapter) => check(adapter.store, adapter.second, nextBase()));
  const event = (entryId: string | null, t: number, fields: Partial<AccessEvent> = {}): AccessEvent => ({
    id: newId(),
    type: 'guest_access.changed',
    at: t,
    entryId,
    actorId: 'u-owner',
    subjectId: entryId ?? 'someone',
    detail: { enabled: true },
    ...fields,
  });
  /** Every event of `entries` available at `now`, claimed and settled delivered one round at a time: what a dispatcher would see, in its order. */
  const drain = async (outbox: Outbox, entries: readonly (string | null)[], now: number): Promise<AccessEvent[]> => {
    const seen: AccessEvent[] = [];
    for (let round = 0; round < 100; round += 1) {
      const token = `drain-${newId()}`;
      const claimed = (await outbox.claim({ now, until: now + 1, limit: 1000, token })).filter((record) => entries.includes(record.event.entryId));
      if (claimed.length === 0) return seen;
      for (const record of claimed) {
        seen.push(record.event);
        ensure(await outbox.settle({ id: record.event.id, token, state: 'delivered', deliveredTo: ['kit'], availableAt: now, error: null, at: now }), 'settle refused the token of its own claim');
      }
    }
    throw new Error('the outbox kept handing out events');
  };
  const ids = (events: readonly AccessEvent[]) => events.map((each) => each.id);
  const BOUNDS = { maxGuestsPerLink: 1000, maxWaitingGuests: 1000, declinedSince: 0, passcodeHash: null, countDay: null };

  return [
    when('a guest store writes the events of each change it makes, in its step, and none of a change it does not make', async ({ guests, outbox }, _, t) => {
      const entryId = newEntryId();
      const switched = event(entryId, t);
      await guests.updateGuestAccess(entryId, { enabled: true, updatedAt: t, updatedBy: 'u-owner' }, [switched]);
      const link = aLink(entryId);
      const created = event(entryId, t, { type: 'guest_link.created', subjectId: link.id, detail: {} });
      ensure(await guests.insertLinkUnderCap(link, 1, [created]), 'insertLinkUnderCap refused the first link');
      ensure(!(await guests.insertLinkUnderCap(aLink(entryId), 1, [event(entryId, t, { type: 'guest_link.created' })])), 'insertLinkUnderCap went over the cap');
      ensure(!(await guests.deleteLink(entryId, newId(), [event(entryId, t, { type: 'guest_link.deleted' })])), 'deleteLink deleted a missing link');
      ensure((await guests.setLinkPasscode(entryId, newId(), null, [event(entryId, t, { type: 'guest_link.passcode_changed' })])) === null, 'setLinkPasscode changed a missing link');
      const passcode = event(entryId, t, { type: 'guest_link.passcode_changed', subjectId: link.id, detail: { passcode: false } });
      ensure((await guests.setLinkPasscode(entryId, link.id, null, [passcode])) !== null, 'setLinkPasscode missed the link');
      const session = aJoiningSession(link);
      const joined = await guests.joinGuest({ session, waitingRoom: false, now: t, ...BOUNDS, events: [] });
      ensure(joined.status === 'joined', 'joinGuest refused a join on an open link');
      ensure((await guests.leaveSession(entryId, session.id, 'waiting', t, [event(entryId, t, { type: 'guest.left' })])) === null, 'leaveSession left from a status the session does not have');
      ensure((await guests.moveSession(entryId, session.id, 'waiting', { status: 'declined', decidedAt: t, decidedBy: 'u-mod' }, [event(entryId, t, { type: 'guest.declined' })])) === null, 'moveSession moved from a status the session does not have');
      const left = event(entryId, t, { type: 'guest.left', actorId: null, subjectId: session.id, detail: { previousStatus: 'admitted' } });
      ensure((await guests.leaveSession(entryId, session.id, 'admitted', t, [left])) !== null, 'leaveSession refused the status the session has');
      const deleted = event(entryId, t, { type: 'guest_link.deleted', subjectId: link.id, detail: {} });
      ensure(await guests.deleteLink(entryId, link.id, [deleted]), 'deleteLink missed the link');
      same(ids(await drain(outbox, [entryId], t)), ids([switched, created, passcode, left, deleted]), 'the events written, in order');
    }),
    when('a join writes its events with the status the session landed with, and a refused join, or one let in before, writes none', async ({ guests, outbox }, _, t) => {
      const { entryId, link } = await openEntry(guests, t, true);
      const session = aJoiningSession(link);
      const detail = { linkId: link.id, status: 'admitted' };
      const joined = event(entryId, t, { type: 'guest.joined', actorId: null, subjectId: session.id, detail });
      const outcome = await guests.joinGuest({ session, waitingRoom: true, now: t, ...BOUNDS, events: [joined] });
      ensure(outcome.status === 'joined' && outcome.session.status === 'waiting', 'joinGuest did not let the guest wait in a locked room');
      const refused = await guests.joinGuest({ session: aJoiningSession(link), waitingRoom: true, now: t, ...BOUNDS, maxGuestsPerLink: 1, events: [event(entryId, t, { type: 'guest.joined', detail })] });
      ensure(refused.status === 'refused', 'joinGuest went over maxGuestsPerLink');
      const verified = aJoiningSession(link, { verified: true, emailKey: 'v@example.org', erasureKey: 'v@example.org' });
      const first = event(entryId, t, { type: 'guest.joined', actorId: null, subjectId: verified.id, detail });
      ensure((await guests.joinGuest({ session: verified, waitingRoom: false, now: t, ...BOUNDS, maxGuestsPerLink: 3, events: [first] })).status === 'joined', 'joinGuest refused a verified join');
      const again = await guests.joinGuest({ session: verified, waitingRoom: false, now: t, ...BOUNDS, maxGuestsPerLink: 3, events: [event(entryId, t, { type: 'guest.joined', detail })] });
      ensure(again.status === 'joined' && again.again === true, 'joinGuest did not answer a verified join made before as again');
      const written = (await drain(outbox, [entryId], t)).filter((each) => each.type === 'guest.joined');
      same(written.map((each) => [each.id, each.subjectId, each.detail['status']]), [[joined.id, session.id, 'waiting'], [first.id, verified.id, 'admitted']], 'the join events and their status');
    }),
    when('a page of waiting guests moved writes one event per session moved, with its id and its subject', async ({ guests, outbox }, _, t) => {
      const { entryId, link } = await openEntry(guests, t, true);
      const waiting = [aJoiningSession(link, { emailKey: 'a@example.org', erasureKey: 'a@example.org' }), aJoiningSession(link, { emailKey: 'b@example.org', erasureKey: 'b@example.org' })];
      for (const session of waiting) ensure((await guests.joinGuest({ session, waitingRoom: true, now: t, ...BOUNDS })).status === 'joined', 'joinGuest refused');
      const template = { type: 'guest.admitted' as const, at: t, entryId, actorId: 'u-mod', detail: { previousStatus: 'waiting' } };
      const eventIds = [newId(), newId(), newId()];
      const moved = await guests.moveWaiting(entryId, { status: 'admitted', decidedAt: t, decidedBy: 'u-mod' }, 3, { template, ids: eventIds });
      same(moved.map((session) => session.id), waiting.map((session) => session.id).sort(), 'the sessions moved');
      const written = await drain(outbox, [entryId], t);
      same(written.slice(-2).map((each) => ({ ...each })), moved.map((session, n) => ({ ...template, id: eventIds[n], subjectId: session.id })), 'the events of the page');
      same(await guests.moveWaiting(entryId, { status: 'admitted', decidedAt: t, decidedBy: 'u-mod' }, 3, { template, ids: [newId(), newId(), newId()] }), [], 'a second page');
      same(await drain(outbox, [entryId], t), [], 'events of a page that moved nobody');
    }),
    when('erasures write their events with the counts, and invites write theirs with the role as stored', async ({ guests, invites, outbox }, _, t) => {
      const { entryId, link } = await openEntry(guests, t);
      const key = `erased-${newId().toLowerCase()}@example.org`;
      ensure((await guests.joinGuest({ session: aJoiningSession(link, { emailKey: key, erasureKey: key }), waitingRoom: false, now: t, ...BOUNDS })).status === 'joined', 'joinGuest refused');
      const guestErased = event(null, t, { type: 'guest.erased', subjectId: newId(), detail: { sessions: 0, blocks: 0 } });
      same(await guests.eraseGuest(key, [guestErased]), { sessions: 1, blocks: 0 }, 'eraseGuest');
      const invite = anInvite(entryId, { invitedAt: t, updatedAt: t, expiresAt: t + 86_400_000 });
      const invited = event(entryId, t, { type: 'invite.invited', subjectId: invite.id, detail: { role: 'viewer', reinvite: false } });
      same((await invites.insertInvite(invite, 10, t, [invited])).status, 'inserted', 'insertInvite');
      const twice = await invites.insertInvite(anInvite(entryId, { email: invite.email, emailKey: invite.emailKey, invitedAt: t, updatedAt: t, expiresAt: t + 86_400_000 }), 10, t, [event(entryId, t, { type: 'invite.invited' })]);
      same(twice.status, 'exists', 'insertInvite of a live address');
      // The role changes after the accept was judged: the event says the role the invite is accepted with.
      const changed = event(entryId, t, { type: 'invite.role_changed', subjectId: invite.id, detail: { role: 'moderator', previousRole: 'viewer' } });
      same((await invites.updatePendingInvite(invite.id, { role: 'moderator', updatedAt: t }, 10, t, [changed])).status, 'updated', 'updatePendingInvite');
      const accepted = event(entryId, t, { type: 'invite.accepted', actorId: 'u-ada', subjectId: invite.id, detail: { role: 'viewer' } });
      ensure((await invites.finishInvite(invite.id, { to: 'accepted', at: t, by: 'u-ada' }, [accepted])) !== null, 'finishInvite refused a pending invite');
      ensure((await invites.finishInvite(invite.id, { to: 'revoked', at: t, by: 'u-owner' }, [event(entryId, t, { type: 'invite.revoked' })])) === null, 'finishInvite finished an accepted invite');
      ensure((await invites.recordDelivery(invite.id, { claimedAt: t, status: 'sent', error: null }, [event(entryId, t, { type: 'invite.delivered' })])) === null, 'recordDelivery recorded a send never claimed');
      const inviteeErased = event(null, t, { type: 'invitee.erased', subjectId: newId(), detail: { invites: 0 } });
      same(await invites.eraseInvitee(invite.emailKey, [inviteeErased]), 1, 'eraseInvitee');
      const written = await drain(outbox, [entryId, null], t);
      const byId = (pairs: [string, unknown][]) => [...pairs].sort(([x], [y]) => (x < y ? -1 : 1));
      same(
        byId(written.map((each) => [each.id, each.detail])),
        byId([
          [invited.id, invited.detail],
          [changed.id, changed.detail],
          [accepted.id, { role: 'moderator' }],
          [guestErased.id, { sessions: 1, blocks: 0 }],
          [inviteeErased.id, { invites: 1 }],
        ]),
        'the events and the facts the stores set',
      );
      same(written.filter((each) => each.entryId === entryId).map((each) => each.id), [invited.id, changed.id, accepted.id], 'the entry\'s events, in order');
    }),
    when("a claim takes each entry's oldest pending event, nothing behind it, and nothing another claim holds", async ({ guests, outbox }, _, t) => {
      const [a, b] = [newEntryId(), newEntryId()];
      const written = [event(a, t), event(a, t), event(b, t), event(b, t + 10)];
      await guests.updateGuestAccess(a, { enabled: true, updatedAt: t, updatedBy: 'u-owner' }, written.slice(0, 2));
      await guests.updateGuestAccess(b, { enabled: true, updatedAt: t, updatedBy: 'u-owner' }, written.slice(2));
      const mine = (records: OutboxRecord[]) => records.filter((record) => record.event.entryId === a || record.event.entryId === b);
      const first = mine(await outbox.claim({ now: t, until: t + LEASE, limit: 10, token: 'one' }));
      same(first.map((record) => [record.event.id, record.attempts, record.state, record.availableAt]), [[written[0]!.id, 1, 'pending', t + LEASE], [written[2]!.id, 1, 'pending', t + LEASE]], 'the first claim');
      same(mine(await outbox.claim({ now: t + 20, until: t + LEASE, limit: 10, token: 'two' })), [], 'a claim while both heads are held');
      ensure(!(await outbox.settle({ id: written[0]!.id, token: 'two', state: 'delivered', deliveredTo: ['kit'], availableAt: t, error: null, at: t + 1 })), 'settle took another claim\'s token');
      ensure(await outbox.settle({ id: written[0]!.id, token: 'one', state: 'delivered', deliveredTo: ['kit'], availableAt: t, error: null, at: t + 1 }), 'settle refused its own claim');
      ensure(!(await outbox.settle({ id: written[0]!.id, token: 'one', state: 'delivered', deliveredTo: ['kit'], availableAt: t, error: null, at: t + 1 })), 'settle settled a settled event');
      const next = mine(await outbox.claim({ now: t + 2, until: t + LEASE, limit: 10, token: 'three' }));
      same(next.map((record) => record.event.id), [written[1]!.id], 'the claim after the head was delivered');
      ensure(await outbox.settle({ id: written[1]!.id, token: 'three', state: 'delivered', deliveredTo: ['kit'], availableAt: t, error: null, at: t + 2 }), 'settle refused its own claim');
      // A lapsed claim is taken over; its token settles nothing after.
      const taken = mine(await outbox.claim({ now: t + LEASE, until: t + 2 * LEASE, limit: 10, token: 'four' }));
      same(taken.map((record) => [record.event.id, record.attempts]), [[written[2]!.id, 2]], 'the claim after the lease');
      ensure(!(await outbox.settle({ id: written[2]!.id, token: 'one', state: 'delivered', deliveredTo: ['kit'], availableAt: t, error: null, at: t + 1 })), 'a lapsed claim settled an event taken over');
      // A retry waits its turn, and holds its entry's next event back; a failure is kept, listed, retried and swept.
      ensure(await outbox.settle({ id: written[2]!.id, token: 'four', state: 'pending', deliveredTo: ['kit'], availableAt: t + 5 * LEASE, error: 'down', at: t + LEASE }), 'settle of a retry');
      same(mine(await outbox.claim({ now: t + 4 * LEASE, until: t + 5 * LEASE, limit: 10, token: 'five' })).map((record) => record.event.id), [], 'a claim before the retry is due');
      const due = mine(await outbox.claim({ now: t + 5 * LEASE, until: t + 6 * LEASE, limit: 10, token: 'six' }));
      same(due.map((record) => [record.event.id, record.deliveredTo, record.lastError]), [[written[2]!.id, ['kit'], 'down']], 'the claim once the retry is due');
      ensure(await outbox.settle({ id: written[2]!.id, token: 'six', state: 'failed', deliveredTo: ['kit'], availableAt: t, error: 'gone', at: t + 5 * LEASE }), 'settle of a failure');
      const failed = (await outbox.listEvents({ state: 'failed', after: null, limit: 100_000 })).filter((record) => record.event.id === written[2]!.id);
      same(failed.map((record) => [record.state, record.lastError, record.settledAt]), [['failed', 'gone', t + 5 * LEASE]], 'the failed event, listed');
      const behind = mine(await outbox.claim({ now: t + 5 * LEASE, until: t + 6 * LEASE, limit: 10, token: 'seven' }));
      same(behind.map((record) => record.event.id), [written[3]!.id], 'the event behind a failed one');
      ensure(!(await outbox.retry(written[3]!.id, t)), 'retry of an event that has not failed');
      ensure(await outbox.retry(written[2]!.id, t + 5 * LEASE), 'retry of a failed event');
      ensure(!(await outbox.retry(written[2]!.id, t + 5 * LEASE)), 'retry twice');
      same(mine(await outbox.claim({ now: t + 5 * LEASE, until: t + 6 * LEASE, limit: 10, token: 'eight' })).map((record) => [record.event.id, record.attempts]), [[written[2]!.id, 1]], 'the retried event, its attempts reset, before the events written after it');
      ensure(await outbox.settle({ id: written[2]!.id, token: 'eight', state: 'delivered', deliveredTo: ['kit'], availableAt: t, error: null, at: t + 5 * LEASE }), 'settle of the retried event');
      const delivered = async () => (await outbox.listEvents({ state: 'delivered', after: null, limit: 100_000 })).filter((record) => record.event.entryId === a || record.event.entryId === b).length;
      same(await delivered(), 3, 'delivered events before a sweep');
      // The kit's times are older than any other: a sweep up to them removes only the kit's settled events.
      const swept = await outbox.sweep({ settledBefore: t + 2, limit: 1 });
      same([swept, await delivered()], [1, 2], 'a sweep of the events settled before t + 2, one at most');
    }),
    when('two claims at once, on two connections, never take the same event', async ({ guests, outbox }, second, t) => {
      const entries = Array.from({ length: 40 }, () => newEntryId());
      for (const entryId of entries) await guests.updateGuestAccess(entryId, { enabled: true, updatedAt: t, updatedBy: 'u-owner' }, [event(entryId, t)]);
      const other = second?.outbox ?? outbox;
      const claims = await Promise.all(Array.from({ length: 8 }, (_, n) => (n % 2 === 0 ? outbox : other).claim({ now: t, until: t + LEASE, limit: 10, token: `race-${n}` })));
      const taken = claims.flat().filter((record) => entries.includes(record.event.entryId!)).map((record) => record.event.id);
      // A claim may find fewer than it could (rows another claim took meanwhile): claims go on until none is left.
      for (let round = 0; round < 40; round += 1) {
        const more = (await outbox.claim({ now: t, until: t + LEASE, limit: 10, token: `after-${round}` })).filter((record) => entries.includes(record.event.entryId!));
        if (more.length === 0) break;
        taken.push(...more.map((record) => record.event.id));
      }
      same(new Set(taken).size, taken.length, 'events claimed twice');
      same(taken.length, 40, 'events claimed in all');
    }),
  ];
}
