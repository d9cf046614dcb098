/** The shapes of Node's request and response, and of Fastify's, that toNodeHandler reads and writes; no `node:` import. */

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
