/**
 * Every guest-link question of DESIGN rules G1–G11, answered as pure functions of plain data
 * and "now". The service asks these and nothing else, so every path (open, join, refresh,
 * list) applies the same checks.
 */
import type { Actor, Entry, SiteFeatures } from '../domain/entry';
import type { GuestAccess } from '../domain/guest-access';
import { isGuestLinkExpired, isGuestLinkUsedUp, type GuestLink } from '../domain/guest-link';
import type { GuestSession } from '../domain/guest-session';
import { reason, type Reason } from '../domain/reasons';
import { decide, type Decision } from '../domain/result';
import type { GuestLinkRules } from '../domain/rules';
import { isAdmin, isCoEditor, isModerator } from './relations';

/**
 * Reasons a guest may be refused at a link or on a refresh (G7, G9, G10).
 *
 * @category Policy
 */
export type GuestRefusalCode =
  | 'ENTRY_UNAVAILABLE'
  | 'ENTRY_TYPE_UNSUPPORTED'
  | 'INVITE_TO_MEDIA_MODULE_OFF'
  | 'MEDIA_PAGE_OFF'
  | 'GUEST_ACCESS_OFF'
  | 'LINK_INVALID'
  | 'LINK_GUEST_CAP_REACHED'
  | 'GUEST_DECLINED';

/**
 * Reasons a platform user may be refused when managing guest access (G1, G2, G11).
 *
 * @category Policy
 */
export type ManageRefusalCode =
  | 'ENTRY_NOT_FOUND'
  | 'ENTRY_UNAVAILABLE'
  | 'ENTRY_TYPE_UNSUPPORTED'
  | 'INVITE_TO_MEDIA_MODULE_OFF'
  | 'MEDIA_PAGE_OFF'
  | 'NOT_PERMITTED';

/**
 * What the policy needs to know about an entry and its site.
 *
 * @category Policy
 */
export interface EntryFacts {
  /** The entry, or `null` when the host's directory does not know it. */
  readonly entry: Entry | null;
  /** The site's modules; ignored when `entry` is `null`. */
  readonly site: SiteFeatures;
  /** The rules in force. */
  readonly rules: GuestLinkRules;
}

function siteReasons(site: SiteFeatures): Reason<'INVITE_TO_MEDIA_MODULE_OFF' | 'MEDIA_PAGE_OFF'>[] {
  const reasons: Reason<'INVITE_TO_MEDIA_MODULE_OFF' | 'MEDIA_PAGE_OFF'>[] = [];
  if (!site.inviteToMediaModule) reasons.push(reason('INVITE_TO_MEDIA_MODULE_OFF'));
  if (!site.mediaPage) reasons.push(reason('MEDIA_PAGE_OFF'));
  return reasons;
}

/**
 * Whether guest links are supported for an entry type (G11).
 *
 * @param type - the entry type.
 * @param rules - the rules in force.
 * @returns `true` when guest links may exist for entries of this type.
 * @example
 * ```ts
 * supportsGuestLinks('room', DEFAULT_GUEST_LINK_RULES); // true
 * supportsGuestLinks('channel-room', DEFAULT_GUEST_LINK_RULES); // false
 * ```
 *
 * @category Policy
 */
export function supportsGuestLinks(type: string, rules: GuestLinkRules): boolean {
  return !rules.unsupportedGuestEntryTypes.includes(type);
}

/**
 * Whether an actor manages guest access to an entry (G11): by default its owner, its
 * co-editors and site admins.
 *
 * @param actor - the acting user.
 * @param entry - the entry.
 * @param rules - the rules in force.
 * @returns `true` when the actor may manage the entry's guest links.
 * @example
 * ```ts
 * const room: Entry = { id: 'room-1', type: 'room', ownerId: 'owner-1', coEditorIds: ['editor-1'], available: true };
 * managesGuestAccess({ userId: 'editor-1' }, room, DEFAULT_GUEST_LINK_RULES); // true
 * managesGuestAccess({ userId: 'someone' }, room, DEFAULT_GUEST_LINK_RULES); // false
 * ```
 *
 * @category Policy
 */
export function managesGuestAccess(actor: Actor, entry: Entry, rules: GuestLinkRules): boolean {
  const managers = rules.guestManagers;
  return (
    (managers.includes('owner') && entry.ownerId === actor.userId) ||
    (managers.includes('co-editor') && isCoEditor(entry, actor.userId)) ||
    (managers.includes('admin') && isAdmin(actor))
  );
}

/**
 * Whether an actor moderates a room's guests (G10): anyone who manages its guest access, and
 * the room's moderators.
 *
 * @param actor - the acting user.
 * @param entry - the room.
 * @param rules - the rules in force.
 * @returns `true` when the actor may lock the room and admit or decline guests.
 * @example
 * ```ts
 * const room: Entry = { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true };
 * moderatesGuests({ userId: 'mod-1' }, room, DEFAULT_GUEST_LINK_RULES); // true
 * ```
 *
 * @category Policy
 */
export function moderatesGuests(actor: Actor, entry: Entry, rules: GuestLinkRules): boolean {
  // The moderator list first: most who moderate are on it.
  return isModerator(entry, actor.userId) || managesGuestAccess(actor, entry, rules);
}

/**
 * May this actor manage guest access to this entry at all: see its links, delete them, turn
 * guest access off? (G11)
 *
 * @param facts - the entry, its site and the rules.
 * @param actor - the acting user.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts: EntryFacts = {
 *   entry: { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_GUEST_LINK_RULES,
 * };
 * const decision = decideManageGuestAccess(facts, { userId: 'someone' });
 * if (!decision.allowed) console.log(decision.reasons.map((r) => r.code)); // ['NOT_PERMITTED']
 * ```
 *
 * @category Policy
 */
export function decideManageGuestAccess(facts: EntryFacts, actor: Actor): Decision<ManageRefusalCode> {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (entryPasses(facts, actor, managesGuestAccess, false)) return ALLOWED;
  // Without a room check the decision never carries NOT_A_ROOM.
  return decideForEntry(facts, actor, managesGuestAccess) as Decision<ManageRefusalCode>;
}

/**
 * May this actor turn guest access on (G1)? As {@link decideManageGuestAccess}, and the entry
 * must still be available.
 *
 * @param facts - the entry, its site and the rules.
 * @param actor - the acting user.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts: EntryFacts = {
 *   entry: { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_GUEST_LINK_RULES,
 * };
 * decideEnableGuestAccess({ ...facts, entry: { ...facts.entry!, available: false } }, { userId: 'owner-1' });
 * // { allowed: false, reasons: [{ code: 'ENTRY_UNAVAILABLE', ... }] }
 * ```
 *
 * @category Policy
 */
export function decideEnableGuestAccess(facts: EntryFacts, actor: Actor): Decision<ManageRefusalCode> {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (facts.entry?.available === true && entryPasses(facts, actor, managesGuestAccess, false)) return ALLOWED;
  return decide([...unavailable(facts.entry), ...reasonsOf(decideManageGuestAccess(facts, actor))]);
}

/**
 * May this actor create one more guest link (G1, G2, G11)? The cap is judged against
 * `linkCount` here for display; the store enforces it again atomically when inserting.
 *
 * @param facts - the entry, its site and the rules.
 * @param actor - the acting user.
 * @param access - the entry's guest-access settings.
 * @param linkCount - how many links the entry has now (deleted ones excluded).
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts: EntryFacts = {
 *   entry: { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_GUEST_LINK_RULES,
 * };
 * const access = defaultGuestAccess('room-1'); // guest access off
 * const decision = decideCreateGuestLink(facts, { userId: 'owner-1' }, access, 0);
 * if (!decision.allowed) console.log(decision.reasons[0].code); // 'GUEST_ACCESS_OFF'
 * ```
 *
 * @category Policy
 */
export function decideCreateGuestLink(
  facts: EntryFacts,
  actor: Actor,
  access: GuestAccess,
  linkCount: number,
): Decision<ManageRefusalCode | 'GUEST_ACCESS_OFF' | 'GUEST_LINK_CAP_REACHED'> {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral,BlockStatement: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (access.enabled && linkCount < facts.rules.guestLinkCap && facts.entry?.available === true && entryPasses(facts, actor, managesGuestAccess, false)) {
    return ALLOWED;
  }
  const reasons: Reason<ManageRefusalCode | 'GUEST_ACCESS_OFF' | 'GUEST_LINK_CAP_REACHED'>[] = [
    ...reasonsOf(decideEnableGuestAccess(facts, actor)),
  ];
  if (facts.entry !== null) {
    if (!access.enabled) reasons.push(reason('GUEST_ACCESS_OFF'));
    if (linkCount >= facts.rules.guestLinkCap) reasons.push(reason('GUEST_LINK_CAP_REACHED'));
  }
  return decide(reasons);
}

/**
 * May this actor lock the room, or admit and decline its guests (G10)?
 *
 * @param facts - the entry, its site and the rules.
 * @param actor - the acting user.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts: EntryFacts = {
 *   entry: { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_GUEST_LINK_RULES,
 * };
 * decideModerateGuests(facts, { userId: 'mod-1' }).allowed; // true
 * decideModerateGuests({ ...facts, entry: { ...facts.entry!, type: 'video' } }, { userId: 'owner-1' }); // denied: NOT_A_ROOM
 * ```
 *
 * @category Policy
 */
export function decideModerateGuests(
  facts: EntryFacts,
  actor: Actor,
): Decision<ManageRefusalCode | 'NOT_A_ROOM'> {
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (entryPasses(facts, actor, moderatesGuests, true)) return ALLOWED;
  const notRoom = (entry: Entry) => !facts.rules.waitingRoomEntryTypes.includes(entry.type);
  return decideForEntry(facts, actor, moderatesGuests, notRoom);
}

/**
 * May this actor see who joined an entry as a guest? Its managers and moderators may.
 *
 * @param facts - the entry, its site and the rules.
 * @param actor - the acting user.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts: EntryFacts = {
 *   entry: { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_GUEST_LINK_RULES,
 * };
 * decideListGuests(facts, { userId: 'mod-1' }).allowed; // true: moderators see who joined
 * ```
 *
 * @category Policy
 */
export function decideListGuests(facts: EntryFacts, actor: Actor): Decision<ManageRefusalCode> {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (entryPasses(facts, actor, moderatesGuests, false)) return ALLOWED;
  return decideForEntry(facts, actor, moderatesGuests) as Decision<ManageRefusalCode>;
}

/**
 * The checks every platform user's action on an entry shares: the entry exists, supports
 * guest links (and, where asked, is a room), the site has the feature, the actor is permitted.
 */
function decideForEntry(
  facts: EntryFacts,
  actor: Actor,
  permitted: (actor: Actor, entry: Entry, rules: GuestLinkRules) => boolean,
  notRoom?: (entry: Entry) => boolean,
): Decision<ManageRefusalCode | 'NOT_A_ROOM'> {
  const { entry, site, rules } = facts;
  if (entry === null) return decide([reason('ENTRY_NOT_FOUND')]);
  const reasons: Reason<ManageRefusalCode | 'NOT_A_ROOM'>[] = [];
  if (!supportsGuestLinks(entry.type, rules)) reasons.push(reason('ENTRY_TYPE_UNSUPPORTED'));
  else if (notRoom?.(entry)) reasons.push(reason('NOT_A_ROOM'));
  reasons.push(...siteReasons(site));
  if (!permitted(actor, entry, rules)) reasons.push(reason('NOT_PERMITTED'));
  return decide(reasons);
}

/**
 * May new guests come in to this entry at all, through any of its links (G1, G7, G11)? The
 * entry must be known and available, of a supported type, on a site with both modules, and
 * have guest access on. The owner's list shows a valid link as `inactive` when this is denied.
 *
 * @param facts - the entry, its site and the rules.
 * @param access - the entry's guest-access settings.
 * @returns allowed, or denied with every reason, the one a guest should see first.
 * @example
 * ```ts
 * const facts: EntryFacts = {
 *   entry: { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_GUEST_LINK_RULES,
 * };
 * const decision = decideEntryOpen(facts, { ...defaultGuestAccess('room-1'), enabled: true });
 * console.log(decision.allowed); // true: a valid link of this entry admits guests
 * ```
 *
 * @category Policy
 */
export function decideEntryOpen(facts: EntryFacts, access: GuestAccess): Decision<GuestRefusalCode> {
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (entryAdmits(facts, access)) return ALLOWED;
  return decide(entryReasons(facts, access));
}

/**
 * May a new guest come in through this link now (G1, G6, G7, G11)? Asked both when the link
 * is opened and when a guest submits the form; `link` is `null` when the token named no stored
 * link (deleted or forged: the same answer, G7).
 *
 * @param facts - the link's entry, its site and the rules.
 * @param access - the entry's guest-access settings.
 * @param link - the link, or `null`.
 * @param now - the instant to judge at.
 * @returns allowed, or denied with every reason, the one a guest should see first.
 * @example
 * ```ts
 * const facts: EntryFacts = {
 *   entry: { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_GUEST_LINK_RULES,
 * };
 * const link: GuestLink = {
 *   id: '01JDQ0000000000000000000AB', entryId: 'room-1', name: 'Guests', useLimit: 2, uses: 2, durationDays: null,
 *   createdAt: 0, expiresAt: null, createdBy: 'owner-1', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false,
 * };
 * const decision = decideGuestEntry(facts, { ...defaultGuestAccess('room-1'), enabled: true }, link, Date.now());
 * if (!decision.allowed) console.log(decision.reasons[0].code); // 'LINK_INVALID': used up
 * ```
 *
 * @category Policy
 */
export function decideGuestEntry(
  facts: EntryFacts,
  access: GuestAccess,
  link: GuestLink | null,
  now: number,
): Decision<GuestRefusalCode> {
  if (link === null) return decide([reason('LINK_INVALID')]);
  const dead = isGuestLinkExpired(link, now) || isGuestLinkUsedUp(link);
  // R2: however unlimited, a link admits at most maxGuestsPerLink guests.
  const full = link.uses >= facts.rules.maxGuestsPerLink;
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (entryAdmits(facts, access) && !dead && !full) return ALLOWED;
  const reasons: Reason<GuestRefusalCode>[] = entryReasons(facts, access);
  if (dead) reasons.push(reason('LINK_INVALID'));
  else if (full) reasons.push(reason('LINK_GUEST_CAP_REACHED'));
  return decide(reasons);
}

/**
 * May this guest session view its entry now, on a refresh (G8, G9, G10)? Turning guest access
 * off, deleting the link, or the link expiring ends it on the next check; the link being used
 * up does not. A declined guest is refused, and a waiting one is not in yet (`GUEST_WAITING`,
 * last: any other reason is shown first). A session the guest left is over: `SESSION_INVALID`,
 * unless another reason stands against it (the link gone, guest access off), which is said
 * instead, as it would be once the session is swept.
 *
 * @param facts - the session's entry, its site and the rules.
 * @param access - the entry's guest-access settings.
 * @param link - the session's link, or `null` when it was deleted.
 * @param session - the session.
 * @param now - the instant to judge at.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts: EntryFacts = {
 *   entry: { id: 'room-1', type: 'room', ownerId: 'owner-1', moderatorIds: ['mod-1'], available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_GUEST_LINK_RULES,
 * };
 * const access = { ...defaultGuestAccess('room-1'), enabled: true };
 * const session: GuestSession = {
 *   id: '01JDQ0000000000000000000CD', entryId: 'room-1', linkId: '01JDQ0000000000000000000AB', linkName: 'Guests',
 *   guestName: 'Ada', guestEmail: 'ada@example.org', emailKey: 'ada@example.org', erasureKey: 'ada@example.org', clientKey: null, verified: false,
 *   status: 'waiting', joinedAt: 0, decidedAt: null, decidedBy: null,
 * };
 * const decision = decideGuestSession(facts, access, null, session, Date.now());
 * if (!decision.allowed) console.log(decision.reasons.map((r) => r.code)); // ['LINK_INVALID', 'GUEST_WAITING']
 * ```
 *
 * @category Policy
 */
export function decideGuestSession(
  facts: EntryFacts,
  access: GuestAccess,
  link: GuestLink | null,
  session: GuestSession,
  now: number,
): Decision<GuestRefusalCode | 'SESSION_EXPIRED' | 'GUEST_WAITING' | 'SESSION_INVALID'> {
  const lifetime = facts.rules.guestSessionSeconds;
  const live = lifetime === null || now < session.joinedAt + lifetime * 1000;
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (session.status === 'admitted' && live && link !== null && !isGuestLinkExpired(link, now) && entryAdmits(facts, access)) return ALLOWED;
  const reasons: Reason<GuestRefusalCode | 'SESSION_EXPIRED' | 'GUEST_WAITING' | 'SESSION_INVALID'>[] = entryReasons(facts, access);
  if (link === null || isGuestLinkExpired(link, now)) reasons.push(reason('LINK_INVALID'));
  if (session.status === 'declined') reasons.push(reason('GUEST_DECLINED'));
  if (!live) reasons.push(reason('SESSION_EXPIRED'));
  if (session.status === 'waiting') reasons.push(reason('GUEST_WAITING'));
  // A session the guest left is over. Whatever else stands against it is said instead, as it
  // would be of the same session once swept (a sweep takes only sessions of dead links).
  if (session.status === 'left' && reasons.length === 0) reasons.push(reason('SESSION_INVALID'));
  return decide(reasons);
}

// Every decision answers this one object when it allows: the allowed path builds nothing.
const ALLOWED: { readonly allowed: true } = Object.freeze({ allowed: true });

/** Whether an actor's action on an entry passes every check of {@link decideForEntry}, building nothing. */
function entryPasses(
  facts: EntryFacts,
  actor: Actor,
  permitted: (actor: Actor, entry: Entry, rules: GuestLinkRules) => boolean,
  roomOnly: boolean,
): boolean {
  const { entry, site, rules } = facts;
  return (
    // Stryker disable next-line ConditionalExpression: serves the fast paths only: firing less is equivalent
    entry !== null &&
    site.inviteToMediaModule &&
    site.mediaPage &&
    supportsGuestLinks(entry.type, rules) &&
    // Stryker disable next-line LogicalOperator: as above
    (!roomOnly || rules.waitingRoomEntryTypes.includes(entry.type)) &&
    permitted(actor, entry, rules)
  );
}

/** Whether new guests may come in to the entry, as {@link entryReasons} judges it, building nothing. */
function entryAdmits(facts: EntryFacts, access: GuestAccess): boolean {
  const { entry, site, rules } = facts;
  return (
    // Stryker disable next-line ConditionalExpression: serves the fast paths only: firing less is equivalent
    entry !== null &&
    entry.available &&
    site.inviteToMediaModule &&
    site.mediaPage &&
    access.enabled &&
    supportsGuestLinks(entry.type, rules)
  );
}

/** Every reason a guest cannot come in to the entry whatever the link: most important first. */
function entryReasons(facts: EntryFacts, access: GuestAccess): Reason<GuestRefusalCode>[] {
  const { entry, site, rules } = facts;
  const reasons: Reason<GuestRefusalCode>[] = [];
  if (entry === null || !entry.available) reasons.push(reason('ENTRY_UNAVAILABLE'));
  if (entry !== null) {
    if (!supportsGuestLinks(entry.type, rules)) reasons.push(reason('ENTRY_TYPE_UNSUPPORTED'));
    reasons.push(...siteReasons(site));
  }
  if (!access.enabled) reasons.push(reason('GUEST_ACCESS_OFF'));
  return reasons;
}

function unavailable(entry: Entry | null): Reason<'ENTRY_UNAVAILABLE'>[] {
  return entry !== null && !entry.available ? [reason('ENTRY_UNAVAILABLE')] : [];
}

function reasonsOf<C extends Reason['code']>(decision: Decision<C>): readonly Reason<C>[] {
  return decision.allowed ? [] : decision.reasons;
}

/**
 * May this actor erase a person's data (R1): every record of a guest or an invitee, on every
 * entry? Site admins may; erasure is the platform's answer to a request, not an owner's.
 *
 * @param actor - the acting user.
 * @returns allowed, or denied with `NOT_PERMITTED`.
 * @example
 * ```ts
 * decideErasure({ userId: 'admin-1', admin: true }).allowed; // true
 * decideErasure({ userId: 'owner-1' }).allowed; // false
 * ```
 *
 * @category Policy
 */
export function decideErasure(actor: Actor): Decision<'NOT_PERMITTED'> {
  return isAdmin(actor) ? ALLOWED : { allowed: false, reasons: [reason('NOT_PERMITTED')] };
}
