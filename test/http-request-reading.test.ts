/**
 * How the HTTP layer reads a request, and how it writes its answer on Node.
 *
 * The body: the length it declares (none, malformed, longer or shorter than the body), the size
 * limit to the byte, the types it is read under (an empty body, JSON and `+json` types, a form
 * with a repeated field), the message of each refusal, and no timer left behind. Through
 * `toNodeHandler`: the origin (proxy headers, HTTP/2 pseudo-headers, TLS), the path (an
 * absolute-form target, the base path itself, a handler at `/`), a body a parser read first and
 * written again, the body stream paced by its reader, cut short, or dropped after an early
 * answer, and the answer written with its cookies, paced by the response, stopped when the
 * client goes, and a failure answered 500.
 */
import { EventEmitter, once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect as connectHttp2, createServer as createHttp2Server, type ClientHttp2Session, type OutgoingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import express, { type RequestHandler } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpHandler, toNodeHandler, type HttpHandler, type HttpHandlerOptions, type NodeHandler, type NodeResponseLike } from '../src/http';
import { AccessLinksError } from '../src/index';
import { inviteHarness, ok, owner } from './harness';

const ORIGIN = 'https://media.example.org';
const ada = { name: 'Ada', email: 'ada@example.org' };
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const LEAVE = '/access-links/entries/video-1/guest-session/leave';
const OPENAPI = '/access-links/openapi.json';

/** A handler over fresh in-memory adapters, guest links and invites; the owner signs in with `x-user: owner`. */
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
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Guests' }));
  return { ...h, handler, joinPath: `/access-links/guest-links/${link.token}/join` };
}

type World = Awaited<ReturnType<typeof world>>;

/** A same-site POST straight to the handler. */
function post(w: World, path: string, body: BodyInit | null, headers: Record<string, string> = {}): Promise<Response> {
  return w.handler(new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { origin: ORIGIN, ...headers }, body }));
}

/** A JSON join straight to the handler, its body as bytes (so no type or length is added for it). */
function join(w: World, text: string, headers: Record<string, string> = {}): Promise<Response> {
  return post(w, w.joinPath, encoder.encode(text), { 'content-type': 'application/json', ...headers });
}

/** The status and the JSON body of an answer. */
async function read(response: Response): Promise<{ status: number; body: Record<string, any> | null }> {
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as Record<string, any>) };
}

/** Lets every pending callback, promise and stream step run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The handler itself, answering with `answer` instead (it keeps the handler's base path). */
function custom(handler: HttpHandler, answer: (request: Request) => Promise<Response>): HttpHandler {
  return Object.assign(answer, { basePath: handler.basePath, checkGuestSession: handler.checkGuestSession, openApi: handler.openApi });
}

/** A Node request with no socket behind it: a stream the test writes the body into. */
function nodeRequest(init: { method?: string; url: string; headers: Record<string, string>; encrypted?: boolean }) {
  return Object.assign(new PassThrough(), {
    url: init.url,
    headers: init.headers,
    socket: { encrypted: init.encrypted },
    ...(init.method === undefined ? {} : { method: init.method }),
  });
}

/** The listeners on a request's body events. */
const listeners = (request: EventEmitter) => ['data', 'end', 'error', 'close'].map((event) => request.listenerCount(event));

/** A Node response that keeps what is written on it; `full` makes `write` ask to wait for `drain`. */
class KeptResponse extends EventEmitter implements NodeResponseLike {
  statusCode = 200;
  headersSent = false;
  ended = false;
  full = false;
  readonly headers = new Map<string, string | readonly string[]>();
  readonly chunks: string[] = [];
  setHeader(name: string, value: string | readonly string[]): this {
    this.headers.set(name, value);
    return this;
  }
  write(chunk: Uint8Array): boolean {
    this.headersSent = true;
    this.chunks.push(decoder.decode(chunk));
    return !this.full;
  }
  end(): this {
    this.headersSent = true;
    this.ended = true;
    return this;
  }
  json(): Record<string, any> {
    return JSON.parse(this.chunks.join('')) as Record<string, any>;
  }
}

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

/** An Express app: `before` first, then the handler at the root, then an app route that answers 418 to anything. */
async function expressApp(node: NodeHandler, ...before: RequestHandler[]): Promise<string> {
  const app = express();
  for (const middleware of before) app.use(middleware);
  app.use(node);
  app.use((_req, res) => {
    res.status(418).send('the app');
  });
  return listen(createServer(app));
}

/** A body parser of one's own: it reads the whole body, then gives `req.body` what `parse` makes of the text. */
const parser =
  (parse: (text: string) => unknown): RequestHandler =>
  (req, _res, next) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      req.body = parse(text);
      next();
    });
  };

/** A fetch whose answer is read whole: status, headers and the JSON body. */
async function send(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '') && text !== '';
  return { status: response.status, headers: response.headers, text, body: json ? (JSON.parse(text) as Record<string, any>) : null };
}

const jsonPost = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('reading a body', () => {
  it('reads an empty body as no fields, with no type, as JSON or as a form; under another type it is refused', async () => {
    const w = await world();
    expect((await post(w, LEAVE, null)).status).toBe(204);
    for (const type of [null, 'application/json', 'Application/JSON; charset=utf-8', 'application/x-www-form-urlencoded']) {
      const response = await post(w, LEAVE, new Uint8Array(0), type === null ? {} : { 'content-type': type });
      expect(response.status, String(type)).toBe(204);
    }
    for (const type of ['text/plain', 'multipart/form-data; boundary=x']) {
      const refused = await read(await post(w, LEAVE, new Uint8Array(0), { 'content-type': type }));
      expect([refused.status, refused.body!['code']], type).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
  });

  it('holds a body to the Content-Length it declares, and refuses one that is not a number of bytes', async () => {
    const w = await world();
    const text = JSON.stringify(ada);
    const length = encoder.encode(text).byteLength;
    // No body at all: a length of 0 is kept, any other is not.
    expect((await post(w, LEAVE, null, { 'content-length': '0' })).status).toBe(204);
    const missing = await read(await post(w, LEAVE, null, { 'content-length': '5' }));
    expect([missing.status, missing.body]).toEqual([400, expect.objectContaining({ code: 'MALFORMED_BODY', message: 'The body is shorter than its Content-Length.' })]);

    const longer = await read(await join(w, text, { 'content-length': String(length - 1) }));
    expect([longer.status, longer.body]).toEqual([400, expect.objectContaining({ code: 'MALFORMED_BODY', message: 'The body is longer than its Content-Length.' })]);
    expect(longer.body!['reasons']).toEqual([{ code: 'MALFORMED_BODY', message: 'The body is longer than its Content-Length.' }]);
    const shorter = await read(await join(w, text, { 'content-length': String(length + 1) }));
    expect([shorter.status, shorter.body!['message']]).toEqual([400, 'The body is shorter than its Content-Length.']);

    for (const declared of ['abc', `abc${length}`, `${length}abc`, `-${length}`, '1e2', '0x40', '1234567890123456']) {
      const refused = await read(await join(w, text, { 'content-length': declared }));
      expect([refused.status, refused.body!['code']], declared).toEqual([400, 'MALFORMED_BODY']);
    }
    expect(w.state().sessions).toEqual([]);

    // Digits with white space around them (that Headers keeps) are read as their number.
    expect((await join(w, text, { 'content-length': `\u00a0${length}\f` })).status).toBe(201);
    expect((await join(w, text, { 'content-length': String(length) })).status).toBe(201);
  });

  it('reads a body of exactly maxBodyBytes, and answers 413 to one byte more or a larger declared length', async () => {
    const w = await world({ maxBodyBytes: 256 });
    const exact = JSON.stringify(ada).padEnd(256, ' ');
    expect((await join(w, exact)).status).toBe(201);
    expect((await join(w, exact, { 'content-length': '256' })).status).toBe(201);
    for (const headers of [{}, { 'content-length': '257' }]) {
      const over = await read(await join(w, `${exact} `, headers));
      expect([over.status, over.body!['code']]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    }
    // A declared length over the limit is refused for it, however short the body turns out.
    const declared = await read(await join(w, '{}', { 'content-length': '5000' }));
    expect([declared.status, declared.body!['code']]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(w.state().sessions).toHaveLength(2);
  });

  it('answers a body that is no JSON object with what is wrong with it', async () => {
    const w = await world();
    const invalid = await read(await join(w, '{"name": "Ada",'));
    expect([invalid.status, invalid.body]).toEqual([400, expect.objectContaining({ code: 'MALFORMED_BODY', message: 'The body is not valid JSON.' })]);
    for (const text of ['5', 'null', '[]', '[{"name":"Ada","email":"ada@example.org"}]', '"Ada"', 'true']) {
      const refused = await read(await join(w, text));
      expect([refused.status, refused.body], text).toEqual([400, expect.objectContaining({ code: 'MALFORMED_BODY', message: 'The body must be one JSON object.' })]);
    }
    expect(w.state().sessions).toEqual([]);
  });

  it('reads JSON under application/json and any +json type, and nothing under types that only look alike', async () => {
    const w = await world();
    for (const type of ['application/json ; charset=utf-8', 'application/vnd.example.guest+json', 'application/merge-patch+json; charset=utf-8', 'application/x+json']) {
      expect((await join(w, JSON.stringify(ada), { 'content-type': type })).status, type).toBe(201);
    }
    for (const type of ['application/geo+json-seq', 'x-application/vnd.example+json', 'text/json']) {
      const refused = await read(await join(w, JSON.stringify(ada), { 'content-type': type }));
      expect([refused.status, refused.body!['code']], type).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
  });

  it('reads a form field given more than once as a list of every value, in order', async () => {
    const w = await world();
    const form = 'emails=alan%40example.org&role=viewer&emails=grace%40example.org&emails=edsger%40example.org';
    const sent = await read(await post(w, '/access-links/entries/room-1/invites', form, { 'content-type': 'application/x-www-form-urlencoded', 'x-user': 'owner' }));
    expect(sent.status).toBe(200);
    const outcomes = sent.body as unknown as { status: string; invite: { email: string } }[];
    expect(outcomes.map((outcome) => [outcome.status, outcome.invite.email])).toEqual([
      ['invited', 'alan@example.org'],
      ['invited', 'grace@example.org'],
      ['invited', 'edsger@example.org'],
    ]);
  });

  it('leaves no timer running once a body is read, refused, or cut off at the limit', async () => {
    const w = await world({ maxBodyBytes: 64 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect((await join(w, JSON.stringify(ada))).status).toBe(201);
      expect((await join(w, '{"name":')).status).toBe(400);
      expect((await join(w, 'x'.repeat(100))).status).toBe(413);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('toNodeHandler: the origin and path of a request', () => {
  it('trusts the first of a list of X-Forwarded values, with spaces around its commas; another scheme names no origin', async () => {
    const w = await world();
    const url = await listen(createServer(toNodeHandler(w.handler, { trustProxy: true })));
    const proxied = await send(`${url}${w.joinPath}`, jsonPost(ada, { origin: ORIGIN, 'x-forwarded-host': 'media.example.org , proxy.internal', 'x-forwarded-proto': 'https , http' }));
    expect(proxied.status).toBe(201);
    const other = await send(`${url}${OPENAPI}`, { headers: { 'x-forwarded-proto': 'ftp' } });
    expect([other.status, other.body!['code']]).toEqual([404, 'NOT_FOUND']);
    expect((await send(`${url}${OPENAPI}`, { headers: { 'x-forwarded-proto': 'https' } })).status).toBe(200);
  });

  it('takes the origin of an HTTP/2 request from its :scheme and :authority, and no pseudo-header as a header', async () => {
    const w = await world();
    const seen: string[][] = [];
    const node = toNodeHandler(
      custom(w.handler, async (request) => {
        const names: string[] = [];
        request.headers.forEach((_value, name) => names.push(name));
        seen.push(names);
        return w.handler(request);
      }),
    );
    const server = createHttp2Server((req, res) => void node(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const session: ClientHttp2Session = connectHttp2(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    running.push(async () => {
      session.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const request = (headers: OutgoingHttpHeaders, body?: string) =>
      new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
        const stream = session.request(headers);
        let status = 0;
        let text = '';
        stream.setEncoding('utf8');
        stream.on('response', (head) => (status = Number(head[':status'])));
        stream.on('data', (chunk: string) => (text += chunk));
        stream.on('end', () => resolve({ status, body: JSON.parse(text) as Record<string, any> }));
        stream.on('error', reject);
        stream.end(body);
      });
    const joined = await request(
      { ':method': 'POST', ':path': w.joinPath, ':scheme': 'https', ':authority': 'media.example.org', origin: ORIGIN, 'content-type': 'application/json' },
      JSON.stringify(ada),
    );
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ session: { guestName: 'Ada' } });
    expect(seen[0]!.filter((name) => name.startsWith(':'))).toEqual([]);
    // Over plain http the same page is another origin.
    const plain = await request({ ':method': 'POST', ':path': w.joinPath, ':scheme': 'http', ':authority': 'media.example.org', origin: ORIGIN, 'content-type': 'application/json' }, JSON.stringify(ada));
    expect([plain.status, plain.body['code']]).toEqual([403, 'CROSS_SITE_REQUEST']);
  });

  it('takes https from a TLS connection, and GET for a request without a method', async () => {
    const w = await world();
    const node = toNodeHandler(w.handler);
    for (const [encrypted, status] of [
      [true, 201],
      [false, 403],
      [undefined, 403],
    ] as const) {
      const request = nodeRequest({ method: 'POST', url: w.joinPath, headers: { host: 'media.example.org', origin: ORIGIN, 'content-type': 'application/json' }, ...(encrypted === undefined ? {} : { encrypted }) });
      const response = new KeptResponse();
      const done = node(request, response);
      request.end(JSON.stringify(ada));
      await done;
      expect(response.statusCode, String(encrypted)).toBe(status);
    }
    const response = new KeptResponse();
    await node(nodeRequest({ url: OPENAPI, headers: { host: 'media.example.org' } }), response);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });

  it('reads the path and query of an absolute-form target, as a client sends it to a proxy', async () => {
    const w = await world();
    const url = await listen(createServer(toNodeHandler(w.handler)));
    const { port } = new URL(url);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const sent = httpRequest({ host: '127.0.0.1', port, path: `http://media.example.org${OPENAPI}?view=1` }, (response: IncomingMessage) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, text }));
      });
      sent.on('error', reject);
      sent.end();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });

  it('answers its own base path itself, passes other paths on, and takes every path with base path "/"', async () => {
    const w = await world();
    const url = await expressApp(toNodeHandler(w.handler));
    const base = await send(`${url}/access-links`);
    expect([base.status, base.body!['code']]).toEqual([404, 'NOT_FOUND']);
    expect([(await send(`${url}/access-linksx`)).status, (await send(`${url}/elsewhere`)).text]).toEqual([418, 'the app']);

    const atRoot = createHttpHandler({ guestLinks: w.access, authenticate: () => null, basePath: '/', rateLimiter: null });
    const rootUrl = await expressApp(toNodeHandler(atRoot));
    const document = await send(`${rootUrl}/openapi.json`);
    expect(document.status).toBe(200);
    expect(document.body).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
    const unknown = await send(`${rootUrl}/elsewhere`);
    expect([unknown.status, unknown.body!['code']]).toEqual([404, 'NOT_FOUND']);
  });

  it('builds every request on an origin option given with a trailing slash', async () => {
    const w = await world();
    const url = await listen(createServer(toNodeHandler(w.handler, { origin: `${ORIGIN}/` })));
    expect((await send(`${url}${w.joinPath}`, jsonPost(ada, { origin: ORIGIN }))).status).toBe(201);
    expect((await send(`${url}${w.joinPath}`, jsonPost(ada, { origin: url }))).status).toBe(403);
  });

  it('refuses a handler or options it cannot work with, saying which', async () => {
    const w = await world();
    const thrown = (make: () => unknown): unknown => {
      try {
        make();
      } catch (error) {
        return error;
      }
      return null;
    };
    for (const handler of [undefined, 'handler', { basePath: '/access-links' }]) {
      const error = thrown(() => toNodeHandler(handler as never));
      expect(error).toBeInstanceOf(AccessLinksError);
      expect(error).toMatchObject({ code: 'INVALID_OPTIONS', message: 'toNodeHandler takes the handler of createHttpHandler.' });
    }
    for (const options of [null, 'https://media.example.org', 5]) {
      const error = thrown(() => toNodeHandler(w.handler, options as never));
      expect(error).toBeInstanceOf(AccessLinksError);
      expect(error).toMatchObject({ code: 'INVALID_OPTIONS', message: 'The options must be an object.' });
    }
  });
});

describe('toNodeHandler: a body a parser read first', () => {
  it('writes a form again with each of its fields, a repeated one given every value', async () => {
    const w = await world();
    const url = await expressApp(toNodeHandler(w.handler), express.urlencoded({ extended: false }));
    const form = (fields: string, headers: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: fields,
    });
    const joined = await send(`${url}${w.joinPath}`, form('name=Ada&email=ada%40example.org&next=%2Fwatch%2Fvideo-1'));
    expect([joined.status, joined.headers.get('location')]).toEqual([303, '/watch/video-1']);
    const sent = await send(`${url}/access-links/entries/room-1/invites`, form('emails=alan%40example.org&emails=grace%40example.org&role=viewer', { 'x-user': 'owner' }));
    expect(sent.status).toBe(200);
    expect((sent.body as unknown as { invite: { email: string } }[]).map((outcome) => outcome.invite.email)).toEqual(['alan@example.org', 'grace@example.org']);
  });

  it('writes JSON again by its media type, whatever its parameters say', async () => {
    const w = await world();
    const url = await expressApp(toNodeHandler(w.handler), express.json());
    const type = 'application/json; profile="application/x-www-form-urlencoded"';
    expect((await send(`${url}${w.joinPath}`, jsonPost(ada, { origin: url, 'content-type': type }))).status).toBe(201);
  });

  it('hands the handler the body as written again: its own length, no transfer or content encoding', async () => {
    const w = await world();
    const seen: Record<string, string | null>[] = [];
    const node = toNodeHandler(
      custom(w.handler, async (request) => {
        const names = ['content-length', 'transfer-encoding', 'content-encoding', 'content-type'];
        seen.push({ ...Object.fromEntries(names.map((name) => [name, request.headers.get(name)])), text: await request.text() });
        return new Response(null, { status: 204 });
      }),
    );
    const url = await expressApp(node, express.json());
    const status = await new Promise<number>((resolve, reject) => {
      const sent = httpRequest(`${url}/access-links/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' },
      });
      sent.on('response', (response: IncomingMessage) => {
        response.resume();
        resolve(response.statusCode!);
      });
      sent.on('error', reject);
      sent.end(gzipSync(JSON.stringify({ name: 'Ada', note: 'é' })));
    });
    expect(status).toBe(204);
    const text = JSON.stringify({ name: 'Ada', note: 'é' });
    expect(seen).toEqual([
      { 'content-length': String(encoder.encode(text).byteLength), 'transfer-encoding': null, 'content-encoding': null, 'content-type': 'application/json', text },
    ]);
  });

  it('reads a null a parser made as no body', async () => {
    const w = await world();
    const url = await expressApp(toNodeHandler(w.handler), parser((text) => JSON.parse(text) as unknown));
    const left = await send(`${url}${LEAVE}`, { method: 'POST', headers: { origin: url, 'content-type': 'application/json' }, body: 'null' });
    expect(left.status).toBe(204);
  });

  it('answers 500 INTERNAL_ERROR, as JSON, to a body a parser made that cannot be written again', async () => {
    const w = await world();
    for (const [type, body] of [
      ['application/json', { ...ada, useLimit: 10n }],
      ['application/x-www-form-urlencoded', 10n],
    ] as const) {
      const url = await expressApp(toNodeHandler(w.handler), parser(() => body));
      const answer = await send(`${url}${LEAVE}`, { method: 'POST', headers: { origin: url, 'content-type': type }, body: 'anything' });
      expect([answer.status, answer.headers.get('content-type'), answer.body], type).toEqual([500, 'application/json; charset=utf-8', expect.objectContaining({ code: 'INTERNAL_ERROR' })]);
    }
  });
});

describe('toNodeHandler: the body stream', () => {
  it('is paced by its reader: the request pauses while a chunk waits unread, and flows again as it is read', async () => {
    const w = await world();
    const requests: Request[] = [];
    let answer!: (response: Response) => void;
    const node = toNodeHandler(
      custom(w.handler, (request) => {
        requests.push(request);
        return new Promise<Response>((resolve) => (answer = resolve));
      }),
    );
    const request = nodeRequest({ method: 'POST', url: '/access-links/upload', headers: { host: 'media.example.org' } });
    const response = new KeptResponse();
    const done = node(request, response);
    await settle();
    const reader = requests[0]!.body!.getReader();
    const text = async () => {
      const next = await reader.read();
      return next.done ? null : decoder.decode(next.value);
    };

    // A reader that waits for the body keeps it flowing.
    const first = text();
    await settle();
    request.write('one');
    expect(await first).toBe('one');
    await settle();
    expect(request.isPaused()).toBe(false);
    // A chunk no one has asked for yet holds the rest in the request.
    request.write('two');
    await settle();
    expect(request.isPaused()).toBe(true);
    request.write('three');
    await settle();
    expect(request.readableLength).toBe('three'.length);
    // Reading takes the rest, to the end.
    expect(await text()).toBe('two');
    expect(await text()).toBe('three');
    request.end('!');
    expect(await text()).toBe('!');
    expect(await text()).toBe(null);

    answer(new Response('read'));
    await done;
    expect([response.statusCode, response.chunks.join(''), response.ended]).toEqual([200, 'read', true]);
  });

  it('answers 400 to a body the client cut off, and hands a handler of its own the reason', async () => {
    const w = await world({ bodyTimeoutSeconds: 1 });
    const node = toNodeHandler(w.handler);
    for (const cut of [(request: PassThrough) => request.destroy(), (request: PassThrough) => request.destroy(new Error('read ECONNRESET'))]) {
      const request = nodeRequest({ method: 'POST', url: w.joinPath, headers: { host: 'media.example.org', origin: 'http://media.example.org', 'content-type': 'application/json' } });
      const response = new KeptResponse();
      const done = node(request, response);
      request.write('{"name":"Ada",');
      await settle();
      cut(request);
      await done;
      expect([response.statusCode, response.json()['code']]).toEqual([400, 'MALFORMED_BODY']);
    }
    expect(w.state().sessions).toEqual([]);

    const reasons: string[] = [];
    const own = toNodeHandler(
      custom(w.handler, async (request) => {
        try {
          await request.text();
        } catch (error) {
          reasons.push((error as Error).message);
        }
        return new Response(null, { status: 204 });
      }),
    );
    for (const cut of [(request: PassThrough) => request.destroy(), (request: PassThrough) => request.destroy(new Error('read ECONNRESET'))]) {
      const request = nodeRequest({ method: 'POST', url: '/access-links/upload', headers: { host: 'media.example.org' } });
      const done = own(request, new KeptResponse());
      request.write('part');
      await settle();
      cut(request);
      await done;
    }
    expect(reasons).toEqual(['The request closed before its body ended.', 'read ECONNRESET']);
  });

  it('leaves no listener on the request once its body is read, and after an early answer reads the rest to drop it', async () => {
    const w = await world({ maxBodyBytes: 16 });
    const node = toNodeHandler(w.handler);
    const headers = { host: 'media.example.org', origin: 'http://media.example.org', 'content-type': 'application/json' };

    const whole = nodeRequest({ method: 'POST', url: w.joinPath, headers });
    const before = listeners(whole);
    const read = new KeptResponse();
    const joined = node(whole, read);
    whole.end('{}');
    await joined;
    expect(read.statusCode).toBe(400); // read whole: no name
    expect(listeners(whole)).toEqual(before);

    const large = nodeRequest({ method: 'POST', url: w.joinPath, headers });
    const refused = new KeptResponse();
    const done = node(large, refused);
    large.write('x'.repeat(32));
    await done;
    expect([refused.statusCode, refused.json()['code']]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(listeners(large)).toEqual(before);
    // The rest still comes, and is read to its end.
    const ended = once(large, 'end');
    large.write('y'.repeat(32));
    large.end('z'.repeat(32));
    await ended;
    expect(large.readableEnded).toBe(true);
  });
});

describe('toNodeHandler: writing the answer', () => {
  it('sets Set-Cookie on the response only when the answer has cookies, every one of them', async () => {
    const w = await world();
    const node = toNodeHandler(w.handler);
    const responses: ServerResponse[] = [];
    const url = await listen(
      createServer((req, res) => {
        responses.push(res);
        void node(req, res);
      }),
    );
    const finished = async (index: number) => {
      const response = responses[index]!;
      if (!response.writableFinished) await once(response, 'finish');
      return response;
    };
    expect((await send(`${url}${OPENAPI}`)).status).toBe(200);
    expect((await finished(0)).hasHeader('set-cookie')).toBe(false);
    const joined = await send(`${url}${w.joinPath}`, jsonPost(ada, { origin: url }));
    expect(joined.status).toBe(201);
    expect(joined.headers.getSetCookie()).toHaveLength(2);
    expect((await finished(1)).getHeader('set-cookie')).toEqual(joined.headers.getSetCookie());
  });

  it('writes a streamed answer as the response drains, and stops reading it when the client goes', async () => {
    const w = await world();
    let source!: ReadableStreamDefaultController<Uint8Array>;
    const cancelled: unknown[] = [];
    const node = toNodeHandler(
      custom(w.handler, async () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            source = controller;
          },
          cancel(reason) {
            cancelled.push(reason);
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'text/plain' } });
      }),
    );
    const get = () => nodeRequest({ method: 'GET', url: '/access-links/stream', headers: { host: 'media.example.org' } });

    // A full response: nothing more is written until it drains.
    const paced = new KeptResponse();
    paced.full = true;
    const pacedDone = node(get(), paced);
    await settle();
    source.enqueue(encoder.encode('a'));
    source.enqueue(encoder.encode('b'));
    source.enqueue(encoder.encode('c'));
    await settle();
    expect(paced.chunks).toEqual(['a']);
    paced.emit('drain');
    await settle();
    expect(paced.chunks).toEqual(['a', 'b']);
    paced.full = false;
    paced.emit('drain');
    source.close();
    await pacedDone;
    expect([paced.chunks, paced.headers.get('content-type'), paced.ended]).toEqual([['a', 'b', 'c'], 'text/plain', true]);

    // The client goes between two chunks: the rest is not read, nor written.
    const gone = new KeptResponse();
    const goneDone = node(get(), gone);
    await settle();
    source.enqueue(encoder.encode('a'));
    await settle();
    gone.emit('close');
    await settle();
    // Let go at once, not at its next chunk: a stream of events may send none for a while.
    expect([gone.chunks, cancelled.length]).toEqual([['a'], 1]);
    await goneDone;

    // The client goes while the answer waits for the response to drain.
    const stuck = new KeptResponse();
    stuck.full = true;
    const stuckDone = node(get(), stuck);
    await settle();
    source.enqueue(encoder.encode('a'));
    source.enqueue(encoder.encode('b'));
    await settle();
    stuck.emit('close');
    await settle();
    expect([stuck.chunks, cancelled.length]).toEqual([['a'], 2]);
    await stuckDone;
  });

  it('answers 500 to a handler that throws, and ends an answer that fails after its head as it is', async () => {
    const w = await world();
    const failing = toNodeHandler(
      custom(w.handler, async () => {
        throw new Error('broken');
      }),
    );
    const early = new KeptResponse();
    await failing(nodeRequest({ method: 'GET', url: '/access-links/x', headers: { host: 'media.example.org' } }), early);
    expect([early.statusCode, early.headers.get('content-type'), early.json()['code'], early.ended]).toEqual([500, 'application/json; charset=utf-8', 'INTERNAL_ERROR', true]);

    const late = toNodeHandler(
      custom(w.handler, async () => {
        let sent = false;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent) controller.error(new Error('the source broke'));
            else controller.enqueue(encoder.encode('the start'));
            sent = true;
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'text/plain' } });
      }),
    );
    const cut = new KeptResponse();
    await late(nodeRequest({ method: 'GET', url: '/access-links/x', headers: { host: 'media.example.org' } }), cut);
    expect([cut.statusCode, cut.headers.get('content-type'), cut.chunks, cut.ended]).toEqual([200, 'text/plain', ['the start'], true]);
  });
});
