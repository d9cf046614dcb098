import type { GuestAccess } from '../domain/guest-access';
import type { GuestLink } from '../domain/guest-link';
import type { GuestLinkStore } from '../ports/guest-link-store';
import { aLink, ensure, newEntryId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

/** Direct reads of a guest-link store's backing store, bypassing the adapter. */
export interface GuestLinkStorePeek {
  /** The stored link, or `null`. */
  link(linkId: string): Promise<GuestLink | null>;
  /** The stored guest-access settings, or `null`. */
  guestAccess(entryId: string): Promise<GuestAccess | null>;
}

/**
 * The cases a {@link GuestLinkStore} must pass: round trips, "not found" is `null`, ordering,
 * final deletes, a second instance seeing the same data, and the races — N concurrent takes of
 * a k-use link give exactly k, concurrent inserts never pass the cap, and concurrent changes to
 * different guest-access fields both land.
 *
 * @param factory - makes a fresh adapter for each case.
 * @param options - `concurrency`: how many calls race at once (default 25).
 * @returns the cases; register them with {@link runConformance}.
 *
 * @example
 * ```ts
 * runConformance(guestLinkStoreConformance(async () => ({ store: createMemoryGuestLinkStore() })), test);
 * ```
 */
export function guestLinkStoreConformance(
  factory: AdapterFactory<GuestLinkStore, GuestLinkStorePeek>,
  options: { readonly concurrency?: number } = {},
): ConformanceCase[] {
  const n = options.concurrency ?? 25;
  const when = (name: string, check: Parameters<typeof withAdapter<GuestLinkStore, GuestLinkStorePeek>>[2]) =>
    withAdapter(factory, `GuestLinkStore: ${name}`, check);

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

    when('insertLinkUnderCap stores a link that getLink and listLinks give back exactly', async ({ store, peek, second }) => {
      const entryId = newEntryId();
      const link = aLink(entryId, { name: 'Ünïcödé «link» 🎉', useLimit: 7, uses: 0, durationDays: 3, expiresAt: 1_800_259_200_000 });
      same(await store.insertLinkUnderCap(link, 3), true, 'insertLinkUnderCap');
      same(await store.getLink(link.id), link, 'getLink');
      same(await store.listLinks(entryId), [link], 'listLinks');
      if (peek) same(await peek.link(link.id), link, 'what the backing store holds');
      if (second) same(await second.getLink(link.id), link, 'what a second instance reads');
    }),

    when('getLink answers null, and listLinks an empty list, for what does not exist', async ({ store }) => {
      same(await store.getLink(aLink('none').id), null, 'getLink of an unknown id');
      same(await store.listLinks(newEntryId()), [], 'listLinks of an entry without links');
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

    when('deleteLink is final: the link is gone everywhere and its place under the cap is free', async ({ store, peek }) => {
      const entryId = newEntryId();
      const link = aLink(entryId);
      await store.insertLinkUnderCap(link, 1);
      same(await store.deleteLink(link.id), true, 'first deleteLink');
      same(await store.deleteLink(link.id), false, 'second deleteLink');
      same(await store.getLink(link.id), null, 'getLink after delete');
      same(await store.listLinks(entryId), [], 'listLinks after delete');
      same(await store.takeUse(link.id, 0), null, 'takeUse after delete');
      if (peek) same(await peek.link(link.id), null, 'the deleted link in the backing store');
      same(await store.insertLinkUnderCap(aLink(entryId), 1), true, 'an insert into the freed place');
    }),

    when('takeUse adds one use while under the limit and answers null at it', async ({ store, peek }) => {
      const link = aLink(newEntryId(), { useLimit: 2 });
      await store.insertLinkUnderCap(link, 1);
      same((await store.takeUse(link.id, 0))?.uses, 1, 'uses after the first take');
      same((await store.takeUse(link.id, 0))?.uses, 2, 'uses after the second take');
      same(await store.takeUse(link.id, 0), null, 'a third take of a 2-use link');
      same((await store.getLink(link.id))?.uses, 2, 'uses stored');
      if (peek) same((await peek.link(link.id))?.uses, 2, 'uses in the backing store');
    }),

    when('takeUse works up to the millisecond before expiresAt and answers null from that instant', async ({ store }) => {
      const link = aLink(newEntryId(), { expiresAt: 5_000 });
      await store.insertLinkUnderCap(link, 1);
      ensure((await store.takeUse(link.id, 4_999)) !== null, 'takeUse one millisecond before expiry answered null');
      same(await store.takeUse(link.id, 5_000), null, 'takeUse at the instant of expiry');
      same(await store.takeUse(link.id, 9_000), null, 'takeUse after expiry');
    }),

    when('takeUse never limits an unlimited link, and answers null for an unknown one', async ({ store }) => {
      const link = aLink(newEntryId());
      await store.insertLinkUnderCap(link, 1);
      for (let i = 1; i <= 5; i++) same((await store.takeUse(link.id, 0))?.uses, i, `uses after take ${i}`);
      same(await store.takeUse(aLink('none').id, 0), null, 'takeUse of an unknown link');
    }),

    when('releaseUse gives one use back and never goes below zero', async ({ store }) => {
      const link = aLink(newEntryId(), { useLimit: 1 });
      await store.insertLinkUnderCap(link, 1);
      await store.takeUse(link.id, 0);
      await store.releaseUse(link.id);
      same((await store.getLink(link.id))?.uses, 0, 'uses after giving the use back');
      await store.releaseUse(link.id);
      same((await store.getLink(link.id))?.uses, 0, 'uses after giving back a use never taken');
      ensure((await store.takeUse(link.id, 0)) !== null, 'the given-back use could not be taken again');
    }),

    when('records it answers are copies: changing one changes nothing stored', async ({ store }) => {
      const link = aLink(newEntryId());
      await store.insertLinkUnderCap(link, 1);
      const answered = (await store.getLink(link.id)) as { uses: number } | null;
      ensure(answered !== null, 'getLink answered null');
      answered.uses = 99;
      same((await store.getLink(link.id))?.uses, 0, 'uses after changing an answered record');
    }),

    when(`${n} concurrent takes of a 5-use link succeed exactly 5 times`, async ({ store, second, peek }) => {
      const link = aLink(newEntryId(), { useLimit: 5 });
      await store.insertLinkUnderCap(link, 1);
      const stores = second ? [store, second] : [store];
      const taken = await Promise.all(Array.from({ length: n }, (_, i) => stores[i % stores.length]!.takeUse(link.id, 0)));
      same(taken.filter((t) => t !== null).length, 5, 'successful takes');
      same((await store.getLink(link.id))?.uses, 5, 'uses stored');
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
  ];
}
