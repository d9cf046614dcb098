/**
 * The handler on Node's `(req, res)`: for `http.createServer`, Express and other Connect-style
 * middleware, and Fastify. Node's request and response are typed by their shape, so nothing
 * here imports a `node:` module.
 */
import { AccessLinksError } from '../../domain/errors';
import { pathOf, toRequest } from './node-request';
import type { FastifyRequestLike, NodeHandler, NodeHandlerOptions, NodeResponseLike } from './node-types';
import { isOrigin } from './options';
import { errorBody, refuse } from './responses';
import type { HttpHandler } from './types';

const encoder = new TextEncoder();

/** Writes a Web `Response` on a Node response: status, every header (each `Set-Cookie` apart), and the body as it streams. */
async function writeResponse(response: Response, out: NodeResponseLike): Promise<void> {
  out.statusCode = response.status;
  // A Set-Cookie set here is replaced by the whole list below, before anything is sent.
  response.headers.forEach((value, name) => out.setHeader(name, value));
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out.setHeader('set-cookie', cookies);
  if (response.body === null) {
    out.end();
    return;
  }
  let closed = false;
  let wake = () => {};
  const reader = response.body.getReader();
  out.once('close', () => {
    closed = true;
    // A stream that would write again only at its next event is let go now.
    reader.cancel().catch(() => {});
    wake();
  });
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
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` for an `origin` that is not one, or `origin` with `trustProxy`.
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
