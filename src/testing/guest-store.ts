import type { GuestAccess } from '../domain/guest-access';
import type { GuestLink } from '../domain/guest-link';
import type { GuestSession } from '../domain/guest-session';
import type { GuestStore, NewGuestSession } from '../ports/guest-store';
import { aLink, aSession, ensure, newEntryId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

/**
 * Direct reads of a guest store's backing store, bypassing the adapter.
 *
 * @category Suites
 */
export interface GuestStorePeek {
  /**
   * The stored link, or `null`.
   * @example
   * ```ts
   * const peek: GuestStorePeek = {
   *   link: async (id) => guestStore.inspect().links.find((l) => l.id === id) ?? null,
   *   guestAccess: async (entryId) => guestStore.inspect().guestAccess.find((a) => a.entryId === entryId) ?? null,
   * };
   * (await peek.link(link.id))?.uses; // 1
   * ```
   */
  link(linkId: string): Promise<GuestLink | null>;
  /**
   * The stored guest-access settings, or `null`.
   * @example
   * ```ts
   * const peek: GuestStorePeek = {
   *   link: async (id) => guestStore.inspect().links.find((l) => l.id === id) ?? null,
   *   guestAccess: async (entryId) => guestStore.inspect().guestAccess.find((a) => a.entryId === entryId) ?? null,
   * };
   * (await peek.guestAccess('room-1'))?.enabled; // true
   * ```
   */
  guestAccess(entryId: string): Promise<GuestAccess | null>;
  /**
   * The stored session as written (its own status, whatever blocks exist), or `null`.
   * @example
   * ```ts
   * const peek: GuestStorePeek = {
   *   link: async (id) => guestStore.inspect().links.find((l) => l.id === id) ?? null,
   *   guestAccess: async (entryId) => guestStore.inspect().guestAccess.find((a) => a.entryId === entryId) ?? null,
   *   session: async (id) => guestStore.inspect().sessions.find((s) => s.id === id) ?? null,
   * };
   * (await peek.session?.(sessionId))?.guestName; // 'Ada Lovelace'
   * ```
   */
  session?(sessionId: string): Promise<GuestSession | null>;
}

/**
 * Direct reads of a guest store's backing store.
 * @deprecated Renamed {@link GuestStorePeek}; this name goes in the next major version.
 *
 * @category Deprecated
 */
export type GuestLinkStorePeek = GuestStorePeek;

/**
 * Direct reads of a guest store's backing store.
 * @deprecated Renamed {@link GuestStorePeek}; this name goes in the next major version.
 *
 * @category Deprecated
 */
export type GuestSessionStorePeek = GuestStorePeek;

const T = 1_800_000_000_000;

/**
 * The cases a {@link GuestStore} must pass: round trips, "not found" is `null`, ordering, final
 * deletes, the atomic join with each of its conditions, declines that act on the guest, a second
 * instance seeing the same data, and the races — N concurrent joins of a k-use link give exactly
 * k, concurrent inserts never pass the cap, concurrent moderators have one winner, joins racing
 * a delete neither deadlock nor lose a use.
 *
 * @param factory - makes a fresh adapter for each case.
 * @param options - `concurrency`: how many calls race at once (default 25).
 * @returns the cases; register them with {@link runConformance}.
 *
 * @example
 * ```ts
 * runConformance(guestStoreConformance(async () => ({ store: createMemoryGuestStore() })), test);
 * ```
 *
 * @category Suites
 */
export function guestStoreConformance(
  factory: AdapterFactory<GuestStore, GuestStorePeek>,
  options: { readonly concurrency?: number | undefined } = {},
): ConformanceCase[] {
  const n = options.concurrency ?? 25;
  const when = (name: string, check: Parameters<typeof withAdapter<GuestStore, GuestStorePeek>>[2]) =>
    withAdapter(factory, `GuestStore: ${name}`, check);
  /** An entry with guest access on (and the room as given) and one link on it. */
  const open = async (store: GuestStore, link: Partial<GuestLink> = {}, roomLocked = false) => {
    const entryId = newEntryId();
    await store.updateGuestAccess(entryId, { enabled: true, roomLocked, updatedAt: T, updatedBy: 'u-owner' });
    const stored = aLink(entryId, link);
    ensure(await store.insertLinkUnderCap(stored, 10), 'insertLinkUnderCap refused the first link of an entry');
    return { entryId, link: stored };
  };
  const joining = (link: GuestLink, fields: Partial<GuestSession> = {}): NewGuestSession => {
    const { status: _status, ...session } = aSession(link.entryId, { linkId: link.id, linkName: link.name, ...fields });
    return session;
  };
  const join = (store: GuestStore, link: GuestLink, fields: Partial<GuestSession> = {}, waitingRoom = false, now = T) =>
    store.joinGuest({ session: joining(link, fields), waitingRoom, now });

  return [
    when('getGuestAccess answers null for an entry with nothing stored', async ({ store }) => {
      same(await store.getGuestAccess(newEntryId()), null, 'getGuestAccess of a new entry');
    }),

    when('updateGuestAccess fills what a change leaves out with defaults, then merges later changes', async ({ store, peek, second }) => {
      const entryId = newEntryId();
      const first = await store.updateGuestAccess(entryId, { enabled: true, updatedAt: 10, updatedBy: 'u1' });
      same(first, { entryId, enabled: true, roomLocked: false, updatedAt: 10, updatedBy: 'u1' }, 'after turning guest access on');
      const next = await store.updateGuestAccess(entryId, { roomLocked: true, updatedAt: 20, updatedBy: 'u2' });
      same(next, { entryId, enabled: true, roomLocked: true, updatedAt: 20, updatedBy: 'u2' }, 'after locking the room');
      same(await store.getGuestAccess(entryId), next, 'getGuestAccess after both changes');
      if (peek) same(await peek.guestAccess(entryId), next, 'what the backing store holds');
      if (second) same(await second.getGuestAccess(entryId), next, 'what a second instance reads');
    }),

    when('insertLinkUnderCap stores a link that readLink and listLinks give back exactly', async ({ store, peek, second }) => {
      const entryId = newEntryId();
      await store.updateGuestAccess(entryId, { enabled: true, updatedAt: 5, updatedBy: 'u1' });
      const link = aLink(entryId, { name: 'Ünïcödé «link» 🎉', useLimit: 7, uses: 0, durationDays: 3, expiresAt: 1_800_259_200_000 });
      same(await store.insertLinkUnderCap(link, 3), true, 'insertLinkUnderCap');
      const read = await store.readLink(link.id);
      same(read?.link, link, 'readLink: the link');
      same([read?.access?.entryId, read?.access?.enabled, read?.access?.roomLocked], [entryId, true, false], 'readLink: its settings');
      same(await store.listLinks(entryId), [link], 'listLinks');
      if (peek) same(await peek.link(link.id), link, 'what the backing store holds');
      if (second) same((await second.readLink(link.id))?.link, link, 'what a second instance reads');
    }),

    when('readLink answers null, and the lists an empty list, for what does not exist', async ({ store }) => {
      same(await store.readLink(aLink('none').id), null, 'readLink of an unknown id');
      same(await store.listLinks(newEntryId()), [], 'listLinks of an entry without links');
      same(await store.getSession(aSession('none').id), null, 'getSession of an unknown id');
      same(await store.readSession(aSession('none').id), null, 'readSession of an unknown id');
      same(await store.listSessions(newEntryId()), [], 'listSessions of an entry without guests');
    }),

    when('insertLinkUnderCap never lets an entry pass its cap; other entries do not count; a cap of 0 admits none', async ({ store, peek }) => {
      const entryId = newEntryId();
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await store.insertLinkUnderCap(aLink(entryId), 2));
      same(results, [true, true, false], 'three inserts under a cap of 2');
      same((await store.listLinks(entryId)).length, 2, 'links stored');
      same(await store.insertLinkUnderCap(aLink(newEntryId()), 2), true, 'an insert for another entry');
      const refused = aLink(newEntryId());
      same(await store.insertLinkUnderCap(refused, 0), false, 'an insert under a cap of 0');
      if (peek) same(await peek.link(refused.id), null, 'the refused link in the backing store');
    }),

    when('listLinks lists an entry’s links oldest first, by createdAt then id', async ({ store }) => {
      const entryId = newEntryId();
      const late = aLink(entryId, { createdAt: 3_000 });
      const early = aLink(entryId, { createdAt: 1_000 });
      // Ids are monotonic: `first` sorts before `second`; both were created at the same instant.
      const first = aLink(entryId, { createdAt: 2_000 });
      const second = aLink(entryId, { createdAt: 2_000 });
      for (const link of [late, second, early, first]) await store.insertLinkUnderCap(link, 10);
      await store.insertLinkUnderCap(aLink(newEntryId()), 10);
      same((await store.listLinks(entryId)).map((l) => l.id), [early.id, first.id, second.id, late.id], 'order of listLinks');
    }),

    when('deleteLink is final, only for the link’s own entry, and frees its place under the cap', async ({ store, peek }) => {
      const { entryId, link } = await open(store);
      same(await store.deleteLink(newEntryId(), link.id), false, 'deleteLink through another entry');
      ensure((await store.readLink(link.id)) !== null, 'deleteLink through another entry removed the link');
      same(await store.deleteLink(entryId, link.id), true, 'first deleteLink');
      same(await store.deleteLink(entryId, link.id), false, 'second deleteLink');
      same(await store.readLink(link.id), null, 'readLink after delete');
      same(await store.listLinks(entryId), [], 'listLinks after delete');
      same(await join(store, link), { status: 'refused', reasons: ['LINK_INVALID'] }, 'a join after delete');
      if (peek) same(await peek.link(link.id), null, 'the deleted link in the backing store');
      for (let i = 0; i < 10; i++) ensure(await store.insertLinkUnderCap(aLink(entryId), 10), `insert ${i + 1} of 10 into the freed places failed`);
    }),

    when('joinGuest takes one use and stores the session admitted; every read gives it back', async ({ store, peek, second }) => {
      const { entryId, link } = await open(store, { useLimit: 2 });
      const session = joining(link, { guestName: 'Åda “the first” 😀', clientKey: 'digest-1' });
      const joined = await store.joinGuest({ session, waitingRoom: true, now: T });
      const expected = { ...session, status: 'admitted' as const };
      same(joined, { status: 'joined', session: expected }, 'joinGuest');
      same(await store.getSession(session.id), expected, 'getSession');
      const read = await store.readSession(session.id);
      same([read?.session, read?.link, read?.access?.enabled], [expected, { ...link, uses: 1 }, true], 'readSession');
      same(await store.listSessions(entryId), [expected], 'listSessions');
      same((await store.readLink(link.id))?.link.uses, 1, 'uses after the join');
      if (peek) same((await peek.link(link.id))?.uses, 1, 'uses in the backing store');
      if (peek?.session) same(await peek.session(session.id), expected, 'the session in the backing store');
      if (second) same(await second.getSession(session.id), expected, 'what a second instance reads');
    }),

    when('joinGuest stores waiting only in a room with a waiting room that is locked', async ({ store }) => {
      const locked = await open(store, {}, true);
      const statusOf = async (result: Awaited<ReturnType<GuestStore['joinGuest']>>) => (result.status === 'joined' ? result.session.status : result.status);
      same(await statusOf(await join(store, locked.link, {}, true)), 'waiting', 'a locked room with a waiting room');
      same(await statusOf(await join(store, locked.link, {}, false)), 'admitted', 'a locked entry without a waiting room');
      const unlocked = await open(store, {}, false);
      same(await statusOf(await join(store, unlocked.link, {}, true)), 'admitted', 'an unlocked room');
    }),

    when('joinGuest writes nothing, and names every failed condition, when it refuses', async ({ store, peek }) => {
      const off = newEntryId();
      const link = aLink(off, { useLimit: 1, expiresAt: T + 10 });
      await store.insertLinkUnderCap(link, 10);
      same(await join(store, link), { status: 'refused', reasons: ['GUEST_ACCESS_OFF'] }, 'a join while guest access was never turned on');
      await store.updateGuestAccess(off, { enabled: false, updatedAt: T, updatedBy: 'u' });
      const refused = await join(store, link, {}, false, T + 10);
      ensure(refused.status === 'refused', 'a join of an expired link while guest access is off was let in');
      same([...refused.reasons].sort(), ['GUEST_ACCESS_OFF', 'LINK_INVALID'], 'the reasons of a join of an expired link while off');
      same((await store.readLink(link.id))?.link.uses, 0, 'uses after the refused joins');
      same(await store.listSessions(off), [], 'sessions after the refused joins');
      if (peek) same((await peek.link(link.id))?.uses, 0, 'uses in the backing store');
    }),

    when('joinGuest honours the link: its limit, its expiry to the millisecond, its entry', async ({ store }) => {
      const { link } = await open(store, { useLimit: 1, expiresAt: T + 10 });
      same(await join(store, link, {}, false, T + 10), { status: 'refused', reasons: ['LINK_INVALID'] }, 'a join at the instant of expiry');
      same((await join(store, link, {}, false, T + 9)).status, 'joined', 'a join one millisecond before expiry');
      same(await join(store, link, {}, false, T + 9), { status: 'refused', reasons: ['LINK_INVALID'] }, 'a join of a used-up link');
      const other = await open(store);
      const elsewhere = await store.joinGuest({ session: { ...joining(other.link), entryId: newEntryId() }, waitingRoom: false, now: T });
      ensure(elsewhere.status === 'refused' && elsewhere.reasons.includes('LINK_INVALID'), 'a join naming another entry than the link’s was let in');
      same(await join(store, aLink(other.entryId)), { status: 'refused', reasons: ['LINK_INVALID'] }, 'a join of an unknown link');
    }),

    when('moveSession changes a session only on its own entry and from the status the caller saw', async ({ store, peek }) => {
      const { entryId, link } = await open(store, {}, true);
      const joined = await join(store, link, {}, true);
      ensure(joined.status === 'joined', 'the join was refused');
      const id = joined.session.id;
      const admit = { status: 'admitted' as const, decidedAt: T + 1, decidedBy: 'u-mod' };
      same(await store.moveSession(newEntryId(), id, 'waiting', admit), null, 'a move through another entry');
      same(await store.moveSession(entryId, id, 'admitted', admit), null, 'a move from the wrong status');
      same((await store.getSession(id))?.status, 'waiting', 'status after the refused moves');
      const moved = await store.moveSession(entryId, id, 'waiting', admit);
      same(moved, { ...joined.session, ...admit }, 'the session after admitting');
      if (peek?.session) same(await peek.session(id), moved, 'what the backing store holds');
      same(await store.moveSession(entryId, aSession('none').id, 'waiting', admit), null, 'a move of an unknown session');
    }),

    when('declining acts on the guest: every session of the key reads declined and no join of it lands; admitting lifts it', async ({ store }) => {
      const { entryId, link } = await open(store, { useLimit: 10 });
      const ada = { emailKey: 'ada@example.org', clientKey: null };
      const first = await join(store, link, ada);
      const second = await join(store, link, ada);
      const bob = await join(store, link, { emailKey: 'bob@example.org', guestEmail: 'bob@example.org' });
      ensure(first.status === 'joined' && second.status === 'joined' && bob.status === 'joined', 'a join was refused');
      const decline = { status: 'declined' as const, decidedAt: T + 1, decidedBy: 'u-mod' };
      same((await store.moveSession(entryId, first.session.id, 'admitted', decline))?.status, 'declined', 'the declined session');
      same((await store.getSession(second.session.id))?.status, 'declined', 'the guest’s other session');
      same((await store.readSession(second.session.id))?.session.status, 'declined', 'the other session as a refresh reads it');
      same((await store.listSessions(entryId)).map((s) => s.status), ['declined', 'declined', 'admitted'], 'listSessions');
      same(await join(store, link, ada), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join of the declined key');
      same((await store.readLink(link.id))?.link.uses, 3, 'uses after the refused join');
      same(await store.moveSession(entryId, second.session.id, 'admitted', decline), null, 'declining a session that reads declined');
      const admitted = await store.moveSession(entryId, second.session.id, 'declined', { ...decline, status: 'admitted' });
      same(admitted?.status, 'admitted', 'admitting the other session');
      same((await join(store, link, ada)).status, 'joined', 'a join after the block is lifted');
    }),

    when('declining blocks the session’s client key too, whatever address a later join gives', async ({ store }) => {
      const { entryId, link } = await open(store, { useLimit: 10 });
      const joined = await join(store, link, { emailKey: 'ada@example.org', clientKey: 'device-1' });
      ensure(joined.status === 'joined', 'the join was refused');
      await store.moveSession(entryId, joined.session.id, 'admitted', { status: 'declined', decidedAt: T, decidedBy: 'u-mod' });
      same(await join(store, link, { emailKey: 'eve@example.org', clientKey: 'device-1' }), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join from the declined client');
      same((await join(store, link, { emailKey: 'eve@example.org', clientKey: 'device-2' })).status, 'joined', 'a join from another client');
      const onOther = await open(store);
      same((await join(store, onOther.link, { emailKey: 'ada@example.org', clientKey: 'device-1' })).status, 'joined', 'a join of the same guest on another entry');
    }),

    when('records it answers are copies: changing one changes nothing stored', async ({ store }) => {
      const { link } = await open(store);
      const answered = (await store.readLink(link.id))?.link as { uses: number } | undefined;
      ensure(answered !== undefined, 'readLink answered null');
      answered.uses = 99;
      same((await store.readLink(link.id))?.link.uses, 0, 'uses after changing an answered record');
    }),

    when(`${n} concurrent joins of a 5-use link succeed exactly 5 times`, async ({ store, second, peek }) => {
      const { entryId, link } = await open(store, { useLimit: 5 });
      const stores = second ? [store, second] : [store];
      const joined = await Promise.all(Array.from({ length: n }, (_, i) => join(stores[i % stores.length]!, link)));
      same(joined.filter((j) => j.status === 'joined').length, 5, 'successful joins');
      same((await store.readLink(link.id))?.link.uses, 5, 'uses stored');
      same((await store.listSessions(entryId)).length, 5, 'sessions stored');
      if (peek) same((await peek.link(link.id))?.uses, 5, 'uses in the backing store');
    }),

    when(`${n} concurrent inserts on one entry never pass a cap of 3`, async ({ store, second }) => {
      const entryId = newEntryId();
      const stores = second ? [store, second] : [store];
      const inserted = await Promise.all(
        Array.from({ length: n }, (_, i) => stores[i % stores.length]!.insertLinkUnderCap(aLink(entryId), 3)),
      );
      same(inserted.filter(Boolean).length, 3, 'successful inserts');
      same((await store.listLinks(entryId)).length, 3, 'links stored');
    }),

    when('concurrent changes to the switch and the lock both land', async ({ store, second }) => {
      const entryId = newEntryId();
      await store.updateGuestAccess(entryId, { enabled: false, roomLocked: false, updatedAt: 1, updatedBy: 'u' });
      const other = second ?? store;
      await Promise.all([
        store.updateGuestAccess(entryId, { enabled: true, updatedAt: 2, updatedBy: 'u' }),
        other.updateGuestAccess(entryId, { roomLocked: true, updatedAt: 2, updatedBy: 'u' }),
      ]);
      const after = await store.getGuestAccess(entryId);
      same([after?.enabled, after?.roomLocked], [true, true], 'enabled and roomLocked after both changes');
    }),

    when(`${n} concurrent moves of one session: exactly one wins`, async ({ store, second }) => {
      const { entryId, link } = await open(store, {}, true);
      const joined = await join(store, link, {}, true);
      ensure(joined.status === 'joined', 'the join was refused');
      const stores = second ? [store, second] : [store];
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          stores[i % stores.length]!.moveSession(entryId, joined.session.id, 'waiting', {
            status: i % 2 === 0 ? 'admitted' : 'declined',
            decidedAt: i,
            decidedBy: `u-${i}`,
          }),
        ),
      );
      const winners = results.filter((r) => r !== null);
      same(winners.length, 1, 'winning moves');
      same(await store.getSession(joined.session.id), winners[0], 'the stored session is the winner’s');
    }),

    when(`${n} joins racing a delete of their link, a decline and a switch-off: no error, no lost use`, async ({ store, second }) => {
      const { entryId, link } = await open(store, { useLimit: n });
      const other = await open(store);
      // Two links on one entry: one is deleted while joins of both run.
      const kept = aLink(entryId);
      await store.insertLinkUnderCap(kept, 10);
      const first = await join(store, kept, { emailKey: 'ada@example.org' });
      ensure(first.status === 'joined', 'the first join was refused');
      const stores = second ? [store, second] : [store];
      const calls: Promise<unknown>[] = Array.from({ length: n }, (_, i) =>
        join(stores[i % stores.length]!, i % 2 === 0 ? link : kept, { emailKey: i % 3 === 0 ? 'ada@example.org' : `g${i}@example.org` }),
      );
      calls.splice(n / 3, 0, store.deleteLink(entryId, link.id));
      calls.splice(n / 2, 0, store.moveSession(entryId, first.session.id, 'admitted', { status: 'declined', decidedAt: T, decidedBy: 'u' }));
      calls.push(join(store, other.link), store.updateGuestAccess(other.entryId, { enabled: false, updatedAt: T, updatedBy: 'u' }));
      await Promise.all(calls);
      const sessions = await store.listSessions(entryId);
      same(sessions.filter((s) => s.emailKey === 'ada@example.org' && s.status !== 'declined').length, 0, 'sessions of the declined guest not declined');
      same((await store.readLink(kept.id))?.link.uses, sessions.filter((s) => s.linkId === kept.id).length, 'uses of the kept link against its sessions');
      same(await store.readLink(link.id), null, 'the deleted link');
      same((await store.listLinks(entryId)).length, 1, 'links left');
      same(await join(store, kept, { emailKey: 'ada@example.org' }), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join of the declined guest after the race');
    }),
  ];
}

/**
 * The cases of the guest store.
 *
 * @param factory - makes a fresh guest store for each case.
 * @param options - `concurrency`.
 * @returns the cases of {@link guestStoreConformance}.
 * @deprecated One store now holds everything of guest links: use {@link guestStoreConformance}.
 *   This name goes in the next major version.
 * @example
 * ```ts
 * runConformance(guestLinkStoreConformance(async () => ({ store: createMemoryGuestStore() })), test);
 * ```
 *
 * @category Deprecated
 */
export function guestLinkStoreConformance(
  factory: AdapterFactory<GuestStore, GuestStorePeek>,
  options: { readonly concurrency?: number | undefined } = {},
): ConformanceCase[] {
  return guestStoreConformance(factory, options);
}

/**
 * The cases of the guest store.
 *
 * @param factory - makes a fresh guest store for each case.
 * @param options - `concurrency`.
 * @returns the cases of {@link guestStoreConformance}.
 * @deprecated One store now holds everything of guest links: use {@link guestStoreConformance}.
 *   This name goes in the next major version.
 * @example
 * ```ts
 * runConformance(guestSessionStoreConformance(async () => ({ store: createMemoryGuestStore() })), test);
 * ```
 *
 * @category Deprecated
 */
export function guestSessionStoreConformance(
  factory: AdapterFactory<GuestStore, GuestStorePeek>,
  options: { readonly concurrency?: number | undefined } = {},
): ConformanceCase[] {
  return guestStoreConformance(factory, options);
}
