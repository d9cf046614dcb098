/**
 * V2, the domains a link lets in: a link may list the only address domains a guest may join
 * with, and domains it keeps out; a domain covers its subdomains, a block wins over an allow, and
 * a refused join spends nothing. Compared in ASCII form, after IDNA.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttpHandler } from '../src/http';
import { createGuestLinks, normalizeDomain } from '../src/index';
import { harness, ok, owner } from './harness';
import { runs } from './support/runs';

const ORIGIN = 'https://media.example.org';

async function linkWith(allowedDomains: unknown, blockedDomains: unknown = undefined, useLimit: number | undefined = undefined) {
  const h = await harness();
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const created = await h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Staff', allowedDomains, blockedDomains, ...(useLimit === undefined ? {} : { useLimit }) } as never);
  return { ...h, created };
}

describe('V2: the domains a link lets in', () => {
  it('normalizeDomain: trimmed, without @ or a trailing dot, IDNA ASCII in lower case; null for what is not a host name', () => {
    expect(normalizeDomain(' @Example.ORG. ')).toBe('example.org');
    expect(normalizeDomain('Bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeDomain('XN--BCHER-KVA.example')).toBe('xn--bcher-kva.example');
    for (const bad of ['', ' ', 'localhost', 'exa mple.org', '-x.example', 'example.123', '*.example.org', 'a@b.org', 'http://example.org', 42, null, 'x'.repeat(300)]) {
      expect(normalizeDomain(bad), String(bad)).toBeNull();
    }
  });

  it('a link keeps its lists, normalised and without repeats, and the owner’s list shows them', async () => {
    const { access, created } = await linkWith(['Example.ORG', 'example.org', 'Bücher.example'], ['contractors.example.org']);
    const link = ok(created);
    expect([link.allowedDomains, link.blockedDomains]).toEqual([['example.org', 'xn--bcher-kva.example'], ['contractors.example.org']]);
    const listed = ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links[0]!;
    expect([listed.allowedDomains, listed.blockedDomains]).toEqual([link.allowedDomains, link.blockedDomains]);
    const plain = ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Anyone' }));
    expect([plain.allowedDomains, plain.blockedDomains]).toEqual([[], []]);
  });

  it('refuses a list that is not one, a domain that is not a host name, or more than 100, as INVALID_DOMAINS at its field, making nothing', async () => {
    for (const [allowed, blocked, field] of [
      ['example.org', undefined, 'allowedDomains'],
      [['example.org', 'not a domain'], undefined, 'allowedDomains'],
      [undefined, [7], 'blockedDomains'],
      [Array.from({ length: 101 }, (_, i) => `d${i}.example`), undefined, 'allowedDomains'],
    ] as const) {
      const { created, state } = await linkWith(allowed, blocked);
      expect(created).toMatchObject({ ok: false, code: 'INVALID_DOMAINS', reasons: [{ code: 'INVALID_DOMAINS', path: [field] }] });
      expect(state().links).toEqual([]);
    }
  });

  it('lets in an address at a listed domain or its subdomain, and refuses any other as EMAIL_DOMAIN_NOT_ALLOWED, spending nothing', async () => {
    const { access, created, state, store, directory, keyRing, clock } = await linkWith(['example.org', 'bücher.example'], ['contractors.example.org']);
    const token = ok(created).token;
    const join = (email: string) => access.joinGuestLink({ token, name: 'Guest', email });
    for (const email of ['ada@example.org', 'ADA@Example.ORG', 'bob@eu.example.org', 'eva@bücher.example', 'eva2@xn--bcher-kva.example']) {
      expect((await join(email)).ok, email).toBe(true);
    }
    const before = JSON.stringify(state());
    for (const email of ['mal@example.com', 'mal@notexample.org', 'mal@example.org.evil.com', 'cat@contractors.example.org', 'cat@x.contractors.example.org', 'mal@buecher.example']) {
      expect(await join(email), email).toMatchObject({ ok: false, code: 'EMAIL_DOMAIN_NOT_ALLOWED', reasons: [{ code: 'EMAIL_DOMAIN_NOT_ALLOWED' }] });
    }
    expect(JSON.stringify(state())).toBe(before);
    // A server that has not seen the link yet reads its lists from the store and judges alike.
    const cold = createGuestLinks({ store, directory, keyRing, clock, guestLinkUrl: (t) => t });
    expect((await cold.joinGuestLink({ token, name: 'Guest', email: 'zoe@example.org' })).ok).toBe(true);
    expect(await cold.joinGuestLink({ token, name: 'Guest', email: 'mal@example.com' })).toMatchObject({ ok: false, code: 'EMAIL_DOMAIN_NOT_ALLOWED' });
  });

  it('a blocked list alone keeps out its domains and lets in every other', async () => {
    const { access, created } = await linkWith(undefined, ['competitor.example']);
    const token = ok(created).token;
    expect((await access.joinGuestLink({ token, name: 'Ada', email: 'ada@anything.example' })).ok).toBe(true);
    expect(await access.joinGuestLink({ token, name: 'Spy', email: 'spy@mail.competitor.example' })).toMatchObject({ ok: false, code: 'EMAIL_DOMAIN_NOT_ALLOWED' });
  });

  it('says nothing of the lists through a dead link, a bad address or a link turned off: those reasons come first', async () => {
    const { access, created } = await linkWith(['example.org'], undefined, 1);
    const token = ok(created).token;
    expect(await access.joinGuestLink({ token, name: 'Mal', email: 'not an address' })).toMatchObject({ ok: false, code: 'INVALID_EMAIL' });
    ok(await access.joinGuestLink({ token, name: 'Ada', email: 'ada@example.org' }));
    expect(await access.joinGuestLink({ token, name: 'Mal', email: 'mal@example.com' })).toMatchObject({ ok: false, code: 'LINK_INVALID' });
  });

  it('for any address and any lists, a join is let in exactly when the address’s domain is in no blocked domain and, when there are any, in an allowed one', async () => {
    const labels = fc.constantFrom('example', 'org', 'eu', 'mail', 'corp', 'bücher', 'xn--bcher-kva');
    const domain = fc.array(labels, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('.'));
    const ascii = (d: string) => normalizeDomain(d)!;
    const within = (d: string, list: readonly string[]) => list.some((rule) => d === ascii(rule) || d.endsWith(`.${ascii(rule)}`));
    await fc.assert(
      fc.asyncProperty(fc.array(domain, { maxLength: 3 }), fc.array(domain, { maxLength: 2 }), domain, async (allowed, blocked, at) => {
        const { access, created } = await linkWith(allowed, blocked);
        const joined = await access.joinGuestLink({ token: ok(created).token, name: 'Guest', email: `guest@${at}` });
        const expected = !within(ascii(at), blocked) && (allowed.length === 0 || within(ascii(at), allowed));
        expect(joined.ok ? 'in' : joined.code).toBe(expected ? 'in' : 'EMAIL_DOMAIN_NOT_ALLOWED');
      }),
      { numRuns: runs(300) },
    );
  });

  it('over HTTP: a form’s domains separated by commas or lines make the lists; a refused join is 403', async () => {
    const h = await harness();
    ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => owner, clock: h.clock, rateLimiter: null });
    const post = (path: string, body: URLSearchParams) =>
      handler(new Request(`${ORIGIN}/access-links${path}`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body }));
    const made = await post('/entries/video-1/guest-links', new URLSearchParams({ name: 'Staff', allowedDomains: 'example.org, example.com\nexample.net', blockedDomains: '' }));
    expect(made.status).toBe(201);
    const link = (await made.json()) as { token: string; allowedDomains: string[]; blockedDomains: string[] };
    expect([link.allowedDomains, link.blockedDomains]).toEqual([['example.org', 'example.com', 'example.net'], []]);
    const refused = await post(`/guest-links/${link.token}/join`, new URLSearchParams({ name: 'Mal', email: 'mal@elsewhere.example' }));
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([403, 'EMAIL_DOMAIN_NOT_ALLOWED']);
    expect((await post(`/guest-links/${link.token}/join`, new URLSearchParams({ name: 'Ada', email: 'ada@example.com' }))).status).toBe(201);
  });
});
