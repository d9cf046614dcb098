/**
 * Races found on purpose: every store call goes through fast-check's scheduler, which
 * interleaves concurrent operations in every order it likes; the limits must hold anyway.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessLinks, createKeyRing, type GuestAccess, type GuestLink, type GuestLinkStore } from '../src/index';
import {
  createManualClock,
  createMemoryEntryDirectory,
  createMemoryGuestLinkStore,
  createMemoryGuestSessionStore,
} from '../src/memory';
import { START, SECRET, entries, ok, owner } from './harness';
import { scheduled, settle } from './scheduling';

async function scheduledLibrary(s: fc.Scheduler, rules: { guestLinkCap?: number } = {}) {
  const guestLinks = createMemoryGuestLinkStore();
  const guestSessions = createMemoryGuestSessionStore();
  const access = createAccessLinks({
    guestLinks: scheduled(s, guestLinks),
    guestSessions: scheduled(s, guestSessions),
    directory: scheduled(s, createMemoryEntryDirectory({ entries })),
    keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
    clock: createManualClock(START),
    guestLinkUrl: (token) => token,
    rules,
  });
  return { access, guestLinks, guestSessions };
}

describe('G6: a k-use link under N concurrent joins', () => {
  it('admits exactly min(k, N) guests, in any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 10 }), async (s, k, n) => {
        const { access, guestLinks, guestSessions } = await scheduledLibrary(s);
        const setup = (async () => {
          ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
          return ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L', useLimit: k }));
        })();
        await settle(s, setup);
        const link = await setup;

        const joins = Array.from({ length: n }, (_, i) =>
          access.joinGuestLink({ token: link.token, name: `Guest ${i}`, email: `g${i}@example.org` }),
        );
        const results = await settle(s, Promise.all(joins));

        const admitted = results.filter((r) => r.ok).length;
        expect(admitted).toBe(Math.min(k, n));
        for (const r of results) if (!r.ok) expect(r.code).toBe('LINK_INVALID');
        expect(guestLinks.inspect().links[0]!.uses).toBe(admitted);
        expect(guestSessions.inspect()).toHaveLength(admitted);
      }),
      { numRuns: 200 },
    );
  });

  it('opening concurrently with joining never consumes a use', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), async (s, opens, joins) => {
        const { access, guestLinks } = await scheduledLibrary(s);
        const setup = (async () => {
          ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
          return ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' }));
        })();
        await settle(s, setup);
        const link = await setup;
        const calls = [
          ...Array.from({ length: opens }, () => access.openGuestLink({ token: link.token })),
          ...Array.from({ length: joins }, (_, i) => access.joinGuestLink({ token: link.token, name: 'G', email: `g${i}@example.org` })),
        ];
        const results = await settle(s, Promise.all(calls));
        expect(results.every((r) => r.ok)).toBe(true);
        expect(guestLinks.inspect().links[0]!.uses).toBe(joins);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the race properties can fail', () => {
  it('catch a store that counts uses and then writes, with a yield in between', async () => {
    // Reads the link, lets other calls run, then writes back what it read plus one.
    const broken = (s: fc.Scheduler): GuestLinkStore => {
      const links = new Map<string, GuestLink>();
      let access: GuestAccess | null = null;
      return {
        getGuestAccess: async () => access,
        updateGuestAccess: async (entryId, change) =>
          (access = { ...(access ?? { entryId, enabled: false, roomLocked: false }), ...change }),
        insertLinkUnderCap: async (link) => Boolean(links.set(link.id, link)),
        getLink: async (id) => links.get(id) ?? null,
        listLinks: async () => [...links.values()],
        deleteLink: async (id) => links.delete(id),
        releaseUse: async () => undefined,
        async takeUse(id) {
          const link = links.get(id);
          if (!link || (link.useLimit !== null && link.uses >= link.useLimit)) return null;
          await s.schedule(Promise.resolve(), 'between read and write');
          const used = { ...link, uses: link.uses + 1 };
          links.set(id, used);
          return used;
        },
      };
    };
    const property = fc.asyncProperty(fc.scheduler(), async (s) => {
      const access = createAccessLinks({
        guestLinks: broken(s),
        guestSessions: createMemoryGuestSessionStore(),
        directory: createMemoryEntryDirectory({ entries }),
        keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
        clock: createManualClock(START),
        guestLinkUrl: (token) => token,
      });
      ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L', useLimit: 1 }));
      const joins = [0, 1, 2].map((i) => access.joinGuestLink({ token: link.token, name: 'G', email: `g${i}@example.org` }));
      const results = await settle(s, Promise.all(joins));
      expect(results.filter((r) => r.ok).length).toBe(1);
    });
    await expect(fc.assert(property, { numRuns: 50 })).rejects.toThrow();
  });
});

describe('G2: concurrent creations', () => {
  it('never get past the cap, whatever the cap and the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 8 }), async (s, cap, n) => {
        const { access, guestLinks } = await scheduledLibrary(s, { guestLinkCap: cap });
        await settle(s, access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
        const creates = Array.from({ length: n }, (_, i) =>
          access.createGuestLink({ actor: owner, entryId: 'video-1', name: `Link ${i}` }),
        );
        const results = await settle(s, Promise.all(creates));
        const created = results.filter((r) => r.ok).length;
        expect(created).toBe(Math.min(cap, n));
        for (const r of results) if (!r.ok) expect(r.code).toBe('GUEST_LINK_CAP_REACHED');
        expect(guestLinks.inspect().links).toHaveLength(created);
      }),
      { numRuns: 200 },
    );
  });
});

describe('G1, G10: the switch and the lock changed at once', () => {
  it('both changes land, in any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.boolean(), fc.boolean(), async (s, enabled, locked) => {
        const { access, guestLinks } = await scheduledLibrary(s);
        await settle(s, access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: !enabled }));
        await settle(s, access.setRoomLock({ actor: owner, entryId: 'room-1', locked: !locked }));
        const results = await settle(
          s,
          Promise.all([
            access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled }),
            access.setRoomLock({ actor: owner, entryId: 'room-1', locked }),
          ]),
        );
        expect(results.every((r) => r.ok)).toBe(true);
        expect(guestLinks.inspect().guestAccess[0]).toMatchObject({ enabled, roomLocked: locked });
      }),
      { numRuns: 100 },
    );
  });
});

describe('G10: moderators acting at once', () => {
  it('one decision wins per observed state; a declined guest never ends up admitted by a racing decline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.constantFrom('admit' as const, 'decline' as const), { minLength: 2, maxLength: 6 }),
        async (s, moves) => {
          const { access, guestSessions } = await scheduledLibrary(s);
          const setup = (async () => {
            ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
            ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
            const link = ok(await access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'L' }));
            return ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
          })();
          await settle(s, setup);
          const ada = await setup;
          const calls = moves.map((move) =>
            move === 'admit'
              ? access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: ada.session.id })
              : access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: ada.session.id }),
          );
          const results = await settle(s, Promise.all(calls));
          const final = guestSessions.inspect()[0]!.status;
          // Every success reports a status the session really had, and the last success is where it stands.
          for (const r of results) {
            if (r.ok) expect(['admitted', 'declined']).toContain(r.value.status);
            else expect(r.code).toBe('SESSION_CHANGED');
          }
          expect(['admitted', 'declined']).toContain(final);
          expect(results.some((r) => r.ok)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
