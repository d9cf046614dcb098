/**
 * Holes an outside review found in the guest-link side, each closed as a rule of the library:
 * host data is validated, a thrown operation has written nothing, every reason on every path,
 * a list that tells the truth, declines that act on the guest, readable names, waiting is not
 * admitted, values every store can hold, keys that can work.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AccessLinksError,
  createGuestLinks,
  createKeyRing,
  guestEmailKey,
  isAccessLinksError,
  MAX_USE_LIMIT,
  normalizeName,
  type GuestLinks,
  type Entry,
  type KeyRing,
} from '../src/index';
import { SECRET, admin, coEditor, entries, harness, linkOn, moderator, ok, owner, stranger } from './harness';
import { runs } from './support/runs';

/** Every operation that reads an entry from the directory, called with good input. */
async function entryOperations(access: GuestLinks, link: { token: string; id: string }, session: { id: string; token: string }) {
  return {
    setGuestAccess: () => access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }),
    createGuestLink: () => access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'L' }),
    listGuestLinks: () => access.listGuestLinks({ actor: owner, entryId: 'room-1' }),
    deleteGuestLink: () => access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id }),
    openGuestLink: () => access.openGuestLink({ token: link.token }),
    joinGuestLink: () => access.joinGuestLink({ token: link.token, name: 'G', email: 'g@example.org' }),
    checkGuestSession: () => access.checkGuestSession({ token: session.token, entryId: 'room-1' }),
    setRoomLock: () => access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }),
    admitGuest: () => access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: session.id }),
    declineGuest: () => access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: session.id }),
    admitAllGuests: () => access.admitAllGuests({ actor: owner, entryId: 'room-1' }),
    declineAllGuests: () => access.declineAllGuests({ actor: owner, entryId: 'room-1' }),
    listGuests: () => access.listGuests({ actor: owner, entryId: 'room-1' }),
  };
}

async function populatedRoom() {
  const h = await harness();
  const link = await linkOn(h.access, 'room-1', { useLimit: 50 });
  const joined = ok(await h.access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
  return { ...h, link, session: { id: joined.session.id, token: joined.token } };
}

const room = entries.find((e) => e.id === 'room-1')!;

describe('1. host data is validated, never trusted (S2, G11)', () => {
  const brokenEntries: [string, unknown][] = [
    ['coEditorIds as a string', { ...room, coEditorIds: 'u-co,u-x' }],
    ['coEditorIds with a number', { ...room, coEditorIds: ['u-co', 7] }],
    ['moderatorIds as a string', { ...room, moderatorIds: 'u-mod' }],
    ['moderatorIds as null', { ...room, moderatorIds: null }],
    ['memberRoles as an array', { ...room, memberRoles: [['u-mod', 'moderator']] }],
    ['memberRoles with a number', { ...room, memberRoles: { 'u-mod': 3 } }],
    ['available as a string', { ...room, available: 'true' }],
    ['type empty', { ...room, type: '' }],
    ['title as a number', { ...room, title: 42 }],
    ['ownerId missing', { ...room, ownerId: undefined }],
    ['another entry', { ...room, id: 'room-2' }],
    ['a string', 'room-1'],
    ['an array', [room]],
  ];

  it.each(brokenEntries)('an entry with %s is DIRECTORY_FAILED on every operation, never a TypeError or a refusal', async (_, broken) => {
    const { access, directory, link, session, store } = await populatedRoom();
    const before = JSON.stringify(store.inspect());
    directory.getEntry = async () => broken as Entry;
    for (const [name, call] of Object.entries(await entryOperations(access, link, session))) {
      const error = await call().then(
        (result) => new Error(`${name} answered ${JSON.stringify(result).slice(0, 120)}`),
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(AccessLinksError);
      expect((error as AccessLinksError).code, name).toBe('DIRECTORY_FAILED');
    }
    expect(JSON.stringify(store.inspect())).toBe(before);
  });

  it('a string of co-editor ids never becomes a substring match', async () => {
    const { access, directory } = await harness();
    directory.put({ ...entries[0]!, coEditorIds: 'u-co,u-x' as never });
    await expect(access.setGuestAccess({ actor: coEditor, entryId: 'video-1', enabled: true })).rejects.toMatchObject({ code: 'DIRECTORY_FAILED' });
  });

  const brokenSites: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['the string "false"', 'false'],
    ['a field "false"', { inviteToMediaModule: 'false', mediaPage: true }],
    ['a missing field', { inviteToMediaModule: true }],
    ['a field 0', { inviteToMediaModule: true, mediaPage: 0 }],
  ];

  it.each(brokenSites)('site features of %s are DIRECTORY_FAILED, not "off" and not a crash', async (_, site) => {
    const { access, directory, link, session } = await populatedRoom();
    directory.getSiteFeatures = async () => site as never;
    for (const [name, call] of Object.entries(await entryOperations(access, link, session))) {
      await expect(call(), name).rejects.toMatchObject({ code: 'DIRECTORY_FAILED' });
    }
  });

  it('an entry whose getters throw, or a revoked proxy, is DIRECTORY_FAILED', async () => {
    const { access, directory } = await populatedRoom();
    const throwing = Object.defineProperty({ ...room }, 'ownerId', { get: () => { throw new Error('getter'); }, enumerable: true });
    const { proxy, revoke } = Proxy.revocable({ ...room }, {});
    revoke();
    for (const answer of [throwing, proxy]) {
      directory.getEntry = async () => answer as Entry;
      await expect(access.listGuestLinks({ actor: owner, entryId: 'room-1' })).rejects.toMatchObject({ code: 'DIRECTORY_FAILED' });
    }
  });

  it('fields are own properties only: a polluted prototype makes nobody an admin, a co-editor or a moderator', async () => {
    const { access, directory } = await harness();
    const proto = Object.prototype as Record<string, unknown>;
    proto['admin'] = true;
    proto['coEditorIds'] = [stranger.userId];
    proto['moderatorIds'] = [stranger.userId];
    proto['memberRoles'] = { [stranger.userId]: 'moderator' };
    try {
      directory.put({ id: 'bare', type: 'room', ownerId: owner.userId, available: true });
      for (const call of [
        access.setGuestAccess({ actor: { userId: stranger.userId }, entryId: 'bare', enabled: true }),
        access.setRoomLock({ actor: { userId: stranger.userId }, entryId: 'bare', locked: true }),
        access.listGuests({ actor: { userId: stranger.userId }, entryId: 'bare' }),
      ]) {
        expect(await call).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
      }
    } finally {
      for (const key of ['admin', 'coEditorIds', 'moderatorIds', 'memberRoles']) delete proto[key];
    }
  });

  it('any input, even getters that throw or revoked proxies, gets a typed refusal', async () => {
    const { access, link, session, state } = await populatedRoom();
    const before = JSON.stringify(state());
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    const throwing = (field: string, good: Record<string, unknown>) =>
      Object.defineProperty({ ...good }, field, { get: () => { throw new Error('getter'); }, enumerable: true });
    const operations = await entryOperations(access, link, session);
    const goods: Record<string, Record<string, unknown>> = {
      setGuestAccess: { actor: owner, entryId: 'room-1', enabled: true },
      createGuestLink: { actor: owner, entryId: 'room-1', name: 'L' },
      joinGuestLink: { token: link.token, name: 'G', email: 'g@example.org' },
      admitGuest: { actor: owner, entryId: 'room-1', sessionId: session.id },
      checkGuestSession: { token: session.token, entryId: 'room-1' },
    };
    for (const name of Object.keys(operations)) {
      const method = (access as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name]!;
      expect(await method(revoked()), name).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    for (const [name, good] of Object.entries(goods)) {
      const method = (access as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name]!;
      for (const field of Object.keys(good)) {
        const result = await method(throwing(field, good));
        expect(result, `${name}.${field} throwing`).toMatchObject({ ok: false });
        const withRevoked = await method({ ...good, [field]: revoked() });
        expect(withRevoked, `${name}.${field} revoked`).toMatchObject({ ok: false });
      }
    }
    expect(JSON.stringify(state())).toBe(before);
  });

  it('options that are a revoked proxy are INVALID_OPTIONS', async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => createGuestLinks(proxy as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});

describe('2. a thrown operation has written nothing (S2)', () => {
  /** A key ring whose signing can be made to fail. */
  async function failingRing() {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    let failing = false;
    const keyRing: KeyRing = {
      signingKeyId: () => ring.signingKeyId(),
      sign: (id, data) => (failing ? Promise.reject(new Error('hsm offline')) : ring.sign(id, data)),
      verify: (id, data, mac) => ring.verify(id, data, mac),
    };
    return { keyRing, fail: (on: boolean) => (failing = on) };
  }

  it('createGuestLink whose signing fails stores no link; a retry makes exactly one', async () => {
    const base = await harness();
    const { keyRing, fail } = await failingRing();
    const access = createGuestLinks({ store: base.store, directory: base.directory, keyRing, guestLinkUrl: (t) => t });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    fail(true);
    await expect(access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' })).rejects.toMatchObject({ code: 'KEY_RING_FAILED' });
    expect(base.store.inspect().links).toEqual([]);
    fail(false);
    ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' }));
    expect(base.store.inspect().links).toHaveLength(1);
  });

  it('createGuestLink whose guestLinkUrl throws stores nothing and says INVALID_OPTIONS with the cause', async () => {
    const base = await harness();
    let throwing = true;
    const access = createGuestLinks({
      store: base.store,
      directory: base.directory,
      keyRing: base.keyRing,
      guestLinkUrl: (t) => {
        if (throwing) throw new Error('no base URL configured');
        return `https://x.example/${t}`;
      },
    });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    for (let i = 0; i < 5; i++) {
      await expect(access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' })).rejects.toMatchObject({
        code: 'INVALID_OPTIONS',
        cause: { message: 'no base URL configured' },
      });
    }
    expect(base.store.inspect().links).toEqual([]);
    throwing = false;
    expect(ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' })).url).toMatch(/^https:\/\/x\.example\//);
  });

  it('a join whose signing fails takes no use', async () => {
    const base = await harness();
    const { keyRing, fail } = await failingRing();
    const access = createGuestLinks({ store: base.store, directory: base.directory, keyRing, guestLinkUrl: (t) => t });
    const link = await linkOn(access, 'video-1', { useLimit: 1 });
    fail(true);
    await expect(access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })).rejects.toMatchObject({ code: 'KEY_RING_FAILED' });
    expect(base.store.inspect().links[0]!.uses).toBe(0);
    fail(false);
    ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
  });

  it('a notifier that throws, and an onNotifierError that throws too, never turn a stored change into a thrown operation', async () => {
    const base = await harness();
    const told: string[] = [];
    const access = createGuestLinks({
      store: base.store,
      directory: base.directory,
      keyRing: base.keyRing,
      guestLinkUrl: (t) => t,
      notifier: { publish: async (event) => { throw new Error(`sink down at ${event.type}`); }, subscribe: () => () => undefined },
      onNotifierError: (error) => {
        told.push((error as Error).message);
        throw new Error('the error handler fails too');
      },
    });
    const link = await linkOn(access, 'room-1');
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id }));
    expect(told).toEqual([
      'sink down at guest_access.changed',
      'sink down at guest_link.created',
      'sink down at guest.joined',
      'sink down at guest.declined',
      'sink down at guest_link.deleted',
    ]);
  });
});

describe('3. every reason, on every path (G7)', () => {
  type World = { available: boolean; supported: boolean; modules: boolean; enabled: boolean };
  const expected = (w: World) =>
    [
      !w.available && 'ENTRY_UNAVAILABLE',
      !w.supported && 'ENTRY_TYPE_UNSUPPORTED',
      !w.modules && 'INVITE_TO_MEDIA_MODULE_OFF',
      !w.modules && 'MEDIA_PAGE_OFF',
      !w.enabled && 'GUEST_ACCESS_OFF',
    ].filter((code): code is string => code !== false);

  it('open, join and refresh carry the same reasons, in the same order, whatever combination applies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ available: fc.boolean(), supported: fc.boolean(), modules: fc.boolean(), enabled: fc.boolean() }),
        async (world) => {
          const { access, directory } = await harness();
          const link = await linkOn(access, 'video-1', { useLimit: 10 });
          const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
          if (!world.enabled) ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: false }));
          directory.put({ ...entries[0]!, available: world.available, type: world.supported ? 'video' : 'channel-room' });
          directory.setSite({ inviteToMediaModule: world.modules, mediaPage: world.modules });
          const want = expected(world);
          const results = [
            await access.openGuestLink({ token: link.token }),
            await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org' }),
            await access.checkGuestSession({ token: joined.token, entryId: 'video-1' }),
          ];
          for (const result of results) {
            if (want.length === 0) expect(result.ok).toBe(true);
            else expect(result.ok ? [] : result.reasons.map((r) => r.code)).toEqual(want);
          }
        },
      ),
      { numRuns: runs(64) },
    );
  });

  it('an entry the directory no longer knows: unavailable, and guest access off when it is', async () => {
    const { access, directory } = await harness();
    const link = await linkOn(access, 'video-1');
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: false }));
    directory.remove('video-1');
    const opened = await access.openGuestLink({ token: link.token });
    expect(opened.ok ? [] : opened.reasons.map((r) => r.code)).toEqual(['ENTRY_UNAVAILABLE', 'GUEST_ACCESS_OFF']);
  });
});

describe('4. the list tells the truth (G4)', () => {
  it('a link listed active admits a guest, and one that does not admit is never listed active', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ available: fc.boolean(), supported: fc.boolean(), modules: fc.boolean(), enabled: fc.boolean(), usedUp: fc.boolean() }),
        async (world) => {
          const { access, directory } = await harness({ rules: { unsupportedGuestEntryTypes: ['channel-room'] } });
          const link = await linkOn(access, 'video-1', { useLimit: 1 });
          if (world.usedUp) ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
          if (!world.enabled) ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: false }));
          directory.put({ ...entries[0]!, available: world.available });
          // The owner's list needs a supported type and both modules; check it before changing them.
          const listed = ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' }));
          const state = listed.links[0]!.state;
          const joined = await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org' });
          expect(state === 'active').toBe(joined.ok);
          if (!world.usedUp && !joined.ok) {
            expect(state).toBe('inactive');
            expect(listed.inactiveReasons.map((r) => r.code)).toEqual(joined.reasons.map((r) => r.code));
          }
          if (world.usedUp) expect(state).toBe('used_up');
        },
      ),
      { numRuns: runs(64) },
    );
  });

  it('a link of an unavailable entry is listed inactive, with the entry’s reason', async () => {
    const { access, directory } = await harness();
    await linkOn(access, 'video-1');
    directory.put({ ...entries[0]!, available: false });
    const list = ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' }));
    expect(list.links[0]!.state).toBe('inactive');
    expect(list.inactiveReasons.map((r) => r.code)).toEqual(['ENTRY_UNAVAILABLE']);
  });
});

describe('5. declining acts on the guest, not on one row (G10)', () => {
  it('every session of the guest on the entry fails its next refresh', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1', { useLimit: 10 });
    const first = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const second = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'Ada+phone@Example.org' }));
    ok(await access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: first.session.id }));
    expect(await access.checkGuestSession({ token: second.token, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'GUEST_DECLINED' });
    const guests = ok(await access.listGuests({ actor: moderator, entryId: 'room-1' })).items;
    expect(guests.map((g) => g.status)).toEqual(['declined', 'declined']);
  });

  const disguises = [
    'ADA@EXAMPLE.ORG',
    'ada+again@example.org',
    ' ada@example.org ',
    'аda@example.org', // Cyrillic а
    'ａｄａ@example.org', // full-width
    'àda@example.org',
    'ad\u0061\u0301@example.org',
    'ada@ＥＸＡＭＰＬＥ.org',
  ];

  it.each(disguises)('a declined guest cannot rejoin as %j', async (email) => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'room-1', { useLimit: 10 });
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: ada.session.id }));
    const uses = state().links[0]!.uses;
    expect(await access.joinGuestLink({ token: link.token, name: 'Ada', email })).toMatchObject({ ok: false, code: 'GUEST_DECLINED' });
    expect(state().links[0]!.uses).toBe(uses);
  });

  it('the canonical key folds what a person could mistake, and keeps apart what they could not', () => {
    for (const email of disguises) expect(guestEmailKey(email.trim()), email).toBe('ada@example.org');
    expect(guestEmailKey('rnary@example.org')).toBe(guestEmailKey('mary@example.org'));
    expect(guestEmailKey('bob@example.org')).not.toBe(guestEmailKey('ada@example.org'));
    expect(guestEmailKey('ada@example.com')).not.toBe(guestEmailKey('ada@example.org'));
    // A domain that looks like another is another domain: only the local part is folded.
    expect(guestEmailKey('ada@exаmple.org')).not.toBe(guestEmailKey('ada@example.org'));
    expect(guestEmailKey('ada.l@example.org')).not.toBe(guestEmailKey('adal@example.org'));
  });

  it('a client key the host passes is blocked with the guest, whatever address comes next', async () => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'room-1', { useLimit: 10 });
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', clientKey: 'device-123' }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: ada.session.id }));
    expect(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org', clientKey: 'device-123' })).toMatchObject({
      code: 'GUEST_DECLINED',
    });
    ok(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org', clientKey: 'device-456' }));
    // The key is kept only as a digest.
    expect(JSON.stringify(state())).not.toContain('device-123');
  });

  it('a bad client key is INVALID_CLIENT_KEY', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1');
    for (const clientKey of ['', 'x'.repeat(201), 'a\nb', 7, '\ud800']) {
      expect(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', clientKey } as never)).toMatchObject({
        code: 'INVALID_CLIENT_KEY',
      });
    }
  });

  it('the moderator’s list shows a non-ASCII address escaped and flagged, a plain one as it is', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1', { useLimit: 10 });
    ok(await access.joinGuestLink({ token: link.token, name: 'Real', email: 'paypal@example.org' }));
    ok(await access.joinGuestLink({ token: link.token, name: 'Fake', email: 'pаypal@example.org' }));
    const [real, fake] = ok(await access.listGuests({ actor: owner, entryId: 'room-1' })).items;
    expect(real).toMatchObject({ guestEmail: 'paypal@example.org', guestEmailAscii: 'paypal@example.org', guestEmailNonAscii: false });
    expect(fake).toMatchObject({ guestEmailAscii: 'p\\u{430}ypal@example.org', guestEmailNonAscii: true });
  });
});

describe('6. names a person can read (S3)', () => {
  const invisible = ['\u200b', '\u200d\u200b', '\u3164', '\u2800', '\u115f\u1160', ' \u200b ', '\ufe0f', '\u00ad', '\u{e0041}'];
  const overrides = ['Ada\u202eevil', '\u2066Ada\u2069', 'a\u202ab', 'a\u202db'];

  it.each([...invisible, ...overrides])('refuses %j as a link name, a guest name and an inviter name', async (name) => {
    expect(normalizeName(name)).toBeNull();
    const { access } = await harness();
    const link = await linkOn(access, 'room-1');
    expect(await access.createGuestLink({ actor: owner, entryId: 'room-1', name })).toMatchObject({ code: 'INVALID_NAME' });
    expect(await access.joinGuestLink({ token: link.token, name, email: 'g@example.org' })).toMatchObject({ code: 'INVALID_NAME' });
    expect(await access.listGuestLinks({ actor: { userId: owner.userId, name } as never, entryId: 'room-1' })).toMatchObject({
      code: 'INVALID_ACTOR',
    });
  });

  it('keeps names that hold invisible characters among visible ones: emoji sequences, joiners in scripts', () => {
    for (const name of ['👩‍👩‍👧', 'Ada\u200dLovelace', 'क्‍ष', 'Zoë', '李小龍']) expect(normalizeName(name)).toBe(name);
  });
});

describe('7. a waiting guest never reads as admitted', () => {
  it('checkGuestSession is ok only for an admitted guest; waiting is GUEST_WAITING', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1');
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const grace = ok(await access.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@example.org' }));
    expect(grace.session.capabilities).toEqual([]);
    expect(await access.checkGuestSession({ token: grace.token, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'GUEST_WAITING' });
    ok(await access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: grace.session.id }));
    expect(ok(await access.checkGuestSession({ token: grace.token, entryId: 'room-1' })).capabilities).toEqual(['view']);
  });

  it('any other reason is shown before waiting', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1');
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const grace = ok(await access.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@example.org' }));
    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: false }));
    const check = await access.checkGuestSession({ token: grace.token, entryId: 'room-1' });
    expect(check.ok ? [] : check.reasons.map((r) => r.code)).toEqual(['GUEST_ACCESS_OFF', 'GUEST_WAITING']);
  });
});

describe('8. values every store can hold', () => {
  it(`a use limit up to ${MAX_USE_LIMIT} is taken, one above is INVALID_USE_LIMIT`, async () => {
    const { access } = await harness();
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Max', useLimit: MAX_USE_LIMIT }));
    for (const useLimit of [MAX_USE_LIMIT + 1, Number.MAX_SAFE_INTEGER, 2 ** 53]) {
      expect(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Big', useLimit })).toMatchObject({ code: 'INVALID_USE_LIMIT' });
    }
  });

  it('ids with a lone surrogate, or over 200 characters, are refused as bad input', async () => {
    const { access, state } = await harness();
    const before = JSON.stringify(state());
    for (const entryId of ['video-\ud800', '\udc00', 'x'.repeat(201)]) {
      expect(await access.setGuestAccess({ actor: owner, entryId, enabled: true })).toMatchObject({ code: 'INVALID_ENTRY_ID' });
    }
    for (const userId of ['u-\ud83d', 'x'.repeat(201)]) {
      expect(await access.setGuestAccess({ actor: { userId }, entryId: 'video-1', enabled: true })).toMatchObject({ code: 'INVALID_ACTOR' });
    }
    expect(JSON.stringify(state())).toBe(before);
  });
});

describe('9. keys that cannot work are refused at start-up (S1)', () => {
  const weak: [string, string | Uint8Array][] = [
    ['32 zero bytes', new Uint8Array(32)],
    ['one byte repeated', new Uint8Array(48).fill(7)],
    ['one character repeated', 'a'.repeat(40)],
    ['a short pattern repeated', 'abcd'.repeat(10)],
    ['a 16-byte pattern twice', 'passwordpassword'.repeat(2)],
    ['two bytes alternating', new Uint8Array(32).map((_, i) => (i % 2 ? 1 : 2))],
  ];

  it.each(weak)('a secret of %s is INVALID_KEY', async (_, secret) => {
    await expect(createKeyRing({ keys: [{ id: 'k1', secret }] })).rejects.toMatchObject({ code: 'INVALID_KEY' });
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    await expect(ring.rotate({ id: 'k2', secret })).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });

  it.each(['a.b', '', 'x'.repeat(33), 'ключ', 'a b'])('a key id of %j is INVALID_KEY', async (id) => {
    await expect(createKeyRing({ keys: [{ id, secret: SECRET }] })).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });

  it('a host key ring whose signing id breaks the token grammar fails loudly and issues nothing', async () => {
    const base = await harness();
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const keyRing: KeyRing = {
      signingKeyId: () => 'k.1',
      sign: (_, data) => ring.sign('k1', data),
      verify: (_, data, mac) => ring.verify('k1', data, mac),
    };
    const access = createGuestLinks({ store: base.store, directory: base.directory, keyRing, guestLinkUrl: (t) => t });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    await expect(access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' })).rejects.toMatchObject({ code: 'KEY_RING_FAILED' });
    expect(base.store.inspect().links).toEqual([]);
  });
});

describe('18. the error is recognised across copies of the library', () => {
  it('an error with the brand of another copy is an AccessLinksError; a look-alike without it is not', () => {
    const foreign = Object.assign(new Error('from the other build'), { code: 'STORAGE_FAILED' });
    Object.defineProperty(foreign, Symbol.for('access-links.error'), { value: true });
    expect(foreign instanceof AccessLinksError).toBe(true);
    expect(isAccessLinksError(foreign)).toBe(true);
    const lookAlike = Object.assign(new Error('x'), { name: 'AccessLinksError', code: 'STORAGE_FAILED' });
    expect(lookAlike instanceof AccessLinksError).toBe(false);
    expect(isAccessLinksError(lookAlike)).toBe(false);
    expect(isAccessLinksError(null)).toBe(false);
  });
});

describe('guards that hold across the roles', () => {
  it('admins and co-editors manage, moderators moderate, others do neither', async () => {
    const { access } = await harness();
    await linkOn(access, 'room-1');
    expect(await access.listGuests({ actor: admin, entryId: 'room-1' })).toMatchObject({ ok: true });
    expect(await access.listGuests({ actor: moderator, entryId: 'room-1' })).toMatchObject({ ok: true });
    expect(await access.listGuests({ actor: stranger, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
    expect(await access.listGuestLinks({ actor: moderator, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
  });
});
