import { AccessLinksError, isAccessLinksError } from '../../domain/errors';
import type { Actor } from '../../domain/entry';
import { isRateLimit } from '../../domain/rate-limit';
import type { Refusal, Result } from '../../domain/result';
import type { Claimant } from '../../policy/invite-policy';
import type { Clock } from '../../ports/clock';
import type { RateLimit, RateLimiter } from '../../ports/rate-limiter';
import type { GuestLinks } from '../../services/guest-links';
import type { GuestSessionView } from '../../services/views';
import type { InviteLinks } from '../../services/invites/invite-links';
import { createMemoryRateLimiter } from '../memory/rate-limiter';
import { toBase64Url } from '../../services/base64url';
import { sha256Base64Url } from '../../services/digest';
import { systemClock } from '../system/system-clock';
import { formValue, readBody } from './body';
import { cookiePrefix, isCookieSafe, readCookie, serializeCookie, type CookieShape } from './cookies';
import { openApiDocument } from './openapi';
import { matchRoute, ROUTES, type LimitKind, type LimitScope, type Route } from './routes';
import { HTTP_ERROR_MESSAGES, HTTP_STATUS, type HttpErrorCode } from './status';

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
  /** Opening one guest link or invite. @defaultValue 120 per 60 s */
  readonly openPerLink: RateLimit;
  /** Joining through guest links, per client. @defaultValue 10 per 60 s */
  readonly joinPerClient: RateLimit;
  /** Joining through one guest link. @defaultValue 30 per 60 s */
  readonly joinPerLink: RateLimit;
  /** Accepting or declining invites, per client. @defaultValue 20 per 60 s */
  readonly claimPerClient: RateLimit;
  /** Accepting or declining one invite. @defaultValue 10 per 60 s */
  readonly claimPerLink: RateLimit;
  /** Inviting (a batch) or resending, per signed-in user. @defaultValue 20 per 60 s */
  readonly invitePerActor: RateLimit;
}

/**
 * The rate limits a handler applies unless told otherwise.
 *
 * @category HTTP
 */
export const DEFAULT_HTTP_RATE_LIMITS: HttpRateLimits = Object.freeze({
  openPerClient: { limit: 60, windowSeconds: 60 },
  openPerLink: { limit: 120, windowSeconds: 60 },
  joinPerClient: { limit: 10, windowSeconds: 60 },
  joinPerLink: { limit: 30, windowSeconds: 60 },
  claimPerClient: { limit: 20, windowSeconds: 60 },
  claimPerLink: { limit: 10, windowSeconds: 60 },
  invitePerActor: { limit: 20, windowSeconds: 60 },
});

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
   * @defaultValue an in-memory limiter, per process (`createMemoryRateLimiter()`)
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
   * The largest request body read, in bytes; larger ones answer 413 unread.
   * @defaultValue 65536
   */
  readonly maxBodyBytes?: number | undefined;
  /**
   * The source of "now" for rate limits and cookie lifetimes; give the same clock as the
   * library's.
   * @defaultValue {@link systemClock}
   */
  readonly clock?: Clock | undefined;
  /**
   * Told of every error answered 500 or 503, with the request, for the host's logs. The
   * response never shows it. A throw from it is ignored.
   */
  readonly onError?: ((error: unknown, request: Request) => void) | undefined;
}

/**
 * What {@link HttpHandler.checkGuestSession} answers: the check, and the `Set-Cookie` header
 * to send with the page (clearing the cookie after a refusal), if any.
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
 * `Bun.serve`, `Deno.serve`, a worker, a Next.js route handler or Hono, and in Node through
 * `@hono/node-server`.
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
   *   if (setCookie) headers.append('set-cookie', setCookie); // clears the cookie after a refusal
   *   if (result.ok) return new Response(entryPage(result.value), { headers });
   *   return new Response(messagePage(result.code), { status: result.code === 'GUEST_WAITING' ? 202 : 403, headers });
   * }
   * console.log((await guestEntryPage(request)).status); // 403: this request has no session cookie
   * ```
   */
  checkGuestSession(request: Request, entryId: string): Promise<GuestSessionCheck>;
  /**
   * The OpenAPI 3.1 document of the routes this handler serves, also served at
   * `GET {basePath}/openapi.json`.
   * @returns the document, a plain JSON value.
   * @example
   * ```ts
   * const document = handler.openApi();
   * console.log(Object.keys(document.paths).length); // one key per path
   * ```
   */
  openApi(): OpenApiDocument;
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

const INFRASTRUCTURE = new Set(['STORAGE_FAILED', 'DIRECTORY_FAILED', 'KEY_RING_FAILED', 'CLOCK_FAILED', 'GRANT_FAILED']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SAFE_NEXT = /^\/(?![/\\])[^\s\\]*$/u;
const DEVICE_COOKIE_MAX_AGE = 400 * 86_400; // the longest browsers keep a cookie

/** A digest of a secret or a person's data, for rate-limit keys and cookie names. */
async function digest(text: string, length: number): Promise<string> {
  return (await sha256Base64Url(text)).slice(0, length);
}

// Random bytes are drawn 2 KiB at a time: one call of the CSPRNG serves 64 device cookies.
let pool = new Uint8Array(0);
let pooled = 0;
function randomToken(): string {
  if (pooled + 32 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(2048));
    pooled = 0;
  }
  const bytes = pool.subarray(pooled, pooled + 32);
  pooled += 32;
  return toBase64Url(bytes);
}

function headersOf(extra: readonly (readonly [string, string])[] = []): Headers {
  const headers = new Headers({
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  for (const [name, value] of extra) headers.append(name, value);
  return headers;
}

function json(status: number, body: unknown, extra: readonly (readonly [string, string])[] = []): Response {
  const headers = headersOf(extra);
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
}

function errorBody(code: HttpErrorCode, message: string = HTTP_ERROR_MESSAGES[code]) {
  return { code, message, reasons: [{ code, message }] };
}

function refusalBody(refusal: Refusal) {
  return { code: refusal.code, message: refusal.message, reasons: refusal.reasons };
}

/** The status of a refusal: its first reason's, by {@link HTTP_STATUS}. */
function statusOf(code: string): number {
  return (HTTP_STATUS as Record<string, number>)[code] ?? 400;
}

function normalizeBase(basePath: unknown): string {
  if (basePath === undefined) return '/access-links';
  if (typeof basePath !== 'string' || !/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*\/?$/u.test(basePath)) {
    throw new AccessLinksError('INVALID_OPTIONS', 'basePath must be a path such as "/access-links" or "/".');
  }
  return basePath.replace(/\/+$/u, '');
}

function readOrigins(origins: unknown): Set<string> {
  if (origins === undefined) return new Set();
  if (!Array.isArray(origins)) throw new AccessLinksError('INVALID_OPTIONS', 'trustedOrigins must be a list of origins.');
  const set = new Set<string>();
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = typeof origin === 'string' ? new URL(origin) : null;
    } catch {
      parsed = null;
    }
    if (parsed === null || parsed.origin === 'null' || parsed.origin !== origin.replace(/\/$/u, '')) {
      throw new AccessLinksError('INVALID_OPTIONS', `trustedOrigins: ${String(origin)} is not an origin such as "https://app.example.org".`);
    }
    set.add(parsed.origin);
  }
  return set;
}

function readLimits(limits: Partial<HttpRateLimits> | undefined): HttpRateLimits {
  const merged = { ...DEFAULT_HTTP_RATE_LIMITS, ...(limits ?? {}) };
  for (const [name, limit] of Object.entries(merged)) {
    if (!Object.hasOwn(DEFAULT_HTTP_RATE_LIMITS, name)) throw new AccessLinksError('INVALID_OPTIONS', `rateLimits: unknown limit ${name}.`);
    if (!isRateLimit(limit)) {
      throw new AccessLinksError('INVALID_OPTIONS', `rateLimits.${name} must be { limit: 1 to 1,000,000, windowSeconds: 1 to 86,400 }.`);
    }
  }
  return merged;
}

const LIMIT_NAME: Record<LimitKind, Partial<Record<LimitScope, keyof HttpRateLimits>>> = {
  open: { client: 'openPerClient', token: 'openPerLink' },
  join: { client: 'joinPerClient', token: 'joinPerLink' },
  claim: { client: 'claimPerClient', token: 'claimPerLink' },
  invite: { actor: 'invitePerActor' },
};

/**
 * Creates the HTTP layer over the library's operations: a JSON API for every operation of
 * guest links and invites (and URL-encoded forms, for pages without script), with the session
 * in a cookie, same-origin checks on every state-changing request, rate limits, size and type
 * limits on bodies, and one status per refusal code ({@link HTTP_STATUS}). Error bodies are
 * `{ code, message, reasons }`; infrastructure failures answer 503 and show nothing of the
 * cause.
 *
 * Routes, under `basePath` (default `/access-links`):
 *
 * | Method and path | Operation |
 * | --- | --- |
 * | `GET /guest-links/:token` | open a guest link |
 * | `POST /guest-links/:token/join` | join: `{ name, email }`; sets the session cookie |
 * | `GET /entries/:entryId/guest-session` | check the session cookie (200, or 202 while waiting) |
 * | `POST /entries/:entryId/guest-session/leave` | clear the session cookie |
 * | `GET`, `PUT /entries/:entryId/guest-access` | read the switch and lock; set `{ enabled }` |
 * | `PUT /entries/:entryId/room-lock` | `{ locked }` |
 * | `GET`, `POST /entries/:entryId/guest-links` | list; create `{ name, useLimit?, durationDays? }` |
 * | `DELETE /entries/:entryId/guest-links/:linkId` | delete a link |
 * | `GET /entries/:entryId/guests?limit&cursor&status` | list guests, a page at a time |
 * | `POST /entries/:entryId/guests/:sessionId/admit`, `…/decline` | admit or decline one guest |
 * | `POST /entries/:entryId/guests/admit-all`, `…/decline-all` | admit or decline every waiting guest |
 * | `GET /entries/:entryId/invites?limit&cursor&state` | list invites, a page at a time |
 * | `POST /entries/:entryId/invites` | invite `{ emails, role, send? }` |
 * | `PATCH /entries/:entryId/invites/:inviteId` | `{ role }` |
 * | `POST /entries/:entryId/invites/:inviteId/revoke`, `…/resend` | revoke or resend |
 * | `GET /received-invites?limit&cursor` | the invites the signed-in user may accept |
 * | `GET /invites/:token` | open an invite |
 * | `POST /invites/:token/accept`, `…/decline` | accept or decline as the signed-in user |
 * | `GET /openapi.json` | the OpenAPI 3.1 document |
 *
 * A form post (`application/x-www-form-urlencoded`) may carry `next`, a path on this site:
 * the answer is then `303 See Other` to `next` on success, or to `back` (default `next`) with
 * `?code=` the refusal's code. A form can only `POST`: its `_method` field (`PUT`, `PATCH` or
 * `DELETE`) names the route's method. Form fields are read as a JSON client would send them:
 * `true`/`false` (or `on`) for switches, digits for numbers (empty for none), and addresses
 * separated by commas, spaces or lines.
 *
 * @param options - the operations, how to know who is signed in, and the security settings.
 * @returns the handler.
 * @throws {@link "access-links"!AccessLinksError} `INVALID_OPTIONS` for options it cannot work with.
 *
 * @example
 * ```ts
 * import { createHttpHandler } from 'access-links/http';
 *
 * const handler = createHttpHandler({
 *   guestLinks,
 *   inviteLinks,
 *   authenticate: async (request) => currentUser(request), // { userId, admin?, name? } or null
 *   claimant: async (request) => currentClaimant(request), // { userId, email, emailVerified } or null
 *   clientKey: (request) => request.headers.get('x-real-ip'), // as your proxy sets it
 * });
 * Bun.serve({ fetch: handler }); // or Deno.serve(handler), or app.all('/access-links/*', (c) => handler(c.req.raw))
 * ```
 *
 * @category HTTP
 */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  if (typeof options !== 'object' || options === null) throw new AccessLinksError('INVALID_OPTIONS', 'Options are required.');
  const { guestLinks, inviteLinks } = options;
  if (guestLinks === undefined && inviteLinks === undefined) {
    throw new AccessLinksError('INVALID_OPTIONS', 'Give guestLinks, inviteLinks or both.');
  }
  if (typeof options.authenticate !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'authenticate must be a function.');
  if (inviteLinks !== undefined && typeof options.claimant !== 'function') {
    throw new AccessLinksError('INVALID_OPTIONS', 'claimant must be a function when inviteLinks is given.');
  }
  const basePath = normalizeBase(options.basePath);
  const trusted = readOrigins(options.trustedOrigins);
  const limits = readLimits(options.rateLimits);
  const limiter = options.rateLimiter === undefined ? createMemoryRateLimiter() : options.rateLimiter;
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new AccessLinksError('INVALID_OPTIONS', 'maxBodyBytes must be a whole number of bytes.');
  const cookie: CookieShape = { path: options.cookie?.path ?? '/', secure: options.cookie?.secure ?? true };
  if (!/^\/[A-Za-z0-9._~/-]*$/u.test(cookie.path)) throw new AccessLinksError('INVALID_OPTIONS', 'cookie.path must be a path.');
  const prefix = cookiePrefix(cookie);
  const deviceCookieName = `${prefix}al-device`;
  const useDeviceCookie = options.deviceCookie ?? true;
  const clock = options.clock ?? systemClock;
  const routes = ROUTES.filter((route) => (route.feature === 'guest' ? guestLinks !== undefined : inviteLinks !== undefined));
  let document: ReturnType<typeof openApiDocument> | null = null;
  const openApi = () => (document ??= openApiDocument(routes, basePath));

  const report = (error: unknown, request: Request) => {
    try {
      options.onError?.(error, request);
    } catch {
      // The host's logger failing must not change the answer.
    }
  };

  // An entry's cookie name is a digest of its id; the most recent names are kept.
  const cookieNames = new Map<string, string>();
  const sessionCookieName = async (entryId: string) => {
    let name = cookieNames.get(entryId);
    if (name === undefined) {
      name = `${prefix}al-guest-${await digest(`entry\n${entryId}`, 16)}`;
      if (cookieNames.size >= 10_000) cookieNames.delete(cookieNames.keys().next().value!);
      cookieNames.set(entryId, name);
    }
    return name;
  };

  // Sec-Fetch-Site first: browsers set it on every request and no page can change it, while
  // Origin turns into "null" under a no-referrer policy. Origin for browsers without it.
  const isSameOrigin = (request: Request): boolean => {
    const origin = request.headers.get('origin');
    const site = request.headers.get('sec-fetch-site');
    if (site !== null) return site === 'same-origin' || (origin !== null && trusted.has(origin));
    if (origin !== null) return origin !== 'null' && (origin === new URL(request.url).origin || trusted.has(origin));
    return options.allowRequestsWithoutOrigin === true;
  };

  const corsHeaders = (request: Request): [string, string][] => {
    const origin = request.headers.get('origin');
    if (origin === null || !trusted.has(origin) || origin === new URL(request.url).origin) return [];
    return [
      ['access-control-allow-origin', origin],
      ['access-control-allow-credentials', 'true'],
      ['vary', 'Origin'],
    ];
  };

  const rateLimit = async (
    route: Route,
    request: Request,
    token: string | undefined,
    actor: Actor | null,
  ): Promise<number | null> => {
    if (limiter === null || route.limits.length === 0) return null;
    let clientKey: string | null = null;
    if (route.limits.some(([, scope]) => scope === 'client') && options.clientKey !== undefined) {
      const given = await options.clientKey(request);
      clientKey = typeof given === 'string' && given !== '' ? given : null;
    }
    const now = clock.now();
    let retryAfter = 0;
    for (const [kind, scope] of route.limits) {
      const name = LIMIT_NAME[kind][scope];
      if (name === undefined) continue;
      const subject = scope === 'client' ? clientKey : scope === 'token' ? (token ?? null) : (actor?.userId ?? null);
      if (subject === null) continue;
      const key = `${kind}:${scope}:${await digest(`${scope}\n${subject}`, 22)}`;
      let decision;
      try {
        decision = await limiter.consume(key, limits[name], now);
      } catch (cause) {
        throw isAccessLinksError(cause) ? cause : new AccessLinksError('STORAGE_FAILED', 'The rate limiter failed.', { cause });
      }
      if (!decision.allowed) retryAfter = Math.max(retryAfter, decision.retryAfterSeconds);
    }
    return retryAfter > 0 ? retryAfter : null;
  };

  const checkGuestSession = async (request: Request, entryId: string): Promise<GuestSessionCheck> => {
    const links = guestLinks;
    if (links === undefined) throw new AccessLinksError('INVALID_OPTIONS', 'checkGuestSession needs guestLinks.');
    const name = await sessionCookieName(typeof entryId === 'string' ? entryId : '');
    const token = readCookie(request, name);
    const result = await links.checkGuestSession({ token: token ?? '', entryId });
    const clear = !result.ok && result.code !== 'GUEST_WAITING' && token !== null;
    return { result, setCookie: clear ? serializeCookie(name, '', cookie, 0) : null };
  };

  const answer = (
    request: Request,
    status: number,
    body: unknown,
    extra: [string, string][],
    form: { next: string | null; back: string | null } | null,
  ): Response => {
    const cors = corsHeaders(request);
    if (form !== null && form.next !== null) {
      const ok = status < 300;
      const target = ok ? form.next : (form.back ?? form.next);
      const code = ok ? null : (body as { code?: string }).code ?? 'INTERNAL_ERROR';
      const location = code === null ? target : `${target}${target.includes('?') ? '&' : '?'}code=${encodeURIComponent(code)}`;
      const headers = headersOf([...extra, ...cors]);
      headers.set('location', location);
      return new Response(null, { status: 303, headers });
    }
    return json(status, body, [...extra, ...cors]);
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return json(404, errorBody('NOT_FOUND'));
    const rawSegments = path.slice(basePath.length).split('/').slice(1);
    let segments: string[];
    try {
      segments = rawSegments.map((segment) => decodeURIComponent(segment));
    } catch {
      return json(404, errorBody('NOT_FOUND'));
    }
    let method = request.method.toUpperCase();
    // A state-changing request's body is read first (bounded): an HTML form can only POST, and
    // says PUT, PATCH or DELETE in its `_method` field.
    let body: Awaited<ReturnType<typeof readBody>> | null = null;
    if (STATE_CHANGING.has(method)) {
      // Nothing of a cross-site request is read or run.
      if (!isSameOrigin(request)) return json(403, errorBody('CROSS_SITE_REQUEST'));
      body = await readBody(request, maxBodyBytes);
      if (!body.ok) return json(statusOf(body.code), errorBody(body.code, body.message));
      const override = body.form ? formValue.text(body.fields['_method']) : undefined;
      if (method === 'POST' && typeof override === 'string' && /^(PUT|PATCH|DELETE)$/iu.test(override)) method = override.toUpperCase();
    }

    if (segments.length === 1 && segments[0] === 'openapi.json') {
      if (method !== 'GET' && method !== 'HEAD') return json(405, errorBody('METHOD_NOT_ALLOWED'), [['allow', 'GET, HEAD']]);
      return json(200, openApi());
    }

    const matched = matchRoute(segments, method === 'HEAD' ? 'GET' : method, routes);
    if (method === 'OPTIONS' && matched.allowed.length > 0) {
      const origin = request.headers.get('origin');
      if (origin === null || !trusted.has(origin)) return json(403, errorBody('CROSS_SITE_REQUEST'));
      return json(204, null, [
        ...corsHeaders(request),
        ['access-control-allow-methods', matched.allowed.join(', ')],
        ['access-control-allow-headers', 'content-type'],
        ['access-control-max-age', '600'],
      ]);
    }
    const route = matched.route;
    if (route === null) {
      if (matched.allowed.length === 0) return json(404, errorBody('NOT_FOUND'));
      return json(405, errorBody('METHOD_NOT_ALLOWED'), [['allow', matched.allowed.join(', ')]]);
    }
    const params = matched.params;

    // The body: only the route's own fields, read from JSON or coerced from a form.
    const input = Object.create(null) as Record<string, unknown>;
    let form: { next: string | null; back: string | null } | null = null;
    if (body !== null && body.ok) {
      for (const [field, kind] of Object.entries(route.fields)) {
        if (!Object.hasOwn(body.fields, field)) continue;
        const value = body.fields[field];
        input[field] = body.form ? formValue[kind](value) : value;
      }
      if (body.form) {
        const next = formValue.text(body.fields['next']);
        const back = formValue.text(body.fields['back']);
        form = {
          next: typeof next === 'string' && SAFE_NEXT.test(next) ? next : null,
          back: typeof back === 'string' && SAFE_NEXT.test(back) ? back : null,
        };
      }
    }
    for (const [name, kind] of Object.entries(route.query ?? {})) {
      const value = url.searchParams.get(name);
      if (value !== null) input[name] = formValue[kind](value);
    }
    for (const [name, value] of Object.entries(params)) input[name] = value;

    let actor: Actor | null = null;
    let claimant: Claimant | null = null;
    if (route.auth === 'actor') {
      actor = await options.authenticate(request);
      if (actor === null || actor === undefined) return answer(request, 401, errorBody('UNAUTHENTICATED'), [], form);
      input['actor'] = actor;
    } else if (route.auth === 'claimant') {
      claimant = (await options.claimant?.(request)) ?? null;
      if (claimant === null) return answer(request, 401, errorBody('UNAUTHENTICATED'), [], form);
    }

    const retryAfter = await rateLimit(route, request, params['token'], actor);
    if (retryAfter !== null) return answer(request, 429, errorBody('RATE_LIMITED'), [['retry-after', String(retryAfter)]], form);

    const extra: [string, string][] = [];
    let result: Result<unknown>;
    if (route.operation === 'joinGuestLink') {
      let device = useDeviceCookie ? readCookie(request, deviceCookieName) : null;
      if (useDeviceCookie && (device === null || !isCookieSafe(device) || device.length > 200)) {
        device = randomToken();
        extra.push(['set-cookie', serializeCookie(deviceCookieName, device, cookie, DEVICE_COOKIE_MAX_AGE)]);
      }
      const joined = await guestLinks!.joinGuestLink({ ...(input as Record<string, unknown>), clientKey: device } as never);
      if (joined.ok) {
        const { session, token } = joined.value;
        const maxAge = session.expiresAt === null ? null : Math.ceil((session.expiresAt - clock.now()) / 1000);
        extra.push(['set-cookie', serializeCookie(await sessionCookieName(session.entryId), token, cookie, maxAge)]);
        result = { ok: true, value: { session } };
      } else {
        result = joined;
      }
    } else if (route.operation === 'checkGuestSession') {
      const checked = await checkGuestSession(request, params['entryId']!);
      if (checked.setCookie !== null) extra.push(['set-cookie', checked.setCookie]);
      result = checked.result;
    } else if (route.operation === 'leaveGuestSession') {
      extra.push(['set-cookie', serializeCookie(await sessionCookieName(params['entryId']!), '', cookie, 0)]);
      return answer(request, 204, null, extra, form);
    } else {
      result = await route.call!({ guestLinks: guestLinks!, inviteLinks: inviteLinks!, input, actor, claimant });
    }

    if (result.ok) return answer(request, route.created === true ? 201 : 200, result.value, extra, form);
    return answer(request, statusOf(result.code), refusalBody(result), extra, form);
  };

  const handler = async (request: Request): Promise<Response> => {
    try {
      const response = await handle(request);
      if (request.method.toUpperCase() === 'HEAD') return new Response(null, { status: response.status, headers: response.headers });
      return response;
    } catch (error) {
      report(error, request);
      if (isAccessLinksError(error) && INFRASTRUCTURE.has(error.code)) {
        return json(503, errorBody('SERVICE_UNAVAILABLE'), [['retry-after', '5']]);
      }
      return json(500, errorBody('INTERNAL_ERROR'));
    }
  };

  return Object.assign(handler, {
    basePath: basePath === '' ? '/' : basePath,
    checkGuestSession,
    openApi,
  }) as HttpHandler;
}
