/**
 * The input of every operation as a zod/mini schema (Standard Schema, so any validator that
 * speaks it can use them): for forms that check before they send, for the OpenAPI document of
 * the HTTP layer, and as the contract the library's own readers are tested against — for any
 * input, a schema accepts exactly what the operation does not refuse as bad input, but for a
 * list's `cursor`: the schema checks its shape, and only the list can check its signature and
 * what it is bound to (`INVALID_CURSOR`). Every leaf is built from the same checks the operations
 * use (`isHostId`, `normalizeName`, `normalizeEmail`, the limits, a cursor's shape), so the two
 * cannot drift without that test failing.
 */
import * as z from 'zod/mini';
import { MAX_DURATION_DAYS, MAX_USE_LIMIT } from '../domain/guest-link';
import type { CheckGuestSessionInput, JoinGuestLinkInput, OpenGuestLinkInput } from './guest-entry';
import type { VerifyGuestInput } from './guest-verification';
import type { ClaimInviteInput, OpenInviteInput } from './invites/claim-invites';
import type { ChangeInviteRoleInput } from './invites/manage-invites';
import type { CreateInvitesInput, InviteActionInput } from './invites/send-invites';
import type { CreateGuestLinkInput, DeleteGuestLinkInput, EntryInput, SetGuestAccessInput, SetGuestLinkPasscodeInput } from './manage-guest-links';
import type { GuestDecisionInput, ListGuestsInput, SetRoomLockInput } from './moderate-guests';
import type { EraseGuestInput, SweepInput } from './housekeeping';
import type { EraseInviteeInput, ListInvitesForInput } from './invites/housekeeping';
import type { ListInvitesInput } from './invites/manage-invites';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page';
import { CURSOR } from './tokens';
import { MAX_HELD_SESSIONS } from './input';
import { MAX_ACTIVITY_DAYS } from '../domain/activity';
import { FIRST_DAY, LAST_DAY, parseDay } from '../domain/activity-days';
import type { LinkActivityInput } from './activity';
import { EMAIL_MAX_LENGTH, ID_MAX_LENGTH, isCleanText, isHostId, NAME_MAX_LENGTH, normalizeDomain, normalizeEmail, normalizeName, normalizePasscode } from '../domain/text';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const describe = (description: string) => z.meta({ description });

const hostId = (what: string) =>
  z.string().check(z.minLength(1), z.maxLength(ID_MAX_LENGTH), z.refine(isHostId, 'expected well-formed text without control characters'), describe(what));
const ulid = (what: string) => z.string().check(z.regex(ULID), describe(`${what}: a ULID`));
const name = (what: string) =>
  z.string().check(
    z.minLength(1),
    z.refine((value) => normalizeName(value) !== null, `expected 1 to ${NAME_MAX_LENGTH} visible characters, without control or bidirectional characters`),
    describe(what),
  );
const email = z.string().check(
  z.minLength(3),
  z.refine((value) => normalizeEmail(value) !== null, 'expected an email address'),
  z.meta({ format: 'email', description: `an email address, at most ${EMAIL_MAX_LENGTH} characters` }),
);
/** A passcode (V3), or empty for none. */
const domain = z.string().check(z.refine((value) => normalizeDomain(value) !== null, 'expected a domain of two labels or more, such as example.org'));
const passcode = (what: string) =>
  z.string().check(
    z.maxLength(512),
    z.refine((value) => value === '' || normalizePasscode(value) !== null, 'expected 6 to 128 characters without control characters, or empty'),
    describe(what),
  );
const token = (what: string) => z.optional(z.unknown().check(z.meta({ type: 'string', description: `${what}; anything else is answered as an invalid token, not as bad input` })));
/** A UTC day written `YYYY-MM-DD` (A1), or empty for none. */
const day = (what: string) =>
  z.string().check(z.refine((value) => value === '' || parseDay(value) !== null, 'expected a UTC day written YYYY-MM-DD, or empty'), describe(what));
/** The day a field gives; `null` for none (absent, null, empty, or no day). */
const dayOf = (value: unknown): number | null => (typeof value === 'string' && value !== '' ? parseDay(value) : null);
const optionalWhole = (max: number, what: string) =>
  z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(max), describe(what))));

/**
 * Who acts: the signed-in platform user, as the host authenticated them.
 *
 * @category Input schemas
 */
export const ActorSchema = z.object({
  /** The user's id. */
  userId: hostId('the user id'),
  /** Whether the user is a site admin. */
  admin: z.optional(z.boolean()),
  /** The user's display name, shown in the invites they send. */
  name: z.optional(name("the user's display name")),
});

/**
 * A signed-in user claiming an invite, with the account's email and whether it is verified.
 *
 * @category Input schemas
 */
export const ClaimantSchema = z.object({
  /** The user's id. */
  userId: hostId('the user id'),
  /** The account's email address. */
  email: z.string().check(z.maxLength(1024), describe("the account's email address")),
  /** Whether the platform verified it. */
  emailVerified: z.boolean(),
});

const entry = { actor: ActorSchema, entryId: hostId('the entry id') };
const page = {
  limit: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_PAGE_SIZE), describe(`how many at most; ${DEFAULT_PAGE_SIZE} when absent`)))),
  cursor: z.optional(
    z.nullable(z.string().check(z.regex(CURSOR), describe('the next of the page before, as it came (its signature and what it is bound to are checked by the list)'))),
  ),
};
const sweepLimit = z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(10_000), describe('the most records of each kind removed; 500 when absent'))));
const erasure = { actor: ActorSchema, email };

/**
 * A zod/mini schema (and so a Standard Schema) whose parsed value is an input of type `T`.
 *
 * @typeParam T - the input it parses into.
 * @category Input schemas
 */
export type InputSchema<T> = z.ZodMiniType<T>;

/**
 * An input whose `token` may be anything: a token that is not a string is answered as an invalid
 * token (`LINK_INVALID`, `SESSION_INVALID`, `INVITE_INVALID`), not as bad input.
 *
 * @typeParam T - the operation's input.
 * @category Input schemas
 */
export type WithAnyToken<T> = Omit<T, 'token'> & Readonly<Partial<Record<'token', unknown>>>;

/**
 * The input schema of each guest-link operation.
 *
 * @category Input schemas
 */
export interface GuestLinksInputSchemaMap {
  /** {@link "access-links"!GuestLinks.setGuestAccess | GuestLinks.setGuestAccess} */
  readonly setGuestAccess: InputSchema<SetGuestAccessInput>;
  /** {@link "access-links"!GuestLinks.createGuestLink | GuestLinks.createGuestLink} */
  readonly createGuestLink: InputSchema<CreateGuestLinkInput>;
  /** {@link "access-links"!GuestLinks.listGuestLinks | GuestLinks.listGuestLinks} */
  readonly listGuestLinks: InputSchema<EntryInput>;
  /** {@link "access-links"!GuestLinks.deleteGuestLink | GuestLinks.deleteGuestLink} */
  readonly deleteGuestLink: InputSchema<DeleteGuestLinkInput>;
  /** {@link "access-links"!GuestLinks.setGuestLinkPasscode | GuestLinks.setGuestLinkPasscode} */
  readonly setGuestLinkPasscode: InputSchema<SetGuestLinkPasscodeInput>;
  /** {@link "access-links"!GuestLinks.linkActivity | GuestLinks.linkActivity} */
  readonly linkActivity: InputSchema<LinkActivityInput>;
  /** {@link "access-links"!GuestLinks.openGuestLink | GuestLinks.openGuestLink} */
  readonly openGuestLink: InputSchema<WithAnyToken<OpenGuestLinkInput>>;
  /** {@link "access-links"!GuestLinks.joinGuestLink | GuestLinks.joinGuestLink} */
  readonly joinGuestLink: InputSchema<WithAnyToken<JoinGuestLinkInput>>;
  /** {@link "access-links"!GuestLinks.sendGuestCode | GuestLinks.sendGuestCode} */
  readonly sendGuestCode: InputSchema<WithAnyToken<JoinGuestLinkInput>>;
  /** {@link "access-links"!GuestLinks.verifyGuest | GuestLinks.verifyGuest} */
  readonly verifyGuest: InputSchema<
    Omit<VerifyGuestInput, 'verification' | 'code'> & {
      /** The verification `sendGuestCode` answered; anything else is answered as `VERIFICATION_INVALID`, not as bad input. */
      readonly verification?: unknown;
      /** The code the guest typed; anything else than six digits is answered as `WRONG_CODE`, not as bad input. */
      readonly code?: unknown;
    }
  >;
  /** {@link "access-links"!GuestLinks.checkGuestSession | GuestLinks.checkGuestSession} */
  readonly checkGuestSession: InputSchema<WithAnyToken<CheckGuestSessionInput>>;
  /** {@link "access-links"!GuestLinks.leaveGuestSession | GuestLinks.leaveGuestSession} */
  readonly leaveGuestSession: InputSchema<WithAnyToken<CheckGuestSessionInput>>;
  /** {@link "access-links"!GuestLinks.getGuestAccess | GuestLinks.getGuestAccess} */
  readonly getGuestAccess: InputSchema<EntryInput>;
  /** {@link "access-links"!GuestLinks.setRoomLock | GuestLinks.setRoomLock} */
  readonly setRoomLock: InputSchema<SetRoomLockInput>;
  /** {@link "access-links"!GuestLinks.admitGuest | GuestLinks.admitGuest} */
  readonly admitGuest: InputSchema<GuestDecisionInput>;
  /** {@link "access-links"!GuestLinks.declineGuest | GuestLinks.declineGuest} */
  readonly declineGuest: InputSchema<GuestDecisionInput>;
  /** {@link "access-links"!GuestLinks.admitAllGuests | GuestLinks.admitAllGuests} */
  readonly admitAllGuests: InputSchema<EntryInput>;
  /** {@link "access-links"!GuestLinks.declineAllGuests | GuestLinks.declineAllGuests} */
  readonly declineAllGuests: InputSchema<EntryInput>;
  /** {@link "access-links"!GuestLinks.listGuests | GuestLinks.listGuests} */
  readonly listGuests: InputSchema<ListGuestsInput>;
  /** {@link "access-links"!GuestLinks.sweep | GuestLinks.sweep}: its input may be left out. */
  readonly sweep: InputSchema<SweepInput | undefined>;
  /** {@link "access-links"!GuestLinks.eraseGuest | GuestLinks.eraseGuest} */
  readonly eraseGuest: InputSchema<EraseGuestInput>;
}

/**
 * The input schema of each invite operation.
 *
 * @category Input schemas
 */
export interface InviteLinksInputSchemaMap {
  /** {@link "access-links/invites"!InviteLinks.createInvites | InviteLinks.createInvites}; each address is checked on its own, so the list holds anything. */
  readonly createInvites: InputSchema<Omit<CreateInvitesInput, 'emails'> & Readonly<Record<'emails', readonly unknown[]>>>;
  /** {@link "access-links/invites"!InviteLinks.listInvites | InviteLinks.listInvites} */
  readonly listInvites: InputSchema<ListInvitesInput>;
  /** {@link "access-links/invites"!InviteLinks.listInvitesFor | InviteLinks.listInvitesFor} */
  readonly listInvitesFor: InputSchema<ListInvitesForInput>;
  /** {@link "access-links/invites"!InviteLinks.sweep | InviteLinks.sweep}: its input may be left out. */
  readonly sweep: InputSchema<SweepInput | undefined>;
  /** {@link "access-links/invites"!InviteLinks.eraseInvitee | InviteLinks.eraseInvitee} */
  readonly eraseInvitee: InputSchema<EraseInviteeInput>;
  /** {@link "access-links/invites"!InviteLinks.changeInviteRole | InviteLinks.changeInviteRole} */
  readonly changeInviteRole: InputSchema<ChangeInviteRoleInput>;
  /** {@link "access-links/invites"!InviteLinks.revokeInvite | InviteLinks.revokeInvite} */
  readonly revokeInvite: InputSchema<InviteActionInput>;
  /** {@link "access-links/invites"!InviteLinks.resendInvite | InviteLinks.resendInvite} */
  readonly resendInvite: InputSchema<InviteActionInput>;
  /** {@link "access-links/invites"!InviteLinks.openInvite | InviteLinks.openInvite} */
  readonly openInvite: InputSchema<WithAnyToken<OpenInviteInput>>;
  /** {@link "access-links/invites"!InviteLinks.acceptInvite | InviteLinks.acceptInvite} */
  readonly acceptInvite: InputSchema<WithAnyToken<ClaimInviteInput>>;
  /** {@link "access-links/invites"!InviteLinks.declineInvite | InviteLinks.declineInvite} */
  readonly declineInvite: InputSchema<WithAnyToken<ClaimInviteInput>>;
}

/** What a guest entry page submits: a join, or a code's request (V4). */
const joinInput = z.object({
  token: token("the token of the link's URL"),
  name: name('the name the guest typed'),
  email,
  clientKey: z.optional(z.nullable(hostId("an opaque key of the guest's device"))),
  sessionTokens: z.optional(
    z.nullable(z.array(z.string()).check(z.maxLength(MAX_HELD_SESSIONS), describe('the guest-session tokens the client already holds (G12); any that is not a live session of this link and guest is passed over'))),
  ),
  proof: z.optional(z.nullable(z.string().check(z.maxLength(4096), describe("what the host's beforeJoin reads, such as a CAPTCHA's answer (V1); empty reads as none")))),
  passcode: z.optional(z.nullable(passcode('the passcode the guest typed, for a link that has one (V3); empty reads as none'))),
});

/** @internal The guest schemas as zod objects, for the OpenAPI document. */
export const guestInputObjects = {
  /** {@link "access-links"!GuestLinks.setGuestAccess | GuestLinks.setGuestAccess} */
  setGuestAccess: z.object({ ...entry, enabled: z.boolean() }),
  /** {@link "access-links"!GuestLinks.createGuestLink | GuestLinks.createGuestLink} */
  createGuestLink: z.object({
    ...entry,
    name: name("the link's label"),
    useLimit: optionalWhole(MAX_USE_LIMIT, 'how many guests may join through it; absent or null for unlimited'),
    durationDays: optionalWhole(MAX_DURATION_DAYS, 'how many whole days it lasts; absent or null for never'),
    allowedDomains: z.optional(z.nullable(z.array(domain).check(z.maxLength(100), describe('the only address domains it lets in, subdomains too (V2); absent or empty for any')))),
    blockedDomains: z.optional(z.nullable(z.array(domain).check(z.maxLength(100), describe('address domains it keeps out, subdomains too (V2); a block wins over an allow')))),
    passcode: z.optional(z.nullable(passcode('a passcode guests must type, 6 to 128 characters (V3); only its hash is kept; absent or empty for none'))),
    verifyEmail: z.optional(z.nullable(z.boolean().check(describe('whether guests prove their address with a mailed code before joining (V4); absent for no')))),
  }),
  /** {@link "access-links"!GuestLinks.listGuestLinks | GuestLinks.listGuestLinks} */
  listGuestLinks: z.object(entry),
  /** {@link "access-links"!GuestLinks.deleteGuestLink | GuestLinks.deleteGuestLink} */
  deleteGuestLink: z.object({ ...entry, linkId: ulid('the link id') }),
  /** {@link "access-links"!GuestLinks.linkActivity | GuestLinks.linkActivity} */
  linkActivity: z
    .object({
      ...entry,
      linkId: ulid('the link id'),
      from: z.optional(z.nullable(day('the first UTC day, included; 13 days before to when absent (or empty)'))),
      to: z.optional(z.nullable(day('the last UTC day, included; 13 days after from when absent (or empty), or today when both are'))),
    })
    .check(
      // As the operation reads them: both given, in order and at most MAX_ACTIVITY_DAYS together;
      // one alone, two weeks from it that stay within the days YYYY-MM-DD writes.
      z.refine(({ from, to }) => !(dayOf(from) !== null && dayOf(to) === null) || dayOf(from)! + 13 <= LAST_DAY, {
        message: 'expected a first day whose two weeks end by 9999-12-31',
        path: ['from'],
      }),
      z.refine(({ from, to }) => !(dayOf(from) === null && dayOf(to) !== null) || dayOf(to)! - 13 >= FIRST_DAY, {
        message: 'expected a last day whose two weeks start from 0100-01-01',
        path: ['to'],
      }),
      z.refine(
        ({ from, to }) => {
          const [first, last] = [dayOf(from), dayOf(to)];
          return first === null || last === null || (first <= last && last - first < MAX_ACTIVITY_DAYS);
        },
        { message: `expected from no later than to, at most ${MAX_ACTIVITY_DAYS} days together`, path: ['from'] },
      ),
    ),
  /** {@link "access-links"!GuestLinks.setGuestLinkPasscode | GuestLinks.setGuestLinkPasscode} */
  setGuestLinkPasscode: z.object({
    ...entry,
    linkId: ulid('the link id'),
    passcode: z.optional(z.nullable(passcode('the new passcode, 6 to 128 characters (V3); absent, null or empty removes it'))),
  }),
  /** {@link "access-links"!GuestLinks.openGuestLink | GuestLinks.openGuestLink} */
  openGuestLink: z.object({ token: token("the token of the link's URL") }),
  /** {@link "access-links"!GuestLinks.joinGuestLink | GuestLinks.joinGuestLink} */
  joinGuestLink: joinInput,
  /** {@link "access-links"!GuestLinks.sendGuestCode | GuestLinks.sendGuestCode}: judged as a join is, so read as one (V4) */
  sendGuestCode: joinInput,
  /** {@link "access-links"!GuestLinks.verifyGuest | GuestLinks.verifyGuest} */
  verifyGuest: z.object({
    verification: token('the verification sendGuestCode answered'),
    code: z.optional(z.unknown().check(z.meta({ type: 'string', description: 'the six digits the guest typed; anything else is answered as a wrong code, not as bad input' }))),
    clientKey: z.optional(z.nullable(hostId("an opaque key of the guest's device"))),
  }),
  /** {@link "access-links"!GuestLinks.checkGuestSession | GuestLinks.checkGuestSession} */
  checkGuestSession: z.object({ token: token('the session token'), entryId: hostId('the entry being viewed') }),
  /** {@link "access-links"!GuestLinks.leaveGuestSession | GuestLinks.leaveGuestSession} */
  leaveGuestSession: z.object({ token: token('the session token of the guest who leaves'), entryId: hostId('the entry the session is for') }),
  /** {@link "access-links"!GuestLinks.getGuestAccess | GuestLinks.getGuestAccess} */
  getGuestAccess: z.object(entry),
  /** {@link "access-links"!GuestLinks.setRoomLock | GuestLinks.setRoomLock} */
  setRoomLock: z.object({ ...entry, locked: z.boolean() }),
  /** {@link "access-links"!GuestLinks.admitGuest | GuestLinks.admitGuest} */
  admitGuest: z.object({ ...entry, sessionId: ulid('the guest session id') }),
  /** {@link "access-links"!GuestLinks.declineGuest | GuestLinks.declineGuest} */
  declineGuest: z.object({ ...entry, sessionId: ulid('the guest session id') }),
  /** {@link "access-links"!GuestLinks.admitAllGuests | GuestLinks.admitAllGuests} */
  admitAllGuests: z.object(entry),
  /** {@link "access-links"!GuestLinks.declineAllGuests | GuestLinks.declineAllGuests} */
  declineAllGuests: z.object(entry),
  /** {@link "access-links"!GuestLinks.listGuests | GuestLinks.listGuests} */
  listGuests: z.object({ ...entry, ...page, status: z.optional(z.nullable(z.enum(['admitted', 'waiting', 'declined', 'left']))) }),
  /** {@link "access-links"!GuestLinks.sweep | GuestLinks.sweep} */
  sweep: z.optional(z.object({ limit: sweepLimit })),
  /** {@link "access-links"!GuestLinks.eraseGuest | GuestLinks.eraseGuest} */
  eraseGuest: z.object(erasure),
};

const role = z.string().check(z.minLength(1), z.maxLength(64), z.refine(isCleanText, 'expected a role name'), describe('a role name'));
const invite = { ...entry, inviteId: ulid('the invite id') };
const isLocale = (value: string) => {
  if (value.length > 35) return false;
  try {
    Intl.getCanonicalLocales(value);
  } catch {
    return false;
  }
  return true;
};
const isTimeZone = (value: string) => {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a bound on the work; no zone name is 64 characters long, and Intl refuses a longer text too
  if (value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  return true;
};
const recipient = {
  locale: z.optional(z.nullable(z.string().check(z.refine(isLocale, 'expected a BCP 47 language tag'), describe("the recipients' language, such as fr")))),
  timeZone: z.optional(z.nullable(z.string().check(z.refine(isTimeZone, 'expected an IANA time zone'), describe("the recipients' time zone, such as Europe/Paris")))),
};

/** @internal The invite schemas as zod objects, for the OpenAPI document. */
export const inviteInputObjects = {
  /** {@link "access-links/invites"!InviteLinks.createInvites | InviteLinks.createInvites} */
  createInvites: z.object({
    ...entry,
    role,
    emails: z.array(z.unknown()).check(describe('the addresses, each answered on its own (an invalid one is refused alone)')),
    send: z.optional(z.boolean()),
    ...recipient,
  }),
  /** {@link "access-links/invites"!InviteLinks.listInvites | InviteLinks.listInvites} */
  listInvites: z.object({
    ...entry,
    ...page,
    state: z.optional(z.nullable(z.enum(['pending', 'accepting', 'accepted', 'declined', 'revoked', 'expired']))),
  }),
  /** {@link "access-links/invites"!InviteLinks.listInvitesFor | InviteLinks.listInvitesFor} */
  listInvitesFor: z.object({ claimant: ClaimantSchema, ...page }),
  /** {@link "access-links/invites"!InviteLinks.sweep | InviteLinks.sweep} */
  sweep: z.optional(z.object({ limit: sweepLimit })),
  /** {@link "access-links/invites"!InviteLinks.eraseInvitee | InviteLinks.eraseInvitee} */
  eraseInvitee: z.object(erasure),
  /** {@link "access-links/invites"!InviteLinks.changeInviteRole | InviteLinks.changeInviteRole} */
  changeInviteRole: z.object({ ...invite, role }),
  /** {@link "access-links/invites"!InviteLinks.revokeInvite | InviteLinks.revokeInvite} */
  revokeInvite: z.object(invite),
  /** {@link "access-links/invites"!InviteLinks.resendInvite | InviteLinks.resendInvite} */
  resendInvite: z.object({ ...invite, ...recipient }),
  /** {@link "access-links/invites"!InviteLinks.openInvite | InviteLinks.openInvite} */
  openInvite: z.object({ token: token("the token of the invite's link") }),
  /** {@link "access-links/invites"!InviteLinks.acceptInvite | InviteLinks.acceptInvite} */
  acceptInvite: z.object({ token: token("the token of the invite's link"), claimant: ClaimantSchema }),
  /** {@link "access-links/invites"!InviteLinks.declineInvite | InviteLinks.declineInvite} */
  declineInvite: z.object({ token: token("the token of the invite's link"), claimant: ClaimantSchema }),
};

/**
 * The input of every guest-link operation, by the operation's name.
 *
 * @category Input schemas
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * const checked = z.safeParse(GuestLinksInputSchemas.joinGuestLink, { token: 'x', name: ' ', email: 'ada@example.org' });
 * if (!checked.success) console.log(checked.error.issues.map((issue) => issue.path)); // [['name']]
 * ```
 */
export const GuestLinksInputSchemas: GuestLinksInputSchemaMap = guestInputObjects;

/**
 * The input of every invite operation, by the operation's name.
 *
 * @category Input schemas
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * const checked = z.safeParse(InviteLinksInputSchemas.createInvites, { actor: { userId: 'u-1' }, entryId: 'room-1', role: '', emails: [] });
 * if (!checked.success) console.log(checked.error.issues.map((issue) => issue.path)); // [['role']]
 * ```
 */
export const InviteLinksInputSchemas: InviteLinksInputSchemaMap = inviteInputObjects;
