/**
 * Builds the OpenAPI 3.1 document of the HTTP layer from the route table, the input schemas
 * and the response schemas below. It runs when the package is built, not when it is used:
 * `npm run openapi` writes the document to openapi-document.json, which the handler serves
 * (filtered to its features, under its base path). Nothing here, and so no zod, is in the
 * package; a test fails when the committed document is not what this builds.
 */
import * as z from 'zod/mini';
import type { ReasonCode } from '../src/domain/reasons';
import type { GuestLinks } from '../src/services/guest-links';
import type { InputCode } from '../src/services/input';
import { guestInputObjects, inviteInputObjects } from '../src/services/input-schemas';
import type { InviteLinks } from '../src/services/invites/invite-links';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../src/services/page';
import type { GuestRefusalCode, ManageRefusalCode } from '../src/policy/guest-policy';
import type { ClaimRefusalCode, InviteManageCode } from '../src/policy/invite-policy';
import { assembleDocument, DOCUMENT_BASE_PATH, type OpenApiParts } from '../src/adapters/http/openapi-select';
import { ROUTES, type Route } from '../src/adapters/http/routes';
import { HTTP_STATUS, type HttpErrorCode } from '../src/adapters/http/status';

type Json = Record<string, unknown>;


// ---- The refusal codes of each operation, checked against the operations' types ------------------

type CodesOf<M> = M extends (...args: never[]) => Promise<infer R> ? (R extends { readonly ok: false; readonly code: infer C } ? C : never) : never;

/** A list of codes that the compiler holds to be exactly the union `C`: none missing, none extra. */
const exactly =
  <C extends string>() =>
  <const L extends readonly C[]>(list: L & ([Exclude<C, L[number]>] extends [never] ? unknown : { missing: Exclude<C, L[number]> })): readonly C[] =>
    list;

const INPUT = exactly<InputCode>()([
  'INVALID_INPUT',
  'INVALID_ACTOR',
  'INVALID_ENTRY_ID',
  'INVALID_LINK_ID',
  'INVALID_SESSION_ID',
  'INVALID_NAME',
  'INVALID_EMAIL',
  'INVALID_USE_LIMIT',
  'INVALID_DURATION',
  'INVALID_FLAG',
  'INVALID_ROLE',
  'INVALID_EMAIL_LIST',
  'INVALID_INVITE_ID',
  'INVALID_CLAIMANT',
  'INVALID_SEND_FLAG',
  'INVALID_CLIENT_KEY',
  'INVALID_SESSION_TOKENS',
  'INVALID_LOCALE',
  'INVALID_TIME_ZONE',
  'INVALID_LIMIT',
  'INVALID_CURSOR',
  'INVALID_STATUS',
  'INVALID_PROOF',
  'INVALID_DOMAINS',
  'INVALID_PASSCODE',
  'INVALID_DAY_RANGE',
]);
const MANAGE = exactly<ManageRefusalCode>()(['ENTRY_NOT_FOUND', 'ENTRY_UNAVAILABLE', 'ENTRY_TYPE_UNSUPPORTED', 'INVITE_TO_MEDIA_MODULE_OFF', 'MEDIA_PAGE_OFF', 'NOT_PERMITTED']);
const GUEST = exactly<GuestRefusalCode>()([
  'ENTRY_UNAVAILABLE',
  'ENTRY_TYPE_UNSUPPORTED',
  'INVITE_TO_MEDIA_MODULE_OFF',
  'MEDIA_PAGE_OFF',
  'GUEST_ACCESS_OFF',
  'LINK_INVALID',
  'LINK_GUEST_CAP_REACHED',
  'GUEST_DECLINED',
]);
const INVITE_MANAGE = exactly<InviteManageCode>()(['ENTRY_NOT_FOUND', 'ENTRY_UNAVAILABLE', 'INVITE_TO_MEDIA_MODULE_OFF', 'NOT_PERMITTED']);
const CLAIM = exactly<ClaimRefusalCode>()([
  'INVITE_INVALID',
  'INVITE_EXPIRED',
  'INVITE_REVOKED',
  'INVITE_DECLINED',
  'INVITE_ALREADY_ACCEPTED',
  'ACCEPTANCE_IN_PROGRESS',
  'ENTRY_UNAVAILABLE',
  'INVITE_TO_MEDIA_MODULE_OFF',
  'EMAIL_MISMATCH',
  'EMAIL_NOT_VERIFIED',
]);
const INVITE_CHANGE = [...INPUT, ...INVITE_MANAGE, 'INVITE_NOT_FOUND', 'INVITE_NOT_PENDING', 'INVITE_CHANGED', 'INVITE_BEING_SENT', 'ROLE_ABOVE_INVITER'] as const;
const MODERATION = [...INPUT, ...MANAGE, 'NOT_A_ROOM', 'SESSION_NOT_FOUND', 'SESSION_CHANGED'] as const;

const guest = <K extends keyof GuestLinks>() => exactly<CodesOf<GuestLinks[K]>>();
const invite = <K extends keyof InviteLinks>() => exactly<CodesOf<InviteLinks[K]>>();

/** The codes a refusal of each served operation may carry. */
const OPERATION_CODES: Readonly<Record<string, readonly ReasonCode[]>> = {
  openGuestLink: guest<'openGuestLink'>()(['INVALID_INPUT', ...GUEST]),
  joinGuestLink: guest<'joinGuestLink'>()([...INPUT, ...GUEST, 'WAITING_ROOM_FULL', 'JOIN_VETOED', 'JOIN_CHECK_FAILED', 'EMAIL_DOMAIN_NOT_ALLOWED', 'PASSCODE_REQUIRED', 'WRONG_PASSCODE', 'VERIFICATION_REQUIRED']),
  sendGuestCode: guest<'sendGuestCode'>()([...INPUT, ...GUEST, 'WAITING_ROOM_FULL', 'JOIN_VETOED', 'JOIN_CHECK_FAILED', 'EMAIL_DOMAIN_NOT_ALLOWED', 'PASSCODE_REQUIRED', 'WRONG_PASSCODE', 'CODE_RESEND_TOO_SOON', 'CODE_NOT_SENT']),
  verifyGuest: guest<'verifyGuest'>()([...INPUT, ...GUEST, 'WAITING_ROOM_FULL', 'EMAIL_DOMAIN_NOT_ALLOWED', 'PASSCODE_REQUIRED', 'WRONG_PASSCODE', 'VERIFICATION_INVALID', 'CODE_EXPIRED', 'WRONG_CODE']),
  checkGuestSession: guest<'checkGuestSession'>()([...INPUT, ...GUEST, 'SESSION_INVALID', 'SESSION_EXPIRED', 'GUEST_WAITING']),
  // A stream's check is carried in its events; only a refusal to open it is a status.
  watchGuestSession: [],
  watchGuests: guest<'getGuestAccess'>()([...INPUT, ...MANAGE]),
  // Leaving answers 204 for no session (SESSION_INVALID and bad input alike); these keep the cookie.
  leaveGuestSession: ['GUEST_DECLINED', 'SESSION_CHANGED'],
  setGuestAccess: guest<'setGuestAccess'>()([...INPUT, ...MANAGE]),
  getGuestAccess: guest<'getGuestAccess'>()([...INPUT, ...MANAGE]),
  setRoomLock: guest<'setRoomLock'>()([...INPUT, ...MANAGE, 'NOT_A_ROOM']),
  listGuestLinks: guest<'listGuestLinks'>()([...INPUT, ...MANAGE]),
  createGuestLink: guest<'createGuestLink'>()([...INPUT, ...MANAGE, 'GUEST_ACCESS_OFF', 'GUEST_LINK_CAP_REACHED']),
  deleteGuestLink: guest<'deleteGuestLink'>()([...INPUT, ...MANAGE, 'LINK_NOT_FOUND']),
  setGuestLinkPasscode: guest<'setGuestLinkPasscode'>()([...INPUT, ...MANAGE, 'LINK_NOT_FOUND']),
  linkActivity: guest<'linkActivity'>()([...INPUT, ...MANAGE, 'LINK_NOT_FOUND']),
  listGuests: guest<'listGuests'>()([...INPUT, ...MANAGE]),
  admitAllGuests: guest<'admitAllGuests'>()([...INPUT, ...MANAGE, 'NOT_A_ROOM']),
  declineAllGuests: guest<'declineAllGuests'>()([...INPUT, ...MANAGE, 'NOT_A_ROOM']),
  admitGuest: guest<'admitGuest'>()(MODERATION),
  declineGuest: guest<'declineGuest'>()(MODERATION),
  createInvites: invite<'createInvites'>()([...INPUT, ...INVITE_MANAGE, 'TOO_MANY_ADDRESSES']),
  listInvites: invite<'listInvites'>()([...INPUT, ...INVITE_MANAGE]),
  changeInviteRole: invite<'changeInviteRole'>()([...INVITE_CHANGE, 'ROLE_NOT_ALLOWED']),
  revokeInvite: invite<'revokeInvite'>()(INVITE_CHANGE),
  resendInvite: invite<'resendInvite'>()([...INVITE_CHANGE, 'RESEND_TOO_SOON', 'PENDING_INVITE_CAP_REACHED']),
  listInvitesFor: invite<'listInvitesFor'>()([...INPUT, 'EMAIL_NOT_VERIFIED']),
  openInvite: invite<'openInvite'>()(['INVALID_INPUT', ...CLAIM]),
  acceptInvite: invite<'acceptInvite'>()([...INPUT, ...CLAIM, 'INVITE_CHANGED']),
  declineInvite: invite<'declineInvite'>()([...INPUT, ...CLAIM, 'INVITE_CHANGED']),
};

// ---- Schemas -------------------------------------------------------------------------------------
// Kept short: the document is served by the handler and weighs on its bundle. The API reference
// (TypeDoc) describes each field; times are milliseconds since the epoch.

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const string: Json = { type: 'string' };
const boolean: Json = { type: 'boolean' };
const integer: Json = { type: 'integer' };
const nullableString: Json = { type: ['string', 'null'] };
const nullableInteger: Json = { type: ['integer', 'null'] };
const list = (items: Json): Json => ({ type: 'array', items });
const counts: Json = { type: 'object', additionalProperties: integer };
const oneOf = (...values: string[]): Json => ({ type: 'string', enum: values });
/** An object with every property required and no other. */
const object = (properties: Record<string, Json>, description?: string): Json => ({
  type: 'object',
  ...(description === undefined ? {} : { description }),
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});
const page = (item: string): Json => object({ items: list(ref(item)), next: nullableString }, 'Pass `next` as `cursor` for the next page; null on the last.');

const INVITE_STATES = ['pending', 'accepting', 'accepted', 'declined', 'revoked', 'expired'];
const GUEST_STATUSES = ['admitted', 'waiting', 'declined', 'left'];

const SCHEMAS: Record<string, Json> = {
  Error: object(
    { code: ref('Code'), message: string, reasons: { ...list(ref('Reason')), minItems: 1 } },
    "The first reason's code and sentence, and every reason, most important first.",
  ),
  // Its enum, every code of the status table, is filled in from that table when the document is put together.
  Code: { type: 'string' },
  Reason: {
    ...object({ code: ref('Code'), message: string, path: list({ type: ['string', 'integer'] }), detail: string }, '`path`: the field at fault of bad input; `detail`: the host\'s own reason of a `JOIN_VETOED`.'),
    required: ['code', 'message'],
  },
  // Not closed: the store answers these settings, and a store of the host's may add fields.
  GuestAccess: {
    type: 'object',
    required: ['entryId', 'enabled', 'roomLocked', 'updatedAt', 'updatedBy'],
    properties: { entryId: string, enabled: boolean, roomLocked: boolean, updatedAt: integer, updatedBy: string },
  },
  GuestLinkView: object({
    id: string,
    entryId: string,
    name: string,
    state: oneOf('active', 'expired', 'used_up', 'inactive'),
    uses: integer,
    useLimit: nullableInteger,
    durationDays: nullableInteger,
    expiresAt: nullableInteger,
    createdAt: integer,
    createdBy: string,
    allowedDomains: list(string),
    blockedDomains: list(string),
    hasPasscode: boolean,
    verifyEmail: boolean,
    activity: ref('ActivityTotals'),
    token: string,
    url: string,
  }),
  ActivityTotals: object({ opens: integer, joins: integer, refusals: integer }),
  LinkActivity: object({
    linkId: string,
    from: string,
    to: string,
    days: list(object({ day: string, opens: integer, joins: integer, refusals: integer, refusedBy: counts })),
    totals: object({ opens: integer, joins: integer, refusals: integer, refusedBy: counts }),
  }, 'One record per UTC day (`YYYY-MM-DD`), zeros included; `refusedBy` counts refusals by reason code.'),
  GuestLinkList: object({
    entryId: string,
    enabled: boolean,
    roomLocked: boolean,
    cap: integer,
    canCreate: boolean,
    inactiveReasons: list(ref('Reason')),
    links: list(ref('GuestLinkView')),
  }),
  GuestLanding: object({
    entry: object({ id: string, type: string, title: nullableString }),
    link: object({ id: string, name: string, expiresAt: nullableInteger }),
    waitingRoom: boolean,
    passcode: boolean,
    verifyEmail: boolean,
  }),
  GuestSessionView: object({
    id: string,
    entryId: string,
    linkId: string,
    linkName: string,
    guestName: string,
    guestEmail: string,
    guestEmailAscii: string,
    guestEmailNonAscii: boolean,
    verified: boolean,
    status: oneOf(...GUEST_STATUSES),
    joinedAt: integer,
    decidedAt: nullableInteger,
    expiresAt: nullableInteger,
    capabilities: list(oneOf('view')),
  }),
  GuestJoin: object({ session: ref('GuestSessionView') }, 'The token is in the session cookie alone.'),
  GuestCodeSent: object({ verification: string, email: string, expiresAt: integer }, 'Send `verification` back with the code the guest types.'),
  GuestSessionList: list(ref('GuestSessionView')),
  GuestSessionPage: page('GuestSessionView'),
  DeletedGuestLink: object({ linkId: string }),
  InviteView: object({
    id: string,
    entryId: string,
    email: string,
    role: string,
    state: oneOf(...INVITE_STATES),
    invitedBy: string,
    inviterName: nullableString,
    invitedAt: integer,
    expiresAt: integer,
    acceptedBy: nullableString,
    deliveryStatus: oneOf('not_sent', 'sending', 'sent', 'failed'),
    deliveryAttempts: integer,
    lastSentAt: nullableInteger,
    deliveryError: nullableString,
    resendableAt: nullableInteger,
    token: string,
    url: string,
  }),
  // One per address, in input order; `input` is the address as given.
  InviteOutcomeList: list({
    oneOf: [
      object({ status: oneOf('invited', 're-invited'), input: {}, invite: ref('InviteView'), delivery: oneOf('sent', 'failed', 'not_sent', 'throttled') }),
      object({ status: oneOf('already-accepted'), input: {}, invite: ref('InviteView') }),
      object({ status: oneOf('refused'), input: {}, reason: ref('Reason') }),
      object({
        status: oneOf('error'),
        input: {},
        code: oneOf('INVALID_OPTIONS', 'INVALID_KEY', 'STORAGE_FAILED', 'DIRECTORY_FAILED', 'KEY_RING_FAILED', 'CLOCK_FAILED', 'GRANT_FAILED', 'INVALID_ARGUMENT', 'INVALID_RECORD'),
        message: string,
      }),
    ],
  }),
  InvitePage: page('InviteView'),
  ReceivedInvite: object({
    inviteId: string,
    role: string,
    expiresAt: integer,
    entry: object({ id: string, type: nullableString, title: nullableString }),
    inviter: object({ userId: string, name: nullableString }),
    token: string,
    url: string,
  }),
  ReceivedInvitePage: page('ReceivedInvite'),
  InviteLanding: object({
    inviteId: string,
    email: string,
    role: string,
    expiresAt: integer,
    entry: object({ id: string, type: string, title: nullableString }),
    inviter: object({ userId: string, name: nullableString }),
  }),
  Grant: object({ inviteId: string, entryId: string, userId: string, role: string, grantedAt: integer }),
  DeclinedInvite: object({ inviteId: string }),
};

/** The schema of each operation's success body. */
const SUCCESS: Readonly<Record<string, string>> = {
  openGuestLink: 'GuestLanding',
  joinGuestLink: 'GuestJoin',
  sendGuestCode: 'GuestCodeSent',
  verifyGuest: 'GuestJoin',
  checkGuestSession: 'GuestSessionView',
  setGuestAccess: 'GuestAccess',
  getGuestAccess: 'GuestAccess',
  setRoomLock: 'GuestAccess',
  listGuestLinks: 'GuestLinkList',
  createGuestLink: 'GuestLinkView',
  deleteGuestLink: 'DeletedGuestLink',
  setGuestLinkPasscode: 'GuestLinkView',
  linkActivity: 'LinkActivity',
  listGuests: 'GuestSessionPage',
  admitAllGuests: 'GuestSessionList',
  declineAllGuests: 'GuestSessionList',
  admitGuest: 'GuestSessionView',
  declineGuest: 'GuestSessionView',
  createInvites: 'InviteOutcomeList',
  listInvites: 'InvitePage',
  changeInviteRole: 'InviteView',
  revokeInvite: 'InviteView',
  resendInvite: 'InviteView',
  listInvitesFor: 'ReceivedInvitePage',
  openInvite: 'InviteLanding',
  acceptInvite: 'Grant',
  declineInvite: 'DeclinedInvite',
};

// ---- Parameters, headers and bodies --------------------------------------------------------------

const PARAMETERS: Record<string, Json> = {
  token: { name: 'token', in: 'path', required: true, schema: string, description: 'The token of the link or invite URL.' },
  entryId: { name: 'entryId', in: 'path', required: true, schema: string, description: 'The entry id, percent-encoded.' },
  linkId: { name: 'linkId', in: 'path', required: true, schema: string },
  sessionId: { name: 'sessionId', in: 'path', required: true, schema: string },
  inviteId: { name: 'inviteId', in: 'path', required: true, schema: string },
  limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE }, description: `How many items at most; ${DEFAULT_PAGE_SIZE} when absent.` },
  cursor: { name: 'cursor', in: 'query', schema: string, description: 'The `next` of the page before.' },
  status: { name: 'status', in: 'query', schema: oneOf(...GUEST_STATUSES), description: 'Only guests with this status.' },
  state: { name: 'state', in: 'query', schema: oneOf(...INVITE_STATES), description: 'Only invites in this state.' },
  from: { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'The first UTC day, `YYYY-MM-DD`; 13 days before `to` when absent.' },
  to: { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'The last UTC day, `YYYY-MM-DD`; 13 days after `from` when absent, or today when both are.' },
};

const COOKIE = 'The session or device cookie, or one cleared.';
const RETRY = 'Seconds to wait.';
/** Each header, always there or only sometimes (a reference can say neither). */
const HEADERS: Record<string, Json> = {
  SetCookie: { description: COOKIE, required: true, schema: string },
  SetCookieIfAny: { description: COOKIE, schema: string },
  RetryAfter: { description: RETRY, required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
  RetryAfterIfAny: { description: RETRY, schema: { type: 'string', pattern: '^[0-9]+$' } },
  Location: { description: '`next`, or `back` with `?code=`.', required: true, schema: string },
};

/** Fields that come from the path, the signed-in user or the cookie, never from the body. */
const NOT_IN_BODY = new Set(['actor', 'claimant', 'entryId', 'token', 'linkId', 'sessionId', 'inviteId', 'clientKey', 'sessionTokens']);

const INPUT_OBJECTS = { ...guestInputObjects, ...inviteInputObjects } as Record<string, unknown>;

function jsonBody(route: Route): Json {
  const schema = INPUT_OBJECTS[route.operation] as z.ZodMiniObject;
  const omitted = Object.fromEntries(Object.keys(schema.shape).filter((key) => NOT_IN_BODY.has(key)).map((key) => [key, true] as const));
  const converted = z.toJSONSchema(z.omit(schema, omitted), { io: 'input', unrepresentable: 'any' }) as Json;
  delete converted['$schema'];
  const fields = Object.keys((converted['properties'] as Json | undefined) ?? {}).sort();
  const expected = Object.keys(route.fields).sort();
  if (fields.join() !== expected.join()) throw new Error(`${route.operation}: the route reads ${expected.join()} but its input schema has ${fields.join()}`);
  return converted;
}

// ---- Operations ----------------------------------------------------------------------------------

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const HEADER_NAMES = { SetCookie: 'Set-Cookie', RetryAfter: 'Retry-After', Location: 'Location' } as const;

/** Headers of a response: `true` when always there, `false` when sometimes. */
type HeaderSet = Partial<Record<keyof typeof HEADER_NAMES, boolean>>;

const responseRef = (name: string): Json => ({ $ref: `#/components/responses/${name}` });

function response(description: string, headers: HeaderSet, schema: string | null): Json {
  const entries = Object.entries(headers) as [keyof typeof HEADER_NAMES, boolean][];
  return {
    description,
    ...(entries.length === 0
      ? {}
      : { headers: Object.fromEntries(entries.map(([name, always]) => [HEADER_NAMES[name], { $ref: `#/components/headers/${name}${always ? '' : 'IfAny'}` }])) }),
    ...(schema === null ? {} : { content: { 'application/json': { schema: ref(schema) } } }),
  };
}

const REFUSED = "Refused; the status is the first code's.";
const SEE_OTHER = 'A form post with `next`: to `next`, or to `back` with `?code=`.';

const RESPONSES: Record<string, Json> = {
  Refused: response(REFUSED, {}, 'Error'),
  // A join sets the device cookie before it is refused; a check that refuses clears the cookie it was sent.
  RefusedWithCookie: response(REFUSED, { SetCookie: false }, 'Error'),
  RateLimited: response('RATE_LIMITED: over a rate limit.', { RetryAfter: true }, 'Error'),
  Unavailable: response('SERVICE_UNAVAILABLE: a port failed.', { RetryAfter: true }, 'Error'),
  Waiting: response('GUEST_WAITING: the guest waits for a moderator.', {}, 'Error'),
  SeeOther: response(SEE_OTHER, { Location: true }, null),
};

function operation(route: Route): Json {
  const codes = OPERATION_CODES[route.operation];
  const success = SUCCESS[route.operation] ?? null;
  const leave = route.operation === 'leaveGuestSession';
  if (codes === undefined || (success === null && !leave && route.stream !== true)) throw new Error(`${route.operation}: no refusal codes or success schema`);
  const changes = STATE_CHANGING.has(route.method);
  const layer: HttpErrorCode[] = ['INTERNAL_ERROR'];
  layer.push('SERVICE_UNAVAILABLE');
  if (route.stream === true) return { responses: streamResponses(route, codes, layer) };
  if (changes) layer.push('CROSS_SITE_REQUEST', 'MALFORMED_BODY', 'PAYLOAD_TOO_LARGE', 'REQUEST_TIMEOUT', 'UNSUPPORTED_MEDIA_TYPE');
  if (route.auth !== 'none') layer.push('UNAUTHENTICATED');
  if (route.limits.length > 0) layer.push('RATE_LIMITED');
  // INVALID_INPUT refuses an input that is not an object, and the handler always passes one.
  const reachable = codes.filter((code) => code !== 'INVALID_INPUT');
  const statuses = [...new Set([...reachable, ...layer].map((code) => HTTP_STATUS[code]))].sort((a, b) => a - b);

  // A join sets the device cookie before the operation may refuse; a check that refuses clears the
  // cookie it was sent. Neither happens on a refusal of the layer's own (before, or a throw).
  const joins = route.operation === 'joinGuestLink' || route.operation === 'verifyGuest';
  const cookies = joins || route.operation === 'checkGuestSession';
  const cookieStatuses = new Set(reachable.map((code) => HTTP_STATUS[code]));
  const responses: Record<string, Json> = {};
  if (leave) responses['204'] = response('Done; the session cookie is cleared.', { SetCookie: true }, null);
  else if (joins) {
    responses['200'] =
      route.operation === 'verifyGuest'
        ? response('The session this verification already made, answered again: no use spent, its status kept (V4).', { SetCookie: true }, success)
        : response('The session the client already held for this link and guest (its session cookie), answered again: no use spent, its status kept (G12).', { SetCookie: true }, success);
    responses['201'] = response('Joined: a new session.', { SetCookie: true }, success);
  } else responses[route.created === true ? '201' : '200'] = response('Done.', {}, success);
  if (changes) {
    const headers: HeaderSet = { Location: true };
    if (leave) headers.SetCookie = true;
    if (joins) headers.SetCookie = false;
    if (route.limits.length > 0) headers.RetryAfter = false;
    responses['303'] = Object.keys(headers).length === 1 ? responseRef('SeeOther') : response(SEE_OTHER, headers, null);
  }
  for (const status of statuses) {
    responses[String(status)] =
      status === 202
        ? responseRef('Waiting')
        : status === 503
          ? codes.includes('CODE_NOT_SENT')
            ? response("SERVICE_UNAVAILABLE: a port failed; JOIN_CHECK_FAILED: the host's beforeJoin failed or took too long; or CODE_NOT_SENT: the mailer failed, nothing was spent.", { RetryAfter: true }, 'Error')
            : codes.includes('JOIN_CHECK_FAILED')
              ? response("SERVICE_UNAVAILABLE: a port failed; or JOIN_CHECK_FAILED: the host's beforeJoin failed or took too long.", { RetryAfter: true }, 'Error')
              : responseRef('Unavailable')
          : status === 429 && codes.includes('RESEND_TOO_SOON')
            ? response('RATE_LIMITED, with Retry-After; or RESEND_TOO_SOON, without.', { RetryAfter: false }, 'Error')
            : status === 429 && codes.includes('CODE_RESEND_TOO_SOON')
              ? response("RATE_LIMITED, with Retry-After; or CODE_RESEND_TOO_SOON, without: the seconds to wait are the reason's `detail`.", { RetryAfter: false }, 'Error')
            : status === 429
              ? responseRef('RateLimited')
              : responseRef(cookies && cookieStatuses.has(status) ? 'RefusedWithCookie' : 'Refused');
  }

  // The form's schema is made from the route's fields when the document is put together.
  return { ...(Object.keys(route.fields).length > 0 ? { body: jsonBody(route) } : {}), responses };
}

const STREAM_EVENTS: Readonly<Record<string, string>> = {
  watchGuestSession:
    "`text/event-stream`. Each `check` event's data is `{ status, body }`: the status and body `GET …/guest-session` would answer (`GuestSessionView`, or `Error` while waiting or refused). The first comes at once; another whenever it changes. The stream stays open while a moderator or an owner can still change the answer (202 waiting; 403 `GUEST_DECLINED` or `GUEST_ACCESS_OFF`) and ends after any other. A comment line every `heartbeatSeconds`. A first check refused for any other reason clears the session cookie.",
  watchGuests:
    '`text/event-stream`. Each `change` event\'s data is `{ type, subjectId, at }`: something changed on the entry\'s guests or settings; list them again. A comment line every `heartbeatSeconds`; the stream ends when the signed-in user may no longer moderate.',
};

/** The responses of a stream route: the stream, or a refusal to open it. */
function streamResponses(route: Route, codes: readonly ReasonCode[], layer: HttpErrorCode[]): Json {
  layer.push('TOO_MANY_STREAMS');
  if (route.auth !== 'none') layer.push('UNAUTHENTICATED');
  if (route.limits.length > 0) layer.push('RATE_LIMITED');
  const reachable = codes.filter((code) => code !== 'INVALID_INPUT');
  const statuses = [...new Set([...reachable, ...layer].map((code) => HTTP_STATUS[code]))].sort((a, b) => a - b);
  const responses: Record<string, Json> = {
    '200': {
      description: STREAM_EVENTS[route.operation],
      ...(route.auth === 'none' ? { headers: { 'Set-Cookie': { $ref: '#/components/headers/SetCookieIfAny' } } } : {}),
      content: { 'text/event-stream': { schema: string } },
    },
  };
  for (const status of statuses) {
    responses[String(status)] =
      status === 503
        ? response('SERVICE_UNAVAILABLE: a port failed; or TOO_MANY_STREAMS: the entry has as many streams open as it may.', { RetryAfter: true }, 'Error')
        : status === 429
          ? responseRef('RateLimited')
          : responseRef('Refused');
  }
  return responses;
}

/** The parts of the document: everything but what the route table and the status table say. */
export function buildOpenApiParts(): OpenApiParts {
  const parts: OpenApiParts = {
    openapi: '3.1.0',
    info: {
      title: 'access-links',
      version: '1',
      description:
        "Guest links and invite links for one media entry. A refusal answers `{ code, message, reasons }` with its first code's status. Times are milliseconds since the epoch.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This site.' }],
    tags: [
      { name: 'Guest links', description: 'Guest links, guest sessions and waiting rooms.' },
      { name: 'Invite links', description: 'Invites by email, with a role.' },
    ],
    security: [{ host: [] }],
    operations: Object.fromEntries(ROUTES.map((route) => [route.operation, operation(route)])),
    components: {
      schemas: {
        ...SCHEMAS,
        Next: { ...string, description: 'A path here: answer 303 to it.' },
        Back: { ...string, description: 'A path here: answer 303 to it, with `?code=`, on a refusal.' },
      },
      responses: RESPONSES,
      parameters: PARAMETERS,
      headers: HEADERS,
      securitySchemes: {
        host: { type: 'apiKey', in: 'cookie', name: 'session', description: "The host's own sign-in, as `authenticate` and `claimant` read it." },
      },
    },
  };
  // Every component some operation reaches, and no other.
  const { components } = assembleDocument(parts, ROUTES, DOCUMENT_BASE_PATH) as { components: OpenApiParts['components'] };
  const kept = Object.fromEntries(Object.entries(parts.components).map(([kind, entries]) => [kind, Object.fromEntries(Object.keys(components[kind] ?? {}).map((name) => [name, entries[name]]))]));
  return { ...parts, components: kept };
}

/** The whole document, for every route, under {@link DOCUMENT_BASE_PATH}: what a handler with both features serves. */
export function buildOpenApiDocument(): Json {
  return assembleDocument(buildOpenApiParts(), ROUTES, DOCUMENT_BASE_PATH);
}

/** The parts as the committed file holds them. */
export function renderOpenApiParts(): string {
  return `${JSON.stringify(buildOpenApiParts(), null, 2)}\n`;
}
