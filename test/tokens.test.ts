/**
 * S1: tokens are HMACs under a key ring; random, tampered, cross-purpose and retired-key tokens
 * are never accepted, and nothing stored is a usable token.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessLinksError, createGuestLinks, createKeyRing, generateSecret } from '../src/index';
import { signToken, verifyToken } from '../src/services/tokens';
import { SECRET, harness, linkOn, ok, owner } from './harness';
import { runs } from './support/runs';

const ULID = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);

describe('signToken / verifyToken', () => {
  it('round-trips any id', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    await fc.assert(
      fc.asyncProperty(ULID, async (id) => {
        expect(await verifyToken(ring, 'guest-link', await signToken(ring, 'guest-link', id))).toBe(id);
      }),
    );
  });

  it('never accepts a random string', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.stringMatching(/^[0-9A-Z]{26}\.k1\.[A-Za-z0-9_-]{43}$/)), async (token) => {
        expect(await verifyToken(ring, 'guest-link', token)).toBeNull();
      }),
      { numRuns: runs(500) },
    );
  });

  it('never accepts a token with any one character changed', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const alphabet = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijklmnopqrstuvwxyz-_.'];
    await fc.assert(
      fc.asyncProperty(ULID, fc.nat(), fc.constantFrom(...alphabet), async (id, at, replacement) => {
        const token = await signToken(ring, 'guest-link', id);
        const i = at % token.length;
        fc.pre(token[i] !== replacement);
        const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
        expect(await verifyToken(ring, 'guest-link', tampered)).toBeNull();
      }),
      { numRuns: runs(500) },
    );
  });

  it('keeps purposes apart: a link token is no session token', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    await fc.assert(
      fc.asyncProperty(ULID, async (id) => {
        expect(await verifyToken(ring, 'guest-session', await signToken(ring, 'guest-link', id))).toBeNull();
      }),
    );
  });

  it('never accepts a token signed with another secret', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const other = await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] });
    await fc.assert(
      fc.asyncProperty(ULID, async (id) => {
        expect(await verifyToken(ring, 'guest-link', await signToken(other, 'guest-link', id))).toBeNull();
      }),
    );
  });
});

describe('key rotation', () => {
  it('a new key signs, old links keep working until their key is retired', async () => {
    const { access, keyRing } = await harness();
    const link = await linkOn(access, 'video-1');
    expect(link.token).toContain('.k1.');

    await keyRing.rotate({ id: 'k2', secret: generateSecret() });
    ok(await access.openGuestLink({ token: link.token }));
    const relisted = ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links[0]!;
    expect(relisted.token).toContain('.k2.');
    ok(await access.openGuestLink({ token: relisted.token }));

    keyRing.retire('k1');
    expect(await access.openGuestLink({ token: link.token })).toMatchObject({ code: 'LINK_INVALID' });
    ok(await access.openGuestLink({ token: relisted.token }));
    expect(() => keyRing.retire('k2')).toThrow(AccessLinksError);
  });

  it('refuses short secrets, bad ids and duplicate ids', async () => {
    await expect(createKeyRing({ keys: [{ id: 'k1', secret: 'short' }] })).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(createKeyRing({ keys: [{ id: 'bad id', secret: SECRET }] })).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(
      createKeyRing({ keys: [{ id: 'k', secret: SECRET }, { id: 'k', secret: SECRET }] }),
    ).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(createKeyRing({ keys: [] })).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });
});

describe('nothing usable at rest', () => {
  it('no stored record contains a link or session token, or its signature', async () => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'room-1', { useLimit: 3 });
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const stored = JSON.stringify(state());
    for (const token of [link.token, joined.token]) {
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(token.split('.')[2]);
    }
  });

  it('a copy of the database with a fresh key ring opens nothing', async () => {
    const { access, store, directory } = await harness();
    const link = await linkOn(access, 'video-1');
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const { createGuestLinks } = await import('../src/index');
    const thief = createGuestLinks({
      store,
      directory,
      keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] }),
      guestLinkUrl: (t) => t,
    });
    // The thief can list (if it could act as the owner) but the URLs it rebuilds open nothing on the real server.
    const forged = ok(await thief.listGuestLinks({ actor: owner, entryId: 'video-1' })).links[0]!.token;
    expect(await access.openGuestLink({ token: forged })).toMatchObject({ code: 'LINK_INVALID' });
    expect(await thief.checkGuestSession({ token: joined.token, entryId: 'video-1' })).toMatchObject({ code: 'SESSION_INVALID' });
  });
});

describe('the key ring’s two HMACs', () => {
  afterEach(() => vi.restoreAllMocks());
  const nodeCrypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');

  it('native and Web Crypto rings over one secret make the same tokens and verify each other’s', async () => {
    const native = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const web = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }], hmac: 'web-crypto' });
    expect([native.hmac(), web.hmac()]).toEqual(['native', 'web-crypto']);
    await fc.assert(
      fc.asyncProperty(ULID, fc.constantFrom('guest-link' as const, 'guest-session' as const, 'invite' as const), async (id, purpose) => {
        const token = await signToken(native, purpose, id);
        expect(await signToken(web, purpose, id)).toBe(token);
        expect(await verifyToken(web, purpose, token)).toBe(id);
        expect(await verifyToken(native, purpose, token)).toBe(id);
      }),
      { numRuns: runs(100) },
    );
  });

  it('the native ring checks every MAC with timingSafeEqual, never by comparing bytes itself', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const token = await signToken(ring, 'guest-link', '01J00000000000000000000000');
    const spy = vi.spyOn(nodeCrypto, 'timingSafeEqual');
    expect(await verifyToken(ring, 'guest-link', token)).not.toBeNull();
    expect(await verifyToken(ring, 'guest-link', `${token.slice(0, -2)}AA`)).toBeNull();
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockReturnValue(false);
    expect(await verifyToken(ring, 'guest-link', token)).toBeNull();
  });

  it('the native ring computes a text’s MAC once while it is recent, and still refuses any other MAC for it', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const token = await signToken(ring, 'guest-link', '01J00000000000000000000000');
    const spy = vi.spyOn(nodeCrypto, 'createHmac');
    for (let i = 0; i < 3; i++) expect(await verifyToken(ring, 'guest-link', token)).not.toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
    for (const tampered of [`${token.slice(0, -2)}AA`, `${token.slice(0, -43)}${'A'.repeat(43)}`]) {
      expect(await verifyToken(ring, 'guest-link', tampered)).toBeNull();
    }
    expect(spy).toHaveBeenCalledTimes(1);
    // The ring keeps at most 1,024 texts, the least recently used going first: a text in use
    // stays, one left alone while 1,024 others came is computed again.
    const other = (i: number) => `01J${String(i).padStart(23, '0')}.k1.${'A'.repeat(43)}`;
    for (let i = 1; i <= 600; i++) await verifyToken(ring, 'guest-link', other(i));
    expect(await verifyToken(ring, 'guest-link', token)).not.toBeNull();
    expect(spy).toHaveBeenCalledTimes(601);
    for (let i = 601; i <= 1_624; i++) await verifyToken(ring, 'guest-link', other(i));
    expect(spy).toHaveBeenCalledTimes(1_625);
    expect(await verifyToken(ring, 'guest-link', token)).not.toBeNull();
    expect(spy).toHaveBeenCalledTimes(1_626);
  });

  it('the Web Crypto ring checks every MAC with crypto.subtle.verify', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }], hmac: 'web-crypto' });
    const token = await signToken(ring, 'guest-link', '01J00000000000000000000000');
    const spy = vi.spyOn(crypto.subtle, 'verify');
    expect(await verifyToken(ring, 'guest-link', token)).not.toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockResolvedValue(false);
    expect(await verifyToken(ring, 'guest-link', token)).toBeNull();
  });

  it('a key ring without signingKeyId, sign and verify is INVALID_OPTIONS', async () => {
    const base = await harness();
    expect(() => createGuestLinks({ store: base.store, directory: base.directory, keyRing: {} as never, guestLinkUrl: (t) => t })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});
