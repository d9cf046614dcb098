/**
 * The handler on Node through `toNodeHandler`, in real Express 5 and Fastify 5 apps listening
 * on loopback ports, each with its JSON body parser in front: the stories a browser plays
 * (join with cookies, an owner's change, a form post, a body too large, a cross-site post, HEAD),
 * and a Hono sub-app mounted with `app.route`.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpHandler, toNodeHandler, type HttpHandler, type NodeHandlerOptions } from '../src/http';
import { harness, ok, owner } from './harness';

/** A handler over fresh in-memory adapters: the owner signs in with `x-user: owner`. */
async function world() {
  const h = await harness();
  const handler = createHttpHandler({
    guestLinks: h.access,
    authenticate: (request) => (request.headers.get('x-user') === 'owner' ? owner : null),
    clock: h.clock,
    maxBodyBytes: 1024,
    rateLimiter: null,
  });
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Guests' }));
  return { ...h, handler, link };
}

type World = Awaited<ReturnType<typeof world>>;

/** Closes what a test started. */
const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((close) => close()));
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An Express 5 app: express.json() first, the handler mounted under its base path. */
async function expressApp(handler: HttpHandler, options: NodeHandlerOptions = {}) {
  const app = express();
  const parsed: string[] = [];
  app.use(express.json());
  app.use((req, _res, next) => {
    if (req.body !== undefined) parsed.push(`${req.method} ${req.originalUrl}`);
    next();
  });
  app.use('/access-links', toNodeHandler(handler, options));
  app.get('/hello', (_req, res) => {
    res.send('hello');
  });
  return { url: await listen(createServer(app)), parsed };
}

/** A Fastify 5 app: its default JSON parser, forms handed on unread, the handler on a wildcard route. */
async function fastifyApp(handler: HttpHandler, options: NodeHandlerOptions = {}) {
  const app: FastifyInstance = Fastify();
  const parsed: string[] = [];
  app.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null));
  app.addHook('preHandler', async (request) => {
    if (request.body !== undefined && request.body !== null) parsed.push(`${request.method} ${request.url}`);
  });
  const node = toNodeHandler(handler, options);
  app.all('/access-links/*', (request, reply) => node(request, reply));
  await app.listen({ port: 0, host: '127.0.0.1' });
  running.push(() => app.close());
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, parsed };
}

/** A client that keeps cookies and sends the page's own Origin on posts, as a browser on the site would. */
function browser(url: string) {
  const jar = new Map<string, string>();
  return {
    jar,
    async send(method: string, path: string, init: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
      const headers = new Headers(init.headers);
      if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) headers.set('origin', url);
      if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
      let body: string | undefined;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      } else if (init.form !== undefined) {
        headers.set('content-type', 'application/x-www-form-urlencoded');
        body = new URLSearchParams(init.form).toString();
      }
      const response = await fetch(`${url}${path}`, { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: /json/.test(response.headers.get('content-type') ?? '') && text !== '' ? (JSON.parse(text) as Record<string, any>) : null };
    },
  };
}

const frameworks = {
  'Express 5 with express.json()': expressApp,
  'Fastify 5 with its JSON parser': fastifyApp,
};

for (const [name, start] of Object.entries(frameworks)) {
  describe(`toNodeHandler in ${name}`, () => {
    let w: World;
    const app = async (options: NodeHandlerOptions = {}) => {
      w = await world();
      return start(w.handler, options);
    };

    it('joins through a JSON body the parser read first, setting both cookies, then checks the session', async () => {
      const { url, parsed } = await app();
      const guest = browser(url);
      const joined = await guest.send('POST', `/access-links/guest-links/${w.link.token}/join`, { json: { name: 'Ada', email: 'ada@example.org' } });
      expect(joined.status).toBe(201);
      expect(joined.body).toMatchObject({ session: { guestName: 'Ada', status: 'admitted' } });
      const cookies = joined.headers.getSetCookie();
      expect(cookies).toHaveLength(2);
      expect(cookies.some((line) => line.startsWith('__Host-al-guest-') && /HttpOnly; SameSite=Lax; Secure/.test(line))).toBe(true);
      expect(cookies.some((line) => line.startsWith('__Host-al-device='))).toBe(true);
      expect(joined.headers.get('cache-control')).toBe('no-store');
      expect(parsed).toContain(`POST /access-links/guest-links/${w.link.token}/join`); // the parser did read it
      const checked = await guest.send('GET', '/access-links/entries/video-1/guest-session');
      expect(checked.status).toBe(200);
      expect(checked.body).toMatchObject({ guestName: 'Ada' });
    });

    it("asks authenticate on an owner's route: 401 without the user, 200 with", async () => {
      const { url } = await app();
      const site = browser(url);
      expect((await site.send('PUT', '/access-links/entries/video-1/guest-access', { json: { enabled: false } })).status).toBe(401);
      const changed = await site.send('PUT', '/access-links/entries/video-1/guest-access', { json: { enabled: false }, headers: { 'x-user': 'owner' } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ entryId: 'video-1', enabled: false });
      expect(ok(await w.access.getGuestAccess({ actor: owner, entryId: 'video-1' })).enabled).toBe(false);
    });

    it('answers a form post with 303 to next, and to back with the code on a refusal', async () => {
      const { url } = await app();
      const guest = browser(url);
      const joined = await guest.send('POST', `/access-links/guest-links/${w.link.token}/join`, { form: { name: 'Ada', email: 'ada@example.org', next: '/watch/video-1' } });
      expect([joined.status, joined.headers.get('location')]).toEqual([303, '/watch/video-1']);
      expect(joined.headers.getSetCookie()).toHaveLength(2);
      const refused = await guest.send('POST', `/access-links/guest-links/${w.link.token}/join`, { form: { name: '', email: 'x', next: '/watch/video-1', back: '/g/t' } });
      expect([refused.status, refused.headers.get('location')]).toEqual([303, '/g/t?code=INVALID_NAME']);
    });

    it('answers 413 to a body over maxBodyBytes, parsed first or streamed, and runs nothing', async () => {
      const { url } = await app();
      const site = browser(url);
      const json = await site.send('POST', '/access-links/entries/video-1/guest-links', { json: { name: 'x'.repeat(2000) }, headers: { 'x-user': 'owner' } });
      expect([json.status, json.body!['code']]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const form = await site.send('POST', '/access-links/entries/video-1/guest-links', { form: { name: 'x'.repeat(2000) }, headers: { 'x-user': 'owner' } });
      expect([form.status, form.body!['code']]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(w.state().links).toHaveLength(1);
      // The connection still answers.
      expect((await site.send('GET', '/access-links/openapi.json')).status).toBe(200);
    });

    it('refuses a cross-site post, and trusts X-Forwarded-* only when told to', async () => {
      const { url } = await app();
      const evil = await browser(url).send('POST', `/access-links/guest-links/${w.link.token}/join`, {
        json: { name: 'Eve', email: 'eve@example.org' },
        headers: { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      });
      expect([evil.status, evil.body!['code']]).toEqual([403, 'CROSS_SITE_REQUEST']);
      expect(w.state().sessions).toEqual([]);

      const behindProxy = await app({ trustProxy: true });
      const proxied = await browser(behindProxy.url).send('POST', `/access-links/guest-links/${w.link.token}/join`, {
        json: { name: 'Ada', email: 'ada@example.org' },
        headers: { origin: 'https://media.example.org', 'x-forwarded-host': 'media.example.org', 'x-forwarded-proto': 'https' },
      });
      expect(proxied.status).toBe(201);

      const fixed = await app({ origin: 'https://media.example.org' });
      const site = browser(fixed.url);
      expect((await site.send('POST', `/access-links/guest-links/${w.link.token}/join`, { json: { name: 'Ada', email: 'ada@example.org' } })).status).toBe(403);
      const fromSite = await site.send('POST', `/access-links/guest-links/${w.link.token}/join`, { json: { name: 'Ada', email: 'ada@example.org' }, headers: { origin: 'https://media.example.org' } });
      expect(fromSite.status).toBe(201);
    });

    it('answers HEAD with the head of GET and no body', async () => {
      const { url } = await app();
      const head = await browser(url).send('HEAD', '/access-links/openapi.json');
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(head.text).toBe('');
      const link = await browser(url).send('HEAD', `/access-links/guest-links/${w.link.token}`);
      expect([link.status, link.text]).toEqual([200, '']);
    });
  });
}

describe('the setups the HTTP guide recommends: every body read by the handler, so every refusal is its own', () => {
  /** Express 5: the handler mounted before the body parsers, which then never see its routes. */
  async function expressFirst(handler: HttpHandler) {
    const app = express();
    app.use('/access-links', toNodeHandler(handler));
    app.use(express.json());
    app.post('/mine', (req, res) => {
      res.json({ parsed: req.body });
    });
    return listen(createServer(app));
  }
  /** Fastify 5: the handler in a scope of its own whose one parser hands every body on unread. */
  async function fastifyScoped(handler: HttpHandler) {
    const app: FastifyInstance = Fastify();
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      const node = toNodeHandler(handler);
      scope.all('/access-links/*', (request, reply) => node(request, reply));
    });
    app.post('/mine', async (request) => ({ parsed: request.body }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    running.push(() => app.close());
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  for (const [name, start] of Object.entries({ 'Express, the handler before express.json()': expressFirst, 'Fastify, the handler in a scope that parses nothing': fastifyScoped })) {
    it(`${name}: bad JSON, a foreign type, a large body and a cross-site post get the library's answers; a join and the app's own JSON still work`, async () => {
      const w = await world();
      const url = await start(w.handler);
      const join = `${url}/access-links/guest-links/${w.link.token}/join`;
      const post = async (body: string, headers: Record<string, string>) => {
        const response = await fetch(join, { method: 'POST', headers: { origin: url, ...headers }, body });
        return [response.status, ((await response.json()) as { code?: string }).code];
      };
      expect(await post('{not json', { 'content-type': 'application/json' })).toEqual([400, 'MALFORMED_BODY']);
      expect(await post('{not json', { 'content-type': 'application/json', origin: 'https://evil.example' })).toEqual([403, 'CROSS_SITE_REQUEST']);
      expect(await post('<guest/>', { 'content-type': 'application/xml' })).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect(await post(JSON.stringify({ name: 'Ada', email: 'ada@example.org', note: 'x'.repeat(4096) }), { 'content-type': 'application/json' })).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(await post(JSON.stringify({ name: 'Ada', email: 'ada@example.org' }), { 'content-type': 'application/json' })).toEqual([201, undefined]);
      const form = await fetch(join, { method: 'POST', headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Bo&email=bo%40example.org&next=%2Fin', redirect: 'manual' });
      expect([form.status, form.headers.get('location')]).toEqual([303, '/in']);
      const mine = await fetch(`${url}/mine`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      expect(await mine.json()).toEqual({ parsed: { a: 1 } });
    });
  }
});

describe('toNodeHandler on its own', () => {
  it('serves http.createServer, passes other paths on to next in Express, and refuses bad options', async () => {
    const w = await world();
    const url = await listen(createServer(toNodeHandler(w.handler)));
    const guest = browser(url);
    expect((await guest.send('POST', `/access-links/guest-links/${w.link.token}/join`, { json: { name: 'Ada', email: 'ada@example.org' } })).status).toBe(201);
    expect((await guest.send('GET', '/elsewhere')).status).toBe(404);
    // A Host that is no host name names no origin: nothing is served for it. Nor is anything for
    // one shaped like a host that no URL can hold (a port past 65535, an IPv4 part past 255).
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const sent = httpRequest(`${url}/access-links/openapi.json`, { headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        });
        sent.on('error', reject);
        sent.end();
      });
    for (const host of ['evil.example/x', 'example.org:65536', '256.256.256.256', '1.2.3.999:80']) expect([host, await statusFor(host)]).toEqual([host, 404]);
    expect(await statusFor('example.org:65535')).toBe(200);

    // A body that never ends: 408 when bodyTimeoutSeconds has passed, and nothing ran.
    const slow = createHttpHandler({ guestLinks: w.access, authenticate: () => null, bodyTimeoutSeconds: 0.2, rateLimiter: null });
    const slowUrl = await listen(createServer(toNodeHandler(slow)));
    const timedOut = await new Promise<number>((resolve, reject) => {
      const sent = httpRequest(`${slowUrl}/access-links/guest-links/${w.link.token}/join`, {
        method: 'POST',
        headers: { origin: slowUrl, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      sent.on('response', (response) => {
        response.resume();
        resolve(response.statusCode!);
        sent.destroy();
      });
      sent.on('error', reject);
      sent.write('{"name":"Ada",'); // and nothing more
    });
    expect(timedOut).toBe(408);
    expect(w.state().sessions).toHaveLength(1);

    const app = express();
    app.use(toNodeHandler(w.handler));
    app.get('/hello', (_req, res) => {
      res.send('hello');
    });
    const mounted = browser(await listen(createServer(app)));
    expect((await mounted.send('GET', '/hello')).text).toBe('hello');
    expect((await mounted.send('GET', '/access-links/openapi.json')).status).toBe(200);

    expect(() => toNodeHandler(w.handler, { origin: 'https://*.example.org' })).toThrow(/origin/);
    expect(() => toNodeHandler(w.handler, { origin: 'https://media.example.org/app' })).toThrow(/origin/);
    expect(() => toNodeHandler(w.handler, { origin: 'https://media.example.org', trustProxy: true })).toThrow(/not both/);
  });
});

describe('a Hono sub-app mounted with app.route', () => {
  it('hands the raw request on, with its full path', async () => {
    const w = await world();
    const accessLinks = new Hono();
    accessLinks.all('/*', (c) => w.handler(c.req.raw));
    const app = new Hono();
    app.route('/access-links', accessLinks);
    const ORIGIN = 'https://media.example.org';
    const joined = await app.fetch(
      new Request(`${ORIGIN}/access-links/guest-links/${w.link.token}/join`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ada', email: 'ada@example.org' }),
      }),
    );
    expect(joined.status).toBe(201);
    expect(joined.headers.getSetCookie()).toHaveLength(2);
  });
});
