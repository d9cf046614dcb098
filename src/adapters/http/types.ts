/** The public types of the HTTP layer: its options, the handler, and what it answers. */
import type { Actor } from '../../domain/entry';
import type { Result } from '../../domain/result';
import type { Claimant } from '../../policy/invite-policy';
import type { Clock } from '../../ports/clock';
import type { Notifier } from '../../ports/notifier';
import type { RateLimit, RateLimiter } from '../../ports/rate-limiter';
import type { GuestLinks } from '../../services/guest-links';
import type { GuestSessionView } from '../../services/views';
import type { InviteLinks } from '../../services/invites/invite-links';

/**
 * The rate limits the HTTP layer applies, by kind of request. `client` limits apply only when
 * the handler has a `clientKey`; `link` limits count per link or invite token; `actor` limits
 * per signed-in user.
 *
 * @category HTTP
 */
export interface HttpRateLimits {
  /** Opening a guest link or an invite, per client. @defaultValue 60 per 60 s */
  readonly openPerClient: RateLimit;
  /** Opening one guest link or invite: every guest opens the link before joining. @defaultValue 1,200 per 60 s */
  readonly openPerLink: RateLimit;
  /** Joining through guest links, per client. @defaultValue 10 per 60 s */
  readonly joinPerClient: RateLimit;
  /** Joining through one guest link: the most guests who may arrive at once. @defaultValue 600 per 60 s */
  readonly joinPerLink: RateLimit;
  /**
   * Joins that give a passcode (V3), per client, right or wrong: a guest who was given the
   * passcode needs one or two. @defaultValue 10 per 600 s
   */
  readonly passcodePerClient: RateLimit;
  /**
   * Wrong passcodes given to one guest link, from every client (V3): counted before a passcode
   * is compared, so that guesses arriving together never overdraw it, and given back (the
   * limiter's `refund`) when it was right or never compared, so the guests of a live event who
   * type it right spend none of it; one process compares at most 8 passcodes of a link at once,
   * the others waiting their turn. Once spent, a passcode given to the link is refused with 429
   * until the limit has room again, right or wrong: that is what bounds guessing. @defaultValue 100 per 3,600 s
   */
  readonly passcodePerLink: RateLimit;
  /** Accepting or declining invites, per client. @defaultValue 20 per 60 s */
  readonly claimPerClient: RateLimit;
  /** Accepting or declining one invite. @defaultValue 10 per 60 s */
  readonly claimPerLink: RateLimit;
  /** Inviting (a batch) or resending, per signed-in user. @defaultValue 20 per 60 s */
  readonly invitePerActor: RateLimit;
}


/**
 * How the handler writes its cookies.
 *
 * @category HTTP
 */
export interface HttpCookieOptions {
  /**
   * The cookies' `Path`. With `/` (and `secure`), names take the `__Host-` prefix, which the
   * browser only accepts from this exact host over HTTPS; with another path, `__Secure-`.
   * Pages that check the session server-side (with {@link HttpHandler.checkGuestSession}) must
   * be under this path.
   * @defaultValue `'/'`
   */
  readonly path?: string | undefined;
  /**
   * Whether cookies carry `Secure` (HTTPS only; browsers treat `http://localhost` as secure).
   * Turn it off only for plain-HTTP development on another host name.
   * @defaultValue `true`
   */
  readonly secure?: boolean | undefined;
}

/**
 * Options of {@link createHttpHandler}.
 *
 * @category HTTP
 */
export interface HttpHandlerOptions {
  /** The guest-link operations; without them, the guest routes answer 404. */
  readonly guestLinks?: GuestLinks | undefined;
  /** The invite operations; without them, the invite routes answer 404. Needs `claimant`. */
  readonly inviteLinks?: InviteLinks | undefined;
  /**
   * Who is signed in, from the host's own session: an {@link Actor}, or `null` for nobody (the
   * owner and moderator routes then answer 401). The layer never invents identity.
   * @example
   * ```ts
   * const handler = createHttpHandler({
   *   guestLinks,
   *   authenticate: async (request) => {
   *     const user = await sessions.userOf(request); // the host's own login
   *     return user === null ? null : { userId: user.id, admin: user.isAdmin, name: user.displayName };
   *   },
   * });
   * ```
   */
  readonly authenticate: (request: Request) => Actor | null | Promise<Actor | null>;
  /**
   * The signed-in user claiming an invite, with the account's email and whether the platform
   * verified it, or `null` for nobody (accept and decline then answer 401). Required with `inviteLinks`.
   */
  readonly claimant?: ((request: Request) => Claimant | null | Promise<Claimant | null>) | undefined;
  /**
   * Where the routes live; requests outside it answer 404.
   * @defaultValue `'/access-links'`
   */
  readonly basePath?: string | undefined;
  /**
   * Origins besides the request's own that may make state-changing requests, as
   * `https://app.example.org` (scheme, host and port; no path). Behind a proxy that terminates
   * TLS, where the request's URL says `http:`, list the public origin here.
   * @defaultValue `[]`
   */
  readonly trustedOrigins?: readonly string[] | undefined;
  /**
   * Whether a state-changing request with neither `Origin` nor `Sec-Fetch-Site` goes ahead.
   * Browsers send one of them; server-to-server clients and command-line tools do not. Off by
   * default, so nothing that could be a browser is trusted without them.
   * @defaultValue `false`
   */
  readonly allowRequestsWithoutOrigin?: boolean | undefined;
  /**
   * Counts requests; `null` turns rate limiting off.
   * @defaultValue the stores' own limiter when they have one (`sharedRateLimiter` of
   * `guestLinks`, then of `inviteLinks`: with the PostgreSQL stores, the PostgreSQL limiter, so
   * limits hold across servers); else an in-memory limiter, per process (`createMemoryRateLimiter()`)
   */
  readonly rateLimiter?: RateLimiter | null | undefined;
  /** Limits to change from {@link DEFAULT_HTTP_RATE_LIMITS}. */
  readonly rateLimits?: Partial<HttpRateLimits> | undefined;
  /**
   * A key of the client that sent a request, for per-client rate limits: the address your
   * proxy or platform puts in a header you trust, say. `null` (or no function) skips the
   * per-client limits; per-link and per-user limits still apply. Stored only as a digest.
   * @example
   * ```ts
   * const handler = createHttpHandler({
   *   guestLinks,
   *   authenticate: (request) => currentUser(request),
   *   clientKey: (request) => request.headers.get('cf-connecting-ip'), // behind Cloudflare; whatever your proxy sets
   * });
   * ```
   */
  readonly clientKey?: ((request: Request) => string | null | Promise<string | null>) | undefined;
  /** How cookies are written. */
  readonly cookie?: HttpCookieOptions | undefined;
  /**
   * Whether a join sets a long-lived random device cookie and passes it as the join's
   * `clientKey`, so that declining a guest also refuses that browser's next joins under another
   * address (G10).
   * @defaultValue `true`
   */
  readonly deviceCookie?: boolean | undefined;
  /**
   * The largest request body read, in bytes; larger ones answer 413 unread. A body is counted
   * as it streams and never held past this, nor past the `Content-Length` it declares.
   * @defaultValue 65536
   */
  readonly maxBodyBytes?: number | undefined;
  /**
   * How long a request body may take to arrive, in seconds (more than 0, at most 3600); a body
   * still arriving then answers `408 REQUEST_TIMEOUT`, and nothing runs.
   * @defaultValue 30
   */
  readonly bodyTimeoutSeconds?: number | undefined;
  /**
   * The source of "now" for rate limits and cookie lifetimes; give the same clock as the
   * library's.
   * @defaultValue {@link "access-links"!systemClock | systemClock}
   */
  readonly clock?: Clock | undefined;
  /**
   * Tells the event streams what changed on an entry, on this server or another: with it, the
   * handler serves `GET …/guest-session/events` (a waiting guest learns at once that a moderator
   * admitted or declined them) and `GET …/guests/events` (a lobby that updates itself). Give the
   * same notifier as the services' `notifier`. Without it those routes answer 404 and are not in
   * the OpenAPI document.
   * @example
   * ```ts
   * const notifier = createMemoryNotifier(); // one server; across servers, PostgreSQL or Redis
   * const live = createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (t) => t, notifier });
   * const streaming = createHttpHandler({ guestLinks: live, authenticate: (request) => currentUser(request), notifier });
   * ```
   */
  readonly notifier?: Notifier | undefined;
  /**
   * The most event streams open at once for one entry on this server; one more answers
   * `503 TOO_MANY_STREAMS` with `Retry-After`, and the client checks the plain way meanwhile.
   * @defaultValue 1000
   */
  readonly maxStreamsPerEntry?: number | undefined;
  /**
   * Seconds between an event stream's heartbeats (1 to 300): each sends a comment that keeps
   * proxies from closing the connection, and looks again at what the stream shows (the session,
   * or the lobby's rights), so a notice that never arrived is made up for.
   * @defaultValue 25
   */
  readonly heartbeatSeconds?: number | undefined;
  /**
   * Told of every error answered 500 or 503, with the request, for the host's logs. The
   * response never shows it. A throw from it is ignored.
   */
  readonly onError?: ((error: unknown, request: Request) => void) | undefined;
}

/**
 * What {@link HttpHandler.checkGuestSession} answers: the check, and the `Set-Cookie` header
 * to send with the page, if any: it clears the cookie after a refusal for good (an expired
 * session, a deleted or expired link), never while the guest waits, is declined (a moderator
 * may admit them after all) or guest access is off (it may be turned on again).
 *
 * @category HTTP
 */
export interface GuestSessionCheck {
  /** The check, as {@link GuestLinks.checkGuestSession} answers it. */
  readonly result: Result<GuestSessionView>;
  /** A `Set-Cookie` value to send, or `null`. */
  readonly setCookie: string | null;
}

/**
 * A request handler on Web standards: give it a `Request`, get a `Response`. Mount it as is in
 * `Bun.serve`, `Deno.serve`, a worker, a Next.js route handler or Hono; in Node's `http`,
 * Express or Fastify through {@link toNodeHandler}.
 *
 * @category HTTP
 */
export interface HttpHandler {
  /**
   * Answers one request.
   * @param request - the request.
   * @returns the response; never rejects.
   * @example
   * ```ts
   * const response = await handler(new Request('https://media.example.org/access-links/openapi.json'));
   * console.log(response.status); // 200
   * ```
   */
  (request: Request): Promise<Response>;
  /** The base path the routes live under. */
  readonly basePath: string;
  /**
   * Checks the guest session cookie of a request for an entry, for the host's own server-side
   * entry page: the same answer as `GET …/entries/:entryId/guest-session`.
   * @param request - the page request, with its cookies.
   * @param entryId - the entry the page shows.
   * @returns the check and the cookie header to send.
   * @example
   * ```ts
   * async function guestEntryPage(request: Request): Promise<Response> {
   *   const { result, setCookie } = await handler.checkGuestSession(request, 'room-1');
   *   const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
   *   if (setCookie) headers.append('set-cookie', setCookie); // clears the cookie after a refusal for good
   *   if (result.ok) return new Response(entryPage(result.value), { headers });
   *   return new Response(messagePage(result.code), { status: result.code === 'GUEST_WAITING' ? 202 : 403, headers });
   * }
   * console.log((await guestEntryPage(request)).status); // 403: this request has no session cookie
   * ```
   */
  checkGuestSession(request: Request, entryId: string): Promise<GuestSessionCheck>;
  /**
   * The OpenAPI 3.1 document of the routes this handler serves, also served at
   * `GET {basePath}/openapi.json`. Its parts are loaded on the first call (a bundler keeps them in
   * a chunk of their own), and the document is made once per handler.
   * @returns the document, a plain JSON value.
   * @example
   * ```ts
   * const document = await handler.openApi();
   * console.log(Object.keys(document.paths).length); // one key per path
   * ```
   */
  openApi(): Promise<OpenApiDocument>;
}

/**
 * The OpenAPI 3.1 document of a handler's routes, as plain JSON.
 *
 * @category HTTP
 */
export interface OpenApiDocument {
  /** The OpenAPI version, `3.1.0`. */
  readonly openapi: string;
  /** Each route's operations, by path and method. */
  readonly paths: Readonly<Record<string, unknown>>;
  /** `info`, `components` and `security`. */
  readonly [key: string]: unknown;
}
