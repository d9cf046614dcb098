import type { Invite } from '../domain/invite';
import type { InviteStore } from '../ports/invite-store';
import { anInvite, ensure, newEntryId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

/**
 * Direct reads of an invite store's backing store, bypassing the adapter.
 *
 * @category Suites
 */
export interface InviteStorePeek {
  /**
   * The stored invite, or `null`.
   * @example
   * ```ts
   * const peek: InviteStorePeek = { invite: async (id) => inviteStore.inspect().find((i) => i.id === id) ?? null };
   * (await peek.invite(inviteId))?.role; // 'speaker'
   * ```
   */
  invite(inviteId: string): Promise<Invite | null>;
}

const T = 1_800_000_000_000;

/**
 * The cases an {@link InviteStore} must pass: round trips, "not found" is `null`, ordering,
 * one pending-or-accepted invite per address, the pending cap, guarded state transitions, and
 * the races — concurrent transitions have one winner, concurrent inserts of one address store
 * one invite, concurrent inserts and revivals never pass the cap, concurrent changes all land and
 * none after a revoke, a revoke and a send never both win, a late record of a send never
 * overwrites a newer claim, an acceptance starts once and ends once, and concurrent sweeps and
 * erasures count each invite once. Each atomic method of the port has a race case that a store
 * doing it as a read and then a write fails.
 *
 * @param factory - makes a fresh adapter for each case.
 * @param options - `concurrency`: how many calls race at once (default 25).
 * @returns the cases; register them with {@link runConformance}.
 * @example
 * ```ts
 * runConformance(
 *   inviteStoreConformance(async () => {
 *     const store = createMemoryInviteStore();
 *     return { store, peek: { invite: async (id) => store.inspect().find((i) => i.id === id) ?? null } };
 *   }),
 *   test,
 * );
 * ```
 *
 * @category Suites
 */
export function inviteStoreConformance(
  factory: AdapterFactory<InviteStore, InviteStorePeek>,
  options: { readonly concurrency?: number | undefined } = {},
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

    when('listInvites lists an entry’s invites in id order, whatever order they were stored in', async ({ store }) => {
      const entryId = newEntryId();
      const first = anInvite(entryId);
      const second = anInvite(entryId);
      const third = anInvite(entryId);
      for (const invite of [third, first, second]) await store.insertInvite(invite, 10, T);
      same((await store.listInvites(entryId)).map((i) => i.id), [first.id, second.id, third.id], 'order of listInvites');
    }),

    when('listInvites pages in id order and filters by state as inviteState names it', async ({ store, second }) => {
      const entryId = newEntryId();
      const all: Invite[] = [];
      for (let i = 0; i < 12; i++) {
        const invite = anInvite(entryId, { expiresAt: i % 3 === 0 ? T : T + 1_000 });
        await store.insertInvite(invite, 100, T - 1);
        all.push(invite);
      }
      await store.finishInvite(all[1]!.id, { to: 'revoked', at: T, by: 'u' });
      const reader = second ?? store;
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        await store.insertInvite(anInvite(entryId), 100, T); // another arrives between pages
        const items: Invite[] = await reader.listInvites(entryId, { after, limit: 5, state: null, now: T });
        if (items.length === 0) break;
        ensure(items.length <= 5, 'a page over its limit');
        seen.push(...items.map((i) => i.id));
        after = items[items.length - 1]!.id;
      }
      same(new Set(seen).size, seen.length, 'invites seen twice');
      ensure(all.every((invite) => seen.includes(invite.id)), 'an invite that existed before paging was missed');
      const ids = async (state: Invite['state'] | 'expired') => (await store.listInvites(entryId, { after: null, limit: 100, state, now: T })).map((i) => i.id);
      same(await ids('expired'), all.filter((_, i) => i % 3 === 0).map((i) => i.id), 'expired');
      same(await ids('revoked'), [all[1]!.id], 'revoked');
    }),

    when('listInvitesFor answers a person’s live invites on every entry, and nothing else', async ({ store }) => {
      const email = `mine-${newEntryId()}@example.org`;
      const one = anInvite(newEntryId(), { email, emailKey: email });
      const two = anInvite(newEntryId(), { email, emailKey: email });
      const expired = anInvite(newEntryId(), { email, emailKey: email, expiresAt: T });
      const revoked = anInvite(newEntryId(), { email, emailKey: email });
      const someoneElse = anInvite(one.entryId);
      for (const invite of [one, two, expired, revoked, someoneElse]) await store.insertInvite(invite, 10, T - 1);
      await store.finishInvite(revoked.id, { to: 'revoked', at: T, by: 'u' });
      same((await store.listInvitesFor(email, { now: T, after: null, limit: 10 })).map((i) => i.id), [one.id, two.id], 'the live invites');
      same((await store.listInvitesFor(email, { now: T, after: one.id, limit: 10 })).map((i) => i.id), [two.id], 'the page after the first');
      same((await store.listInvitesFor(email, { now: T, after: null, limit: 1 })).map((i) => i.id), [one.id], 'a page of one');
    }),

    when('sweep removes invites that finished before the cut-off, never a live one, in bounded batches', async ({ store }) => {
      const OLD = 1_000_000;
      const entryId = newEntryId();
      const made = async (fields: Partial<Invite>) => {
        const invite = anInvite(entryId, { invitedAt: OLD, updatedAt: OLD, ...fields });
        ensure((await store.insertInvite(invite, 100, OLD)).status === 'inserted', 'an insert was refused');
        return invite;
      };
      const gone: string[] = [];
      const kept: string[] = [];
      for (let i = 0; i < 3; i++) {
        const accepted = await made({ expiresAt: OLD + 10_000 });
        await store.finishInvite(accepted.id, { to: 'accepted', at: OLD + 10, by: `u-${i}` });
        const revoked = await made({ expiresAt: OLD + 10_000 });
        await store.finishInvite(revoked.id, { to: 'revoked', at: OLD + 10, by: 'u' });
        const expired = await made({ expiresAt: OLD + 20 });
        gone.push(accepted.id, revoked.id, expired.id);
        const pending = await made({ expiresAt: OLD + 10_000 });
        const lateFinish = await made({ expiresAt: OLD + 10_000 });
        await store.finishInvite(lateFinish.id, { to: 'declined', at: OLD + 900, by: 'u' });
        kept.push(pending.id, lateFinish.id);
      }
      let removed = 0;
      for (let i = 0; i < 20; i++) {
        const batch = await store.sweep({ now: OLD + 1_000, finishedBefore: OLD + 500, limit: 2 });
        ensure(batch.invites <= 2, 'a batch over its limit');
        removed += batch.invites;
        if (!batch.more) break;
      }
      same(removed, 9, 'invites removed');
      for (const id of gone) same(await store.getInvite(id), null, 'a swept invite');
      for (const id of kept) ensure((await store.getInvite(id)) !== null, 'a live or recently finished invite was swept');
    }),

    when('eraseInvitee removes every invite of the address, on every entry, in every state', async ({ store, peek }) => {
      const email = `erase-${newEntryId()}@example.org`;
      const pending = anInvite(newEntryId(), { email, emailKey: email });
      const accepted = anInvite(newEntryId(), { email, emailKey: email });
      const other = anInvite(pending.entryId);
      for (const invite of [pending, accepted, other]) await store.insertInvite(invite, 10, T);
      await store.finishInvite(accepted.id, { to: 'accepted', at: T, by: 'u' });
      same(await store.eraseInvitee(email), 2, 'invites erased');
      same(await store.getInvite(pending.id), null, 'the pending invite');
      same(await store.getInvite(accepted.id), null, 'the accepted invite');
      ensure((await store.getInvite(other.id)) !== null, 'another address’s invite was erased');
      if (peek) same(await peek.invite(accepted.id), null, 'an erased invite in the backing store');
      same((await store.insertInvite(anInvite(pending.entryId, { email, emailKey: email }), 10, T)).status, 'inserted', 'a new invite of the address');
    }),

    when('updatePendingInvite changes only the given fields, and only while pending', async ({ store, peek }) => {
      const invite = anInvite(newEntryId());
      await store.insertInvite(invite, 10, T);
      const changed = await store.updatePendingInvite(invite.id, { role: 'speaker', expiresAt: T + 99, updatedAt: T + 5 }, 10, T);
      same(changed, { status: 'updated', invite: { ...invite, role: 'speaker', expiresAt: T + 99, updatedAt: T + 5 } }, 'the change');
      if (peek && changed.status === 'updated') same(await peek.invite(invite.id), changed.invite, 'what the backing store holds');
      const renamed = await store.updatePendingInvite(invite.id, { inviterName: null, invitedBy: 'u-2', updatedAt: T + 6 }, 10, T);
      same(renamed.status === 'updated' && [renamed.invite.inviterName, renamed.invite.invitedBy, renamed.invite.role], [null, 'u-2', 'speaker'], 'a change of the inviter only');
      await store.finishInvite(invite.id, { to: 'revoked', at: T + 6, by: 'u' });
      same(await store.updatePendingInvite(invite.id, { role: 'viewer', updatedAt: T + 7 }, 10, T), { status: 'not_pending' }, 'a change to a revoked invite');
      same(await store.updatePendingInvite(anInvite('none').id, { updatedAt: T }, 10, T), { status: 'not_pending' }, 'a change to an unknown invite');
    }),

    when('reviving an expired invite counts against the pending cap; changing a live one does not', async ({ store }) => {
      const entryId = newEntryId();
      const expired = anInvite(entryId, { expiresAt: T });
      const live = anInvite(entryId, { expiresAt: T + 50 });
      await store.insertInvite(expired, 1, T - 1);
      same((await store.insertInvite(live, 1, T)).status, 'inserted', 'an invite beside an expired one under a cap of 1');
      same(await store.updatePendingInvite(expired.id, { expiresAt: T + 100, updatedAt: T }, 1, T), { status: 'cap_reached' }, 'reviving over the cap');
      same((await store.getInvite(expired.id))?.expiresAt, T, 'the expiry after the refused revival');
      same((await store.updatePendingInvite(live.id, { expiresAt: T + 100, updatedAt: T }, 1, T)).status, 'updated', 'extending a live invite at the cap');
      same((await store.updatePendingInvite(expired.id, { role: 'speaker', updatedAt: T }, 1, T)).status, 'updated', 'a change that does not revive');
      same(await store.claimDelivery(expired.id, { at: T, intervalMs: 0, timeoutMs: 1000, expiresAt: T + 100 }, 1), { status: 'cap_reached' }, 'a send that would revive over the cap');
      await store.finishInvite(live.id, { to: 'revoked', at: T, by: 'u' });
      same((await store.updatePendingInvite(expired.id, { expiresAt: T + 100, updatedAt: T }, 1, T)).status, 'updated', 'reviving under the cap');
    }),

    when('claimDelivery lets one send at a time, no sooner than the interval, and takes over a send that timed out', async ({ store, peek }) => {
      const invite = anInvite(newEntryId(), { invitedAt: T - 5, updatedAt: T - 5 });
      await store.insertInvite(invite, 10, T);
      const claim = { intervalMs: 60_000, timeoutMs: 30_000 };
      const first = await store.claimDelivery(invite.id, { ...claim, at: T }, 10);
      same(
        first.status === 'claimed' && [first.invite.deliveryStatus, first.invite.lastSentAt, first.invite.deliveryAttempts, first.invite.updatedAt],
        ['sending', T, 1, invite.updatedAt],
        'the first claim (a send without a new expiry leaves updatedAt)',
      );
      if (peek && first.status === 'claimed') same(await peek.invite(invite.id), first.invite, 'what the backing store holds');
      same(await store.claimDelivery(invite.id, { ...claim, intervalMs: 0, at: T + 29_999 }, 10), { status: 'too_soon' }, 'a claim while a send is in flight');
      same(await store.claimDelivery(invite.id, { ...claim, at: T + 59_999 }, 10), { status: 'too_soon' }, 'a claim within the interval');
      const taken = await store.claimDelivery(invite.id, { ...claim, at: T + 60_000 }, 10);
      same(taken.status === 'claimed' && [taken.invite.lastSentAt, taken.invite.deliveryAttempts], [T + 60_000, 2], 'a claim after the interval, over a send that timed out');
      same(await store.recordDelivery(invite.id, { claimedAt: T, status: 'sent', error: null }), null, 'recording the replaced claim');
      const failed = await store.recordDelivery(invite.id, { claimedAt: T + 60_000, status: 'failed', error: 'mailbox full' });
      same([failed?.deliveryStatus, failed?.deliveryError, failed?.deliveryAttempts], ['failed', 'mailbox full', 2], 'after a failed attempt');
      same(await store.recordDelivery(invite.id, { claimedAt: T + 60_000, status: 'sent', error: null }), null, 'recording a claim twice');
      const again = await store.claimDelivery(invite.id, { ...claim, at: T + 120_000, expiresAt: T + 999_999 }, 10);
      same(again.status === 'claimed' && [again.invite.expiresAt, again.invite.updatedAt, again.invite.deliveryError], [T + 999_999, T + 120_000, null], 'a claim that extends the invite');
      const sent = await store.recordDelivery(invite.id, { claimedAt: T + 120_000, status: 'sent', error: null });
      same([sent?.deliveryStatus, sent?.deliveryAttempts, sent?.lastSentAt], ['sent', 3, T + 120_000], 'after a sent attempt');
      await store.finishInvite(invite.id, { to: 'revoked', at: T + 200_000, by: 'u' });
      same(await store.claimDelivery(invite.id, { ...claim, at: T + 999_000 }, 10), { status: 'not_pending' }, 'a claim of a revoked invite');
      same(await store.claimDelivery(anInvite('none').id, { ...claim, at: T }, 10), { status: 'not_pending' }, 'a claim of an unknown invite');
    }),

    when('finishInvite moves only a pending invite, accepts only before its expiry, and revokes no invite being sent', async ({ store, peek }) => {
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

      const sending = anInvite(entryId);
      await store.insertInvite(sending, 10, T);
      await store.claimDelivery(sending.id, { at: T, intervalMs: 0, timeoutMs: 1_000 }, 10);
      same(await store.finishInvite(sending.id, { to: 'revoked', at: T + 1, by: 'u', unlessSendingSince: T + 1 - 1_000 }), null, 'revoking an invite being sent');
      ensure((await store.finishInvite(sending.id, { to: 'declined', at: T + 1, by: 'u' })) !== null, 'declining without the condition failed');
      const timedOut = anInvite(entryId);
      await store.insertInvite(timedOut, 10, T);
      await store.claimDelivery(timedOut.id, { at: T, intervalMs: 0, timeoutMs: 1_000 }, 10);
      ensure((await store.finishInvite(timedOut.id, { to: 'revoked', at: T + 1_000, by: 'u', unlessSendingSince: T })) === null, 'revoked while its send was claimed at the instant given');
      ensure((await store.finishInvite(timedOut.id, { to: 'revoked', at: T + 1_001, by: 'u', unlessSendingSince: T + 1 })) !== null, 'revoking after the send timed out failed');
    }),

    when('an acceptance with a grant: accepting by one user, then accepted or given back; a stale one may be taken over by its user', async ({ store, peek }) => {
      const entryId = newEntryId();
      const invite = anInvite(entryId, { expiresAt: T + 100 });
      await store.insertInvite(invite, 1, T);
      same(await store.startAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 100 }, 0), null, 'starting at the instant of expiry');
      const started = await store.startAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 1 }, 0);
      same(started, { ...invite, state: 'accepting', acceptedBy: 'u-ada', decidedBy: 'u-ada', updatedAt: T + 1 }, 'the invite being accepted');
      if (peek) same(await peek.invite(invite.id), started, 'what the backing store holds');
      same((await store.insertInvite(anInvite(entryId, { email: invite.email, emailKey: invite.emailKey }), 10, T)).status, 'exists', 'another invite for the address');
      same((await store.insertInvite(anInvite(entryId), 1, T)).status, 'cap_reached', 'an insert while the only place is being accepted');
      same(await store.startAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 2 }, T + 1), null, 'a second start before the first is stale');
      same(await store.startAcceptance(invite.id, { by: 'u-eve', claimedAt: T + 9 }, T + 9), null, 'another user taking over');
      same(await store.finishInvite(invite.id, { to: 'declined', at: T + 2, by: 'u-ada' }), null, 'declining while being accepted');
      same(await store.completeAcceptance(invite.id, { by: 'u-ada', claimedAt: T }), null, 'completing another claim');
      const taken = await store.startAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 9 }, T + 2);
      same(taken?.updatedAt, T + 9, 'the same user taking over a stale acceptance');
      same(await store.abandonAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 1 }), null, 'giving back the replaced claim');
      const back = await store.abandonAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 9 });
      same([back?.state, back?.acceptedBy, back?.decidedBy], ['pending', null, null], 'the invite given back');
      await store.startAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 10 }, 0);
      const done = await store.completeAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 10 });
      same([done?.state, done?.acceptedBy, done?.updatedAt], ['accepted', 'u-ada', T + 10], 'the accepted invite');
      same(await store.abandonAcceptance(invite.id, { by: 'u-ada', claimedAt: T + 10 }), null, 'giving back an accepted invite');
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

    when(`${n} concurrent claims to send one invite: exactly one mails`, async ({ store, second }) => {
      const invite = anInvite(newEntryId());
      await store.insertInvite(invite, 10, T);
      const stores = second ? [store, second] : [store];
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => stores[i % stores.length]!.claimDelivery(invite.id, { at: T + (i % 3), intervalMs: 0, timeoutMs: 60_000 }, 10)),
      );
      same(results.filter((r) => r.status === 'claimed').length, 1, 'claims won');
      same((await store.getInvite(invite.id))?.deliveryAttempts, 1, 'attempts recorded');
    }),

    when(`${n} concurrent revivals of expired invites never pass a pending cap of 4`, async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      // Changes and sends together, then each alone.
      for (const by of ['both', 'updatePendingInvite', 'claimDelivery'] as const) {
        const entryId = newEntryId();
        const expired = Array.from({ length: n }, () => anInvite(entryId, { expiresAt: T }));
        for (const invite of expired) await store.insertInvite(invite, n, T - 1);
        const results = await Promise.all(
          expired.map((invite, i) =>
            by === 'updatePendingInvite' || (by === 'both' && i % 2 === 0)
              ? stores[i % stores.length]!.updatePendingInvite(invite.id, { expiresAt: T + 1_000, updatedAt: T }, 4, T)
              : stores[i % stores.length]!.claimDelivery(invite.id, { at: T, intervalMs: 0, timeoutMs: 1_000, expiresAt: T + 1_000 }, 4),
          ),
        );
        const what = by === 'both' ? '' : ` by ${by}`;
        same(results.filter((r) => r.status === 'updated' || r.status === 'claimed').length, 4, `revived${what}`);
        same((await store.listInvites(entryId)).filter((i) => i.expiresAt > T).length, 4, `live invites stored${what}`);
      }
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

    when('concurrent changes of one pending invite all land, and none lands after a revoke', async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      const invite = anInvite(newEntryId(), { expiresAt: T + 1_000 });
      await store.insertInvite(invite, 10, T);
      const changes = [{ role: 'speaker' }, { inviterName: 'Hopper', invitedBy: 'u-hopper' }, { expiresAt: T + 5_000 }];
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => stores[i % stores.length]!.updatePendingInvite(invite.id, { ...changes[i % 3]!, updatedAt: T + 1 }, 10, T)),
      );
      ensure(results.every((r) => r.status === 'updated'), 'a change of a pending invite was refused');
      const changed = await store.getInvite(invite.id);
      same([changed?.role, changed?.inviterName, changed?.invitedBy, changed?.expiresAt], ['speaker', 'Hopper', 'u-hopper', T + 5_000], 'the invite after every change');

      // Changes racing a revoke: those that answered `updated` came before it, so the revoked invite holds the last of them.
      const revoked = anInvite(newEntryId());
      await store.insertInvite(revoked, 10, T);
      const half = Math.ceil(n / 2);
      const change = (i: number) => stores[i % stores.length]!.updatePendingInvite(revoked.id, { role: `role-${i}`, updatedAt: T + 1 }, 10, T);
      const before = Array.from({ length: half }, (_, i) => change(i));
      const revoke = store.finishInvite(revoked.id, { to: 'revoked', at: T + 2, by: 'u' });
      const after = Array.from({ length: n - half }, (_, i) => change(half + i));
      const updates = await Promise.all([...before, ...after]);
      const final = await revoke;
      ensure(final !== null, 'the revoke of a pending invite was refused');
      const landed = updates.flatMap((u) => (u.status === 'updated' ? [u.invite.role] : []));
      ensure(
        landed.length === 0 ? final.role === revoked.role : landed.includes(final.role),
        `${landed.length} changes answered updated, yet the revoked invite holds the role ${final.role}`,
      );
      same(await store.getInvite(revoked.id), final, 'the stored invite, against what the revoke answered');
    }),

    when('revokes racing sends of one invite: one wins, so a revoked invite is never mailed', async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      for (const sendsFirst of [true, false]) {
        const invite = anInvite(newEntryId());
        await store.insertInvite(invite, 10, T);
        const results = await Promise.all(
          Array.from({ length: n }, (_, i) => {
            const via = stores[i % stores.length]!;
            return (i % 2 === 0) === sendsFirst
              ? via.claimDelivery(invite.id, { at: T, intervalMs: 0, timeoutMs: 60_000 }, 10).then((r) => (r.status === 'claimed' ? 'sent' : null))
              : via.finishInvite(invite.id, { to: 'revoked', at: T, by: 'u', unlessSendingSince: T - 60_000 }).then((r) => (r === null ? null : 'revoked'));
          }),
        );
        const won = results.filter((r) => r !== null);
        same(won.length, 1, `sends and revokes that won (${sendsFirst ? 'a send' : 'a revoke'} first)`);
        const stored = await store.getInvite(invite.id);
        same(
          [stored?.state, stored?.deliveryStatus],
          won[0] === 'sent' ? ['pending', 'sending'] : ['revoked', 'not_sent'],
          `the invite after the ${won[0] === 'sent' ? 'send' : 'revoke'} won`,
        );
      }
    }),

    when('a record of a send racing a takeover of its claim: the newer claim stays the invite’s', async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      const invite = anInvite(newEntryId());
      await store.insertInvite(invite, 10, T);
      const claim = { intervalMs: 0, timeoutMs: 1_000 };
      ensure((await store.claimDelivery(invite.id, { ...claim, at: T }, 10)).status === 'claimed', 'the first claim was refused');
      // The first send is recorded while others take over its claim, which has just timed out.
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => {
          const via = stores[i % stores.length]!;
          return i % 2 === 0
            ? via.recordDelivery(invite.id, { claimedAt: T, status: 'sent', error: null }).then((r) => (r === null ? null : 'recorded'))
            : via.claimDelivery(invite.id, { ...claim, at: T + 1_000 }, 10).then((r) => (r.status === 'claimed' ? 'claimed' : null));
        }),
      );
      same(results.filter((r) => r === 'claimed').length, 1, 'takeovers that won');
      ensure(results.filter((r) => r === 'recorded').length <= 1, 'the first send was recorded more than once');
      const after = await store.getInvite(invite.id);
      same([after?.deliveryStatus, after?.lastSentAt, after?.deliveryAttempts], ['sending', T + 1_000, 2], 'the invite after the race: the newer send in flight');
      ensure((await store.recordDelivery(invite.id, { claimedAt: T + 1_000, status: 'sent', error: null })) !== null, 'the newer claim could not record its send');
    }),

    when(`${n} concurrent starts and declines of one acceptance: exactly one wins`, async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      const invite = anInvite(newEntryId(), { expiresAt: T + 1_000 });
      await store.insertInvite(invite, 10, T);
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => {
          const via = stores[i % stores.length]!;
          if (i % 5 === 4) return via.finishInvite(invite.id, { to: 'declined', at: T + 1, by: 'u-invitee' });
          // The invitee from several tabs, and others: none of their claims is stale.
          return via.startAcceptance(invite.id, { by: i % 2 === 0 ? 'u-invitee' : `u-${i}`, claimedAt: T + 1 }, T + 1 - 60_000);
        }),
      );
      const winners = results.filter((r) => r !== null);
      same(winners.length, 1, 'starts and declines that won');
      same(await store.getInvite(invite.id), winners[0], 'the stored invite is the winner’s');
    }),

    when('concurrent completions and rollbacks of one acceptance: exactly one wins', async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      for (const completesFirst of [true, false]) {
        const invite = anInvite(newEntryId(), { expiresAt: T + 1_000 });
        await store.insertInvite(invite, 10, T);
        const claim = { by: 'u-invitee', claimedAt: T + 1 };
        ensure((await store.startAcceptance(invite.id, claim, 0)) !== null, 'the acceptance could not start');
        const results = await Promise.all(
          Array.from({ length: n }, (_, i) => {
            const via = stores[i % stores.length]!;
            return (i % 2 === 0) === completesFirst ? via.completeAcceptance(invite.id, claim) : via.abandonAcceptance(invite.id, claim);
          }),
        );
        const winners = results.filter((r) => r !== null);
        same(winners.length, 1, `completions and rollbacks that won (${completesFirst ? 'a completion' : 'a rollback'} first)`);
        same(await store.getInvite(invite.id), winners[0], 'the stored invite is the winner’s');
      }
    }),

    when('several sweepers at once remove each invite once, and their counts add up', async ({ store, second }) => {
      // Earlier than every other case's records, so that in a shared database this case sweeps only its own.
      const EARLY = 500_000;
      const entryId = newEntryId();
      for (let i = 0; i < 30; i++) {
        const invite = anInvite(entryId, { invitedAt: EARLY, updatedAt: EARLY, expiresAt: EARLY + 10_000 });
        ensure((await store.insertInvite(invite, 100, EARLY)).status === 'inserted', 'an insert was refused');
        ensure((await store.finishInvite(invite.id, { to: 'revoked', at: EARLY + 10 + i, by: 'u' })) !== null, 'a revoke was refused');
      }
      const sweepers = second ? [store, second, store, second] : [store, store, store, store];
      const request = { now: EARLY + 1_000, finishedBefore: EARLY + 500, limit: 4 };
      const totals = await Promise.all(
        sweepers.map(async (sweeper) => {
          let removed = 0;
          for (let i = 0; i < 50; i++) {
            const batch = await sweeper.sweep(request);
            removed += batch.invites;
            if (batch.invites === 0 && !batch.more) break;
          }
          return removed;
        }),
      );
      same(totals.reduce((a, b) => a + b, 0), 30, 'invites removed by all sweepers together');
      same((await store.listInvites(entryId)).length, 0, 'invites left');
    }),

    when('concurrent erasures of one address remove each invite once: the count adds up', async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      /** An address invited to three entries, one of them accepted. */
      const invited = async (name: string) => {
        const email = `${name}-${newEntryId()}@example.org`;
        const invites = [anInvite(newEntryId(), { email, emailKey: email }), anInvite(newEntryId(), { email, emailKey: email }), anInvite(newEntryId(), { email, emailKey: email })];
        for (const invite of invites) ensure((await store.insertInvite(invite, 10, T)).status === 'inserted', 'an insert was refused');
        await store.finishInvite(invites[1]!.id, { to: 'accepted', at: T, by: 'u' });
        return { email, ids: invites.map((invite) => invite.id) };
      };
      const alone = await invited('alone');
      const raced = await invited('raced');
      // One erasure of an address like the raced one says what the concurrent erasures remove together.
      const once = await store.eraseInvitee(alone.email);
      ensure(once > 0, 'eraseInvitee removed no invite');
      const counts = await Promise.all(Array.from({ length: n }, (_, i) => stores[i % stores.length]!.eraseInvitee(raced.email)));
      same(counts.reduce((a, b) => a + b, 0), once, `invites ${n} concurrent erasures removed together, against one erasure of an address like it`);
      for (const id of raced.ids) same(await store.getInvite(id), null, 'an erased invite');
    }),
  ];
}
