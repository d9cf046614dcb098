import type { GuestAccess } from '../domain/guest-access';
import type { GuestLink } from '../domain/guest-link';
import type { GuestSession } from '../domain/guest-session';
import type { GuestJoinOutcome, GuestStore } from '../ports/guest-store';
import { aJoiningSession, aLink, openEntry, aSession, ensure, newEntryId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

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

const T = 1_800_000_000_000;

/**
 * The cases a {@link GuestStore} must pass: round trips, "not found" is `null`, ordering, final
 * deletes, the atomic join with each of its conditions, declines that act on the guest, a second
 * instance seeing the same data, and the races — N concurrent joins of a k-use link give exactly
 * k, concurrent inserts never pass the cap, concurrent moderators have one winner, joins racing
 * a delete neither deadlock nor lose a use, concurrent deletes of a link free one place, no join
 * lands after a switch-off, a lock, a decline or a delete has answered, concurrent activity
 * counts all land (a counted join counts exactly its uses), and concurrent sweeps and erasures
 * count each record once. Each atomic method of the port has a race case that a
 * store doing it as a read and then a write fails.
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
  const open = (store: GuestStore, link: Partial<GuestLink> = {}, roomLocked = false) => openEntry(store, T, roomLocked, link);
  const BOUNDS = { maxGuestsPerLink: 2_147_483_647, maxWaitingGuests: 100_000, declinedSince: 0, passcodeHash: null as string | null, countDay: null as number | null };
  const join = (
    store: GuestStore,
    link: GuestLink,
    fields: Partial<GuestSession> = {},
    waitingRoom = false,
    now = T,
    bounds: Partial<typeof BOUNDS> = {},
  ) => store.joinGuest({ session: aJoiningSession(link, fields), waitingRoom, now, ...BOUNDS, ...bounds });
  // Housekeeping cases use times long before every other case's, so that in a shared database
  // they sweep only their own records.
  const OLD = 1_000_000;
  // Activity counts (A1) are on UTC days. A sweep that is not about them removes none: every
  // count of the cases is on a later day. The sweep's own case counts on days before -400,000.
  const NO_DAYS = -1_000_000;
  const kinds = async (store: GuestStore, linkId: string, fromDay = -2_000_000, toDay = 2_000_000) =>
    Object.fromEntries(
      (await store.readActivity({ linkIds: [linkId], fromDay, toDay }))
        .map((count) => [`${count.day}:${count.kind}`, count.count] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );

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

    when('a link keeps its domain lists as given, in order, and one made without them has none (V2)', async ({ store, second }) => {
      const entryId = newEntryId();
      const link = aLink(entryId, { allowedDomains: ['example.org', 'xn--bcher-kva.example', 'a.b.example.com'], blockedDomains: ['contractors.example.org'] });
      const plain = aLink(entryId);
      same([await store.insertLinkUnderCap(link, 3), await store.insertLinkUnderCap(plain, 3)], [true, true], 'insertLinkUnderCap');
      for (const reader of second ? [store, second] : [store]) {
        const read = await reader.readLink(link.id);
        same([read?.link.allowedDomains, read?.link.blockedDomains], [link.allowedDomains, link.blockedDomains], 'readLink: the lists');
        same((await reader.readLink(plain.id))?.link.allowedDomains, [], 'readLink: a link without lists');
        same((await reader.listLinks(entryId)).map((l) => [l.allowedDomains, l.blockedDomains]), [[link.allowedDomains, link.blockedDomains], [[], []]], 'listLinks: the lists');
      }
      await store.updateGuestAccess(entryId, { enabled: true, updatedAt: 5, updatedBy: 'u1' });
      const joined = await join(store, link);
      ensure(joined.status === 'joined', 'the join was refused');
      same((await store.readSession(joined.session.id))?.link?.allowedDomains, link.allowedDomains, 'readSession: the link’s lists');
    }),

    when('a link keeps its passcode hash; setLinkPasscode sets, changes and removes it, on a link of its own entry only (V3)', async ({ store, second }) => {
      const entryId = newEntryId();
      const link = aLink(entryId, { passcodeHash: '$scrypt$ln=15,r=8,p=1$first' });
      const plain = aLink(entryId);
      same([await store.insertLinkUnderCap(link, 3), await store.insertLinkUnderCap(plain, 3)], [true, true], 'insertLinkUnderCap');
      for (const reader of second ? [store, second] : [store]) {
        same((await reader.readLink(link.id))?.link.passcodeHash, link.passcodeHash, 'readLink: the hash');
        same((await reader.listLinks(entryId)).map((l) => l.passcodeHash), [link.passcodeHash, null], 'listLinks: the hashes');
      }
      same(await store.setLinkPasscode(newEntryId(), link.id, '$other'), null, 'setLinkPasscode naming another entry');
      same(await store.setLinkPasscode(entryId, aLink(entryId).id, '$other'), null, 'setLinkPasscode of an unknown link');
      same(await store.setLinkPasscode(entryId, plain.id, '$pbkdf2-sha256$i=100000$second'), { ...plain, passcodeHash: '$pbkdf2-sha256$i=100000$second' }, 'setLinkPasscode on a link without one');
      same(await store.setLinkPasscode(entryId, link.id, null), { ...link, passcodeHash: null }, 'setLinkPasscode removing one');
      for (const reader of second ? [store, second] : [store]) {
        same((await reader.listLinks(entryId)).map((l) => l.passcodeHash), [null, '$pbkdf2-sha256$i=100000$second'], 'listLinks after the changes');
      }
    }),

    when('joinGuest refuses a join judged against another passcode hash than the link’s, and spends nothing (V3)', async ({ store }) => {
      const { entryId, link } = await open(store, { passcodeHash: '$h1', useLimit: 5 });
      same(await join(store, link), { status: 'refused', reasons: ['PASSCODE_REQUIRED'] }, 'a join judged on a link without one');
      same(await join(store, link, {}, false, T, { passcodeHash: '$h2' }), { status: 'refused', reasons: ['WRONG_PASSCODE'] }, 'a join judged against another hash');
      same((await join(store, link, {}, false, T, { passcodeHash: '$h1' })).status, 'joined', 'a join judged against the link’s hash');
      await store.setLinkPasscode(entryId, link.id, null);
      same(await join(store, link, {}, false, T, { passcodeHash: '$h1' }), { status: 'refused', reasons: ['WRONG_PASSCODE'] }, 'a join judged against a hash since removed');
      same((await join(store, link)).status, 'joined', 'a join judged on a link without one, after the removal');
      same((await store.readLink(link.id))?.link.uses, 2, 'uses: only the two joins let in');
      same((await store.listSessions(entryId)).length, 2, 'sessions stored');
      await store.setLinkPasscode(entryId, link.id, '$h3');
      await store.updateGuestAccess(entryId, { enabled: false, updatedAt: T, updatedBy: 'u-owner' });
      same(await join(store, link), { status: 'refused', reasons: ['GUEST_ACCESS_OFF', 'PASSCODE_REQUIRED'] }, 'with guest access off too');
      const { link: spent } = await open(store, { passcodeHash: '$h4', useLimit: 1, uses: 1 });
      same(await join(store, spent), { status: 'refused', reasons: ['LINK_INVALID'] }, 'a used-up link tells nothing of its passcode');
    }),

    when(`a passcode change racing ${n} joins judged against the old hash: every join let in took one use, and none gets in after the change`, async ({ store, second }) => {
      const { entryId, link } = await open(store, { passcodeHash: '$old' });
      const stores = second ? [store, second] : [store];
      const racing = Array.from({ length: n }, (_, i) => join(stores[i % stores.length]!, link, {}, false, T, { passcodeHash: '$old' }));
      // What the link held the moment the change answered: no join judged against the old hash may add to it after.
      let usesAtChange: number | undefined;
      const changed = store.setLinkPasscode(entryId, link.id, '$new').then(async (answer) => {
        usesAtChange = (await store.readLink(link.id))?.link.uses;
        return answer;
      });
      const joins = await Promise.all(racing);
      await changed;
      const joined = joins.filter((j) => j.status === 'joined').length;
      for (const j of joins) ensure(j.status === 'joined' || (j.reasons.length === 1 && j.reasons[0] === 'WRONG_PASSCODE'), `a racing join was refused for ${j.status === 'refused' ? j.reasons.join(', ') : ''}`);
      same((await store.readLink(link.id))?.link.uses, joined, 'uses stored: the joins let in');
      same(usesAtChange, joined, 'uses when the change answered: no join against the old hash took one after it');
      same((await store.listSessions(entryId)).length, joined, 'sessions stored');
      for (const reader of stores) same(await join(reader, link, {}, false, T, { passcodeHash: '$old' }), { status: 'refused', reasons: ['WRONG_PASSCODE'] }, 'a join against the old hash after the change');
      same((await join(store, link, {}, false, T, { passcodeHash: '$new' })).status, 'joined', 'a join against the new hash');
    }),

    when('joinGuest of a verified session again (its id already stored for the link) answers the stored session with again, and spends nothing (V4)', async ({ store, second }) => {
      const { entryId, link } = await open(store, { useLimit: 1, verifyEmail: true });
      const id = aSession(entryId).id;
      const first = await join(store, link, { id, verified: true });
      ensure(first.status === 'joined' && first.again !== true, 'the first verified join is a join');
      if (first.status === 'joined') same(first.session.verified, true, 'the stored session says verified');
      for (const reader of second ? [store, second] : [store]) {
        const again = await join(reader, link, { id, verified: true, guestName: 'Someone else' });
        ensure(again.status === 'joined' && again.again === true, 'the same verified join again answers again');
        if (again.status === 'joined') same([again.session.id, again.session.guestName, again.session.verified], [id, 'Ada Lovelace', true], 'the stored session, as stored');
      }
      same((await store.readLink(link.id))?.link.uses, 1, 'uses: one, though the link allows no more');
      same((await store.readLink(link.id))?.link.verifyEmail, true, 'readLink: the link verifies addresses');
      same((await store.getSession(id))?.verified, true, 'getSession says verified');
      same((await store.listSessions(entryId)).length, 1, 'sessions stored');
    }),

    when(`${n} verified joins with one session id racing on a link: one session, one use, every answer that session`, async ({ store, second }) => {
      const { entryId, link } = await open(store, { useLimit: 5, verifyEmail: true });
      const id = aSession(entryId).id;
      const stores = second ? [store, second] : [store];
      const joins = await Promise.all(Array.from({ length: n }, (_, i) => join(stores[i % stores.length]!, link, { id, verified: true })));
      for (const j of joins) ensure(j.status === 'joined' && j.session.id === id, `a racing join answered ${j.status === 'refused' ? j.reasons.join(', ') : j.session.id}`);
      same(joins.filter((j) => j.status === 'joined' && j.again !== true).length, 1, 'joins that stored the session');
      same((await store.readLink(link.id))?.link.uses, 1, 'uses');
      same((await store.listSessions(entryId)).map((s) => s.id), [id], 'sessions stored');
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
      const session = aJoiningSession(link, { guestName: 'Åda “the first” 😀', clientKey: 'digest-1' });
      const joined = await store.joinGuest({ session, waitingRoom: true, now: T, ...BOUNDS });
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
      const elsewhere = await store.joinGuest({ session: { ...aJoiningSession(other.link), entryId: newEntryId() }, waitingRoom: false, now: T, ...BOUNDS });
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

    when('leaveSession leaves a session only on its own entry, from the status the guest saw, never one that reads declined', async ({ store, peek }) => {
      const { entryId, link } = await open(store, { useLimit: null }, true);
      const joined = await join(store, link, { emailKey: 'leaver@example.org', clientKey: 'leaver-c' }, true);
      const stays = await join(store, link, { emailKey: 'stayer@example.org', clientKey: 'stayer-c' }, true);
      ensure(joined.status === 'joined' && stays.status === 'joined', 'a join was refused');
      const id = joined.session.id;
      same(await store.leaveSession(newEntryId(), id, 'waiting', T + 1), null, 'a leave through another entry');
      same(await store.leaveSession(entryId, id, 'admitted', T + 1), null, 'a leave from the wrong status');
      same(await store.leaveSession(entryId, aSession('none').id, 'waiting', T + 1), null, 'a leave of an unknown session');
      const left = await store.leaveSession(entryId, id, 'waiting', T + 1);
      same(left, { ...joined.session, status: 'left', decidedAt: T + 1, decidedBy: null }, 'the session after leaving');
      same(await store.getSession(id), left, 'getSession after leaving');
      if (peek?.session) same(await peek.session(id), left, 'what the backing store holds');
      same(await store.leaveSession(entryId, id, 'waiting', T + 2), null, 'a second leave from waiting');
      same(await store.leaveSession(entryId, id, 'left', T + 2), null, 'a leave from left');
      same((await store.listSessions(entryId, { after: null, limit: 10, status: 'left' })).map((x) => x.id), [id], 'listSessions of those who left');
      same((await store.readLink(link.id))?.link.uses, 2, 'the link keeps the use the join spent');
      // Who left no longer waits: a page move takes only the guest still waiting.
      same((await store.moveWaiting(entryId, { status: 'admitted', decidedAt: T + 3, decidedBy: 'u-mod' }, 10)).map((x) => x.id), [stays.session.id], 'who is still waiting');
      // The session is over whatever blocks its address later: it reads left, and no move from declined takes it.
      const again = await join(store, link, { emailKey: 'leaver@example.org', clientKey: 'again-c' }, true);
      ensure(again.status === 'joined', 'the join after leaving was refused');
      same((await store.moveSession(entryId, again.session.id, 'waiting', { status: 'declined', decidedAt: T + 4, decidedBy: 'u-mod' }))?.status, 'declined', 'declining the guest’s new session');
      same((await store.getSession(id))?.status, 'left', 'the left session, its address blocked since');
      same((await store.listSessions(entryId, { after: null, limit: 10, status: 'left' })).map((x) => x.id), [id], 'listSessions of those who left, its address blocked since');
      same(await store.moveSession(entryId, id, 'declined', { status: 'admitted', decidedAt: T + 5, decidedBy: 'u-mod' }), null, 'admitting the left session as if declined');
      same((await store.getSession(id))?.status, 'left', 'the left session after that');
      // A declined guest stays for the moderator, whether declined by status or by a block of a key it shares.
      const declined = await join(store, link, { emailKey: 'declined@example.org', clientKey: 'shared-c' }, true);
      const twin = await join(store, link, { emailKey: 'twin@example.org', clientKey: 'shared-c' }, true);
      const admitted = await join(store, link, { emailKey: 'admitted@example.org', clientKey: 'admitted-c' }, true);
      ensure(declined.status === 'joined' && twin.status === 'joined' && admitted.status === 'joined', 'a join was refused');
      for (const x of [twin, admitted]) await store.moveSession(entryId, x.session.id, 'waiting', { status: 'admitted', decidedAt: T + 5, decidedBy: 'u-mod' });
      await store.moveSession(entryId, declined.session.id, 'waiting', { status: 'declined', decidedAt: T + 6, decidedBy: 'u-mod' });
      same(await store.leaveSession(entryId, declined.session.id, 'declined', T + 7), null, 'a leave of a declined session');
      same(await store.leaveSession(entryId, declined.session.id, 'waiting', T + 7), null, 'a leave of a declined session, from before the decline');
      same(await store.leaveSession(entryId, twin.session.id, 'admitted', T + 7), null, 'a leave of a session that reads declined through a block');
      same([(await store.getSession(declined.session.id))?.status, (await store.getSession(twin.session.id))?.status], ['declined', 'declined'], 'the declined sessions after the leaves');
      same((await store.leaveSession(entryId, admitted.session.id, 'admitted', T + 8))?.status, 'left', 'an admitted guest leaving');
    }),

    when('a waiting guest who leaves frees a place in a full waiting room', async ({ store }) => {
      const { entryId, link } = await open(store, { useLimit: null }, true);
      const first = await join(store, link, { emailKey: 'w1@example.org', clientKey: 'w1' }, true, T, { maxWaitingGuests: 1 });
      ensure(first.status === 'joined', 'the first join was refused');
      same(await join(store, link, { emailKey: 'w2@example.org', clientKey: 'w2' }, true, T, { maxWaitingGuests: 1 }), { status: 'refused', reasons: ['WAITING_ROOM_FULL'] }, 'a join into the full room');
      same((await store.leaveSession(entryId, first.session.id, 'waiting', T + 1))?.status, 'left', 'the leave');
      same((await join(store, link, { emailKey: 'w2@example.org', clientKey: 'w2' }, true, T, { maxWaitingGuests: 1 })).status, 'joined', 'a join once a place is free');
    }),

    when('moveWaiting moves a room’s waiting guests by id, a page at a time, and nobody else', async ({ store, peek }) => {
      const { entryId, link } = await open(store, { useLimit: null }, true);
      const joins = [];
      for (let i = 0; i < 6; i++) joins.push(await join(store, link, { emailKey: `w${i}@example.org`, clientKey: `wc${i}` }, true));
      const ids = joins.map((j) => (j.status === 'joined' ? j.session.id : '')).filter(Boolean);
      same(ids.length, 6, 'joins into the waiting room');
      // One admitted, one declined, and one that reads declined through the other's block.
      await store.moveSession(entryId, ids[1]!, 'waiting', { status: 'admitted', decidedAt: T, decidedBy: 'u' });
      await store.moveSession(entryId, ids[2]!, 'waiting', { status: 'declined', decidedAt: T, decidedBy: 'u' });
      const twin = await join(store, link, { emailKey: 'w2@example.org', clientKey: 'wc9' }, true);
      ensure(twin.status === 'refused', 'a join of a declined key was let in');
      const other = await open(store, { useLimit: null }, true);
      const elsewhere = await join(store, other.link, {}, true);
      ensure(elsewhere.status === 'joined', 'the join on the other room was refused');
      const admit = { status: 'admitted' as const, decidedAt: T + 5, decidedBy: 'u-mod' };
      const waiting = [ids[0]!, ids[3]!, ids[4]!, ids[5]!].sort();
      const firstPage = await store.moveWaiting(entryId, admit, 3);
      same(firstPage.map((x) => x.id), waiting.slice(0, 3), 'the first page: the first three waiting, by id');
      ensure(firstPage.every((x) => x.status === 'admitted' && x.decidedAt === T + 5 && x.decidedBy === 'u-mod'), 'a moved session without the decision');
      same(await store.getSession(firstPage[0]!.id), firstPage[0], 'a moved session as getSession reads it');
      if (peek?.session) same(await peek.session(firstPage[0]!.id), firstPage[0], 'what the backing store holds');
      same((await store.moveWaiting(entryId, admit, 3)).map((x) => x.id), waiting.slice(3), 'the second page');
      same(await store.moveWaiting(entryId, admit, 3), [], 'a third page, with nobody waiting');
      same((await store.getSession(ids[2]!))?.status, 'declined', 'the declined guest');
      same((await store.getSession(elsewhere.session.id))?.status, 'waiting', 'a guest waiting in another room');
      same(await store.moveWaiting(newEntryId(), admit, 3), [], 'a room with nothing stored');
    }),

    when('moveWaiting declining blocks each guest’s keys, as a single decline does', async ({ store }) => {
      const { entryId, link } = await open(store, { useLimit: null }, true);
      const a = await join(store, link, { emailKey: 'da@example.org', clientKey: 'dc-a' }, true);
      const b = await join(store, link, { emailKey: 'db@example.org', clientKey: null }, true);
      ensure(a.status === 'joined' && b.status === 'joined', 'a join was refused');
      const declined = await store.moveWaiting(entryId, { status: 'declined', decidedAt: T + 1, decidedBy: 'u-mod' }, 10);
      same(declined.map((x) => x.status), ['declined', 'declined'], 'statuses answered');
      same(await join(store, link, { emailKey: 'da@example.org', clientKey: 'dc-new' }, true), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join of a declined address');
      same(await join(store, link, { emailKey: 'new@example.org', clientKey: 'dc-a' }, true), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join from a declined client');
      same(await join(store, link, { emailKey: 'db@example.org' }, true), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join of the other declined address');
      const lifted = await store.moveSession(entryId, a.session.id, 'declined', { status: 'admitted', decidedAt: T + 2, decidedBy: 'u-mod' });
      same(lifted?.status, 'admitted', 'admitting a guest declined with the others');
      same((await join(store, link, { emailKey: 'da@example.org', clientKey: 'dc-a' }, true)).status, 'joined', 'a join once the block is lifted');
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

    when('listSessions pages in id order: no session twice, none missed, while guests join', async ({ store, second }) => {
      const { entryId, link } = await open(store, { useLimit: null });
      const before: string[] = [];
      for (let i = 0; i < 23; i++) {
        const joined = await join(store, link, { emailKey: `p${i}@example.org` });
        ensure(joined.status === 'joined', 'a join was refused');
        before.push(joined.session.id);
      }
      const seen: string[] = [];
      let after: string | null = null;
      const reader = second ?? store;
      for (let page = 0; page < 20; page++) {
        // Others join between pages.
        await join(store, link, { emailKey: `late${page}@example.org` });
        const items: GuestSession[] = await reader.listSessions(entryId, { after, limit: 5, status: null });
        ensure(items.length <= 5, `a page of ${items.length} sessions for a limit of 5`);
        if (items.length === 0) break;
        seen.push(...items.map((session) => session.id));
        after = items[items.length - 1]!.id;
      }
      same(new Set(seen).size, seen.length, 'sessions seen twice');
      ensure(before.every((id) => seen.includes(id)), 'a session that existed before paging was missed');
      same([...seen].sort(), seen, 'the order of the pages');
    }),

    when('listSessions filters by status as it answers it: declined while blocked', async ({ store }) => {
      const { entryId, link } = await open(store, { useLimit: null }, true);
      const a = await join(store, link, { emailKey: 'fa@example.org' }, true);
      const b = await join(store, link, { emailKey: 'fb@example.org' }, true);
      const c = await join(store, link, { emailKey: 'fb@example.org' }, true);
      ensure(a.status === 'joined' && b.status === 'joined' && c.status === 'joined', 'a join was refused');
      await store.moveSession(entryId, a.session.id, 'waiting', { status: 'admitted', decidedAt: T, decidedBy: 'u' });
      await store.moveSession(entryId, b.session.id, 'waiting', { status: 'declined', decidedAt: T, decidedBy: 'u' });
      const ids = async (status: GuestSession['status']) => (await store.listSessions(entryId, { after: null, limit: 10, status })).map((x) => x.id);
      same(await ids('admitted'), [a.session.id], 'admitted');
      same(await ids('declined'), [b.session.id, c.session.id], 'declined (the second through the block)');
      same(await ids('waiting'), [], 'waiting');
    }),

    when('joinGuest refuses past maxGuestsPerLink, and past maxWaitingGuests in a locked room, exactly under concurrency', async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      const capped = await open(store, { useLimit: null });
      const joins = await Promise.all(Array.from({ length: n }, (_, i) => join(stores[i % stores.length]!, capped.link, {}, false, T, { maxGuestsPerLink: 4 })));
      same(joins.filter((j) => j.status === 'joined').length, 4, 'joins under a bound of 4 guests per link');
      ensure(joins.every((j) => j.status === 'joined' || j.reasons.includes('LINK_GUEST_CAP_REACHED')), 'a join past the bound without LINK_GUEST_CAP_REACHED');
      const room = await open(store, { useLimit: null }, true);
      const waits = await Promise.all(Array.from({ length: n }, (_, i) => join(stores[i % stores.length]!, room.link, {}, true, T, { maxWaitingGuests: 3 })));
      same(waits.filter((j) => j.status === 'joined').length, 3, 'guests waiting under a bound of 3');
      ensure(waits.every((j) => j.status === 'joined' || j.reasons.includes('WAITING_ROOM_FULL')), 'a join past the bound without WAITING_ROOM_FULL');
      const waiting = await store.listSessions(room.entryId, { after: null, limit: 10, status: 'waiting' });
      await store.moveSession(room.entryId, waiting[0]!.id, 'waiting', { status: 'admitted', decidedAt: T, decidedBy: 'u' });
      same((await join(store, room.link, {}, true, T, { maxWaitingGuests: 3 })).status, 'joined', 'a join once a guest left the waiting room');
    }),

    when('a decline older than declinedSince has lapsed: the guest joins again, and the block goes', async ({ store }) => {
      const { entryId, link } = await open(store, { useLimit: null });
      const first = await join(store, link, { emailKey: 'lapse@example.org' });
      ensure(first.status === 'joined', 'the join was refused');
      await store.moveSession(entryId, first.session.id, 'admitted', { status: 'declined', decidedAt: T + 10, decidedBy: 'u' });
      same(await join(store, link, { emailKey: 'lapse@example.org' }, false, T + 20, { declinedSince: T + 10 }), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join while the decline holds');
      const again = await join(store, link, { emailKey: 'lapse@example.org' }, false, T + 20, { declinedSince: T + 11 });
      same(again.status, 'joined', 'a join once the decline lapsed');
      if (again.status === 'joined') same((await store.getSession(again.session.id))?.status, 'admitted', 'the new session, once the block went');
    }),

    when('sweep removes old sessions of deleted or expired links, never of a live link, in bounded batches', async ({ store, peek }) => {
      const live = await open(store, { useLimit: null });
      const expiring = await open(store, { useLimit: null, expiresAt: OLD + 500 });
      const deleted = await open(store, { useLimit: null });
      const ids: Record<string, string[]> = { live: [], expiring: [], deleted: [], recent: [] };
      for (let i = 0; i < 4; i++) {
        for (const [name, target] of [['live', live], ['expiring', expiring], ['deleted', deleted]] as const) {
          const joined = await join(store, target.link, { emailKey: `sw${i}@example.org`, joinedAt: OLD + i }, false, OLD + i);
          ensure(joined.status === 'joined', `a join of the ${name} link was refused`);
          ids[name]!.push(joined.session.id);
        }
      }
      const recent = await join(store, deleted.link, { emailKey: 'recent@example.org', joinedAt: OLD + 900 }, false, OLD + 900);
      ensure(recent.status === 'joined', 'the recent join was refused');
      ids['recent']!.push(recent.session.id);
      await store.deleteLink(deleted.entryId, deleted.link.id);
      const request = { now: OLD + 1_000, sessionsJoinedBefore: OLD + 800, blocksBefore: 0, activityBefore: NO_DAYS, limit: 3 };
      const batches = [];
      for (let i = 0; i < 10; i++) {
        const batch = await store.sweep(request);
        batches.push(batch);
        ensure(batch.sessions <= 3, `a batch removed ${batch.sessions} sessions for a limit of 3`);
        if (!batch.more) break;
      }
      same(batches.reduce((sum, batch) => sum + batch.sessions, 0), 8, 'sessions removed in all');
      for (const id of [...ids['expiring']!, ...ids['deleted']!]) same(await store.getSession(id), null, 'a swept session');
      for (const id of [...ids['live']!, ...ids['recent']!]) ensure((await store.getSession(id)) !== null, 'a session of a live link, or a recent one, was swept');
      same((await store.readLink(expiring.link.id))?.link.uses, 4, 'the uses of the expired link (links are never swept)');
      if (peek?.session) same(await peek.session(ids['deleted']![0]!), null, 'a swept session in the backing store');
      // Leave nothing sweepable behind for the cases that share the backing store.
      same((await store.sweep({ ...request, sessionsJoinedBefore: OLD + 1_000, limit: 100 })).sessions, 1, 'the recent session, swept later');
    }),

    when('sweep removes a block once it is old and no session of its key is left on the entry', async ({ store }) => {
      const { entryId, link } = await open(store, { useLimit: null, expiresAt: OLD + 50 });
      const joined = await join(store, link, { emailKey: 'blk@example.org', clientKey: 'blk-device', joinedAt: OLD }, false, OLD);
      ensure(joined.status === 'joined', 'the join was refused');
      await store.moveSession(entryId, joined.session.id, 'admitted', { status: 'declined', decidedAt: OLD + 1, decidedBy: 'u' });
      // The session still carries the keys: the blocks stay.
      same((await store.sweep({ now: OLD + 60, sessionsJoinedBefore: 0, blocksBefore: OLD + 10, activityBefore: NO_DAYS, limit: 10 })).blocks, 0, 'blocks swept while a session carries them');
      // Sessions first, then the blocks they held.
      const swept = await store.sweep({ now: OLD + 60, sessionsJoinedBefore: OLD + 10, blocksBefore: OLD + 10, activityBefore: NO_DAYS, limit: 10 });
      const then = await store.sweep({ now: OLD + 60, sessionsJoinedBefore: OLD + 10, blocksBefore: OLD + 10, activityBefore: NO_DAYS, limit: 10 });
      same(swept.sessions + then.sessions, 1, 'sessions swept');
      same(swept.blocks + then.blocks, 2, 'blocks swept (email and client)');
    }),

    when('several sweepers at once remove each record once, and their counts add up', async ({ store, second }) => {
      const target = await open(store, { useLimit: null });
      for (let i = 0; i < 30; i++) {
        const joined = await join(store, target.link, { emailKey: `many${i}@example.org`, joinedAt: OLD + 2_000 + i }, false, OLD + 2_000);
        ensure(joined.status === 'joined', 'a join was refused');
        // A third of the guests declined: their blocks go once their sessions have.
        if (i % 3 === 0) await store.moveSession(target.entryId, joined.session.id, 'admitted', { status: 'declined', decidedAt: OLD + 2_100 + i, decidedBy: 'u' });
      }
      await store.deleteLink(target.entryId, target.link.id);
      const sweepers = second ? [store, second, store, second] : [store, store, store, store];
      const request = { now: OLD + 5_000, sessionsJoinedBefore: OLD + 3_000, blocksBefore: OLD + 3_000, activityBefore: NO_DAYS, limit: 4 };
      const totals = await Promise.all(
        sweepers.map(async (sweeper) => {
          const removed = { sessions: 0, blocks: 0 };
          for (let i = 0; i < 50; i++) {
            const batch = await sweeper.sweep(request);
            removed.sessions += batch.sessions;
            removed.blocks += batch.blocks;
            if (batch.sessions === 0 && batch.blocks === 0 && !batch.more) break;
          }
          return removed;
        }),
      );
      same(totals.reduce((sum, removed) => sum + removed.sessions, 0), 30, 'sessions removed by all sweepers together');
      same(totals.reduce((sum, removed) => sum + removed.blocks, 0), 10, 'blocks removed by all sweepers together');
      same((await store.listSessions(target.entryId, { after: null, limit: 100, status: null })).length, 0, 'sessions left');
    }),

    when('countActivity adds one per call; readActivity answers the counts of the links and days asked, and a second instance reads them', async ({ store, second }) => {
      const { entryId, link } = await open(store);
      const other = aLink(entryId);
      ensure(await store.insertLinkUnderCap(other, 10), 'insertLinkUnderCap refused a second link');
      for (const [linkId, day, kind] of [
        [link.id, 20_000, 'opened'], [link.id, 20_000, 'opened'], [link.id, 20_000, 'GUEST_ACCESS_OFF'],
        [link.id, 20_001, 'opened'], [link.id, 20_003, 'WRONG_PASSCODE'], [other.id, 20_000, 'opened'],
      ] as const) await store.countActivity({ linkId, day, kind });
      same(await kinds(store, link.id), { '20000:GUEST_ACCESS_OFF': 1, '20000:opened': 2, '20001:opened': 1, '20003:WRONG_PASSCODE': 1 }, 'the link’s counts');
      same(await kinds(store, link.id, 20_001, 20_002), { '20001:opened': 1 }, 'the counts of days 20001 to 20002 only');
      same(await kinds(store, other.id), { '20000:opened': 1 }, 'the other link’s counts');
      const both = await store.readActivity({ linkIds: [link.id, other.id], fromDay: 20_000, toDay: 20_000 });
      same(both.reduce((sum, count) => sum + count.count, 0), 4, 'the counts of both links on day 20000');
      same(await store.readActivity({ linkIds: [], fromDay: 0, toDay: 100_000 }), [], 'the counts of no link');
      if (second) same(await kinds(second, link.id), await kinds(store, link.id), 'what a second instance reads');
    }),

    when(`${n} concurrent countActivity calls of one link, day and kind all land`, async ({ store, second }) => {
      const { link } = await open(store);
      const stores = second ? [store, second] : [store];
      await Promise.all(Array.from({ length: n }, (_, i) => stores[i % stores.length]!.countActivity({ linkId: link.id, day: 20_010, kind: 'opened' })));
      same(await kinds(store, link.id), { '20010:opened': n }, `the count after ${n} concurrent calls`);
    }),

    when('joinGuest with countDay counts each session it stores as joined, and nothing for a refusal or a verified join again', async ({ store }) => {
      const { link } = await open(store, { useLimit: 5 });
      for (const countDay of [20_020, null, 20_020, 20_022, 20_020]) same((await join(store, link, {}, false, T, { countDay })).status, 'joined', `a join counted on ${countDay}`);
      same((await join(store, link, {}, false, T, { countDay: 20_020 })).status, 'refused', 'a join past the limit');
      same(await kinds(store, link.id), { '20020:joined': 3, '20022:joined': 1 }, 'the counts, days back and forth (servers whose clocks differ at midnight)');
      same(await kinds(store, link.id, 20_021, 20_022), { '20022:joined': 1 }, 'the counts of days 20021 to 20022');
      const verified = await open(store, { useLimit: null });
      const session = aJoiningSession(verified.link, { verified: true });
      const request = { session, waitingRoom: false, now: T, ...BOUNDS, countDay: 20_021 };
      same((await store.joinGuest(request)).status, 'joined', 'a verified join');
      const again = await store.joinGuest(request);
      same(again.status === 'joined' && again.again === true, true, 'the same verified join again');
      same(await kinds(store, verified.link.id), { '20021:joined': 1 }, 'the counts after a verified join twice');
      same((await store.readLink(verified.link.id))?.link.uses, 1, 'uses after a verified join twice');
    }),

    when(`${n} concurrent counted joins of a 3-use link count exactly 3 joined`, async ({ store, second }) => {
      const { link } = await open(store, { useLimit: 3 });
      const stores = second ? [store, second] : [store];
      const outcomes = await Promise.all(
        Array.from({ length: n }, (_, i) => stores[i % stores.length]!.joinGuest({ session: aJoiningSession(link), waitingRoom: false, now: T, ...BOUNDS, countDay: 20_030 })),
      );
      same(outcomes.filter((outcome) => outcome.status === 'joined').length, 3, 'joins let in');
      same(await kinds(store, link.id), { '20030:joined': 3 }, 'the joined count');
    }),

    when(`${n} concurrent counted joins on two days at once (servers whose clocks differ at midnight) count each join on its own day`, async ({ store, second }) => {
      const { link } = await open(store, { useLimit: null });
      const stores = second ? [store, second] : [store];
      const outcomes = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          stores[i % stores.length]!.joinGuest({ session: aJoiningSession(link), waitingRoom: false, now: T, ...BOUNDS, countDay: i % 3 === 0 ? 20_041 : 20_040 }),
        ),
      );
      same(outcomes.filter((outcome) => outcome.status === 'joined').length, n, 'joins let in');
      const on41 = Math.ceil(n / 3);
      same(await kinds(store, link.id), { '20040:joined': n - on41, '20041:joined': on41 }, 'the joined counts of each day');
    }),

    when('sweep removes activity counts of days before activityBefore in batches, from several sweepers each once, and keeps later days', async ({ store, second }) => {
      const { link } = await open(store);
      for (let day = -400_020; day < -400_000; day++) {
        await store.countActivity({ linkId: link.id, day, kind: 'opened' });
        await store.countActivity({ linkId: link.id, day, kind: 'LINK_INVALID' });
      }
      // Joins counted on old days too: one on a day before the cut-off and one after, and one alone.
      const joined = await open(store, { useLimit: null });
      for (const countDay of [-400_030, -400_030, -400_001]) same((await join(store, joined.link, {}, false, T, { countDay })).status, 'joined', 'a counted join');
      const alone = await open(store, { useLimit: null });
      same((await join(store, alone.link, {}, false, T, { countDay: -400_010 })).status, 'joined', 'a counted join');
      const request = { now: T, sessionsJoinedBefore: 0, blocksBefore: 0, activityBefore: -400_005, limit: 4 };
      const sweepers = second ? [store, second, store] : [store, store, store];
      const removed = await Promise.all(
        sweepers.map(async (sweeper) => {
          let total = 0;
          for (let i = 0; i < 40; i++) {
            const batch = await sweeper.sweep(request);
            ensure(batch.activity <= 4, `a batch removed ${batch.activity} counts for a limit of 4`);
            total += batch.activity;
            if (batch.activity === 0 && !batch.more) break;
          }
          return total;
        }),
      );
      same(removed.reduce((sum, count) => sum + count, 0), 32, 'counts removed by all sweepers together (15 days × 2 kinds, and two days of joins)');
      const left = await store.readActivity({ linkIds: [link.id, joined.link.id, alone.link.id], fromDay: -500_000, toDay: 0 });
      same(left.map((count) => count.day).sort((a, b) => a - b)[0], -400_005, 'the oldest day left');
      same(left.length, 11, 'counts left (5 days × 2 kinds, and the later day of joins)');
      same(await kinds(store, joined.link.id, -500_000, 0), { '-400001:joined': 1 }, 'the joins left');
      await store.sweep({ ...request, activityBefore: -399_000, limit: 100 });
    }),

    when('eraseGuest removes every session of the person on every entry, and their blocks; links keep their uses', async ({ store, peek }) => {
      const key = `erase-${newEntryId()}@example.org`;
      const one = await open(store, { useLimit: null });
      const two = await open(store, { useLimit: null });
      const a = await join(store, one.link, { emailKey: key, erasureKey: key, guestEmail: key, clientKey: 'erase-device' });
      const b = await join(store, two.link, { emailKey: key, erasureKey: key, guestEmail: key });
      const other = await join(store, one.link, { emailKey: 'keep@example.org', erasureKey: 'keep@example.org' });
      ensure(a.status === 'joined' && b.status === 'joined' && other.status === 'joined', 'a join was refused');
      await store.moveSession(one.entryId, a.session.id, 'admitted', { status: 'declined', decidedAt: T, decidedBy: 'u' });
      same(await store.eraseGuest(key), { sessions: 2, blocks: 2 }, 'what eraseGuest removed');
      same(await store.getSession(a.session.id), null, 'the first session');
      same(await store.getSession(b.session.id), null, 'the second session');
      ensure((await store.getSession(other.session.id)) !== null, 'another guest’s session was erased');
      same((await store.readLink(one.link.id))?.link.uses, 2, 'the uses of the link');
      same((await join(store, one.link, { emailKey: key, erasureKey: key, clientKey: 'erase-device' })).status, 'joined', 'a join after erasure (the decline went with the data)');
      if (peek?.session) same(await peek.session(b.session.id), null, 'an erased session in the backing store');
      same(await store.eraseGuest(`nobody-${newEntryId()}@example.org`), { sessions: 0, blocks: 0 }, 'erasing someone unknown');
    }),

    when('eraseGuest erases one person: a look-alike address (same emailKey, another erasureKey) keeps its sessions and its declines', async ({ store, peek }) => {
      // john@… and j0hn@… share a look-alike key (G10) but are two people (R1).
      const alike = `john-${newEntryId()}@example.org`;
      const john = { emailKey: alike, erasureKey: alike, guestEmail: alike };
      const j0hn = { emailKey: alike, erasureKey: alike.replace('john', 'j0hn'), guestEmail: alike.replace('john', 'j0hn') };
      const one = await open(store, { useLimit: null });
      const two = await open(store, { useLimit: null });
      const three = await open(store, { useLimit: null });
      const johnOnOne = await join(store, one.link, { ...john, clientKey: 'john-device' });
      const j0hnOnTwo = await join(store, two.link, { ...j0hn, clientKey: 'j0hn-device' });
      const johnOnThree = await join(store, three.link, john);
      const j0hnOnThree = await join(store, three.link, j0hn);
      ensure(johnOnOne.status === 'joined' && j0hnOnTwo.status === 'joined', 'a join was refused');
      ensure(johnOnThree.status === 'joined' && j0hnOnThree.status === 'joined', 'a join was refused');
      const decline = { status: 'declined' as const, decidedAt: T, decidedBy: 'u-mod' };
      // Each is declined on an entry of their own: the block of the look-alike key is theirs.
      await store.moveSession(one.entryId, johnOnOne.session.id, 'admitted', decline);
      await store.moveSession(two.entryId, j0hnOnTwo.session.id, 'admitted', decline);
      same(await store.eraseGuest(john.erasureKey), { sessions: 2, blocks: 2 }, 'what erasing john removed (two sessions, one decline of two keys)');
      same(await store.getSession(johnOnOne.session.id), null, 'john’s first session');
      same(await store.getSession(johnOnThree.session.id), null, 'john’s second session');
      same((await store.getSession(j0hnOnThree.session.id))?.guestEmail, j0hn.guestEmail, 'j0hn’s session on the entry they share');
      same((await store.getSession(j0hnOnTwo.session.id))?.status, 'declined', 'j0hn’s declined session');
      if (peek?.session) same((await peek.session(j0hnOnTwo.session.id))?.erasureKey, j0hn.erasureKey, 'j0hn’s session in the backing store');
      // j0hn's decline still blocks the look-alike key and j0hn's client; john's went with john's data.
      same(await join(store, two.link, john), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join of the look-alike key where j0hn is declined');
      same(await join(store, two.link, { emailKey: 'other@example.org', erasureKey: 'other@example.org', clientKey: 'j0hn-device' }), { status: 'refused', reasons: ['GUEST_DECLINED'] }, 'a join from j0hn’s declined client');
      same((await join(store, one.link, { ...john, clientKey: 'john-device' })).status, 'joined', 'a join of john where john was declined');
    }),

    when('eraseGuest removes a person’s declines even once their sessions are swept', async ({ store }) => {
      const key = `swept-${newEntryId()}@example.org`;
      const target = await open(store, { useLimit: null });
      const joined = await join(store, target.link, { emailKey: key, erasureKey: key, guestEmail: key, clientKey: 'swept-device', joinedAt: OLD }, false, OLD);
      ensure(joined.status === 'joined', 'the join was refused');
      await store.moveSession(target.entryId, joined.session.id, 'admitted', { status: 'declined', decidedAt: T, decidedBy: 'u-mod' });
      await store.deleteLink(target.entryId, target.link.id);
      // Sessions this old of a deleted link are housekeeping cases' own: a few batches reach this one.
      for (let i = 0; i < 100 && (await store.getSession(joined.session.id)) !== null; i++) {
        await store.sweep({ now: OLD + 10, sessionsJoinedBefore: OLD + 1, blocksBefore: 0, activityBefore: NO_DAYS, limit: 100 });
      }
      same(await store.getSession(joined.session.id), null, 'the swept session');
      same(await store.eraseGuest(key), { sessions: 0, blocks: 2 }, 'what erasing the person removed: the decline of the email key and of the client key');
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

    when(`${n} concurrent leaves and moves of one waiting session: exactly one wins`, async ({ store, second }) => {
      const { entryId, link } = await open(store, {}, true);
      const joined = await join(store, link, {}, true);
      ensure(joined.status === 'joined', 'the join was refused');
      const stores = second ? [store, second] : [store];
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => {
          const on = stores[i % stores.length]!;
          // A leave first, then moves among the leaves: a move lands between a leave's read and its write.
          return i % 3 === 1
            ? on.moveSession(entryId, joined.session.id, 'waiting', { status: i % 2 === 1 ? 'admitted' : 'declined', decidedAt: i, decidedBy: `u-${i}` }).then((moved) => ({ kind: 'move', moved }))
            : on.leaveSession(entryId, joined.session.id, 'waiting', i).then((moved) => ({ kind: 'leave', moved }));
        }),
      );
      const won = results.filter((r) => r.moved !== null);
      same(won.length, 1, 'calls that changed the waiting session');
      same(await store.getSession(joined.session.id), won[0]!.moved, 'the stored session is the winner’s');
    }),

    when(`${n} concurrent page moves and single moves of one room: each waiting guest is moved exactly once`, async ({ store, second }) => {
      const { entryId, link } = await open(store, { useLimit: null }, true);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const joined = await join(store, link, { emailKey: `race${i}@example.org`, clientKey: `race-c${i}` }, true);
        ensure(joined.status === 'joined', 'a join into the waiting room was refused');
        ids.push(joined.session.id);
      }
      const stores = second ? [store, second] : [store];
      const decision = (i: number) => ({ status: i % 3 === 0 ? ('declined' as const) : ('admitted' as const), decidedAt: T + i, decidedBy: `u-${i}` });
      const answers = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          i % 2 === 0
            ? stores[i % stores.length]!.moveWaiting(entryId, decision(i), 4)
            : stores[i % stores.length]!.moveSession(entryId, ids[i]!, 'waiting', decision(i)).then((moved) => (moved ? [moved] : [])),
        ),
      );
      const moved = answers.flat();
      same(new Set(moved.map((x) => x.id)).size, moved.length, 'sessions moved twice');
      const left = await store.listSessions(entryId, { after: null, limit: n, status: 'waiting' });
      same(moved.length + left.length, n, 'moved and still waiting against the guests who joined');
      for (const session of moved) same((await store.getSession(session.id))?.decidedBy, session.decidedBy, 'the stored decision against the answered one');
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

    when(`${n} concurrent deletes of one link: one answers true, and one place is freed`, async ({ store, second }) => {
      const entryId = newEntryId();
      const links = [aLink(entryId), aLink(entryId), aLink(entryId)];
      for (const link of links) ensure(await store.insertLinkUnderCap(link, 3), 'an insert under the cap was refused');
      const stores = second ? [store, second] : [store];
      const deleted = await Promise.all(Array.from({ length: n }, (_, i) => stores[i % stores.length]!.deleteLink(entryId, links[0]!.id)));
      same(deleted.filter(Boolean).length, 1, 'deletes that answered true');
      same((await store.listLinks(entryId)).map((link) => link.id), [links[1]!.id, links[2]!.id], 'links left');
      const inserts = [await store.insertLinkUnderCap(aLink(entryId), 3), await store.insertLinkUnderCap(aLink(entryId), 3)];
      same(inserts, [true, false], 'two inserts under the cap of 3 after the deletes');
    }),

    when('a join never lands after a switch-off, a lock, a decline or a delete of its link has answered', async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      /**
       * Starts `n` joins with `change` among them, and reads the entry's sessions as soon as the
       * change has answered. A join that answered with a session `judged` by the change must be
       * among them, and no such session may be stored later.
       */
      const race = async (
        what: string,
        entryId: string,
        joinOne: (via: GuestStore, i: number) => Promise<GuestJoinOutcome>,
        change: () => Promise<unknown>,
        judged: (session: GuestSession) => boolean,
      ) => {
        let seen: ReadonlySet<string> = new Set();
        const half = Math.ceil(n / 2);
        const before = Array.from({ length: half }, (_, i) => joinOne(stores[i % stores.length]!, i));
        const changed = change().then(async () => {
          seen = new Set((await store.listSessions(entryId)).map((session) => session.id));
        });
        const after = Array.from({ length: n - half }, (_, i) => joinOne(stores[(half + i) % stores.length]!, half + i));
        const outcomes = await Promise.all([...before, ...after]);
        await changed;
        for (const outcome of outcomes) {
          if (outcome.status === 'joined' && judged(outcome.session)) ensure(seen.has(outcome.session.id), `a join answered ${outcome.session.status} after the ${what} had answered`);
        }
        for (const session of await store.listSessions(entryId)) {
          if (judged(session)) ensure(seen.has(session.id), `a session was stored ${session.status} after the ${what} had answered`);
        }
      };
      const off = await open(store, { useLimit: null });
      await race(
        'switch-off',
        off.entryId,
        (via, i) => join(via, off.link, { emailKey: `off${i}@example.org` }),
        () => store.updateGuestAccess(off.entryId, { enabled: false, updatedAt: T + 1, updatedBy: 'u' }),
        () => true,
      );
      // A live room: a guest who joins after the lock waits.
      const room = await open(store, { useLimit: null });
      await race(
        'lock',
        room.entryId,
        (via, i) => join(via, room.link, { emailKey: `room${i}@example.org` }, true),
        () => store.updateGuestAccess(room.entryId, { roomLocked: true, updatedAt: T + 1, updatedBy: 'u' }),
        (session) => session.status === 'admitted',
      );
      const declining = await open(store, { useLimit: null });
      const first = await join(store, declining.link, { emailKey: 'declined@example.org' });
      ensure(first.status === 'joined', 'the first join was refused');
      await race(
        'decline',
        declining.entryId,
        (via, i) => join(via, declining.link, { emailKey: i % 2 === 0 ? 'declined@example.org' : `other${i}@example.org` }),
        () => store.moveSession(declining.entryId, first.session.id, 'admitted', { status: 'declined', decidedAt: T + 1, decidedBy: 'u' }),
        (session) => session.emailKey === 'declined@example.org',
      );
      const deleting = await open(store, { useLimit: null });
      await race(
        'delete',
        deleting.entryId,
        (via, i) => join(via, deleting.link, { emailKey: `del${i}@example.org` }),
        () => store.deleteLink(deleting.entryId, deleting.link.id),
        () => true,
      );
    }),

    when('concurrent erasures of one guest remove each record once: the counts add up', async ({ store, second }) => {
      const stores = second ? [store, second] : [store];
      const one = await open(store, { useLimit: null });
      const two = await open(store, { useLimit: null });
      /** A guest with sessions on both entries, declined on the first. */
      const guest = async (name: string) => {
        const address = `${name}-${newEntryId()}@example.org`;
        const joined = [
          await join(store, one.link, { emailKey: address, guestEmail: address, clientKey: `${address}-device` }),
          await join(store, two.link, { emailKey: address, guestEmail: address }),
          await join(store, two.link, { emailKey: address, guestEmail: address }),
        ];
        const ids = joined.map((outcome) => {
          ensure(outcome.status === 'joined', 'a join was refused');
          return outcome.session.id;
        });
        await store.moveSession(one.entryId, ids[0]!, 'admitted', { status: 'declined', decidedAt: T, decidedBy: 'u' });
        return { address, ids };
      };
      const alone = await guest('alone');
      const raced = await guest('raced');
      // One erasure of a guest like the raced one says what the concurrent erasures remove together.
      const once = await store.eraseGuest(alone.address);
      ensure(once.sessions > 0, 'eraseGuest removed no session');
      const counts = await Promise.all(Array.from({ length: n }, (_, i) => stores[i % stores.length]!.eraseGuest(raced.address)));
      same(
        { sessions: counts.reduce((sum, c) => sum + c.sessions, 0), blocks: counts.reduce((sum, c) => sum + c.blocks, 0) },
        once,
        `what ${n} concurrent erasures removed together, against one erasure of a guest like it`,
      );
      for (const id of raced.ids) same(await store.getSession(id), null, 'an erased session');
    }),
  ];
}
