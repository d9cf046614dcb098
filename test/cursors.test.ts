/**
 * R2: a list's cursor is opaque and tamper-evident. It is signed by the key ring under a label of
 * its own and bound to its list, its entry (or, for an invitee's own list, the address) and its
 * filter: anything else given as `cursor` — another list's, another entry's, another filter's, a
 * cursor with one character changed, cut short or lengthened, a link token, garbage — is
 * `INVALID_CURSOR`, and nothing changes. Paging still visits every item exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttpHandler, HTTP_STATUS } from '../src/http';
import type { Claimant, InviteState } from '../src/invites';
import { createGuestLinks, createKeyRing, type Actor, type GuestSessionStatus, type KeyRing } from '../src/index';
import { claimant, harness, inviteHarness, linkOn, ok, owner, SECRET } from './harness';
import { runs } from './support/runs';

type World = Awaited<ReturnType<typeof inviteHarness>>;
type Listed = { ok: true; value: { items: readonly unknown[]; next: string | null } } | { ok: false; code: string; reasons: readonly { code: string; path?: readonly (string | number)[] | undefined }[] };

/** One list as a client pages it: which list, which entry or address, which filter. */
type Place =
  | { readonly list: 'listGuests'; readonly entryId: string; readonly status: GuestSessionStatus | null }
  | { readonly list: 'listInvites'; readonly entryId: string; readonly state: InviteState | null }
  | { readonly list: 'listInvitesFor'; readonly claimant: Claimant };

const nameOf = (place: Place) =>
  place.list === 'listInvitesFor' ? `listInvitesFor(${place.claimant.email})` : `${place.list}(${place.entryId}, ${place.list === 'listGuests' ? place.status : place.state})`;

function listAt(w: World, place: Place, cursor: unknown, limit = 1): Promise<Listed> {
  switch (place.list) {
    case 'listGuests':
      return w.access.listGuests({ actor: owner, entryId: place.entryId, status: place.status, limit, cursor: cursor as string });
    case 'listInvites':
      return w.invites.listInvites({ actor: owner, entryId: place.entryId, state: place.state, limit, cursor: cursor as string });
    case 'listInvitesFor':
      return w.invites.listInvitesFor({ claimant: place.claimant, limit, cursor: cursor as string });
  }
}

const ada = claimant('u-ada', 'ada@example.org');
const bob = claimant('u-bob', 'bob@example.org');

/** Every place below has at least two items, so its first page of one has a `next`. */
const PLACES: readonly Place[] = [
  { list: 'listGuests', entryId: 'video-1', status: null },
  { list: 'listGuests', entryId: 'video-1', status: 'admitted' },
  { list: 'listGuests', entryId: 'room-1', status: null },
  { list: 'listGuests', entryId: 'room-1', status: 'admitted' },
  { list: 'listGuests', entryId: 'room-1', status: 'waiting' },
  { list: 'listGuests', entryId: 'room-1', status: 'declined' },
  { list: 'listInvites', entryId: 'video-1', state: null },
  { list: 'listInvites', entryId: 'video-1', state: 'pending' },
  { list: 'listInvites', entryId: 'video-1', state: 'revoked' },
  { list: 'listInvites', entryId: 'room-1', state: null },
  { list: 'listInvites', entryId: 'room-1', state: 'pending' },
  { list: 'listInvites', entryId: 'room-1', state: 'revoked' },
  { list: 'listInvitesFor', claimant: ada },
  { list: 'listInvitesFor', claimant: bob },
];

/** Guests and invites on two entries, in every status the places above filter by. */
async function populated(w: World) {
  for (const entryId of ['video-1', 'room-1']) {
    const link = await linkOn(w.access, entryId, { useLimit: 1_000 });
    for (let i = 0; i < 2; i++) ok(await w.access.joinGuestLink({ token: link.token, name: `In ${i}`, email: `in${i}-${entryId}@example.org` }));
    if (entryId === 'room-1') {
      ok(await w.access.setRoomLock({ actor: owner, entryId, locked: true }));
      const waiting = [];
      for (let i = 0; i < 4; i++) waiting.push(ok(await w.access.joinGuestLink({ token: link.token, name: `Wait ${i}`, email: `wait${i}@example.org` })));
      for (const joined of waiting.slice(0, 2)) ok(await w.access.declineGuest({ actor: owner, entryId, sessionId: joined.session.id }));
    }
    ok(await w.invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: [ada.email, bob.email], send: false }));
    const gone = ok(await w.invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: [`gone1-${entryId}@example.org`, `gone2-${entryId}@example.org`], send: false }));
    for (const outcome of gone) if (outcome.status === 'invited') ok(await w.invites.revokeInvite({ actor: owner, entryId, inviteId: outcome.invite.id }));
  }
  ok(await w.invites.createInvites({ actor: owner, entryId: 'video-2', role: 'viewer', emails: [ada.email], send: false }));
}

async function world() {
  const w = await inviteHarness({ rules: { pendingInviteCap: 10_000 } });
  await populated(w);
  const cursors = new Map<Place, string>();
  for (const place of PLACES) {
    const first = await listAt(w, place, null, 1);
    if (!first.ok || first.value.next === null) throw new Error(`${nameOf(place)} gave no cursor`);
    cursors.set(place, first.value.next);
  }
  const snapshot = () => JSON.stringify([w.state(), w.store.inspect()]);
  return { ...w, cursors, snapshot };
}

/** The refusal a client gets for a cursor that is not one this list gave. */
async function expectInvalidCursor(w: Awaited<ReturnType<typeof world>>, place: Place, cursor: unknown) {
  const before = w.snapshot();
  const result = await listAt(w, place, cursor);
  expect(result.ok ? 'accepted' : [result.code, result.reasons[0]!.path], `${nameOf(place)} with ${JSON.stringify(cursor)}`).toEqual(['INVALID_CURSOR', ['cursor']]);
  expect(w.snapshot()).toBe(before);
}

const URL_SAFE = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~'];

describe('list cursors (R2)', () => {
  it('a cursor works on the list, entry and filter it was made for', async () => {
    const w = await world();
    for (const place of PLACES) {
      const next = await listAt(w, place, w.cursors.get(place)!, 1);
      expect(next.ok, nameOf(place)).toBe(true);
      // URL-safe: it goes into a query string as it is.
      expect(encodeURIComponent(w.cursors.get(place)!)).toBe(w.cursors.get(place));
    }
  });

  it('property: a cursor made for one (list, entry, filter) is INVALID_CURSOR for every other', async () => {
    const w = await world();
    const pairs = fc.tuple(fc.constantFrom(...PLACES), fc.constantFrom(...PLACES)).filter(([made, used]) => made !== used);
    await fc.assert(
      fc.asyncProperty(pairs, async ([made, used]) => {
        await expectInvalidCursor(w, used, w.cursors.get(made)!);
      }),
      { numRuns: runs(300) },
    );
  });

  it('property: any single-character change of a valid cursor is refused', async () => {
    const w = await world();
    const changed = fc
      .record({
        place: fc.constantFrom(...PLACES),
        at: fc.nat(),
        by: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...URL_SAFE) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
      })
      .map(({ place, at, by }) => {
        const cursor = w.cursors.get(place)!;
        const i = at % cursor.length;
        return { place, cursor: cursor.slice(0, i) + by + cursor.slice(i + 1), same: cursor[i] === by };
      })
      .filter(({ same }) => !same);
    await fc.assert(
      fc.asyncProperty(changed, async ({ place, cursor }) => {
        await expectInvalidCursor(w, place, cursor);
      }),
      { numRuns: runs(500) },
    );
  });

  it('every one-character change of one cursor, at every position, is refused', async () => {
    const w = await world();
    const place = PLACES[0]!;
    const cursor = w.cursors.get(place)!;
    for (let i = 0; i < cursor.length; i++) {
      for (const by of URL_SAFE) {
        if (by === cursor[i]) continue;
        const result = await listAt(w, place, cursor.slice(0, i) + by + cursor.slice(i + 1));
        if (result.ok || result.code !== 'INVALID_CURSOR') expect.fail(`accepted a change at ${i} to ${by}`);
      }
    }
  });

  it('a cursor cut short, lengthened or over-long is refused', async () => {
    const w = await world();
    for (const place of PLACES) {
      const cursor = w.cursors.get(place)!;
      for (let length = 0; length < cursor.length; length++) await expectInvalidCursor(w, place, cursor.slice(0, length));
      for (const more of ['A', '0', '.', '-', '_', '.k1', cursor]) await expectInvalidCursor(w, place, cursor + more);
      await expectInvalidCursor(w, place, `A${cursor}`);
    }
    await expectInvalidCursor(w, PLACES[0]!, 'A'.repeat(1_000_000));
  });

  it('a link, session or invite token, an id, or garbage is not a cursor; a cursor is not a token', async () => {
    const w = await world();
    const link = await linkOn(w.access, 'video-2');
    const joined = ok(await w.access.joinGuestLink({ token: link.token, name: 'Tok', email: 'tok@example.org' }));
    const [invited] = ok(await w.invites.createInvites({ actor: owner, entryId: 'video-2', role: 'viewer', emails: ['carol@example.org'], send: false }));
    if (invited?.status !== 'invited') throw new Error('expected an invite');
    const guests = ok(await w.access.listGuests({ actor: owner, entryId: 'video-1' })).items;
    const notCursors = [link.token, joined.token, invited.invite.token, link.id, joined.session.id, guests[0]!.id, invited.invite.id, '01J00000000000000000000000'];
    for (const place of PLACES) for (const value of notCursors) await expectInvalidCursor(w, place, value);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PLACES), fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9A-Z]{26}(\.[A-Za-z0-9_-]{1,40}){0,3}$/)), async (place, garbage) => {
        await expectInvalidCursor(w, place, garbage);
      }),
      { numRuns: runs(300) },
    );
    // And the other way: a cursor opens no link, session or invite.
    for (const cursor of w.cursors.values()) {
      expect(await w.access.openGuestLink({ token: cursor })).toMatchObject({ ok: false, code: 'LINK_INVALID' });
      expect(await w.access.checkGuestSession({ token: cursor, entryId: 'video-1' })).toMatchObject({ ok: false, code: 'SESSION_INVALID' });
      expect(await w.invites.openInvite({ token: cursor })).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    }
  });

  it('an invitee’s cursor is bound to the address, not to the user id or its spelling', async () => {
    const w = await world();
    const cursor = w.cursors.get(PLACES.find((p) => p.list === 'listInvitesFor' && p.claimant === ada)!)!;
    const sameAddress = claimant('u-other', ' ADA@Example.org ');
    expect(await w.invites.listInvitesFor({ claimant: sameAddress, limit: 1, cursor })).toMatchObject({ ok: true });
  });

  it('another page size goes on from the same place: limit is not bound', async () => {
    const w = await world();
    const place = PLACES[2]!;
    const all = ok(await listAt(w, place, null, 100)).items;
    const rest = ok(await listAt(w, place, w.cursors.get(place)!, 100)).items;
    expect(rest).toEqual(all.slice(1));
  });

  it('a cursor signed by a key still held is valid; by a retired key, INVALID_CURSOR', async () => {
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const g = await harness({ options: { keyRing } });
    const i = await inviteHarness({ keyRing });
    const w = { ...i, access: g.access, state: g.state } as unknown as World;
    await populated(w);
    const madeWithK1 = new Map<Place, string>();
    for (const place of PLACES) madeWithK1.set(place, ok(await listAt(w, place, null)).next!);
    await keyRing.rotate({ id: 'k2', secret: 'a second secret, also comfortably longer than 32 bytes' });
    for (const place of PLACES) {
      expect(await listAt(w, place, madeWithK1.get(place)!), nameOf(place)).toMatchObject({ ok: true });
      const madeWithK2 = ok(await listAt(w, place, null)).next!;
      expect(madeWithK2).not.toBe(madeWithK1.get(place));
    }
    keyRing.retire('k1');
    for (const place of PLACES) expect(await listAt(w, place, madeWithK1.get(place)!), nameOf(place)).toMatchObject({ ok: false, code: 'INVALID_CURSOR' });
  });

  it('a key ring of the host’s own pages alike; a ring that fails is KEY_RING_FAILED', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    // The port alone, without the library ring's own ways.
    const plain: KeyRing = { signingKeyId: () => ring.signingKeyId(), sign: (id, data) => ring.sign(id, data), verify: (id, data, mac) => ring.verify(id, data, mac) };
    const g = await harness({ options: { keyRing: plain } });
    const link = await linkOn(g.access, 'video-1');
    for (let i = 0; i < 3; i++) ok(await g.access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org` }));
    const first = ok(await g.access.listGuests({ actor: owner, entryId: 'video-1', limit: 1 }));
    expect(ok(await g.access.listGuests({ actor: owner, entryId: 'video-1', limit: 5, cursor: first.next })).items).toHaveLength(2);
    const flipped = first.next!.slice(0, -1) + (first.next!.endsWith('A') ? 'B' : 'A');
    expect(await g.access.listGuests({ actor: owner, entryId: 'video-1', cursor: flipped })).toMatchObject({ ok: false, code: 'INVALID_CURSOR' });

    const over = (keyRing: KeyRing) => createGuestLinks({ store: g.store, directory: g.directory, clock: g.clock, keyRing, guestLinkUrl: (token) => `https://media.example.org/guest/${token}` });
    const down = () => {
      throw new Error('the key service is down');
    };
    const thrown = (call: Promise<unknown>) => call.then(() => null, (error: { code?: string; message?: string }) => [error.code, error.message]);
    expect(await thrown(over({ ...plain, verify: down }).listGuests({ actor: owner, entryId: 'video-1', limit: 1, cursor: first.next }))).toEqual([
      'KEY_RING_FAILED',
      'The key ring could not verify a page cursor.',
    ]);
    expect(await thrown(over({ ...plain, sign: down }).listGuests({ actor: owner, entryId: 'video-1', limit: 1 }))).toEqual([
      'KEY_RING_FAILED',
      'The key ring could not sign a page cursor.',
    ]);
    // The last page needs no cursor, so it needs no signature either.
    expect(await over({ ...plain, sign: down }).listGuests({ actor: owner, entryId: 'video-1' })).toMatchObject({ ok: true });
  });

  it('property: paging visits every item there was at the start exactly once, in order, while more are added', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('listGuests', 'listInvites', 'listInvitesFor'),
        fc.boolean(),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 20 }),
        async (list, filtered, count, limit, adds) => {
          const w = await inviteHarness({ rules: { pendingInviteCap: 10_000 } });
          const link = await linkOn(w.access, 'video-1', { useLimit: 10_000 });
          const inviteEntries = ['video-1', 'video-2', 'room-1', 'event-1', 'chan-1', 'gallery-1'];
          let made = 0;
          const add = async () => {
            const n = made++;
            if (list === 'listGuests') ok(await w.access.joinGuestLink({ token: link.token, name: `G${n}`, email: `g${n}@example.org` }));
            else if (list === 'listInvites') ok(await w.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: [`i${n}@example.org`], send: false }));
            else if (n < inviteEntries.length) ok(await w.invites.createInvites({ actor: owner, entryId: inviteEntries[n]!, role: 'viewer', emails: [ada.email], send: false }));
            w.clock.advance(1);
          };
          const place: Place =
            list === 'listGuests'
              ? { list, entryId: 'video-1', status: filtered ? 'admitted' : null }
              : list === 'listInvites'
                ? { list, entryId: 'video-1', state: filtered ? 'pending' : null }
                : { list, claimant: ada };
          for (let n = 0; n < (list === 'listInvitesFor' ? Math.min(count, 3) : count); n++) await add();
          const idOf = (item: unknown) => (item as { id?: string; inviteId?: string }).id ?? (item as { inviteId: string }).inviteId;
          const atStart = ok(await listAt(w, place, null, 1000)).items.map(idOf);
          const seen: string[] = [];
          let cursor: string | null = null;
          let page = 0;
          do {
            const value: { items: readonly unknown[]; next: string | null } = ok(await listAt(w, place, cursor, limit));
            expect(value.items.length).toBeLessThanOrEqual(limit);
            seen.push(...value.items.map(idOf));
            cursor = value.next;
            for (let k = 0; k < (adds[page++] ?? 0); k++) await add();
          } while (cursor !== null);
          expect(new Set(seen).size).toBe(seen.length);
          expect(atStart.every((id) => seen.includes(id))).toBe(true);
          expect([...seen].sort()).toEqual(seen);
        },
      ),
      { numRuns: runs(60) },
    );
  });
});

describe('list cursors over HTTP', () => {
  async function http() {
    const w = await world();
    const users: Record<string, Actor> = { owner };
    const claimants: Record<string, Claimant> = { ada, bob };
    const handler = createHttpHandler({
      guestLinks: w.access,
      inviteLinks: w.invites,
      authenticate: (request) => users[request.headers.get('x-user') ?? ''] ?? null,
      claimant: (request) => claimants[request.headers.get('x-user') ?? ''] ?? null,
      clock: w.clock,
    });
    const get = async (path: string, user: string) => {
      const response = await handler(new Request(`https://media.example.org/access-links${path}`, { headers: { 'x-user': user } }));
      return { status: response.status, body: (await response.json()) as { items?: unknown[]; next?: string | null; code?: string } };
    };
    return { ...w, get };
  }

  it("a page's next is the next request's cursor, as it is in the query string; a tampered one is INVALID_CURSOR", async () => {
    const w = await http();
    for (const [path, user, other] of [
      ['/entries/room-1/guests?limit=1', 'owner', '/entries/video-1/guests?limit=1'],
      ['/entries/room-1/guests?limit=1&status=waiting', 'owner', '/entries/room-1/guests?limit=1&status=declined'],
      ['/entries/video-1/invites?limit=1', 'owner', '/entries/room-1/invites?limit=1'],
      ['/received-invites?limit=1', 'ada', '/entries/video-1/invites?limit=1'],
    ] as const) {
      const first = await w.get(path, user);
      expect(first.status, path).toBe(200);
      const next = first.body.next!;
      expect(typeof next).toBe('string');
      const second = await w.get(`${path}&cursor=${next}`, user);
      expect(second.status, path).toBe(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items).not.toEqual(first.body.items);
      const flipped = next.slice(0, 5) + (next[5] === 'A' ? 'B' : 'A') + next.slice(6);
      for (const [bad, at, as] of [
        [flipped, path, user],
        [next.slice(0, -1), path, user],
        [next, other, 'owner'],
      ] as const) {
        const refused = await w.get(`${at}&cursor=${encodeURIComponent(bad)}`, as);
        expect([refused.status, refused.body.code], `${at} ${bad}`).toEqual([HTTP_STATUS.INVALID_CURSOR, 'INVALID_CURSOR']);
      }
    }
  });
});

