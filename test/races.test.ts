/**
 * Races found on purpose: every store call goes through fast-check's scheduler, which
 * interleaves concurrent operations in every order it likes; the limits must hold anyway.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuestLinks, createKeyRing, type GuestStore } from '../src/index';
import { createManualClock, createMemoryEntryDirectory, createMemoryGuestStore } from '../src/memory';
import { START, SECRET, entries, ok, owner } from './harness';
import { scheduled, settle } from './scheduling';
import { runs } from './support/runs';

/** Every store call as it ran (after the scheduler released it), with what it answered. */
type Executed = { readonly method: string; readonly args: unknown[]; readonly result: unknown };

async function scheduledLibrary(s: fc.Scheduler, rules: { guestLinkCap?: number } = {}) {
  const store = createMemoryGuestStore();
  const log: Executed[] = [];
  const logged = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'inspect') return value;
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        log.push({ method: String(key), args, result });
        return result;
      };
    },
  });
  const access = createGuestLinks({
    store: scheduled(s, logged as GuestStore),
    directory: scheduled(s, createMemoryEntryDirectory({ entries })),
    keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
    clock: createManualClock(START),
    guestLinkUrl: (token) => token,
    rules,
  });
  return { access, store, log };
}

describe('G6: a k-use link under N concurrent joins', () => {
  it('admits exactly min(k, N) guests, in any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 10 }), async (s, k, n) => {
        const { access, store } = await scheduledLibrary(s);
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
        expect(store.inspect().links[0]!.uses).toBe(admitted);
        expect(store.inspect().sessions).toHaveLength(admitted);
      }),
      { numRuns: runs(200) },
    );
  });

  it('opening concurrently with joining never consumes a use', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), async (s, opens, joins) => {
        const { access, store } = await scheduledLibrary(s);
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
        expect(store.inspect().links[0]!.uses).toBe(joins);
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('the race properties can fail', () => {
  it('catch a store that judges a join on one read and writes on a later one', async () => {
    // Reads the link, lets other calls run, then writes back what it read plus one.
    const broken = (s: fc.Scheduler): GuestStore => {
      const store = createMemoryGuestStore();
      return {
        ...store,
        async joinGuest(join) {
          const read = await store.readLink(join.session.linkId);
          if (!read || (read.link.useLimit !== null && read.link.uses >= read.link.useLimit)) return { status: 'refused', reasons: ['LINK_INVALID'] };
          await s.schedule(Promise.resolve(), 'between read and write');
          return { status: 'joined', session: { ...join.session, status: 'admitted' } };
        },
      };
    };
    const property = fc.asyncProperty(fc.scheduler(), async (s) => {
      const access = createGuestLinks({
        store: broken(s),
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
    await expect(fc.assert(property, { numRuns: runs(50) })).rejects.toThrow(/Property failed/);
  });
});

describe('G2: concurrent creations', () => {
  it('never get past the cap, whatever the cap and the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 8 }), async (s, cap, n) => {
        const { access, store } = await scheduledLibrary(s, { guestLinkCap: cap });
        await settle(s, access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
        const creates = Array.from({ length: n }, (_, i) =>
          access.createGuestLink({ actor: owner, entryId: 'video-1', name: `Link ${i}` }),
        );
        const results = await settle(s, Promise.all(creates));
        const created = results.filter((r) => r.ok).length;
        expect(created).toBe(Math.min(cap, n));
        for (const r of results) if (!r.ok) expect(r.code).toBe('GUEST_LINK_CAP_REACHED');
        expect(store.inspect().links).toHaveLength(created);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('G1, G10: the switch and the lock changed at once', () => {
  it('both changes land, in any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.boolean(), fc.boolean(), async (s, enabled, locked) => {
        const { access, store } = await scheduledLibrary(s);
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
        expect(store.inspect().guestAccess[0]).toMatchObject({ enabled, roomLocked: locked });
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('G10: moderators acting at once', () => {
  it('each decision wins only from the status it saw; the session ends as the last winner left it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.constantFrom('admit' as const, 'decline' as const), { minLength: 2, maxLength: 6 }),
        async (s, moves) => {
          const { access, store, log } = await scheduledLibrary(s);
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
          // The store's winning moves, in the order they ran: each from the status the one before left.
          const wins = log.filter((e) => e.method === 'moveSession' && e.result !== null);
          let status = 'waiting';
          for (const win of wins) {
            expect(win.args[2]).toBe(status);
            status = (win.result as { status: string }).status;
          }
          expect(store.inspect().sessions[0]!.status).toBe(status);
          for (const [i, r] of results.entries()) {
            const wanted = moves[i] === 'admit' ? 'admitted' : 'declined';
            if (r.ok) expect(r.value.status).toBe(wanted);
            else expect(r.code).toBe('SESSION_CHANGED');
          }
          // A call that lost was refused, and no more calls succeeded than won in the store or found it done.
          expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(wins.length);
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe('G10: admit all and decline all racing joins and single decisions', () => {
  it('every move is from the status the guest had, every call answers exactly the guests it moved, and admit-alls and decline-alls alone leave nobody waiting', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.constantFrom('admitAll' as const, 'declineAll' as const, 'join' as const, 'admitFirst' as const, 'declineFirst' as const), { minLength: 1, maxLength: 6 }),
        async (s, before, acts) => {
          const { access, store, log } = await scheduledLibrary(s);
          const setup = (async () => {
            ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
            ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
            const link = ok(await access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'L' }));
            const waiting = [];
            for (let i = 0; i < before; i++) waiting.push(ok(await access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org` })));
            return { link, waiting };
          })();
          await settle(s, setup);
          const { link, waiting } = await setup;
          const first = waiting[0]?.session.id;
          const calls = acts.map((act, i) => {
            const actor = { actor: owner, entryId: 'room-1' };
            if (act === 'admitAll') return access.admitAllGuests(actor);
            if (act === 'declineAll') return access.declineAllGuests(actor);
            if (act === 'join') return access.joinGuestLink({ token: link.token, name: `J${i}`, email: `j${i}@example.org` });
            if (first === undefined) return Promise.resolve(null);
            return act === 'admitFirst' ? access.admitGuest({ ...actor, sessionId: first }) : access.declineGuest({ ...actor, sessionId: first });
          });
          const results = await settle(s, Promise.all(calls));
          // The store's moves, as they ran: every session moved from the status it had just before.
          const moved = log.flatMap((e) =>
            e.method === 'moveWaiting' ? (e.result as { id: string; status: string }[]).map((x) => ({ id: x.id, from: 'waiting', to: x.status })) : e.method === 'moveSession' && e.result !== null ? [{ id: e.args[1] as string, from: e.args[2] as string, to: (e.result as { status: string }).status }] : [],
          );
          const status = new Map<string, string>();
          for (const session of [...log.filter((e) => e.method === 'joinGuest' && (e.result as { status: string }).status === 'joined').map((e) => (e.result as { session: { id: string; status: string } }).session)]) status.set(session.id, session.status);
          for (const move of moved) {
            expect(status.get(move.id)).toBe(move.from);
            status.set(move.id, move.to);
          }
          for (const session of store.inspect().sessions) expect(session.status).toBe(status.get(session.id));
          // Each admit-all and decline-all answers exactly the sessions its store calls moved.
          const pageMoves = log.filter((e) => e.method === 'moveWaiting');
          const answered = results.flatMap((r, i) => (acts[i] === 'admitAll' || acts[i] === 'declineAll') && r !== null && r.ok ? (r.value as readonly { id: string }[]).map((x) => x.id) : []);
          expect(answered.sort()).toEqual(pageMoves.flatMap((e) => (e.result as { id: string }[]).map((x) => x.id)).sort());
          // An admit-all or decline-all whose last page came back short left nobody waiting of those joined before it began.
          if (acts.every((act) => act === 'admitAll' || act === 'declineAll')) expect(store.inspect().sessions.filter((x) => x.status === 'waiting')).toEqual([]);
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe('G1, G10: no join lands after a switch-off, a lock or a decline has landed', () => {
  const setupRoom = async (s: fc.Scheduler, access: Awaited<ReturnType<typeof scheduledLibrary>>['access']) => {
    const setup = (async () => {
      ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'L' }));
      const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
      return { link, ada };
    })();
    await settle(s, setup);
    return setup;
  };

  it('a join racing a switch-off: joined only if its use was taken before the switch landed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 4 }), async (s, n) => {
        const { access, log } = await scheduledLibrary(s);
        const { link } = await setupRoom(s, access);
        log.length = 0;
        const joins = Array.from({ length: n }, (_, i) => access.joinGuestLink({ token: link.token, name: 'G', email: `g${i}@example.org` }));
        const off = access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: false });
        const [results] = await settle(s, Promise.all([Promise.all(joins), off]));
        const offAt = log.findIndex((e) => e.method === 'updateGuestAccess');
        const joinedAt = log.flatMap((e, i) => (e.method === 'joinGuest' && (e.result as { status: string }).status === 'joined' ? [i] : []));
        for (const at of joinedAt) expect(at).toBeLessThan(offAt);
        for (const r of results) if (!r.ok) expect(r.code).toBe('GUEST_ACCESS_OFF');
        expect(results.filter((r) => r.ok).length).toBe(joinedAt.length);
      }),
      { numRuns: runs(150) },
    );
  });

  it('a join racing a lock: admitted only if it landed before the lock, waiting after', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 4 }), async (s, n) => {
        const { access, log } = await scheduledLibrary(s);
        const { link } = await setupRoom(s, access);
        log.length = 0;
        const joins = Array.from({ length: n }, (_, i) => access.joinGuestLink({ token: link.token, name: 'G', email: `g${i}@example.org` }));
        const lock = access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true });
        const [results] = await settle(s, Promise.all([Promise.all(joins), lock]));
        const lockAt = log.findIndex((e) => e.method === 'updateGuestAccess');
        for (const [i, e] of log.entries()) {
          if (e.method !== 'joinGuest') continue;
          expect((e.result as { session: { status: string } }).session.status).toBe(i < lockAt ? 'admitted' : 'waiting');
        }
        expect(results.every((r) => r.ok)).toBe(true);
      }),
      { numRuns: runs(150) },
    );
  });

  it('a guest declined during their own rejoin never gets in: the new session reads declined or the join is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.constantFrom('ada@example.org', 'ADA+again@example.org', 'аda@example.org'), async (s, email) => {
        const { access, store } = await scheduledLibrary(s);
        const { link, ada } = await setupRoom(s, access);
        const rejoin = access.joinGuestLink({ token: link.token, name: 'Ada', email });
        const decline = access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: ada.session.id });
        const [joined, declined] = await settle(s, Promise.all([rejoin, decline]));
        expect(declined.ok).toBe(true);
        if (joined.ok) {
          const check = await settle(s, access.checkGuestSession({ token: joined.value.token, entryId: 'room-1' }));
          expect(check).toMatchObject({ ok: false, code: 'GUEST_DECLINED' });
        } else {
          expect(joined.code).toBe('GUEST_DECLINED');
        }
        expect(store.inspect().sessions.filter((x) => x.status !== 'declined')).toEqual([]);
      }),
      { numRuns: runs(150) },
    );
  });
});
