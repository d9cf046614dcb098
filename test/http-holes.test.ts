/**
 * The HTTP layer refuses or bounds, before anything is written: a form's `next` or `back` that
 * is not a plain path of this site, a body longer than it declared, a body that never ends, and
 * trusted origins that are not origins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttpHandler, HTTP_STATUS, type HttpHandlerOptions } from '../src/http';
import { AccessLinksError } from '../src/index';
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

/** A request body that counts how many chunks were pulled from it. */
function countedBody(chunks: number, chunkBytes: number) {
  const counter = { pulls: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulls += 1;
      if (counter.pulls > chunks) controller.close();
      else controller.enqueue(new TextEncoder().encode('x'.repeat(chunkBytes)));
    },
  });
  return { body, counter };
}

describe('HTTP layer: bodies are read as they stream, and bounded', () => {
  const post = (body: BodyInit, headers: Record<string, string>) =>
    new Request(`${BASE}/entries/video-1/guest-links`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'x-user': 'owner', 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  it('stops at the declared length: a small Content-Length with a larger body is not read whole', async () => {
    const w = await world({ maxBodyBytes: 1024 });
    const { body, counter } = countedBody(1000, 1000);
    const response = await w.handler(post(body, { 'content-length': '10' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'MALFORMED_BODY' });
    expect(counter.pulls).toBeLessThan(10);
    expect(w.state().links).toHaveLength(1);
  });

  it('stops at the limit when no length is declared, and refuses a body shorter than declared', async () => {
    const w = await world({ maxBodyBytes: 1024 });
    const { body, counter } = countedBody(1000, 100);
    const response = await w.handler(post(body, {}));
    expect(response.status).toBe(413);
    expect(counter.pulls).toBeLessThan(20);
    const short = await w.handler(post('{"name":"x"}', { 'content-length': '100' }));
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ code: 'MALFORMED_BODY' });
    const exact = await w.handler(post('{"name":"Talk"}', { 'content-length': '15' }));
    expect(exact.status).toBe(201);
  });

  it('answers 408 REQUEST_TIMEOUT to a body that never ends, and runs nothing', async () => {
    const w = await world({ bodyTimeoutSeconds: 0.05 });
    let cancelled = false;
    const never = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await w.handler(post(never, {}));
    expect(response.status).toBe(408);
    expect(await response.json()).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    expect(HTTP_STATUS.REQUEST_TIMEOUT).toBe(408);
    expect(cancelled).toBe(true);
    expect(w.state().links).toHaveLength(1);
  });

  it('refuses a body timeout it cannot work with', async () => {
    const h = await harness();
    for (const bodyTimeoutSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 86_401, '30']) {
      expect(() => createHttpHandler({ guestLinks: h.access, authenticate: () => null, bodyTimeoutSeconds: bodyTimeoutSeconds as number }), String(bodyTimeoutSeconds)).toThrow(
        /bodyTimeoutSeconds/,
      );
    }
  });
});

describe('HTTP layer: trusted origins are origins', () => {
  it('refuses wildcards, other schemes and anything that is not scheme, host and port', async () => {
    const h = await harness();
    for (const origin of [
      '*',
      'https://*',
      'https://*.example.org',
      'ws://app.example.org',
      'ftp://app.example.org',
      'null',
      'file:///',
      'https://user:secret@app.example.org',
      'https://app.example.org/path',
      'https://app.example.org?x',
      'HTTPS://APP.example.org',
      'https://app.example.org:443',
      '',
      ' https://app.example.org',
    ]) {
      let thrown: unknown = null;
      try {
        createHttpHandler({ guestLinks: h.access, authenticate: () => null, trustedOrigins: [origin] });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(origin)).toBeInstanceOf(AccessLinksError);
      expect((thrown as AccessLinksError).code).toBe('INVALID_OPTIONS');
    }
    expect(() => createHttpHandler({ guestLinks: h.access, authenticate: () => null, trustedOrigins: '*' as never })).toThrow(/list/);
    for (const origin of ['https://app.example.org', 'https://app.example.org/', 'http://localhost:5173', 'https://[::1]:8443']) {
      expect(() => createHttpHandler({ guestLinks: h.access, authenticate: () => null, trustedOrigins: [origin] }), origin).not.toThrow();
    }
  });
});
