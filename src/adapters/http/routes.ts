/**
 * The routes of the HTTP layer, as data: method, path, who may call, which body fields, which
 * rate limits, and the operation (the tables are in guest-routes.ts and invite-routes.ts). The
 * handler and the OpenAPI document both read them.
 */
import type { Actor } from '../../domain/entry';
import type { Result } from '../../domain/result';
import type { Claimant } from '../../policy/invite-policy';
import type { GuestLinks } from '../../services/guest-links';
import type { InviteLinks } from '../../services/invites/invite-links';
import { GUEST_ROUTES } from './guest-routes';
import { INVITE_ROUTES } from './invite-routes';

/** @internal How a form's text field is read. */
export type FieldKind = 'text' | 'boolean' | 'wholeOrNull' | 'list';

/** @internal A kind of rate-limited request, as `rateLimits` names them. */
export type LimitKind = 'open' | 'join' | 'passcode' | 'claim' | 'invite';

/** @internal What a rate limit is keyed by: the client, the link or invite token, or the signed-in user. */
export type LimitScope = 'client' | 'token' | 'actor';

/** @internal What an operation gets: its input, built from path, body and identity. */
export interface RouteCall {
  readonly guestLinks: GuestLinks;
  readonly inviteLinks: InviteLinks;
  readonly input: Record<string, unknown>;
  readonly actor: Actor | null;
  readonly claimant: Claimant | null;
}

/** @internal One route. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path segments after the base path; `:name` is a parameter. */
  readonly path: readonly string[];
  /** The operation's name: the library method, or one of the layer's own. */
  readonly operation: string;
  readonly feature: 'guest' | 'invite';
  readonly auth: 'actor' | 'claimant' | 'none';
  /** Body fields the route reads, and how a form gives each. */
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** Query parameters the route reads (a list's page and filter), read as a form's fields are. */
  readonly query?: Readonly<Record<string, FieldKind>> | undefined;
  readonly limits: readonly (readonly [LimitKind, LimitScope])[];
  /** The status of a success. */
  readonly created?: boolean;
  readonly summary: string;
  /** Whether it answers a stream of server-sent events; served only with a notifier. */
  readonly stream?: boolean;
  readonly call?: (call: RouteCall) => Promise<Result<unknown>>;
}

/** @internal Every route, literal segments before parameters where both could match. */
export const ROUTES: readonly Route[] = [...GUEST_ROUTES, ...INVITE_ROUTES];


/** @internal The route whose path matches, with its parameters; and the methods the path allows. */
export function matchRoute(
  segments: readonly string[],
  method: string,
  routes: readonly Route[],
): { route: Route | null; params: Record<string, string>; allowed: string[] } {
  const allowed = new Set<string>();
  let found: { route: Route; params: Record<string, string> } | null = null;
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (params === null) continue;
    allowed.add(route.method);
    if (route.method === method) found ??= { route, params };
  }
  return { route: found?.route ?? null, params: found?.params ?? {}, allowed: [...allowed].sort() };
}

function matchPath(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const part = pattern[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (segment === '') return null;
      params[part.slice(1)] = segment;
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}
