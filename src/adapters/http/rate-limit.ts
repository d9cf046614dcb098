/** The rate limits of the HTTP layer: which limits a route counts, keyed by digests only. */
import type { Actor } from '../../domain/entry';
import { AccessLinksError, isAccessLinksError } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import type { KeyedLimit, RateLimiter } from '../../ports/rate-limiter';
import { sha256Base64Url } from '../../services/digest';
import type { LimitKind, LimitScope, Route } from './routes';
import type { HttpRateLimits } from './types';

/**
 * The rate limits a handler applies unless told otherwise, sized for a live event: 600 guests
 * arriving at one link at the same instant all get in (the join limit's burst), each after
 * opening it (1,200 opens, two per guest), while one client gets 10 joins and 60 opens a
 * minute whatever it sends. A request counts against all of its limits or none, so a client's
 * refused flood spends nothing of the link's limits. Passcodes (V3): a client may give 10 in 10
 * minutes, and a link takes 100 wrong ones an hour from everyone, so a guesser tries at most
 * 100 + 100 an hour per link, whatever the number of clients.
 *
 * @example
 * ```ts
 * // A bigger audience: twice the joins at once through one link, the rest as it is.
 * const handler = createHttpHandler({
 *   guestLinks,
 *   authenticate: (request) => currentUser(request),
 *   rateLimits: { joinPerLink: { limit: DEFAULT_HTTP_RATE_LIMITS.joinPerLink.limit * 2, windowSeconds: 60 } },
 * });
 * ```
 *
 * @category HTTP
 */
export const DEFAULT_HTTP_RATE_LIMITS: HttpRateLimits = Object.freeze({
  openPerClient: { limit: 60, windowSeconds: 60 },
  openPerLink: { limit: 1200, windowSeconds: 60 },
  joinPerClient: { limit: 10, windowSeconds: 60 },
  joinPerLink: { limit: 600, windowSeconds: 60 },
  passcodePerClient: { limit: 10, windowSeconds: 600 },
  passcodePerLink: { limit: 100, windowSeconds: 3600 },
  claimPerClient: { limit: 20, windowSeconds: 60 },
  claimPerLink: { limit: 10, windowSeconds: 60 },
  invitePerActor: { limit: 20, windowSeconds: 60 },
});

const LIMIT_NAME: Record<LimitKind, Partial<Record<LimitScope, keyof HttpRateLimits>>> = {
  open: { client: 'openPerClient', token: 'openPerLink' },
  join: { client: 'joinPerClient', token: 'joinPerLink' },
  passcode: { client: 'passcodePerClient', token: 'passcodePerLink' },
  claim: { client: 'claimPerClient', token: 'claimPerLink' },
  invite: { actor: 'invitePerActor' },
};

/**
 * @internal Counts a request against its route's limits, all or nothing: the seconds to wait when
 * over one (then nothing is counted against any), else `null`. The passcode limits apply only to
 * a request whose input gives a passcode. The link's is counted before the passcode is compared,
 * so that guesses arriving together cannot overdraw it, and given back with `passcodeNotWrong`
 * when the passcode was right or never compared: only wrong ones stay counted (V3).
 */
export interface RouteLimiter {
  (route: Route, request: Request, token: string | undefined, actor: Actor | null, input: Readonly<Record<string, unknown>>): Promise<number | null>;
  /** Gives back the count a passcode took from the link the token names, when it was not wrong (V3). */
  passcodeNotWrong(token: string): Promise<void>;
}

/** @internal Whether a request to a route counts a passcode against its link's budget (V3). */
export function countsPasscode(route: Route, token: string | undefined, input: Readonly<Record<string, unknown>>): token is string {
  return token !== undefined && typeof input['passcode'] === 'string' && input['passcode'] !== '' && route.limits.some(([kind, scope]) => kind === 'passcode' && scope === 'token');
}

/** @internal What the route limiter needs. */
export interface RateLimitSettings {
  readonly limiter: RateLimiter | null;
  readonly limits: HttpRateLimits;
  readonly clientKey: ((request: Request) => string | null | Promise<string | null>) | undefined;
  readonly clock: Clock;
}

/** @internal The route limiter of a handler. A limiter that fails throws `STORAGE_FAILED` (503). */
export function createRouteLimiter({ limiter, limits, clientKey: keyOf, clock }: RateLimitSettings): RouteLimiter {
  const keyOfSubject = async (kind: LimitKind, scope: LimitScope, subject: string) =>
    // A digest of the token, client key or user id: the key holds none of them.
    `${kind}:${scope}:${(await sha256Base64Url(`${scope}\n${subject}`)).slice(0, 22)}`;
  // A limiter that fails, counting or giving back, fails the request with STORAGE_FAILED.
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (cause) {
      throw isAccessLinksError(cause) ? cause : new AccessLinksError('STORAGE_FAILED', 'The rate limiter failed.', { cause });
    }
  };
  const consume = (keyed: readonly KeyedLimit[]) => guarded(() => limiter!.consume(keyed, clock.now()));
  const limit = async (route: Route, request: Request, token: string | undefined, actor: Actor | null, input: Readonly<Record<string, unknown>>) => {
    if (limiter === null) return null;
    let clientKey: string | null = null;
    if (route.limits.some(([, scope]) => scope === 'client') && keyOf !== undefined) {
      const given = await keyOf(request);
      clientKey = typeof given === 'string' && given !== '' ? given : null;
    }
    // The request's keys, counted all or nothing: a request one limit refuses spends no other's budget.
    const keyed: KeyedLimit[] = [];
    const passcode = typeof input['passcode'] === 'string' && input['passcode'] !== '';
    for (const [kind, scope] of route.limits) {
      const name = LIMIT_NAME[kind][scope];
      if (name === undefined || (kind === 'passcode' && !passcode)) continue;
      const subject = scope === 'client' ? clientKey : scope === 'token' ? (token ?? null) : (actor?.userId ?? null);
      if (subject === null) continue;
      const key = await keyOfSubject(kind, scope, subject);
      keyed.push({ key, limit: limits[name] });
    }
    if (keyed.length === 0) return null;
    const decision = await consume(keyed);
    return decision.allowed ? null : decision.retryAfterSeconds;
  };
  return Object.assign(limit, {
    async passcodeNotWrong(token: string) {
      if (limiter?.refund === undefined) return;
      const key = await keyOfSubject('passcode', 'token', token);
      await guarded(() => limiter.refund!({ key, limit: limits.passcodePerLink }, clock.now()));
    },
  });
}
