/**
 * V3, a link's passcode: kept only as a slow, salted hash (scrypt through node:crypto where the
 * runtime has it, PBKDF2 through Web Crypto elsewhere), compared after every other check of the
 * link and the form and before the host's veto, never spending a use when wrong; the owner may
 * change or remove it, and a join judged against the old one is refused by the store's atomic
 * step; the HTTP layer bounds the tries per client and the wrong ones per link.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpHandler } from '../src/http';
import { createGuestLinks, normalizePasscode, type GuestStore } from '../src/index';
import { createMemoryGuestStore } from '../src/memory';
import { harness, linkOn, ok, owner, stranger } from './harness';
import { scheduled, settle } from './scheduling';
import { passcodeMatches } from '../src/services/passcode';
import { runs } from './support/runs';

const ORIGIN = 'https://media.example.org';
const PBKDF2 = { passcodeScheme: 'pbkdf2' } as const;

async function passcodeLink(passcode: unknown, options: Parameters<typeof harness>[0] = {}, fields: Record<string, unknown> = {}) {
  const h = await harness(options);
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const created = await h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Board', passcode, ...fields } as never);
  return { ...h, created };
}

const realGetBuiltinModule = process.getBuiltinModule;
afterEach(() => {
  process.getBuiltinModule = realGetBuiltinModule;
});

describe('V3: a link’s passcode', () => {
  it('normalizePasscode: trimmed, NFC, 6 to 128 characters without control characters; null otherwise', () => {
    expect(normalizePasscode('  blue-river-42 ')).toBe('blue-river-42');
    expect(normalizePasscode('cafe\u0301-42')).toBe('caf\u00e9-42');
    expect(normalizePasscode('🎉'.repeat(128))).toBe('🎉'.repeat(128));
    for (const bad of ['', '12345', ' 12345 ', 'x'.repeat(129), 'line\nbreak', 'tab\there', 'lone\ud800x', 123456, null, undefined, ['123456']]) {
      expect(normalizePasscode(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('is kept only as a salted scrypt hash in PHC form: the list shows that a link has one, never the passcode, and no event carries it', async () => {
    const { access, created, state, store } = await passcodeLink('  sesame-1234 ');
    const link = ok(created);
    expect(link.hasPasscode).toBe(true);
    expect(JSON.stringify(link)).not.toContain('sesame');
    const stored = state().links.find((l) => l.name === 'Board')!.passcodeHash!;
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(state())).not.toContain('sesame');
    // Two links with the same passcode have different salts, so different hashes.
    ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Again', passcode: 'sesame-1234' }));
    expect(state().links.find((l) => l.name === 'Again')!.passcodeHash).not.toBe(stored);
    const listed = ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links;
    expect(listed.map((l) => l.hasPasscode)).toEqual([true, true]);
    expect(JSON.stringify(listed)).not.toContain('sesame');
    expect(JSON.stringify(listed)).not.toContain(stored);
    const plain = ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Open' }));
    expect(plain.hasPasscode).toBe(false);
    expect((await store.readLink(plain.id))?.link.passcodeHash).toBeNull();
  });

  it('refuses a passcode that is not 6 to 128 characters as INVALID_PASSCODE at its field, making nothing', async () => {
    for (const bad of ['12345', 'x'.repeat(129), 'two\nlines', 42]) {
      const { created, state } = await passcodeLink(bad);
      expect(created).toMatchObject({ ok: false, code: 'INVALID_PASSCODE', reasons: [{ code: 'INVALID_PASSCODE', path: ['passcode'] }] });
      expect(state().links).toEqual([]);
    }
    for (const none of ['', null, undefined]) expect(ok((await passcodeLink(none)).created).hasPasscode).toBe(false);
  });

  it('a join gives the passcode: none is PASSCODE_REQUIRED, another is WRONG_PASSCODE, and neither spends anything; the right one, however typed, lets the guest in', async () => {
    const { access, created, state } = await passcodeLink('Crème-brûlée', { options: PBKDF2 }, { useLimit: 2 });
    const token = ok(created).token;
    expect(ok(await access.openGuestLink({ token })).passcode).toBe(true);
    const before = JSON.stringify(state());
    const join = (passcode?: string) => access.joinGuestLink({ token, name: 'Ada', email: 'ada@example.org', ...(passcode === undefined ? {} : { passcode }) });
    expect(await join()).toMatchObject({ ok: false, code: 'PASSCODE_REQUIRED', reasons: [{ code: 'PASSCODE_REQUIRED' }] });
    expect(await join('')).toMatchObject({ ok: false, code: 'PASSCODE_REQUIRED' });
    for (const wrong of ['creme-brulee', 'crème-brûlée', 'Crème-brûlée!', 'Crème-brûlé']) {
      expect(await join(wrong), wrong).toMatchObject({ ok: false, code: 'WRONG_PASSCODE', reasons: [{ code: 'WRONG_PASSCODE' }] });
    }
    expect(await join('short')).toMatchObject({ ok: false, code: 'INVALID_PASSCODE', reasons: [{ code: 'INVALID_PASSCODE', path: ['passcode'] }] });
    expect(JSON.stringify(state())).toBe(before);
    // Decomposed accents and spaces around it are the same passcode.
    expect((await join(' Cre\u0300me-bru\u0302le\u0301e ')).ok).toBe(true);
    expect(state().links[0]!.uses).toBe(1);
    // A link without a passcode ignores one given.
    const open = ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Open' }));
    expect(ok(await access.openGuestLink({ token: open.token })).passcode).toBe(false);
    expect((await access.joinGuestLink({ token: open.token, name: 'Bo', email: 'bo@example.org', passcode: 'anything-at-all' })).ok).toBe(true);
  });

  it('comes after every reason about the link, the entry, the form and the domains, and before the host’s veto', async () => {
    const vetoes: string[] = [];
    const { access, created, clock } = await passcodeLink('open-sesame', {
      options: { ...PBKDF2, beforeJoin: (attempt) => void vetoes.push(attempt.guestName) },
    }, { allowedDomains: ['example.org'], durationDays: 1 });
    const token = ok(created).token;
    expect(await access.joinGuestLink({ token, name: '', email: 'ada@example.org' })).toMatchObject({ ok: false, code: 'INVALID_NAME' });
    expect(await access.joinGuestLink({ token, name: 'Ada', email: 'ada@example.com' })).toMatchObject({ ok: false, code: 'EMAIL_DOMAIN_NOT_ALLOWED' });
    expect(await access.joinGuestLink({ token, name: 'Ada', email: 'ada@example.org', passcode: 'wrong-guess' })).toMatchObject({ ok: false, code: 'WRONG_PASSCODE' });
    expect(vetoes).toEqual([]);
    expect((await access.joinGuestLink({ token, name: 'Ada', email: 'ada@example.org', passcode: 'open-sesame' })).ok).toBe(true);
    expect(vetoes).toEqual(['Ada']);
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: false }));
    expect(await access.joinGuestLink({ token, name: 'Bo', email: 'bo@example.org' })).toMatchObject({ ok: false, code: 'GUEST_ACCESS_OFF' });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    clock.advance(2 * 24 * 60 * 60 * 1000);
    const dead = await access.joinGuestLink({ token, name: 'Bo', email: 'bo@example.org' });
    expect(dead).toMatchObject({ ok: false, code: 'LINK_INVALID' });
    expect(dead.ok ? [] : dead.reasons.map((r) => r.code)).not.toContain('PASSCODE_REQUIRED');
  });

  it('the owner changes or removes it: from that answer on, every server asks for the new one, also one that had seen the link without a passcode', async () => {
    const { access, created, store, directory, keyRing, clock, state } = await passcodeLink(undefined, { options: PBKDF2 });
    const link = ok(created);
    const other = createGuestLinks({ store, directory, keyRing, clock, guestLinkUrl: (t) => t, ...PBKDF2 });
    // The other server joins once, and so knows the link as one without a passcode.
    expect((await other.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })).ok).toBe(true);
    const changed = ok(await access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: link.id, passcode: 'new-code-77' }));
    expect(changed.hasPasscode).toBe(true);
    expect(changed.uses).toBe(1);
    expect(await other.joinGuestLink({ token: link.token, name: 'Bo', email: 'bo@example.org' })).toMatchObject({ ok: false, code: 'PASSCODE_REQUIRED' });
    expect((await other.joinGuestLink({ token: link.token, name: 'Bo', email: 'bo@example.org', passcode: 'new-code-77' })).ok).toBe(true);
    ok(await access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: link.id, passcode: 'newer-code-88' }));
    expect(await other.joinGuestLink({ token: link.token, name: 'Cy', email: 'cy@example.org', passcode: 'new-code-77' })).toMatchObject({ ok: false, code: 'WRONG_PASSCODE' });
    const removed = ok(await access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: link.id, passcode: null }));
    expect(removed.hasPasscode).toBe(false);
    expect(state().links[0]!.passcodeHash).toBeNull();
    expect((await other.joinGuestLink({ token: link.token, name: 'Cy', email: 'cy@example.org' })).ok).toBe(true);
    expect(state().links[0]!.uses).toBe(3);
    // Guests already in keep their sessions.
    expect(state().sessions.map((s) => s.status)).toEqual(['admitted', 'admitted', 'admitted']);
  });

  it('only a manager of the entry changes it, only on a link of that entry, and bad input changes nothing', async () => {
    const { access, created, state } = await passcodeLink('first-code', { options: PBKDF2 });
    const link = ok(created);
    const before = JSON.stringify(state());
    expect(await access.setGuestLinkPasscode({ actor: stranger, entryId: 'video-1', linkId: link.id, passcode: 'x-stranger' })).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
    const elsewhere = await linkOn(access, 'video-2');
    expect(await access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: elsewhere.id, passcode: 'x-elsewhere' })).toMatchObject({ ok: false, code: 'LINK_NOT_FOUND' });
    expect(await access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: link.id, passcode: '123' })).toMatchObject({ ok: false, code: 'INVALID_PASSCODE' });
    expect(await access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: 'nope', passcode: 'long-enough' })).toMatchObject({ ok: false, code: 'INVALID_LINK_ID' });
    expect(state().links.find((l) => l.id === link.id)).toEqual(JSON.parse(before).links[0]);
  });

  it('publishes guest_link.passcode_changed saying whether there is one, never the passcode or its hash', async () => {
    const { access, created, state, store } = await passcodeLink(undefined, { options: { ...PBKDF2, outbox: true } });
    const link = ok(created);
    ok(await access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: link.id, passcode: 'visible-nowhere' }));
    ok(await access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: link.id, passcode: '' }));
    const seen: unknown[] = store.outbox.records().map((record) => record.event);
    const changes = seen.filter((e) => (e as { type: string }).type === 'guest_link.passcode_changed');
    expect(changes).toMatchObject([
      { entryId: 'video-1', actorId: owner.userId, subjectId: link.id, detail: { passcode: true } },
      { detail: { passcode: false } },
    ]);
    expect(JSON.stringify(seen)).not.toContain('visible-nowhere');
    expect(state().links[0]!.passcodeHash).toBeNull();
  });

  it('PBKDF2 where asked for, or where the runtime has no node:crypto; a stored hash is checked by the scheme it names', async () => {
    const { access, created, state, store, directory, keyRing, clock } = await passcodeLink('pbkdf2-code', { options: PBKDF2 });
    const token = ok(created).token;
    expect(state().links[0]!.passcodeHash).toMatch(/^\$pbkdf2-sha256\$i=100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect((await access.joinGuestLink({ token, name: 'Ada', email: 'ada@example.org', passcode: 'pbkdf2-code' })).ok).toBe(true);
    // A scrypt link, checked by a library told to make PBKDF2 hashes: by its own scheme.
    const scryptLibrary = createGuestLinks({ store, directory, keyRing, clock, guestLinkUrl: (t) => t });
    const scrypt = ok(await scryptLibrary.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Scrypt', passcode: 'scrypt-code' }));
    expect(state().links.find((l) => l.name === 'Scrypt')!.passcodeHash).toMatch(/^\$scrypt\$/);
    expect((await access.joinGuestLink({ token: scrypt.token, name: 'Bo', email: 'bo@example.org', passcode: 'scrypt-code' })).ok).toBe(true);

    // A runtime without node:crypto (an edge worker): PBKDF2 by default, compared without timingSafeEqual.
    process.getBuiltinModule = undefined as never;
    const edge = await passcodeLink('edge-code-1');
    const edgeToken = ok(edge.created).token;
    expect(edge.state().links[0]!.passcodeHash).toMatch(/^\$pbkdf2-sha256\$/);
    expect(await edge.access.joinGuestLink({ token: edgeToken, name: 'Ada', email: 'ada@example.org', passcode: 'edge-code-2' })).toMatchObject({ ok: false, code: 'WRONG_PASSCODE' });
    expect((await edge.access.joinGuestLink({ token: edgeToken, name: 'Ada', email: 'ada@example.org', passcode: 'edge-code-1' })).ok).toBe(true);
    // There, a scrypt hash cannot be checked: a misconfiguration, thrown, and nothing spent.
    await expect(access.joinGuestLink({ token: scrypt.token, name: 'Cy', email: 'cy@example.org', passcode: 'scrypt-code' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'X', passcode: 'scrypt-code' })).resolves.toMatchObject({ ok: true });
    expect(() => createGuestLinks({ store: createMemoryGuestStore(), directory: edge.directory, keyRing: edge.keyRing, guestLinkUrl: (t) => t, passcodeScheme: 'md5' as never })).toThrow(/passcodeScheme/);
  });

  it('a stored hash in an unknown form, or with parameters out of bounds, is refused as a broken record before any work', async () => {
    for (const hash of ['plain-text', '$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '$pbkdf2-sha256$i=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const { access, created, store } = await passcodeLink('placeholder-code', { options: PBKDF2 });
      const link = ok(created);
      await store.setLinkPasscode('video-1', link.id, hash);
      await expect(access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', passcode: 'placeholder-code' })).rejects.toMatchObject({ code: 'INVALID_RECORD' });
      expect((await store.readLink(link.id))?.link.uses).toBe(0);
    }
  });

  it('property: for any interleaving of joins (right, wrong, old or no passcode) and passcode changes, every join let in gave the passcode the link had at some moment of its call (or the link had none), and uses = sessions ≤ the limit', async () => {
    const CODES = ['first-code', 'second-code', 'third-code'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('join' as const), passcode: fc.constantFrom<string | null>(null, ...CODES) }),
      fc.record({ kind: fc.constant('set' as const), passcode: fc.constantFrom<string | null>(null, ...CODES) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(op, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 3 }), async (s, ops, limit) => {
        const memory = createMemoryGuestStore();
        // The link's passcode hash, in the order the store's changes took effect.
        const history: (string | null)[] = [];
        const recording = new Proxy(memory, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver) as unknown;
            if (key !== 'setLinkPasscode' || typeof value !== 'function') return value;
            return (entryId: string, linkId: string, hash: string | null) => {
              history.push(hash);
              return (value as GuestStore['setLinkPasscode']).call(target, entryId, linkId, hash);
            };
          },
        });
        const h = await harness({ options: { ...PBKDF2, store: scheduled(s, recording) } });
        ok(await settle(s, h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true })));
        const link = ok(await settle(s, h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L', useLimit: limit, passcode: 'first-code' })));
        history.push(memory.inspect().links[0]!.passcodeHash);
        const calls = ops.map(async (o, i) => {
          const from = history.length - 1;
          const done =
            o.kind === 'set'
              ? await h.access.setGuestLinkPasscode({ actor: owner, entryId: 'video-1', linkId: link.id, passcode: o.passcode })
              : await h.access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org`, ...(o.passcode === null ? {} : { passcode: o.passcode }) });
          return { o, done, from, to: history.length - 1 };
        });
        const results = await settle(s, Promise.all(calls));
        // Each hash named by the passcode it was made from.
        const codeOf = async (hash: string | null) => {
          if (hash === null) return null;
          for (const code of CODES) if (await passcodeMatches(code, hash)) return code;
          throw new Error(`a hash of no known passcode: ${hash}`);
        };
        const codes = await Promise.all(history.map(codeOf));
        const joined = results.filter((r) => r.o.kind === 'join' && r.done.ok);
        // A link without a passcode at that moment lets in whatever was given (it ignores a passcode).
        for (const r of joined) expect(codes.slice(r.from, r.to + 1).filter((code) => code === null || code === r.o.passcode)).not.toEqual([]);
        for (const r of results) if (r.o.kind === 'set') expect(r.done.ok).toBe(true);
        const state = memory.inspect();
        expect(state.links[0]!.uses).toBe(joined.length);
        expect(state.sessions.length).toBe(joined.length);
        expect(joined.length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: runs(40) },
    );
  }, 120_000);
});

/**
 * A handler over a link with the passcode `board-only-1`, whose wrong passcodes are limited to
 * `limit` per `windowSeconds`, each request from the client its key names, as a guest at that key.
 */
async function crowd(limit: number, windowSeconds = 3600) {
  const h = await harness({ options: PBKDF2 });
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => owner, clock: h.clock, clientKey: (r) => r.headers.get('x-client'), rateLimits: { passcodePerLink: { limit, windowSeconds } } });
  const token = ok(await h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Board', passcode: 'board-only-1' })).token;
  const post = (client: string, passcode: string) =>
    handler(new Request(`${ORIGIN}/access-links/guest-links/${token}/join`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-client': client }, body: JSON.stringify({ name: 'G', email: `${client}@example.org`, passcode }) }));
  return { h, post };
}

describe('V3 over HTTP', () => {
  async function served(limits: Record<string, { limit: number; windowSeconds: number }> = {}) {
    const h = await harness({ options: PBKDF2 });
    ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    let client = 'client-0';
    const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => owner, clock: h.clock, clientKey: () => client, rateLimits: limits });
    const post = (path: string, body: Record<string, string>, method = 'POST') =>
      handler(new Request(`${ORIGIN}/access-links/${path}`, { method, headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    return { ...h, handler, post, as: (key: string) => void (client = key) };
  }

  it('the owner sets the passcode on a new link or later with PUT …/passcode; the list says hasPasscode; the guest gives it in the join form', async () => {
    const { post, state, handler } = await served();
    const created = await post('entries/video-1/guest-links', { name: 'Board', passcode: 'board-only-1' });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { id: string; token: string; hasPasscode: boolean };
    expect(link.hasPasscode).toBe(true);
    const landing = await handler(new Request(`${ORIGIN}/access-links/guest-links/${link.token}`));
    expect(((await landing.json()) as { passcode: boolean }).passcode).toBe(true);
    const none = await post(`guest-links/${link.token}/join`, { name: 'Ada', email: 'ada@example.org' });
    expect([none.status, ((await none.json()) as { code: string }).code]).toEqual([403, 'PASSCODE_REQUIRED']);
    const wrong = await post(`guest-links/${link.token}/join`, { name: 'Ada', email: 'ada@example.org', passcode: 'board-only-2' });
    expect([wrong.status, ((await wrong.json()) as { code: string }).code]).toEqual([403, 'WRONG_PASSCODE']);
    expect((await post(`guest-links/${link.token}/join`, { name: 'Ada', email: 'ada@example.org', passcode: 'board-only-1' })).status).toBe(201);
    const changed = await post(`entries/video-1/guest-links/${link.id}/passcode`, { passcode: '' }, 'PUT');
    expect([changed.status, ((await changed.json()) as { hasPasscode: boolean }).hasPasscode]).toEqual([200, false]);
    expect(state().links[0]!.passcodeHash).toBeNull();
  });

  it('a client gives at most passcodePerClient passcodes, right or wrong; a join without one counts nothing of it', async () => {
    const { post, as } = await served({ passcodePerClient: { limit: 3, windowSeconds: 600 } });
    const link = (await (await post('entries/video-1/guest-links', { name: 'Board', passcode: 'board-only-1' })).json()) as { token: string };
    as('guesser');
    for (let i = 0; i < 5; i++) expect((await post(`guest-links/${link.token}/join`, { name: 'G', email: `g${i}@example.org` })).status).toBe(403);
    for (let i = 0; i < 3; i++) expect((await post(`guest-links/${link.token}/join`, { name: 'G', email: `g@example.org`, passcode: `guess-${i}-xx` })).status).toBe(403);
    const refused = await post(`guest-links/${link.token}/join`, { name: 'G', email: 'g@example.org', passcode: 'board-only-1' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    as('someone-else');
    expect((await post(`guest-links/${link.token}/join`, { name: 'H', email: 'h@example.org', passcode: 'board-only-1' })).status).toBe(201);
  });

  it('a link takes at most passcodePerLink wrong passcodes from every client together; right ones spend none of it; once spent, no passcode is compared until it has room', async () => {
    const { post, as, state } = await served({ passcodePerLink: { limit: 3, windowSeconds: 3600 } });
    const link = (await (await post('entries/video-1/guest-links', { name: 'Board', passcode: 'board-only-1' })).json()) as { token: string };
    for (let i = 0; i < 8; i++) {
      as(`guest-${i}`);
      expect((await post(`guest-links/${link.token}/join`, { name: 'G', email: `g${i}@example.org`, passcode: 'board-only-1' })).status).toBe(201);
    }
    for (let i = 0; i < 3; i++) {
      as(`guesser-${i}`);
      expect((await post(`guest-links/${link.token}/join`, { name: 'M', email: `m${i}@example.org`, passcode: `guess-${i}-xx` })).status).toBe(403);
    }
    as('guesser-9');
    expect((await post(`guest-links/${link.token}/join`, { name: 'M', email: 'm9@example.org', passcode: 'board-only-1' })).status).toBe(429);
    expect(state().links[0]!.uses).toBe(8);
    // Another link's budget is its own.
    const other = (await (await post('entries/video-1/guest-links', { name: 'Other', passcode: 'other-code-1' })).json()) as { token: string };
    expect((await post(`guest-links/${other.token}/join`, { name: 'M', email: 'm9@example.org', passcode: 'other-code-1' })).status).toBe(201);
  });

  it('guesses arriving together from many clients never overdraw the link: of 20 at once with room for 3, 3 are compared and 17 refused, and the link stays closed', async () => {
    const { h, post } = await crowd(3);
    const join = (client: string, passcode: string) =>
      post(client, passcode).then(async (response) => (response.status === 429 ? 'RATE_LIMITED' : ((await response.json()) as { code: string }).code));
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => join(`guesser-${i}`, `guess-${i}-xx`)));
    expect(codes.filter((code) => code === 'WRONG_PASSCODE')).toHaveLength(3);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(17);
    // Spent: the right passcode is not compared either until the link has room again (documented lockout).
    expect(await join('honest', 'board-only-1')).toBe('RATE_LIMITED');
    h.clock.advance(1_200_000); // one wrong try frees up every 20 minutes
    expect(await join('honest', 'board-only-1')).toBeUndefined(); // 201: a session, no code
    expect(h.state().links[0]!.uses).toBe(1);
  });

  it('guests with the right passcode arriving together all get in: the link’s count they hold while compared is given back', async () => {
    const { h, post } = await crowd(10);
    const join = (client: string, passcode: string) => post(client, passcode).then((response) => response.status);
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => join(`guest-${i}`, 'board-only-1')));
    expect(statuses).toEqual(Array.from({ length: 60 }, () => 201));
    expect(h.state().links[0]!.uses).toBe(60);
    // None of them spent the budget of wrong ones: 10 wrong are still compared, the 11th is not.
    const wrong = await Promise.all(Array.from({ length: 11 }, (_, i) => join(`guesser-${i}`, `guess-${i}-xx`)));
    expect(wrong.filter((status) => status === 403)).toHaveLength(10);
    expect(wrong.filter((status) => status === 429)).toHaveLength(1);
  });

  it('property: for any batches of right and wrong passcodes arriving together, at most passcodePerLink wrong ones are ever compared, and every right one gets in while wrong ones are fewer than the limit less the few compared at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ right: fc.nat(12), wrong: fc.nat(12) }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 9, max: 20 }), async (batches, limit) => {
        const { h, post } = await crowd(limit, 86_400);
        let n = 0;
        const join = (passcode: string) => post(`c${n++}`, passcode).then((response) => response.status);
        let compared = 0;
        for (const { right, wrong } of batches) {
          const before = compared;
          const statuses = await Promise.all([...Array.from({ length: wrong }, () => join('guess-xx-99')), ...Array.from({ length: right }, () => join('board-only-1'))]);
          compared += statuses.slice(0, wrong).filter((status) => status === 403).length;
          // With fewer wrong ones than the limit less the eight compared at once in a process, a right passcode always finds room.
          if (before + wrong + 8 <= limit) expect(statuses.slice(wrong)).toEqual(Array.from({ length: right }, () => 201));
          expect(compared).toBeLessThanOrEqual(limit);
        }
        expect(h.state().links[0]!.uses).toBe(h.state().sessions.length);
      }),
      { numRuns: runs(25) },
    );
  });
});
