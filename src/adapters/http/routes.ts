/**
 * The routes of the HTTP layer, as data: method, path, who may call, which body fields, which
 * rate limits, and the operation. The handler and the OpenAPI document both read this table.
 */
import type { Actor } from '../../domain/entry';
import type { Result } from '../../domain/result';
import type { Claimant } from '../../policy/invite-policy';
import type { GuestLinks } from '../../services/guest-links';
import type { InviteLinks } from '../../services/invites/invite-links';

/** @internal How a form's text field is read. */
export type FieldKind = 'text' | 'boolean' | 'wholeOrNull' | 'list';

/** @internal A kind of rate-limited request, as `rateLimits` names them. */
export type LimitKind = 'open' | 'join' | 'claim' | 'invite';

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
  readonly call?: (call: RouteCall) => Promise<Result<unknown>>;
}

const ENTRY = ['entries', ':entryId'] as const;

/** @internal Every route, literal segments before parameters where both could match. */
export const ROUTES: readonly Route[] = [
  // The guest's side.
  {
    method: 'GET',
    path: ['guest-links', ':token'],
    operation: 'openGuestLink',
    feature: 'guest',
    auth: 'none',
    fields: {},
    limits: [
      ['open', 'client'],
      ['open', 'token'],
    ],
    summary: 'What the guest entry page shows for a link; consumes nothing.',
    call: ({ guestLinks, input }) => guestLinks.openGuestLink(input as never),
  },
  {
    method: 'POST',
    path: ['guest-links', ':token', 'join'],
    operation: 'joinGuestLink',
    feature: 'guest',
    auth: 'none',
    fields: { name: 'text', email: 'text' },
    limits: [
      ['join', 'client'],
      ['join', 'token'],
    ],
    created: true,
    summary: 'Joins through a link with a name and an email; sets the session cookie for the entry.',
  },
  {
    method: 'GET',
    path: [...ENTRY, 'guest-session'],
    operation: 'checkGuestSession',
    feature: 'guest',
    auth: 'none',
    fields: {},
    limits: [],
    summary: "Checks the guest's session cookie for the entry: 200 when the guest may view it, 202 while waiting.",
  },
  {
    method: 'POST',
    path: [...ENTRY, 'guest-session', 'leave'],
    operation: 'leaveGuestSession',
    feature: 'guest',
    auth: 'none',
    fields: {},
    limits: [],
    summary: "Clears the guest's session cookie for the entry.",
  },
  // The owner's side.
  {
    method: 'PUT',
    path: [...ENTRY, 'guest-access'],
    operation: 'setGuestAccess',
    feature: 'guest',
    auth: 'actor',
    fields: { enabled: 'boolean' },
    limits: [],
    summary: "Turns the entry's guest access on or off.",
    call: ({ guestLinks, input }) => guestLinks.setGuestAccess(input as never),
  },
  {
    method: 'GET',
    path: [...ENTRY, 'guest-access'],
    operation: 'getGuestAccess',
    feature: 'guest',
    auth: 'actor',
    fields: {},
    limits: [],
    summary: "Reads the entry's guest-access switch and room lock (managers and moderators).",
    call: ({ guestLinks, input }) => guestLinks.getGuestAccess(input as never),
  },
  {
    method: 'PUT',
    path: [...ENTRY, 'room-lock'],
    operation: 'setRoomLock',
    feature: 'guest',
    auth: 'actor',
    fields: { locked: 'boolean' },
    limits: [],
    summary: 'Locks or unlocks a live room; new guests of a locked room wait.',
    call: ({ guestLinks, input }) => guestLinks.setRoomLock(input as never),
  },
  {
    method: 'GET',
    path: [...ENTRY, 'guest-links'],
    operation: 'listGuestLinks',
    feature: 'guest',
    auth: 'actor',
    fields: {},
    limits: [],
    summary: "Lists the entry's guest links, with its switch, lock and cap.",
    call: ({ guestLinks, input }) => guestLinks.listGuestLinks(input as never),
  },
  {
    method: 'POST',
    path: [...ENTRY, 'guest-links'],
    operation: 'createGuestLink',
    feature: 'guest',
    auth: 'actor',
    fields: { name: 'text', useLimit: 'wholeOrNull', durationDays: 'wholeOrNull' },
    limits: [],
    created: true,
    summary: 'Creates a guest link.',
    call: ({ guestLinks, input }) => guestLinks.createGuestLink(input as never),
  },
  {
    method: 'DELETE',
    path: [...ENTRY, 'guest-links', ':linkId'],
    operation: 'deleteGuestLink',
    feature: 'guest',
    auth: 'actor',
    fields: {},
    limits: [],
    summary: 'Deletes a guest link for good.',
    call: ({ guestLinks, input }) => guestLinks.deleteGuestLink(input as never),
  },
  {
    method: 'GET',
    path: [...ENTRY, 'guests'],
    operation: 'listGuests',
    feature: 'guest',
    auth: 'actor',
    fields: {},
    query: { limit: 'wholeOrNull', cursor: 'text', status: 'text' },
    limits: [],
    summary: 'Lists the guests who joined the entry, oldest first.',
    call: ({ guestLinks, input }) => guestLinks.listGuests(input as never),
  },
  {
    method: 'POST',
    path: [...ENTRY, 'guests', 'admit-all'],
    operation: 'admitAllGuests',
    feature: 'guest',
    auth: 'actor',
    fields: {},
    limits: [],
    summary: 'Admits every waiting guest of a room.',
    call: ({ guestLinks, input }) => guestLinks.admitAllGuests(input as never),
  },
  {
    method: 'POST',
    path: [...ENTRY, 'guests', 'decline-all'],
    operation: 'declineAllGuests',
    feature: 'guest',
    auth: 'actor',
    fields: {},
    limits: [],
    summary: 'Declines every waiting guest of a room.',
    call: ({ guestLinks, input }) => guestLinks.declineAllGuests(input as never),
  },
  {
    method: 'POST',
    path: [...ENTRY, 'guests', ':sessionId', 'admit'],
    operation: 'admitGuest',
    feature: 'guest',
    auth: 'actor',
    fields: {},
    limits: [],
    summary: 'Admits a waiting guest, or lets a declined one back in.',
    call: ({ guestLinks, input }) => guestLinks.admitGuest(input as never),
  },
  {
    method: 'POST',
    path: [...ENTRY, 'guests', ':sessionId', 'decline'],
    operation: 'declineGuest',
    feature: 'guest',
    auth: 'actor',
    fields: {},
    limits: [],
    summary: 'Declines a waiting guest, or removes an admitted one.',
    call: ({ guestLinks, input }) => guestLinks.declineGuest(input as never),
  },
  // Invites.
  {
    method: 'POST',
    path: [...ENTRY, 'invites'],
    operation: 'createInvites',
    feature: 'invite',
    auth: 'actor',
    fields: { emails: 'list', role: 'text', send: 'boolean', locale: 'text', timeZone: 'text' },
    limits: [['invite', 'actor']],
    summary: 'Invites a batch of addresses with one role; one outcome per address.',
    call: ({ inviteLinks, input }) => inviteLinks.createInvites(input as never),
  },
  {
    method: 'GET',
    path: [...ENTRY, 'invites'],
    operation: 'listInvites',
    feature: 'invite',
    auth: 'actor',
    fields: {},
    query: { limit: 'wholeOrNull', cursor: 'text', state: 'text' },
    limits: [],
    summary: 'Lists who is invited to the entry.',
    call: ({ inviteLinks, input }) => inviteLinks.listInvites(input as never),
  },
  {
    method: 'PATCH',
    path: [...ENTRY, 'invites', ':inviteId'],
    operation: 'changeInviteRole',
    feature: 'invite',
    auth: 'actor',
    fields: { role: 'text' },
    limits: [],
    summary: 'Gives a pending invite another role.',
    call: ({ inviteLinks, input }) => inviteLinks.changeInviteRole(input as never),
  },
  {
    method: 'POST',
    path: [...ENTRY, 'invites', ':inviteId', 'revoke'],
    operation: 'revokeInvite',
    feature: 'invite',
    auth: 'actor',
    fields: {},
    limits: [],
    summary: 'Revokes a pending invite.',
    call: ({ inviteLinks, input }) => inviteLinks.revokeInvite(input as never),
  },
  {
    method: 'POST',
    path: [...ENTRY, 'invites', ':inviteId', 'resend'],
    operation: 'resendInvite',
    feature: 'invite',
    auth: 'actor',
    fields: { locale: 'text', timeZone: 'text' },
    limits: [['invite', 'actor']],
    summary: 'Sends a pending invite again and extends it.',
    call: ({ inviteLinks, input }) => inviteLinks.resendInvite(input as never),
  },
  {
    method: 'GET',
    path: ['received-invites'],
    operation: 'listInvitesFor',
    feature: 'invite',
    auth: 'claimant',
    fields: {},
    query: { limit: 'wholeOrNull', cursor: 'text' },
    limits: [],
    summary: 'The invites the signed-in user may still accept, on every entry.',
    call: ({ inviteLinks, input, claimant }) => inviteLinks.listInvitesFor({ ...(input as Record<string, unknown>), claimant: claimant! } as never),
  },
  {
    method: 'GET',
    path: ['invites', ':token'],
    operation: 'openInvite',
    feature: 'invite',
    auth: 'none',
    fields: {},
    limits: [
      ['open', 'client'],
      ['open', 'token'],
    ],
    summary: 'What the invite landing page shows; changes nothing.',
    call: ({ inviteLinks, input }) => inviteLinks.openInvite(input as never),
  },
  {
    method: 'POST',
    path: ['invites', ':token', 'accept'],
    operation: 'acceptInvite',
    feature: 'invite',
    auth: 'claimant',
    fields: {},
    limits: [
      ['claim', 'client'],
      ['claim', 'token'],
    ],
    summary: 'Accepts an invite as the signed-in user.',
    call: ({ inviteLinks, input, claimant }) => inviteLinks.acceptInvite({ ...(input as Record<string, unknown>), claimant: claimant! } as never),
  },
  {
    method: 'POST',
    path: ['invites', ':token', 'decline'],
    operation: 'declineInvite',
    feature: 'invite',
    auth: 'claimant',
    fields: {},
    limits: [
      ['claim', 'client'],
      ['claim', 'token'],
    ],
    summary: 'Declines an invite as the signed-in user.',
    call: ({ inviteLinks, input, claimant }) => inviteLinks.declineInvite({ ...(input as Record<string, unknown>), claimant: claimant! } as never),
  },
];

/** @internal The route whose path matches, with its parameters; and the methods the path allows. */
export function matchRoute(
  segments: readonly string[],
  method: string,
  routes: readonly Route[],
): { route: Route | null; params: Record<string, string>; allowed: string[] } {
  const allowed: string[] = [];
  let found: { route: Route; params: Record<string, string> } | null = null;
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (params === null) continue;
    if (!allowed.includes(route.method)) allowed.push(route.method);
    if (found === null && route.method === method) found = { route, params };
  }
  return { route: found?.route ?? null, params: found?.params ?? {}, allowed: allowed.sort() };
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
