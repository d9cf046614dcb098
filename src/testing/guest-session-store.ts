import type { GuestSession } from '../domain/guest-session';
import type { GuestSessionStore } from '../ports/guest-session-store';
import { aSession, newEntryId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

/** Direct reads of a guest-session store's backing store, bypassing the adapter. */
export interface GuestSessionStorePeek {
  /** The stored session, or `null`. */
  session(sessionId: string): Promise<GuestSession | null>;
}

/**
 * The cases a {@link GuestSessionStore} must pass: round trips, "not found" is `null`,
 * ordering, lookups by guest, a second instance seeing the same data, and status changes that
 * only one of several concurrent callers wins.
 *
 * @param factory - makes a fresh adapter for each case.
 * @param options - `concurrency`: how many calls race at once (default 25).
 * @returns the cases; register them with {@link runConformance}.
 */
export function guestSessionStoreConformance(
  factory: AdapterFactory<GuestSessionStore, GuestSessionStorePeek>,
  options: { readonly concurrency?: number } = {},
): ConformanceCase[] {
  const n = options.concurrency ?? 25;
  const when = (name: string, check: Parameters<typeof withAdapter<GuestSessionStore, GuestSessionStorePeek>>[2]) =>
    withAdapter(factory, `GuestSessionStore: ${name}`, check);

  return [
    when('insertSession stores a session that getSession gives back exactly', async ({ store, peek, second }) => {
      const session = aSession(newEntryId(), { guestName: 'Åda “the first” 😀', status: 'waiting' });
      await store.insertSession(session);
      same(await store.getSession(session.id), session, 'getSession');
      if (peek) same(await peek.session(session.id), session, 'what the backing store holds');
      if (second) same(await second.getSession(session.id), session, 'what a second instance reads');
    }),

    when('getSession answers null, and the lists are empty, for what does not exist', async ({ store }) => {
      same(await store.getSession(aSession('none').id), null, 'getSession of an unknown id');
      same(await store.listSessions(newEntryId()), [], 'listSessions of an entry without guests');
      same(await store.listSessionsOfGuest(newEntryId(), 'x@example.org'), [], 'listSessionsOfGuest of nobody');
    }),

    when('listSessions lists an entry’s sessions oldest first, by joinedAt then id', async ({ store }) => {
      const entryId = newEntryId();
      const late = aSession(entryId, { joinedAt: 3_000 });
      const early = aSession(entryId, { joinedAt: 1_000 });
      const middle = aSession(entryId, { joinedAt: 2_000 });
      for (const session of [late, early, middle]) await store.insertSession(session);
      await store.insertSession(aSession(newEntryId()));
      same((await store.listSessions(entryId)).map((s) => s.id), [early.id, middle.id, late.id], 'order of listSessions');
    }),

    when('listSessionsOfGuest finds one guest’s sessions on one entry by email key', async ({ store }) => {
      const entryId = newEntryId();
      const ada1 = aSession(entryId, { joinedAt: 1 });
      const ada2 = aSession(entryId, { joinedAt: 2, status: 'declined' });
      await store.insertSession(ada2);
      await store.insertSession(ada1);
      await store.insertSession(aSession(entryId, { emailKey: 'bob@example.org', guestEmail: 'bob@example.org' }));
      await store.insertSession(aSession(newEntryId()));
      same((await store.listSessionsOfGuest(entryId, 'ada@example.org')).map((s) => s.id), [ada1.id, ada2.id], 'Ada’s sessions');
    }),

    when('updateSessionStatus changes a session only from the status the caller saw', async ({ store, peek }) => {
      const session = aSession(newEntryId(), { status: 'waiting' });
      await store.insertSession(session);
      const decision = { status: 'admitted' as const, decidedAt: 50, decidedBy: 'u-mod' };
      same(await store.updateSessionStatus(session.id, 'admitted', decision), null, 'an update from the wrong status');
      same((await store.getSession(session.id))?.status, 'waiting', 'status after the refused update');
      const updated = await store.updateSessionStatus(session.id, 'waiting', decision);
      same(updated, { ...session, ...decision }, 'the session after the update');
      if (peek) same(await peek.session(session.id), updated, 'what the backing store holds');
      same(await store.updateSessionStatus(aSession('none').id, 'waiting', decision), null, 'an update of an unknown session');
    }),

    when(`${n} concurrent status changes from one status: exactly one wins`, async ({ store, second }) => {
      const session = aSession(newEntryId(), { status: 'waiting' });
      await store.insertSession(session);
      const stores = second ? [store, second] : [store];
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          stores[i % stores.length]!.updateSessionStatus(session.id, 'waiting', {
            status: i % 2 === 0 ? 'admitted' : 'declined',
            decidedAt: i,
            decidedBy: `u-${i}`,
          }),
        ),
      );
      const winners = results.filter((r) => r !== null);
      same(winners.length, 1, 'winning updates');
      same(await store.getSession(session.id), winners[0], 'the stored session is the winner’s');
    }),
  ];
}
