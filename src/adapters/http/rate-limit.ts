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
 * refused flood spends nothing of the link's limits.
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
  claimPerClient: { limit: 20, windowSeconds: 60 },
  claimPerLink: { limit: 10, windowSeconds: 60 },
  invitePerActor: { limit: 20, windowSeconds: 60 },
});

const LIMIT_NAME: Record<LimitKind, Partial<Record<LimitScope, keyof HttpRateLimits>>> = {
  open: { client: 'openPerClient', token: 'openPerLink' },
  join: { client: 'joinPerClient', token: 'joinPerLink' },
  claim: { client: 'claimPerClient', token: 'claimPerLink' },
  invite: { actor: 'invitePerActor' },
};

/**
 * @internal Counts a request against its route's limits, all or nothing: the seconds to wait when
 * over one (then nothing is counted against any), else `null`.
 */
export type RouteLimiter = (route: Route, request: Request, token: string | undefined, actor: Actor | null) => Promise<number | null>;

/** @internal What the route limiter needs. */
export interface RateLimitSettings {
  readonly limiter: RateLimiter | null;
  readonly limits: HttpRateLimits;
  readonly clientKey: ((request: Request) => string | null | Promise<string | null>) | undefined;
  readonly clock: Clock;
}

/** @internal The route limiter of a handler. A limiter that fails throws `STORAGE_FAILED` (503). */
export function createRouteLimiter({ limiter, limits, clientKey: keyOf, clock }: RateLimitSettings): RouteLimiter {
  return async (route, request, token, actor) => {
    if (limiter === null) return null;
    let clientKey: string | null = null;
    if (route.limits.some(([, scope]) => scope === 'client') && keyOf !== undefined) {
      const given = await keyOf(request);
      clientKey = typeof given === 'string' && given !== '' ? given : null;
    }
    // The request's keys, counted all or nothing: a request one limit refuses spends no other's budget.
    const keyed: KeyedLimit[] = [];
    for (const [kind, scope] of route.limits) {
      const name = LIMIT_NAME[kind][scope];
      if (name === undefined) continue;
      const subject = scope === 'client' ? clientKey : scope === 'token' ? (token ?? null) : (actor?.userId ?? null);
      if (subject === null) continue;
      // A digest of the token, client key or user id: the key holds none of them.
      keyed.push({ key: `${kind}:${scope}:${(await sha256Base64Url(`${scope}\n${subject}`)).slice(0, 22)}`, limit: limits[name] });
    }
    if (keyed.length === 0) return null;
    let decision;
    try {
      decision = await limiter.consume(keyed, clock.now());
    } catch (cause) {
      throw isAccessLinksError(cause) ? cause : new AccessLinksError('STORAGE_FAILED', 'The rate limiter failed.', { cause });
    }
    return decision.allowed ? null : decision.retryAfterSeconds;
  };
}
