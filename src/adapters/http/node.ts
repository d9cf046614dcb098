/**
 * The handler on Node's `(req, res)`: for `http.createServer`, Express and other Connect-style
 * middleware, and Fastify. Node's request and response are typed by their shape, so nothing
 * here imports a `node:` module.
 */
import { AccessLinksError } from '../../domain/errors';
import { isOrigin } from './options';
import { errorBody, refuse } from './responses';
import type { HttpHandler } from './types';

/**
 * The part of Node's `IncomingMessage` (or `Http2ServerRequest`, or Express's request) that
 * {@link toNodeHandler} reads.
 *
 * @category HTTP
 */
export interface NodeRequestLike {
  /** The method, `GET`. */
  readonly method?: string | undefined;
  /** The path and query; Express strips a mount path from it. */
  readonly url?: string | undefined;
  /** The path and query as the request sent it, before a mount stripped a prefix (Express). */
  readonly originalUrl?: string | undefined;
  /** The headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The connection. */
  readonly socket?:
    | {
        /** True over TLS: the request's URL is then `https:`. */
        readonly encrypted?: boolean | undefined;
        /** The client's address (not read; a plain socket has it, so Node's sockets match this shape). */
        readonly remoteAddress?: string | undefined;
      }
    | null
    | undefined;
  /** What a body parser that ran first made of the body (`express.json()`, say). */
  readonly body?: unknown;
  /** Whether the body stream was read to its end already, by a body parser. */
  readonly readableEnded?: boolean | undefined;
  /** Listens to the body stream: `data`, `end`, `error`, `close`. */
  on(event: string, listener: (...args: never[]) => void): unknown;
  /** Stops listening. */
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  /** Pauses the body stream. */
  pause(): unknown;
  /** Resumes the body stream. */
  resume(): unknown;
}

/**
 * The part of Node's `ServerResponse` (or `Http2ServerResponse`, or Express's response) that
 * {@link toNodeHandler} writes.
 *
 * @category HTTP
 */
export interface NodeResponseLike {
  /** The status to send. */
  statusCode: number;
  /** Whether the head is sent. */
  readonly headersSent?: boolean | undefined;
  /** Sets a header; a list sends it once per value. */
  setHeader(name: string, value: string | readonly string[]): unknown;
  /** Writes a part of the body; `false` asks to wait for `drain`. */
  write(chunk: Uint8Array): boolean;
  /** Ends the response. */
  end(): unknown;
  /** Listens once: `drain`, `close`. */
  once(event: string, listener: () => void): unknown;
}

/**
 * Fastify's request, as {@link toNodeHandler} reads it: Node's request in `raw`, and the body its
 * parser made.
 *
 * @category HTTP
 */
export interface FastifyRequestLike {
  /** Node's request. */
  readonly raw: NodeRequestLike;
  /** What Fastify's content-type parser made of the body. */
  readonly body?: unknown;
}

/**
 * Fastify's reply, as {@link toNodeHandler} writes it: it takes the reply over (`hijack()`) and
 * writes Node's response in `raw`.
 *
 * @category HTTP
 */
export interface FastifyReplyLike {
  /** Node's response. */
  readonly raw: NodeResponseLike;
  /** Tells Fastify the response is written by someone else. */
  hijack(): unknown;
}

/**
 * Options of {@link toNodeHandler}: where the origin of a request comes from. Give `origin` in
 * production. Without it, the request's URL is built from the connection (`https` over TLS)
 * and the `Host` header; `X-Forwarded-Proto` and `X-Forwarded-Host` are read only with
 * `trustProxy`, since anyone can send them.
 *
 * @category HTTP
 */
export interface NodeHandlerOptions {
  /**
   * The site's public origin, such as `https://media.example.org`: every request's URL is built
   * on it, whatever `Host` says. Behind a proxy that terminates TLS this is the simplest
   * correct choice.
   */
  readonly origin?: string | undefined;
  /**
   * Whether `X-Forwarded-Proto` and `X-Forwarded-Host` (their first value) name the origin. Only
   * behind a proxy that sets them and removes what the client sent. Not with `origin`.
   * @defaultValue `false`
   */
  readonly trustProxy?: boolean | undefined;
}

/**
 * A handler on Node's request and response: `(req, res, next?)` for `http.createServer` and
 * Express (a request outside the handler's base path goes to `next` when there is one), or
 * `(request, reply)` for Fastify.
 *
 * @category HTTP
 */
export type NodeHandler = (
  request: NodeRequestLike | FastifyRequestLike,
  response: NodeResponseLike | FastifyReplyLike,
  next?: (error?: unknown) => void,
) => Promise<void>;

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/u;
const WITHOUT_BODY = new Set(['GET', 'HEAD']);
const encoder = new TextEncoder();

const first = (value: string | readonly string[] | undefined): string | undefined =>
  (typeof value === 'string' ? value : value?.[0])?.split(',')[0]?.trim();

/** The origin of a request: the given one, else scheme and host from the proxy (when trusted) or the connection. */
function originOf(request: NodeRequestLike, options: NodeHandlerOptions): string | null {
  if (options.origin !== undefined) return options.origin;
  const headers = request.headers;
  const forwarded = options.trustProxy === true;
  const proto = (forwarded ? first(headers['x-forwarded-proto']) : undefined) ?? first(headers[':scheme']) ?? (request.socket?.encrypted === true ? 'https' : 'http');
  const host = (forwarded ? first(headers['x-forwarded-host']) : undefined) ?? first(headers[':authority']) ?? first(headers['host']);
  if ((proto !== 'http' && proto !== 'https') || host === undefined || !HOST.test(host)) return null;
  return `${proto}://${host.toLowerCase()}`;
}

/** The path and query of a request as it was sent, before any mount stripped a prefix. */
function pathOf(request: NodeRequestLike): string {
  const target = request.originalUrl ?? request.url ?? '/';
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target); // an absolute-form target, as sent to a proxy
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

/** A body a parser already read, written again: text as it was, bytes, form fields, or JSON. */
function serialize(body: unknown, contentType: string): Uint8Array<ArrayBuffer> {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (/^application\/x-www-form-urlencoded\b/iu.test(contentType) && typeof body === 'object') {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
    }
    return encoder.encode(form.toString());
  }
  return encoder.encode(JSON.stringify(body) ?? '');
}

/**
 * The body stream of a Node request as a Web stream, paced by its reader. A reader that stops
 * early (a body over the limit, or too slow) leaves the rest to be read and dropped, so the
 * connection stays usable for the answer.
 */
function streamOf(request: NodeRequestLike): ReadableStream<Uint8Array> {
  let detach = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let ended = false;
      const onData = (chunk: Uint8Array | string) => {
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        if ((controller.desiredSize ?? 0) <= 0) request.pause();
      };
      const onEnd = () => {
        ended = true;
        detach();
        controller.close();
      };
      const onError = (error: unknown) => {
        detach();
        controller.error(error);
      };
      const onClose = () => {
        if (!ended) onError(new Error('The request closed before its body ended.'));
      };
      request.on('data', onData);
      request.on('end', onEnd);
      request.on('error', onError);
      request.on('close', onClose);
      detach = () => {
        request.removeListener('data', onData);
        request.removeListener('end', onEnd);
        request.removeListener('error', onError);
        request.removeListener('close', onClose);
      };
    },
    pull() {
      request.resume();
    },
    cancel() {
      detach();
      request.resume(); // the rest is read and dropped
    },
  });
}

/** The Web `Request` of a Node request, or `null` when it names no host of its own. */
function toRequest(request: NodeRequestLike, parsed: { body: unknown } | null, options: NodeHandlerOptions): Request | null {
  const origin = originOf(request, options);
  if (origin === null) return null;
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(':') || value === undefined) continue; // HTTP/2 pseudo-headers
    for (const item of typeof value === 'string' ? [value] : value) headers.append(name, item);
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (!WITHOUT_BODY.has(method)) {
    if (request.readableEnded === true) {
      // A body parser read the stream: its result is written again, with its own length (the
      // handler's maxBodyBytes then applies to it as to any body).
      const bytes = serialize(parsed === null ? request.body : parsed.body, headers.get('content-type') ?? '');
      for (const name of ['transfer-encoding', 'content-encoding']) headers.delete(name);
      headers.set('content-length', String(bytes.byteLength));
      init.body = bytes;
    } else {
      init.body = streamOf(request);
      init.duplex = 'half';
    }
  }
  return new Request(`${origin}${pathOf(request)}`, init);
}

/** Writes a Web `Response` on a Node response: status, every header (each `Set-Cookie` apart), and the body as it streams. */
async function writeResponse(response: Response, out: NodeResponseLike): Promise<void> {
  out.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out.setHeader('set-cookie', cookies);
  if (response.body === null) {
    out.end();
    return;
  }
  let closed = false;
  let wake = () => {};
  out.once('close', () => {
    closed = true;
    wake();
  });
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (closed) {
      await reader.cancel();
      return;
    }
    if (!out.write(value)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        out.once('drain', resolve);
      });
    }
  }
  out.end();
}

/**
 * Serves a handler on Node's `(req, res)`: turns the request into a `Request` (its body
 * streamed, or, when a JSON or form body parser such as `express.json()` or Fastify's ran first,
 * its `body` written again and bounded by `maxBodyBytes` like any body), calls the handler, and
 * writes the `Response` (status, every header with each `Set-Cookie`, and the body as it
 * streams). The path is the one the request sent (`originalUrl`), so a handler mounted under
 * `app.use('/access-links', …)` keeps its `basePath`. The origin comes from `options.origin`,
 * else the connection and `Host`; `X-Forwarded-*` only with `trustProxy`.
 *
 * @param handler - the handler of {@link createHttpHandler}.
 * @param options - where a request's origin comes from.
 * @returns a function for `http.createServer`, Express (`app.use`), or a Fastify route.
 * @throws {@link "access-links"!AccessLinksError} `INVALID_OPTIONS` for an `origin` that is not one, or `origin` with `trustProxy`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createHttpHandler, toNodeHandler } from 'access-links/http';
 *
 * const handler = createHttpHandler({ guestLinks, authenticate: (request) => currentUser(request) });
 * const server = createServer(toNodeHandler(handler, { origin: 'https://media.example.org' }));
 * server.listen(0, () => server.close());
 * ```
 *
 * @category HTTP
 */
export function toNodeHandler(handler: HttpHandler, options: NodeHandlerOptions = {}): NodeHandler {
  if (typeof handler !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'toNodeHandler takes the handler of createHttpHandler.');
  if (typeof options !== 'object' || options === null) throw new AccessLinksError('INVALID_OPTIONS', 'The options must be an object.');
  if (options.origin !== undefined && !isOrigin(options.origin)) {
    throw new AccessLinksError('INVALID_OPTIONS', `origin: ${String(options.origin)} is not an origin such as "https://media.example.org".`);
  }
  if (options.origin !== undefined && options.trustProxy === true) throw new AccessLinksError('INVALID_OPTIONS', 'Give origin or trustProxy, not both.');
  const settings: NodeHandlerOptions = { origin: options.origin?.replace(/\/$/u, ''), trustProxy: options.trustProxy === true };
  const base = handler.basePath === '/' ? '' : handler.basePath;

  return async (request, response, next) => {
    // Fastify hands its own request and reply: Node's are in `raw`, the parsed body beside them.
    const fastify = 'raw' in request;
    const incoming = 'raw' in request ? request.raw : request;
    const out = 'raw' in response ? response.raw : response;
    const path = pathOf(incoming).split('?')[0]!;
    if (typeof next === 'function' && path !== base && !path.startsWith(`${base}/`)) {
      next();
      return;
    }
    if ('hijack' in response) response.hijack();
    try {
      const web = toRequest(incoming, fastify ? { body: (request as FastifyRequestLike).body } : null, settings);
      const answer = web === null ? refuse('NOT_FOUND') : await handler(web);
      await writeResponse(answer, out);
    } catch {
      // The client went away while the answer was written, or the request could not be read.
      if (out.headersSent !== true) {
        out.statusCode = 500;
        out.setHeader('content-type', 'application/json; charset=utf-8');
        out.write(encoder.encode(JSON.stringify(errorBody('INTERNAL_ERROR'))));
      }
      out.end();
    }
  };
}
