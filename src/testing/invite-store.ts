import type { Invite } from '../domain/invite';
import type { InviteStore } from '../ports/invite-store';
import { anInvite, ensure, newEntryId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

/** Direct reads of an invite store's backing store, bypassing the adapter. */
export interface InviteStorePeek {
  /** The stored invite, or `null`. */
  invite(inviteId: string): Promise<Invite | null>;
}

const T = 1_800_000_000_000;

/**
 * The cases an {@link InviteStore} must pass: round trips, "not found" is `null`, ordering,
 * one pending-or-accepted invite per address, the pending cap, guarded state transitions, and
 * the races — concurrent transitions have one winner, concurrent inserts of one address store
 * one invite, concurrent inserts never pass the cap.
 *
 * @param factory - makes a fresh adapter for each case.
 * @param options - `concurrency`: how many calls race at once (default 25).
 * @returns the cases; register them with {@link runConformance}.
 */
export function inviteStoreConformance(
  factory: AdapterFactory<InviteStore, InviteStorePeek>,
  options: { readonly concurrency?: number } = {},
): ConformanceCase[] {
  const n = options.concurrency ?? 25;
  const when = (name: string, check: Parameters<typeof withAdapter<InviteStore, InviteStorePeek>>[2]) =>
    withAdapter(factory, `InviteStore: ${name}`, check);

  return [
    when('insertInvite stores an invite that getInvite and listInvites give back exactly', async ({ store, peek, second }) => {
      const entryId = newEntryId();
      const invite = anInvite(entryId, { email: 'Ünï@Example.org', inviterName: null, deliveryError: 'bounced: «full»' });
      same(await store.insertInvite(invite, 10, T), { status: 'inserted' }, 'insertInvite');
      same(await store.getInvite(invite.id), invite, 'getInvite');
      same(await store.listInvites(entryId), [invite], 'listInvites');
      if (peek) same(await peek.invite(invite.id), invite, 'what the backing store holds');
      if (second) same(await second.getInvite(invite.id), invite, 'what a second instance reads');
    }),

    when('getInvite answers null, and listInvites an empty list, for what does not exist', async ({ store }) => {
      same(await store.getInvite(anInvite('none').id), null, 'getInvite of an unknown id');
      same(await store.listInvites(newEntryId()), [], 'listInvites of an entry without invites');
    }),

    when('an address keeps one pending (even expired) or accepted invite; declined and revoked ones do not count', async ({ store }) => {
      const entryId = newEntryId();
      const pending = anInvite(entryId, { email: 'ada@example.org', expiresAt: T - 1 });
      await store.insertInvite(pending, 10, T);
      const again = await store.insertInvite(anInvite(entryId, { email: 'ADA@example.org', emailKey: 'ada@example.org' }), 10, T);
      ensure(again.status === 'exists', `a second invite for a pending address answered ${again.status}`);
      same(again.invite.id, pending.id, 'the existing invite answered');

      const accepted = anInvite(entryId, { email: 'bob@example.org' });
      await store.insertInvite(accepted, 10, T);
      await store.finishInvite(accepted.id, { to: 'accepted', at: T, by: 'u-bob' });
      same((await store.insertInvite(anInvite(entryId, { email: 'bob@example.org' }), 10, T)).status, 'exists', 'an invite for an accepted address');

      for (const to of ['declined', 'revoked'] as const) {
        const email = `${to}@example.org`;
        const finished = anInvite(entryId, { email });
        await store.insertInvite(finished, 10, T);
        await store.finishInvite(finished.id, { to, at: T, by: 'u' });
        same((await store.insertInvite(anInvite(entryId, { email }), 10, T)).status, 'inserted', `a new invite after one was ${to}`);
      }
      same((await store.insertInvite(anInvite(newEntryId(), { email: 'ada@example.org' }), 10, T)).status, 'inserted', 'the same address on another entry');
    }),

    when('the pending cap counts the entry’s pending, unexpired invites only; a cap of 0 admits none', async ({ store }) => {
      const entryId = newEntryId();
      same((await store.insertInvite(anInvite(entryId), 2, T)).status, 'inserted', 'first insert');
      same((await store.insertInvite(anInvite(entryId, { expiresAt: T }), 2, T)).status, 'inserted', 'an invite expiring now');
      same((await store.insertInvite(anInvite(entryId), 2, T)).status, 'inserted', 'an insert beside an expired invite');
      same((await store.insertInvite(anInvite(entryId), 2, T)).status, 'cap_reached', 'an insert over the cap');
      same((await store.insertInvite(anInvite(newEntryId()), 2, T)).status, 'inserted', 'another entry');
      same((await store.insertInvite(anInvite(newEntryId()), 0, T)).status, 'cap_reached', 'a cap of 0');
    }),

    when('listInvites lists an entry’s invites oldest first, by invitedAt then id', async ({ store }) => {
      const entryId = newEntryId();
      const late = anInvite(entryId, { invitedAt: T + 2 });
      const early = anInvite(entryId, { invitedAt: T });
      const middle = anInvite(entryId, { invitedAt: T + 1 });
      for (const invite of [late, early, middle]) await store.insertInvite(invite, 10, T);
      same((await store.listInvites(entryId)).map((i) => i.id), [early.id, middle.id, late.id], 'order of listInvites');
    }),

    when('updatePendingInvite changes only the given fields, and only while pending', async ({ store, peek }) => {
      const invite = anInvite(newEntryId());
      await store.insertInvite(invite, 10, T);
      const changed = await store.updatePendingInvite(invite.id, { role: 'speaker', expiresAt: T + 99, updatedAt: T + 5 });
      same(changed, { ...invite, role: 'speaker', expiresAt: T + 99, updatedAt: T + 5 }, 'the invite after the change');
      if (peek) same(await peek.invite(invite.id), changed, 'what the backing store holds');
      await store.finishInvite(invite.id, { to: 'revoked', at: T + 6, by: 'u' });
      same(await store.updatePendingInvite(invite.id, { role: 'viewer', updatedAt: T + 7 }), null, 'a change to a revoked invite');
      same(await store.updatePendingInvite(anInvite('none').id, { updatedAt: T }), null, 'a change to an unknown invite');
    }),

    when('finishInvite moves only a pending invite, and accepts only before its expiry', async ({ store, peek }) => {
      const entryId = newEntryId();
      const invite = anInvite(entryId, { expiresAt: T + 10 });
      await store.insertInvite(invite, 10, T);
      same(await store.finishInvite(invite.id, { to: 'accepted', at: T + 10, by: 'u-ada' }), null, 'accepting at the instant of expiry');
      const accepted = await store.finishInvite(invite.id, { to: 'accepted', at: T + 9, by: 'u-ada' });
      same(accepted, { ...invite, state: 'accepted', acceptedBy: 'u-ada', decidedBy: 'u-ada', updatedAt: T + 9 }, 'the accepted invite');
      if (peek) same(await peek.invite(invite.id), accepted, 'what the backing store holds');
      for (const to of ['accepted', 'declined', 'revoked'] as const) {
        same(await store.finishInvite(invite.id, { to, at: T + 9, by: 'u' }), null, `moving an accepted invite to ${to}`);
      }
      const expired = anInvite(entryId, { expiresAt: T });
      await store.insertInvite(expired, 10, T - 1);
      ensure((await store.finishInvite(expired.id, { to: 'revoked', at: T + 5, by: 'u' })) !== null, 'revoking an expired pending invite failed');
      same(await store.finishInvite(anInvite('none').id, { to: 'revoked', at: T, by: 'u' }), null, 'finishing an unknown invite');
    }),

    when('reopenInvite puts back only an invite accepted by the same user', async ({ store }) => {
      const invite = anInvite(newEntryId());
      await store.insertInvite(invite, 10, T);
      await store.finishInvite(invite.id, { to: 'accepted', at: T, by: 'u-ada' });
      same(await store.reopenInvite(invite.id, 'u-bob'), null, 'reopening as another user');
      const reopened = await store.reopenInvite(invite.id, 'u-ada');
      same([reopened?.state, reopened?.acceptedBy, reopened?.decidedBy], ['pending', null, null], 'the reopened invite');
      same(await store.reopenInvite(invite.id, 'u-ada'), null, 'reopening a pending invite');
    }),

    when('recordDelivery records each attempt: status, error, time, and one more attempt', async ({ store, peek }) => {
      const invite = anInvite(newEntryId());
      await store.insertInvite(invite, 10, T);
      const failed = await store.recordDelivery(invite.id, { status: 'failed', at: T + 1, error: 'mailbox full' });
      same([failed?.deliveryStatus, failed?.deliveryAttempts, failed?.lastSentAt, failed?.deliveryError], ['failed', 1, T + 1, 'mailbox full'], 'after a failed attempt');
      const sent = await store.recordDelivery(invite.id, { status: 'sent', at: T + 2, error: null });
      same([sent?.deliveryStatus, sent?.deliveryAttempts, sent?.lastSentAt, sent?.deliveryError], ['sent', 2, T + 2, null], 'after a sent attempt');
      if (peek) same(await peek.invite(invite.id), sent, 'what the backing store holds');
      same(await store.recordDelivery(anInvite('none').id, { status: 'sent', at: T, error: null }), null, 'an attempt for an unknown invite');
    }),

    when(`${n} concurrent transitions of one invite: exactly one wins`, async ({ store, second }) => {
      const invite = anInvite(newEntryId());
      await store.insertInvite(invite, 10, T);
      const stores = second ? [store, second] : [store];
      const moves = ['accepted', 'declined', 'revoked'] as const;
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => stores[i % stores.length]!.finishInvite(invite.id, { to: moves[i % 3]!, at: T, by: `u-${i}` })),
      );
      const winners = results.filter((r) => r !== null);
      same(winners.length, 1, 'winning transitions');
      same(await store.getInvite(invite.id), winners[0], 'the stored invite is the winner’s');
    }),

    when(`${n} concurrent inserts for one address store one invite`, async ({ store, second }) => {
      const entryId = newEntryId();
      const stores = second ? [store, second] : [store];
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => stores[i % stores.length]!.insertInvite(anInvite(entryId, { email: 'ada@example.org' }), 100, T)),
      );
      same(results.filter((r) => r.status === 'inserted').length, 1, 'inserted');
      same(results.filter((r) => r.status === 'exists').length, n - 1, 'answered exists');
      same((await store.listInvites(entryId)).length, 1, 'invites stored');
    }),

    when(`${n} concurrent inserts of different addresses never pass a pending cap of 4`, async ({ store, second }) => {
      const entryId = newEntryId();
      const stores = second ? [store, second] : [store];
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => stores[i % stores.length]!.insertInvite(anInvite(entryId), 4, T)),
      );
      same(results.filter((r) => r.status === 'inserted').length, 4, 'inserted');
      same((await store.listInvites(entryId)).length, 4, 'invites stored');
    }),
  ];
}
