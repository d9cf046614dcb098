/**
 * The HTTP layer refuses or bounds, before anything is written: a form's `next` or `back` that
 * is not a plain path of this site, a body longer than it declared, a body that never ends, and
 * trusted origins that are not origins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttpHandler, HTTP_STATUS, type HttpHandlerOptions } from '../src/http';
import { harness, ok, owner } from './harness';
import { runs } from './support/runs';

const ORIGIN = 'https://media.example.org';
const BASE = `${ORIGIN}/access-links`;

async function world(options: Partial<HttpHandlerOptions> = {}) {
  const h = await harness();
  const handler = createHttpHandler({
    guestLinks: h.access,
    authenticate: (request) => (request.headers.get('x-user') === 'owner' ? owner : null),
    clock: h.clock,
    rateLimiter: null,
    ...options,
  });
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Once', useLimit: 1 }));
  const join = (form: Record<string, string>) =>
    handler(
      new Request(`${BASE}/guest-links/${link.token}/join`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      }),
    );
  const uses = async () => ok(await h.access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links[0]!.uses;
  return { ...h, handler, link, join, uses };
}

const ada = { name: 'Ada', email: 'ada@example.org' };

describe("HTTP layer: a form's next and back", () => {
  it('refuses a next holding NUL or a character above U+00FF with 400 INVALID_NEXT, and spends no use', async () => {
    for (const next of ['/watch/a\u0000b', '/watch/\u0100', '/watch/caf\u00e9\u4e16']) {
      const w = await world();
      const response = await w.join({ ...ada, next });
      expect(response.status, JSON.stringify(next)).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'INVALID_NEXT', reasons: [{ code: 'INVALID_NEXT' }] });
      expect(await w.uses()).toBe(0);
      expect(w.state().sessions).toEqual([]);
      // The one use of the link is still there for a good request.
      const good = await w.join({ ...ada, next: '/watch/video-1' });
      expect([good.status, good.headers.get('location')]).toEqual([303, '/watch/video-1']);
      expect(await w.uses()).toBe(1);
    }
  });

  it('refuses a bad back the same way, and a next off the site, before the operation runs', async () => {
    const w = await world();
    for (const form of [
      { next: '/watch/video-1', back: '/g/\u0000' },
      { next: '/\t/evil.example' },
      { next: '/\n/evil.example' },
      { next: '//evil.example' },
      { next: '/a//evil.example' },
      { next: '/\\evil.example' },
      { next: 'https://evil.example/' },
      { next: 'javascript:alert(1)' },
      { next: '/ok path' },
      { next: `/${'a'.repeat(2048)}` },
    ]) {
      const response = await w.join({ ...ada, ...form });
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect((await response.json()) as unknown).toMatchObject({ code: 'INVALID_NEXT' });
    }
    expect(await w.uses()).toBe(0);
    expect(HTTP_STATUS.INVALID_NEXT).toBe(400);
  });

  it('for any next and back, answers 303 to exactly a plain path of this site or 400 INVALID_NEXT with nothing made; never 500', async () => {
    const h = await harness();
    ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => owner, rateLimiter: null });
    const char = fc.constantFrom('/', '/', 'a', 'Z', '0', '\\', ':', '?', '=', '&', '#', '%', '.', ' ', '\t', '\n', '\r', '\u0000', '\u007f', '\u00a0', '\u00ff', '\u0100', '\u2028', '\ud83d\ude00');
    const path = fc.array(char, { maxLength: 12 }).map((chars) => chars.join(''));
    await fc.assert(
      fc.asyncProperty(path, fc.option(path, { nil: undefined }), async (next, back) => {
        // Links of the run before are deleted first, so the cap never answers for the property.
        for (const link of h.state().links) ok(await h.access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: link.id }));
        const form: Record<string, string> = { name: 'Talk', next, ...(back === undefined ? {} : { back }) };
        const response = await handler(
          new Request(`${BASE}/entries/video-1/guest-links`, {
            method: 'POST',
            headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
          }),
        );
        const created = h.state().links.length;
        expect([201, 303, 400]).toContain(response.status);
        if (response.status === 400) {
          expect(await response.json()).toMatchObject({ code: 'INVALID_NEXT' });
          expect(created).toBe(0);
        } else {
          expect(created).toBe(1);
        }
        if (response.status === 201) expect(next).toBe('');
        if (response.status === 303) {
          expect(response.headers.get('location')).toBe(next);
          expect(next).toMatch(/^\/[\x21-\x7e]*$/);
          expect(next).not.toMatch(/\/\/|\\/);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
