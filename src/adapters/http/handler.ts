import { AccessLinksError } from '../../domain/errors';
import type { Actor } from '../../domain/entry';
import type { Result } from '../../domain/result';
import type { Claimant } from '../../policy/invite-policy';
import { formValue, readBody, type BodyRead } from './body';
import { createGuestCookies, readCookie, serializeCookie } from './cookies';
import { openApiDocument } from './openapi';
import { readOptions } from './options';
import { createOriginPolicy } from './origin';
import { countsPasscode, createRouteLimiter } from './rate-limit';
import { answer, errorBody, failure, json, readFormTargets, refusalBody, refuse, statusOf, type FormTargets, type HeaderPair } from './responses';
import { matchRoute, ROUTES, type Route } from './routes';
import { createStreams } from './streams';
import type { GuestSessionCheck, HttpHandler, HttpHandlerOptions, OpenApiDocument } from './types';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refusals of a check after which the session may yet be let in: its cookie stays. */
const KEPT: readonly string[] = ['GUEST_WAITING', 'GUEST_DECLINED', 'GUEST_ACCESS_OFF'];
/** Notices after which a guest's session may read otherwise. */
const SESSION_NOTICES = new Set(['guest.admitted', 'guest.declined', 'guest_access.changed', 'guest_link.deleted']);

/** The path's segments after the base path, decoded; `null` when outside it or not decodable. */
function segmentsOf(path: string, basePath: string): string[] | null {
  if (path !== basePath && !path.startsWith(`${basePath}/`)) return null;
  try {
    return path.slice(basePath.length).split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

/** An operation's input: only the route's own fields of the body (coerced from a form), its query, then its path. */
function inputOf(route: Route, body: BodyRead | null, url: URL, params: Record<string, string>): Record<string, unknown> {
  const input = Object.create(null) as Record<string, unknown>;
  if (body !== null && body.ok) {
    for (const [field, kind] of Object.entries(route.fields)) {
      if (!Object.hasOwn(body.fields, field)) continue;
      const value = body.fields[field];
      input[field] = body.form ? formValue[kind](value) : value;
    }
  }
  for (const [name, kind] of Object.entries(route.query ?? {})) {
    const value = url.searchParams.get(name);
    // An empty parameter reads as absent, as a blank field of a form sends it (`?cursor=&status=`).
    // Stryker disable next-line ConditionalExpression: an absent parameter read as null is what every operation takes for none
    if (value !== null && value !== '') input[name] = formValue[kind](value);
  }
  for (const [name, value] of Object.entries(params)) input[name] = value;
  return input;
}

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
 * | `POST /guest-links/:token/join` | join: `{ name, email }`; sets the session cookie (`201`; `200` with the session the client's cookie already held for this link and guest, no use spent) |
 * | `GET /entries/:entryId/guest-session` | check the session cookie (200, or 202 while waiting) |
 * | `GET /entries/:entryId/guest-session/events` | with a `notifier`: server-sent `check` events, `{ status, body }` as the check answers, at once and on each change, while it may still change (waiting, declined, guest access off) |
 * | `POST /entries/:entryId/guest-session/leave` | end the guest's session and clear its cookie |
 * | `GET`, `PUT /entries/:entryId/guest-access` | read the switch and lock; set `{ enabled }` |
 * | `PUT /entries/:entryId/room-lock` | `{ locked }` |
 * | `POST /guest-links/:token/code` | mail a code to the address a guest typed, for a link that checks addresses: `{ name, email }` (V4) |
 * | `POST /guest-verifications` | join with the code: `{ verification, code }`; sets the session cookie (V4) |
 * | `GET`, `POST /entries/:entryId/guest-links` | list (with each link's activity totals); create `{ name, useLimit?, durationDays?, allowedDomains?, blockedDomains?, passcode?, verifyEmail? }` |
 * | `DELETE /entries/:entryId/guest-links/:linkId` | delete a link |
 * | `PUT /entries/:entryId/guest-links/:linkId/passcode` | set, change or remove (empty) a link's passcode: `{ passcode }` (V3) |
 * | `GET /entries/:entryId/guest-links/:linkId/activity?from&to` | the link's opens, joins and refusals per UTC day (A1) |
 * | `GET /entries/:entryId/guests?limit&cursor&status` | list guests, a page at a time |
 * | `GET /entries/:entryId/guests/events` | with a `notifier`: server-sent `change` events, `{ type, subjectId, at }`, for a lobby to list again |
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
 * separated by commas, semicolons or lines (or spaces between addresses). A query parameter
 * left empty (`?cursor=&status=`) reads as absent.
 *
 * @param options - the operations, how to know who is signed in, and the security settings.
 * @returns the handler.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` for options it cannot work with.
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
 * Bun.serve({ fetch: handler }); // or Deno.serve(handler), app.all('/access-links/*', (c) => handler(c.req.raw)) in Hono,
 * // or in Node, Express or Fastify: toNodeHandler(handler)
 * ```
 *
 * @category HTTP
 */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const settings = readOptions(options);
  const { guestLinks, inviteLinks, basePath, cookie, clock } = settings;
  const origins = createOriginPolicy(settings.trustedOrigins, settings.allowRequestsWithoutOrigin);
  const rateLimit = createRouteLimiter(settings);
  const passcodeTurns = createTurns(PASSCODES_AT_ONCE);
  const cookies = createGuestCookies(cookie);
  const routes = ROUTES.filter(
    (route) => (route.feature === 'guest' ? guestLinks !== undefined : inviteLinks !== undefined) && (route.stream !== true || settings.notifier !== undefined),
  );
  const streams = settings.notifier === undefined ? null : createStreams({ ...settings, notifier: settings.notifier });
  // Made once, on the first request for it; a load that failed is tried again next time.
  let document: Promise<OpenApiDocument> | null = null;
  const openApi = (): Promise<OpenApiDocument> =>
    (document ??= openApiDocument(routes, basePath).catch((error: unknown) => {
      document = null;
      throw error;
    }));

  const checkGuestSession = async (request: Request, entryId: string): Promise<GuestSessionCheck> => {
    const links = guestLinks;
    if (links === undefined) throw new AccessLinksError('INVALID_OPTIONS', 'checkGuestSession needs guestLinks.');
    const name = await cookies.sessionName(typeof entryId === 'string' ? entryId : '');
    const token = readCookie(request, name);
    // Stryker disable next-line StringLiteral: no cookie and any other text the library did not sign are refused alike, SESSION_INVALID
    const result = await links.checkGuestSession({ token: token ?? '', entryId });
    // A session that can come back keeps its cookie: a waiting guest, a declined one (a moderator
    // may admit them yet), and one whose entry's guest access is off (it may be on again, G1).
    const clear = !result.ok && !KEPT.includes(result.code) && token !== null;
    return { result, setCookie: clear ? serializeCookie(name, '', cookie, 0) : null };
  };

  /**
   * The guest's session as a stream: what `GET …/guest-session` answers, now and whenever it
   * changes, while a moderator or an owner can still change it (waiting, declined, guest access
   * off: the answers whose cookie is kept).
   */
  const watchGuestSession = async (request: Request, entryId: string, extra: HeaderPair[]): Promise<Response> => {
    const release = streams!.take(entryId);
    if (release instanceof Response) return release;
    // What the check answers, as the JSON the stream sends: compared as text, sent as it is.
    const snapshot = async () => {
      const checked = await checkGuestSession(request, entryId);
      const { result } = checked;
      const status = result.ok ? 200 : statusOf(result.code);
      return { checked, status, open: !result.ok && KEPT.includes(result.code), json: JSON.stringify({ status, body: result.ok ? result.value : refusalBody(result) }) };
    };
    let shown: { status: number; open: boolean; json: string };
    try {
      const first = await snapshot();
      if (first.checked.setCookie !== null) extra.push(['set-cookie', first.checked.setCookie]);
      shown = first;
    } catch (error) {
      release();
      throw error;
    }
    return streams!.respond(request, extra, release, (stream) => {
      const show = () => {
        stream.send('check', shown.json);
        if (!shown.open) stream.end();
      };
      const look = streams!.serial(async () => {
        const seen = await snapshot();
        if (seen.json === shown.json) return;
        shown = seen;
        show();
      });
      show();
      const stop = settings.notifier!.subscribe(entryId, (notice) => {
        if (SESSION_NOTICES.has(notice.type)) look().catch(stream.end);
      });
      return { stop, tick: () => look().then(() => true) };
    });
  };

  /** The entry's guests as a stream: each change, for a lobby to list them again, while the actor may moderate. */
  const watchGuests = async (request: Request, entryId: string, actor: Actor, extra: HeaderPair[]): Promise<Response> => {
    const release = streams!.take(entryId);
    if (release instanceof Response) return release;
    let allowed: Result<unknown>;
    try {
      allowed = await guestLinks!.getGuestAccess({ actor, entryId });
    } catch (error) {
      release();
      throw error;
    }
    if (!allowed.ok) {
      release();
      return json(statusOf(allowed.code), refusalBody(allowed), extra);
    }
    return streams!.respond(request, extra, release, (stream) => ({
      stop: settings.notifier!.subscribe(entryId, ({ type, subjectId, at }) => stream.send('change', JSON.stringify({ type, subjectId, at }))),
      // Whoever signed in is asked again: a sign-out or a lost right ends the stream.
      async tick() {
        const now = await settings.authenticate(request);
        return now !== null && now !== undefined && (await guestLinks!.getGuestAccess({ actor: now, entryId })).ok;
      },
    }));
  };

  /** Runs the route's operation; the guest's own operations read and write its cookies into `extra`. */
  const run = async (route: Route, request: Request, input: Record<string, unknown>, actor: Actor | null, claimant: Claimant | null, extra: HeaderPair[], outcome: { created: boolean }): Promise<Result<unknown> | null> => {
    if (route.operation === 'joinGuestLink' || route.operation === 'verifyGuest') {
      let device: string | null = null;
      if (settings.deviceCookie) {
        const known = cookies.device(request);
        device = known.token;
        if (known.setCookie !== null) extra.push(['set-cookie', known.setCookie]);
      }
      // The client's session cookies: a guest who joined this link before is answered that session (G12).
      const joined =
        route.operation === 'verifyGuest'
          ? await guestLinks!.verifyGuest({ ...input, clientKey: device } as never)
          : await guestLinks!.joinGuestLink({ ...input, clientKey: device, sessionTokens: cookies.sessionTokens(request) } as never);
      if (!joined.ok) return joined;
      const { session, token, rejoined } = joined.value;
      outcome.created = !rejoined;
      const maxAge = session.expiresAt === null ? null : Math.ceil((session.expiresAt - clock.now()) / 1000);
      extra.push(['set-cookie', serializeCookie(await cookies.sessionName(session.entryId), token, cookie, maxAge)]);
      return { ok: true, value: { session } };
    }
    if (route.operation === 'checkGuestSession') {
      const checked = await checkGuestSession(request, input['entryId'] as string);
      if (checked.setCookie !== null) extra.push(['set-cookie', checked.setCookie]);
      return checked.result;
    }
    if (route.operation === 'leaveGuestSession') {
      const entryId = input['entryId'] as string;
      const name = await cookies.sessionName(entryId);
      const token = readCookie(request, name);
      // The session ends, so the lobby lists the guest as gone. A declined guest's session stays
      // the moderator's to admit after all, and one a moderator moved at that moment may be left
      // again: both keep the cookie and are answered as they are. Anything else has no session.
      const left = token === null ? null : await guestLinks!.leaveGuestSession({ token, entryId });
      if (left !== null && !left.ok && left.code !== 'SESSION_INVALID') return left;
      extra.push(['set-cookie', serializeCookie(name, '', cookie, 0)]);
      return null;
    }
    return route.call!({ guestLinks: guestLinks!, inviteLinks: inviteLinks!, input, actor, claimant });
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const segments = segmentsOf(url.pathname, basePath);
    if (segments === null) return refuse('NOT_FOUND');
    let method = request.method.toUpperCase();
    // A state-changing request's body is read first (bounded): an HTML form can only POST, and
    // says PUT, PATCH or DELETE in its `_method` field.
    let body: BodyRead | null = null;
    let form: FormTargets | null = null;
    if (STATE_CHANGING.has(method)) {
      // Nothing of a cross-site request is read or run.
      if (!origins.isSameOrigin(request)) return refuse('CROSS_SITE_REQUEST');
      body = await readBody(request, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutSeconds * 1000 });
      if (!body.ok) return json(statusOf(body.code), errorBody(body.code, body.message));
      if (body.form) {
        // Where the browser goes afterwards is checked before anything runs: a bad one would
        // only show once the operation had been done.
        form = readFormTargets(formValue.text(body.fields['next']), formValue.text(body.fields['back']));
        if (form === null) return refuse('INVALID_NEXT');
      }
      const override = body.form ? formValue.text(body.fields['_method']) : undefined;
      if (method === 'POST' && typeof override === 'string' && /^(PUT|PATCH|DELETE)$/iu.test(override)) method = override.toUpperCase();
    }

    if (segments.length === 1 && segments[0] === 'openapi.json') {
      if (method !== 'GET' && method !== 'HEAD') return refuse('METHOD_NOT_ALLOWED', [['allow', 'GET, HEAD']]);
      return json(200, await openApi());
    }

    const matched = matchRoute(segments, method === 'HEAD' ? 'GET' : method, routes);
    if (method === 'OPTIONS' && matched.allowed.length > 0) return origins.preflight(request, matched.allowed);
    const route = matched.route;
    if (route === null) {
      if (matched.allowed.length === 0) return refuse('NOT_FOUND');
      return refuse('METHOD_NOT_ALLOWED', [['allow', matched.allowed.join(', ')]]);
    }

    const input = inputOf(route, body, url, matched.params);
    const cors = origins.corsHeaders(request);
    const reply = (status: number, value: unknown, extra: readonly HeaderPair[] = []) => answer(status, value, [...extra, ...cors], form);

    let actor: Actor | null = null;
    let claimant: Claimant | null = null;
    if (route.auth === 'actor') {
      actor = await settings.authenticate(request);
      if (actor === null || actor === undefined) return reply(401, errorBody('UNAUTHENTICATED'));
      input['actor'] = actor;
    } else if (route.auth === 'claimant') {
      claimant = (await settings.claimant?.(request)) ?? null;
      if (claimant === null) return reply(401, errorBody('UNAUTHENTICATED'));
    }

    const token = matched.params['token'];
    // The link a passcode of this request is counted against, when it is (V3).
    const passcodeLink = countsPasscode(route, token, input) ? token : null;
    const proceed = async (): Promise<Response> => {
      const retryAfter = await rateLimit(route, request, token, actor, input);
      if (retryAfter !== null) return reply(429, errorBody('RATE_LIMITED'), [['retry-after', String(retryAfter)]]);
      if (route.stream === true) {
        const entryId = input['entryId'] as string;
        return route.operation === 'watchGuests' ? watchGuests(request, entryId, actor!, [...cors]) : watchGuestSession(request, entryId, [...cors]);
      }
      if (passcodeLink === null) return respond(await run(route, request, input, actor, claimant, extra, outcome));
      // The passcode was counted against its link before it is compared; only a wrong one stays counted (V3).
      let result: Result<unknown> | null = null;
      try {
        result = await run(route, request, input, actor, claimant, extra, outcome);
      } finally {
        if (result === null || result.ok || result.code !== 'WRONG_PASSCODE') await rateLimit.passcodeNotWrong(passcodeLink);
      }
      return respond(result);
    };
    const extra: HeaderPair[] = [];
    const outcome = { created: route.created === true };
    const respond = (result: Result<unknown> | null): Response => {
      if (result === null) return reply(204, null, extra);
      if (result.ok) return reply(outcome.created ? 201 : 200, result.value, extra);
      const status = statusOf(result.code);
      // A host's check that failed (JOIN_CHECK_FAILED) may answer at the next try, as a store may.
      return reply(status, refusalBody(result), status === 503 ? [...extra, ['retry-after', '5']] : extra);
    };
    // Passcodes for one link take turns, a few at a time in this process: guests arriving together
    // hold only a few of the link's counts at once, and the others wait their turn, not a refusal.
    return passcodeLink === null ? proceed() : passcodeTurns(passcodeLink, proceed);
  };

  const handler = async (request: Request): Promise<Response> => {
    try {
      const response = await handle(request);
      if (request.method.toUpperCase() === 'HEAD') {
        // A stream's body is let go, so it gives its place back.
        await response.body?.cancel();
        return new Response(null, { status: response.status, headers: response.headers });
      }
      return response;
    } catch (error) {
      settings.report(error, request);
      return failure(error);
    }
  };

  return Object.assign(handler, {
    basePath: basePath === '' ? '/' : basePath,
    checkGuestSession,
    openApi,
  }) as HttpHandler;
}

/** How many passcodes of one link one process compares at once (V3). */
const PASSCODES_AT_ONCE = 8;

/** Turns per key: at most `size` works of one key run at once, the others wait in order. */
function createTurns(size: number): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const lines = new Map<string, { active: number; waiting: Array<() => void> }>();
  return async (key, work) => {
    let line = lines.get(key);
    if (line === undefined) lines.set(key, (line = { active: 0, waiting: [] }));
    if (line.active >= size) await new Promise<void>((resolve) => line.waiting.push(resolve));
    else line.active += 1;
    try {
      return await work();
    } finally {
      // The turn passes to the next in line, or the line goes when no one is in it.
      const next = line.waiting.shift();
      if (next !== undefined) next();
      else if ((line.active -= 1) === 0) lines.delete(key);
    }
  };
}
