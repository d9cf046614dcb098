/**
 * A Node request as a Web `Request`: its origin, its path as sent, its headers, and its body,
 * streamed, or written again from what a body parser read.
 */
import type { NodeHandlerOptions, NodeRequestLike } from './node-types';

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
  const origin = `${proto}://${host}`; // the URL made of it writes the host in lower case
  // A port past 65535 or an IPv4 address with a part past 255 is shaped like a host and is none.
  return URL.canParse(origin) ? origin : null;
}

/** @internal The path and query of a request as it was sent, before any mount stripped a prefix. */
export function pathOf(request: NodeRequestLike): string {
  // Stryker disable next-line StringLiteral: an empty target is no URL either, and falls to '/' below
  const target = request.originalUrl ?? request.url ?? '/';
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target); // an absolute-form target, as sent to a proxy
    return `${url.pathname}${url.search}`;
  } catch {
    // Stryker disable next-line StringLiteral: an empty path names the same URL on the origin, and is outside a base path or at '/' alike
    return '/';
  }
}

/** A body a parser already read, written again: text as it was, bytes, form fields, or JSON. */
function serialize(body: unknown, contentType: string): Uint8Array<ArrayBuffer> {
  if (body == null) return new Uint8Array(0); // undefined or null: no body
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (/^application\/x-www-form-urlencoded\b/iu.test(contentType) && typeof body === 'object') {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
    }
    return encoder.encode(form.toString());
  }
  return encoder.encode(JSON.stringify(body)); // no JSON (a function) encodes as no bytes
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
      const onData = (chunk: Uint8Array | string) => {
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        if ((controller.desiredSize ?? 0) <= 0) request.pause();
      };
      const onEnd = () => {
        detach();
        controller.close();
      };
      const onError = (error: unknown) => {
        detach();
        controller.error(error);
      };
      // Heard only before the end: the end and an error take every listener off.
      const onClose = () => onError(new Error('The request closed before its body ended.'));
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

/** @internal The Web `Request` of a Node request, or `null` when it names no host of its own. */
export function toRequest(request: NodeRequestLike, parsed: { body: unknown } | null, options: NodeHandlerOptions): Request | null {
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
      const type = headers.get('content-type');
      // Stryker disable next-line StringLiteral: only a form's type changes how a body is written; any other text writes JSON
      const bytes = serialize(parsed === null ? request.body : parsed.body, type ?? '');
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
