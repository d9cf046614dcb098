/**
 * The HTTP layer's contract at its edges: what each option refuses and why, the exact cookies it
 * writes and reads, where the base path starts and ends, what a form post may change, the CORS
 * and same-origin answers, rate limits when the host's client key or limiter says little or
 * fails, and the OpenAPI document: its form fields, and which components it keeps.
 */
import { describe, expect, it } from 'vitest';
import { createHttpHandler, type HttpHandlerOptions } from '../src/http';
import { AccessLinksError, type GuestLinks } from '../src/index';
import { createMemoryNotifier, createMemoryRateLimiter } from '../src/memory';
import type { Route } from '../src/adapters/http/routes';
import { harness, inviteHarness, linkOn, ok, owner } from './harness';

const ORIGIN = 'https://media.example.org';
const BASE = `${ORIGIN}/access-links`;
const APP = 'https://app.example.org';

interface Send {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly user?: string;
  /** Sends no Origin of the site's own on a state-changing request. */
  readonly bare?: boolean;
}

/** A handler over fresh in-memory adapters, rate limits off unless given; `x-user: owner` signs the owner in. */
async function world(options: Partial<HttpHandlerOptions> = {}) {
  const h = await inviteHarness();
  const handler = createHttpHandler({
    guestLinks: h.access,
    inviteLinks: h.invites,
    authenticate: (request) => (request.headers.get('x-user') === 'owner' ? owner : null),
    claimant: () => null,
    clock: h.clock,
    rateLimiter: null,
    ...options,
  });
  const guestLinks: GuestLinks = options.guestLinks ?? h.access;
  const send = (path: string, init: Send = {}) => {
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && init.bare !== true && !headers.has('origin')) headers.set('origin', ORIGIN);
    if (init.user !== undefined) headers.set('x-user', init.user);
    let body: string | undefined;
    if (init.form !== undefined) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return handler(new Request(path.startsWith('http') ? path : `${BASE}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }));
  };
  let guests = 0;
  /** Joins through a link as a new guest, with the Cookie header given. */
  const join = (token: string, cookie?: string) => {
    guests += 1;
    return send(`/guest-links/${token}/join`, { method: 'POST', json: { name: `Guest ${guests}`, email: `guest${guests}@example.org` }, headers: cookie === undefined ? {} : { cookie } });
  };
  const link = (entryId: string) => linkOn(guestLinks, entryId);
  return { ...h, handler, send, join, link };
}

/** The Set-Cookie line of a response that starts with `prefix`, or undefined. */
const setCookie = (response: Response, prefix: string) => response.headers.getSetCookie().find((line) => line.startsWith(prefix));
/** The cookie name a Set-Cookie line sets. */
const cookieName = (line: string | undefined) => line?.slice(0, line.indexOf('='));

type Schema = Record<string, unknown>;
type Document = { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, Schema> } }> } }>> };

describe('HTTP layer: the OpenAPI document', () => {
  // First in this file: the document's form schemas are made when its module first loads.
  it('describes each kind of form field as a form sends it, and is the document the build writes for the docs', async () => {
    const w = await world({ notifier: createMemoryNotifier() });
    const document = (await w.handler.openApi()) as unknown as Document;
    const form = (path: string, method: string) => document.paths[`/access-links${path}`]![method]!.requestBody.content['application/x-www-form-urlencoded']!.schema.properties;
    const digits = { type: 'string', pattern: '^[0-9]{0,16}$', description: 'Digits, or empty for none.' };
    const list = { type: 'array', items: { type: 'string' }, description: 'Repeated, or one field with the items separated by commas, semicolons or lines (or spaces between addresses).' };
    expect(form('/entries/{entryId}/guest-links', 'post')).toEqual({
      name: { type: 'string' },
      useLimit: digits,
      durationDays: digits,
      allowedDomains: list,
      blockedDomains: list,
      passcode: { type: 'string' },
      verifyEmail: { type: 'string', enum: ['true', 'false', 'on', 'off', '1', '0', ''] },
      next: { $ref: '#/components/schemas/Next' },
      back: { $ref: '#/components/schemas/Back' },
    });
    const switches = ['true', 'false', 'on', 'off', '1', '0', ''];
    expect(form('/entries/{entryId}/guest-access', 'put')['enabled']).toEqual({ type: 'string', enum: switches });
    expect(form('/entries/{entryId}/invites', 'post')['emails']).toEqual({
      type: 'array',
      items: { type: 'string' },
      description: 'Repeated, or one field with the items separated by commas, semicolons or lines (or spaces between addresses).',
    });
    // The build writes the same document, under the default base path.
    const { buildOpenApiDocument } = await import('../scripts/openapi-build');
    expect(buildOpenApiDocument()).toEqual(document);
    // Every switch value the document lists is one a form may send.
    for (const value of switches) {
      const response = await w.send('/entries/video-1/guest-access', { method: 'POST', user: 'owner', form: { _method: 'PUT', enabled: value } });
      expect(response.status, value).toBe(200);
      expect(((await response.json()) as { enabled: boolean }).enabled).toBe(['true', 'on', '1'].includes(value));
    }
  });

  it('keeps the components reached through $ref alone, and lists parameters only for a route that has some', async () => {
    const { assembleDocument } = await import('../src/adapters/http/openapi-select');
    const route: Route = { method: 'GET', path: ['things'], operation: 'listThings', feature: 'guest', auth: 'none', fields: {}, limits: [], summary: 'Lists things.' };
    const responses = {
      200: { description: 'Things; see #/components/schemas/Mentioned', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
    };
    const thing = { type: 'object', properties: { $ref: { type: 'string', description: 'A property of that name.' }, note: { type: 'string', description: 'Not #/components/schemas/Mentioned either.' } } };
    const parts = {
      openapi: '3.1.0',
      tags: [{ name: 'Guest links' }, { name: 'Invite links' }],
      security: [],
      operations: { listThings: { responses } },
      components: {
        schemas: { Thing: thing, Mentioned: { $ref: '#/components/schemas/Deep' }, Deep: { type: 'string' } },
        headers: { Unused: { schema: { type: 'string' } } },
      },
    };
    const document = assembleDocument(parts, [route], '/base');
    expect(document['paths']).toEqual({ '/base/things': { get: { operationId: 'listThings', summary: 'Lists things.', tags: ['Guest links'], security: [], responses } } });
    // A text that names a component keeps nothing; a kind with nothing reached is left out.
    expect(document['components']).toEqual({ schemas: { Thing: thing } });
    expect(document['tags']).toEqual([{ name: 'Guest links' }]);
    expect(() => assembleDocument({ ...parts, operations: {} }, [route], '/base')).toThrow('The OpenAPI parts lack listThings.');
  });
});

/** The message of the INVALID_OPTIONS error `options` are refused with. */
function refusal(options: unknown): string {
  try {
    createHttpHandler(options as HttpHandlerOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(AccessLinksError);
    expect((error as AccessLinksError).code).toBe('INVALID_OPTIONS');
    return (error as AccessLinksError).message;
  }
  throw new Error('the options were taken');
}

describe('HTTP layer: options it refuses, each with its reason', () => {
  it('needs options, some operations, authenticate, and claimant beside inviteLinks', async () => {
    const h = await inviteHarness();
    for (const options of [undefined, null, 'options', 42]) expect(refusal(options), String(options)).toBe('Options are required.');
    expect(refusal({ authenticate: () => null })).toBe('Give guestLinks, inviteLinks or both.');
    expect(refusal({ guestLinks: h.access, authenticate: 'owner' })).toBe('authenticate must be a function.');
    expect(refusal({ inviteLinks: h.invites, authenticate: () => null })).toBe('claimant must be a function when inviteLinks is given.');
  });

  it('takes a base path with or without its trailing slash, and refuses anything else', async () => {
    const h = await harness();
    for (const basePath of ['api', 'a/b', '/a b', '/api//', '//', '/api?x=1']) {
      expect(refusal({ guestLinks: h.access, authenticate: () => null, basePath }), basePath).toBe('basePath must be a path such as "/access-links" or "/".');
    }
    for (const basePath of ['/api', '/api/']) {
      const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => null, basePath });
      expect(handler.basePath).toBe('/api');
      expect((await handler(new Request(`${ORIGIN}/api/openapi.json`))).status).toBe(200);
    }
  });

  it('names the trusted origin, unknown limit, body size or cookie path it cannot work with', async () => {
    const h = await harness();
    const base = { guestLinks: h.access, authenticate: () => null };
    expect(refusal({ ...base, trustedOrigins: [42] })).toMatch(/^trustedOrigins: 42 is not an origin/);
    expect(refusal({ ...base, rateLimits: { joinPerLinks: { limit: 10, windowSeconds: 60 } } })).toBe('rateLimits: unknown limit joinPerLinks.');
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1024']) {
      expect(refusal({ ...base, maxBodyBytes }), String(maxBodyBytes)).toBe('maxBodyBytes must be a whole number of bytes.');
    }
    for (const path of ['', 'app', 'x/', '/a b', '/a;b', '/app?x']) expect(refusal({ ...base, cookie: { path } }), path).toBe('cookie.path must be a path.');
    // The bounds themselves are taken.
    expect(() => createHttpHandler({ ...base, maxBodyBytes: 1, bodyTimeoutSeconds: 3600, cookie: { path: '/app/v1.2_x~y-z' } })).not.toThrow();
  });
});

describe('HTTP layer: the cookies it writes', () => {
  const SESSION = /^(?<name>__Host-al-guest-[A-Za-z0-9_-]{16})=[A-Za-z0-9._~-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/;

  it('prefixes the names as the path and Secure allow, and writes Secure only when asked', async () => {
    const cases = [
      [{}, '__Host-', '/', '; Secure'],
      [{ path: '/app' }, '__Secure-', '/app', '; Secure'],
      [{ secure: false }, '', '/', ''],
      [{ path: '/app', secure: false }, '', '/app', ''],
    ] as const;
    for (const [cookie, prefix, path, secure] of cases) {
      const w = await world({ cookie });
      const link = await w.link('video-1');
      const joined = await w.join(link.token);
      expect(joined.status).toBe(201);
      const lines = joined.headers.getSetCookie();
      expect(lines, JSON.stringify(cookie)).toHaveLength(2);
      expect(lines.find((line) => line.includes('al-guest-'))).toMatch(new RegExp(`^${prefix}al-guest-[A-Za-z0-9_-]{16}=[A-Za-z0-9._~-]+; Path=${path}; HttpOnly; SameSite=Lax${secure}$`));
      expect(lines.find((line) => line.includes('al-device='))).toMatch(new RegExp(`^${prefix}al-device=[A-Za-z0-9_-]{43}; Path=${path}; HttpOnly; SameSite=Lax${secure}; Max-Age=34560000$`));
    }
  });

  it("gives each entry's session cookie its own name, and clears exactly that one on leave", async () => {
    const w = await world();
    const names: string[] = [];
    for (const entryId of ['video-1', 'video-2']) {
      const joined = await w.join((await w.link(entryId)).token);
      const line = setCookie(joined, '__Host-al-guest-');
      expect(line).toMatch(SESSION);
      names.push(cookieName(line)!);
      const left = await w.send(`/entries/${entryId}/guest-session/leave`, { method: 'POST' });
      expect(left.status).toBe(204);
      expect(left.headers.getSetCookie()).toEqual([`${names.at(-1)}=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0`]);
    }
    expect(names[0]).not.toBe(names[1]);
  });

  it('clears a refused session cookie with an empty value, over HTTP and for a page of the host; without one, clears nothing', async () => {
    const w = await world();
    const without = await w.send('/entries/video-1/guest-session');
    expect(without.status).toBe(403);
    expect(without.headers.getSetCookie()).toEqual([]);
    const joined = await w.join((await w.link('video-1')).token);
    const name = cookieName(setCookie(joined, '__Host-al-guest-'))!;
    const cleared = `${name}=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0`;
    const forged = new Request(`${BASE}/entries/video-1/guest-session`, { headers: { cookie: `${name}=forged` } });
    const checked = await w.handler.checkGuestSession(forged, 'video-1');
    expect(checked.result).toMatchObject({ ok: false, code: 'SESSION_INVALID' });
    expect(checked.setCookie).toBe(cleared);
    const answered = await w.handler(forged);
    expect(answered.status).toBe(403);
    expect(answered.headers.getSetCookie()).toEqual([cleared]);
  });

  it("sets the session cookie's Max-Age to the session's lifetime in seconds", async () => {
    const g = await harness({ rules: { guestSessionSeconds: 3600 } });
    const w = await world({ guestLinks: g.access, clock: g.clock });
    const joined = await w.join((await w.link('video-1')).token);
    expect(setCookie(joined, '__Host-al-guest-')).toMatch(/^__Host-al-guest-[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=3600$/);
  });

  it('keeps a device cookie it could have written, and replaces any other', async () => {
    const w = await world();
    const link = await w.link('video-1');
    const renewed = async (cookie?: string) => {
      const joined = await w.join(link.token, cookie);
      expect(joined.status, cookie).toBe(201);
      return setCookie(joined, '__Host-al-device=') !== undefined;
    };
    expect(await renewed(`__Host-al-device=${'a'.repeat(200)}`)).toBe(false);
    // Spaces around a value are not part of it.
    expect(await renewed(`theme=dark; __Host-al-device= ${'b'.repeat(43)} ; lang=en`)).toBe(false);
    expect(await renewed()).toBe(true);
    expect(await renewed(`__Host-al-device=${'a'.repeat(201)}`)).toBe(true);
    expect(await renewed('__Host-al-device=a b')).toBe(true);
    expect(await renewed('__Host-al-device=a!b')).toBe(true);
    // A part without "=" is no cookie, whatever it holds.
    expect(await renewed('__Host-al-devicex')).toBe(true);
  });

  it("passes a join the client's first 20 session cookies, and none of its other cookies", async () => {
    const w = await world();
    const link = await w.link('video-1');
    const ada = (cookie?: string) =>
      w.send(`/guest-links/${link.token}/join`, { method: 'POST', json: { name: 'Ada', email: 'ada@example.org' }, headers: cookie === undefined ? {} : { cookie } });
    const first = await ada();
    expect(first.status).toBe(201);
    const session = setCookie(first, '__Host-al-guest-')!.split(';')[0]!;
    const sessionId = ((await first.json()) as { session: { id: string } }).session.id;
    const others = (count: number, name: (i: number) => string) => Array.from({ length: count }, (_, i) => `${name(i)}=v${i}`);
    const otherSessions = (count: number) => others(count, (i) => `__Host-al-guest-other${String(i).padStart(11, '0')}`);
    // Twenty cookies of the site's own pages are no session cookies: the session held is found.
    const again = await ada([...others(20, (i) => `pref${i}`), session].join('; '));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { session: { id: string } }).session.id).toBe(sessionId);
    // As the twentieth session cookie, it is read.
    expect((await ada([...otherSessions(19), session].join('; '))).status).toBe(200);
    // As the twenty-second, it is not: the join is a new one, not a refusal of the list.
    const past = await ada([...otherSessions(21), session].join('; '));
    expect(past.status).toBe(201);
    expect(((await past.json()) as { session: { id: string } }).session.id).not.toBe(sessionId);
  });

  it('sets no device cookie with deviceCookie off', async () => {
    const w = await world({ deviceCookie: false });
    const joined = await w.join((await w.link('video-1')).token);
    expect(joined.status).toBe(201);
    expect(joined.headers.getSetCookie()).toEqual([expect.stringMatching(SESSION)]);
  });

  it('checkGuestSession needs guest links, and refuses an entry id that is not a text without reading any cookie', async () => {
    const h = await inviteHarness();
    const invitesOnly = createHttpHandler({ inviteLinks: h.invites, authenticate: () => null, claimant: () => null });
    await expect(invitesOnly.checkGuestSession(new Request(BASE), 'video-1')).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: 'checkGuestSession needs guestLinks.' });
    const w = await world();
    for (const entryId of [undefined, 42, Object.create(null) as object]) {
      const checked = await w.handler.checkGuestSession(new Request(BASE), entryId as never);
      expect(checked).toEqual({ result: expect.objectContaining({ ok: false, code: 'INVALID_ENTRY_ID' }), setCookie: null });
    }
  });
});

describe('HTTP layer: paths, methods and the answers it makes itself', () => {
  it('answers only under its base path, and openapi.json only there', async () => {
    const w = await world();
    expect((await w.send('/openapi.json')).status).toBe(200);
    for (const url of [`${ORIGIN}/access-linkz/openapi.json`, `${ORIGIN}/access-linksX/openapi.json`, `${BASE}/openapi.json/more`, `${BASE}/openapi.json/`]) {
      const response = await w.send(url);
      expect(response.status, url).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('checks a state-changing request to the base path itself like any other', async () => {
    const w = await world();
    const crossSite = await w.send(BASE, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
    expect((await w.send(BASE, { method: 'POST' })).status).toBe(404);
  });

  it('serves the document to GET and HEAD alone, HEAD without a body', async () => {
    const w = await world();
    const post = await w.send('/openapi.json', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    const head = await w.send('/openapi.json', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await head.text()).toBe('');
    expect((await (await w.send('/openapi.json')).text()).length).toBeGreaterThan(1000);
  });

  it('answers a preflight for a path it serves, with the methods, header and lifetime it allows; 404 for any other', async () => {
    const w = await world({ trustedOrigins: [APP] });
    const preflight = await w.send('/entries/video-1/guest-links', { method: 'OPTIONS', headers: { origin: APP } });
    expect(preflight.status).toBe(204);
    const cors: Record<string, string> = {};
    preflight.headers.forEach((value, name) => {
      if (name.startsWith('access-control-') || name === 'vary') cors[name] = value;
    });
    expect(cors).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    const unknown = await w.send('/entries/video-1/nothing', { method: 'OPTIONS', headers: { origin: APP } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('matches no parameter to an empty segment', async () => {
    const w = await world();
    for (const [method, path] of [
      ['GET', '/entries//guest-links'],
      ['GET', '/guest-links/'],
      ['POST', '/guest-links//join'],
    ] as const) {
      const response = await w.send(path, { method, user: 'owner' });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('takes an authenticate that answers undefined for nobody signed in', async () => {
    const w = await world({ authenticate: () => undefined as never });
    const response = await w.send('/entries/video-1/guest-links', { user: 'owner' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('marks every answer nosniff, its own refusals as well as successes', async () => {
    const w = await world();
    for (const response of [await w.send('/openapi.json'), await w.send('/nothing'), await w.send('/entries/video-1/guest-links')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('reads a body that takes a moment to arrive, well within its timeout', async () => {
    const w = await world({ bodyTimeoutSeconds: 5 });
    ok(await w.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        controller.enqueue(new TextEncoder().encode('{"name":"Slow"}'));
        controller.close();
      },
    });
    const response = await w.handler(
      new Request(`${BASE}/entries/video-1/guest-links`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'x-user': 'owner', 'content-type': 'application/json' },
        body: slow,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(201);
    expect(w.state().links.map((link) => link.name)).toEqual(['Slow']);
  });
});

describe('HTTP layer: what a form post may say', () => {
  it('reads next, back and _method from a form alone: a JSON body with them is answered as JSON', async () => {
    const w = await world();
    ok(await w.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const created = await w.send('/entries/video-1/guest-links', { method: 'POST', user: 'owner', json: { name: 'Talk', next: '/manage', back: '/back' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBeNull();
    expect(await created.json()).toMatchObject({ name: 'Talk' });
  });

  it('takes _method only on a POST, and only as exactly PUT, PATCH or DELETE', async () => {
    const w = await world();
    ok(await w.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    for (const _method of ['XDELETE', 'DELETEX', 'GET']) {
      const response = await w.send('/entries/video-1/guest-links', { method: 'POST', user: 'owner', form: { _method, name: `Link ${_method}` } });
      expect(response.status, _method).toBe(201);
    }
    const kept = await w.send('/entries/video-1/guest-access', { method: 'PUT', user: 'owner', form: { _method: 'DELETE', enabled: 'false' } });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toMatchObject({ enabled: false });
  });

  it('takes an empty next or back for none, and a next of 2048 characters', async () => {
    const w = await world();
    ok(await w.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const none = await w.send('/entries/video-1/guest-links', { method: 'POST', user: 'owner', form: { name: 'Plain', next: '', back: '' } });
    expect([none.status, none.headers.get('location')]).toEqual([201, null]);
    const longest = `/${'a'.repeat(2047)}`;
    const long = await w.send('/entries/video-1/guest-links', { method: 'POST', user: 'owner', form: { name: 'Long', next: longest } });
    expect([long.status, long.headers.get('location')]).toEqual([303, longest]);
    const link = await w.link('video-2');
    const refused = await w.send(`/guest-links/${link.token}/join`, { method: 'POST', form: { name: '', email: 'ada@example.org', next: '/watch', back: '' } });
    expect([refused.status, refused.headers.get('location')]).toEqual([303, '/watch?code=INVALID_NAME']);
  });

  it("puts a refusal's code before the fragment of back", async () => {
    const w = await world();
    const link = await w.link('video-1');
    for (const [back, location] of [
      ['/g/x#form', '/g/x?code=INVALID_NAME#form'],
      ['/g/x?lang=en#form', '/g/x?lang=en&code=INVALID_NAME#form'],
      ['/g/x#a?b', '/g/x?code=INVALID_NAME#a?b'],
    ]) {
      const response = await w.send(`/guest-links/${link.token}/join`, { method: 'POST', form: { name: '', email: 'ada@example.org', next: '/watch', back: back! } });
      expect([response.status, response.headers.get('location')], back).toEqual([303, location]);
    }
  });

  it('passes a field the form leaves out as left out', async () => {
    const w = await world();
    const response = await w.send('/entries/room-1/invites', { method: 'POST', user: 'owner', form: { role: 'viewer' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_EMAIL_LIST', reasons: [{ code: 'INVALID_EMAIL_LIST', path: ['emails'] }] });
    expect(w.store.inspect()).toEqual([]);
  });
});

describe('HTTP layer: origins and CORS', () => {
  it('lets a trusted origin in when the browser says cross-site, with CORS headers', async () => {
    const w = await world({ trustedOrigins: [APP] });
    const response = await w.send('/entries/video-1/guest-access', { method: 'PUT', user: 'owner', json: { enabled: true }, headers: { origin: APP, 'sec-fetch-site': 'cross-site' } });
    expect(response.status).toBe(200);
    expect([response.headers.get('access-control-allow-origin'), response.headers.get('access-control-allow-credentials'), response.headers.get('vary')]).toEqual([APP, 'true', 'Origin']);
  });

  it('trusts an origin given with a trailing slash', async () => {
    const w = await world({ trustedOrigins: [`${APP}/`] });
    const response = await w.send('/entries/video-1/guest-access', { method: 'PUT', user: 'owner', json: { enabled: true }, headers: { origin: APP } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it("sends no CORS headers to the site's own origin, even when it is listed as trusted", async () => {
    const w = await world({ trustedOrigins: [ORIGIN] });
    const response = await w.send('/entries/video-1/guest-access', { method: 'PUT', user: 'owner', json: { enabled: true } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
  });

  it('lets a request with neither Origin nor Sec-Fetch-Site in only when told to', async () => {
    for (const [allowRequestsWithoutOrigin, status] of [
      [true, 200],
      [false, 403],
    ] as const) {
      const w = await world({ allowRequestsWithoutOrigin });
      const response = await w.send('/entries/video-1/guest-access', { method: 'PUT', user: 'owner', json: { enabled: true }, bare: true });
      expect(response.status).toBe(status);
    }
  });

  it('never takes an Origin of "null" for this site, even where the request URL has no origin either', async () => {
    const w = await world();
    const response = await w.handler(
      new Request('file:///access-links/entries/video-1/guest-access', {
        method: 'PUT',
        headers: { origin: 'null', 'x-user': 'owner', 'content-type': 'application/json' },
        body: '{"enabled":true}',
      }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
  });
});

describe('HTTP layer: rate limits at their edges', () => {
  it('answers 503 when the limiter fails, telling onError a STORAGE_FAILED with the cause; its own errors go through as they are', async () => {
    const cause = new Error('redis: connection refused');
    const own = new AccessLinksError('CLOCK_FAILED', 'The clock is off.');
    for (const thrown of [cause, own]) {
      const errors: unknown[] = [];
      const w = await world({ rateLimiter: { consume: () => Promise.reject(thrown) }, onError: (error) => errors.push(error) });
      const link = await w.link('video-1');
      const response = await w.send(`/guest-links/${link.token}`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.text()).not.toContain('redis');
      expect(errors).toHaveLength(1);
      if (thrown === own) expect(errors[0]).toBe(own);
      else expect(errors[0]).toMatchObject({ code: 'STORAGE_FAILED', message: 'The rate limiter failed.', cause });
    }
  });

  it('counts per client only when the client key names one: none, null, undefined and "" count nothing', async () => {
    const keys: [string, HttpHandlerOptions['clientKey']][] = [
      ['no function', undefined],
      ['null', () => null],
      ['undefined', () => undefined as never],
      ['empty', () => ''],
      ['an address', () => '203.0.113.7'],
    ];
    for (const [label, clientKey] of keys) {
      const w = await world({ rateLimiter: createMemoryRateLimiter(), rateLimits: { openPerClient: { limit: 1, windowSeconds: 60 } }, clientKey });
      const link = await w.link('video-1');
      const statuses = [(await w.send(`/guest-links/${link.token}`)).status, (await w.send(`/guest-links/${link.token}`)).status];
      expect(statuses, label).toEqual(label === 'an address' ? [200, 429] : [200, 200]);
    }
  });

  it('asks for the client key only for a request that a per-client limit counts', async () => {
    let asked = 0;
    const w = await world({
      rateLimiter: createMemoryRateLimiter(),
      clientKey: () => {
        asked += 1;
        return '203.0.113.7';
      },
    });
    const link = await w.link('video-1');
    expect((await w.send('/entries/video-1/guest-links', { user: 'owner' })).status).toBe(200);
    expect((await w.send('/entries/room-1/invites', { method: 'POST', user: 'owner', json: { emails: ['ada@example.org'], role: 'viewer' } })).status).toBe(200);
    expect(asked).toBe(0);
    expect((await w.send(`/guest-links/${link.token}`)).status).toBe(200);
    expect(asked).toBe(1);
  });
});
