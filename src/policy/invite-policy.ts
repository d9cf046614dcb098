/**
 * Every invite question of DESIGN rules I1–I5 (and G11's site prerequisite and permissions),
 * answered as pure functions of plain data and "now".
 */
import type { Actor, Entry, SiteFeatures } from '../domain/entry';
import { isInviteExpired, type Invite } from '../domain/invite';
import type { InviteRules } from '../domain/invite-rules';
import { inviteReason, reason, type Reason } from '../domain/reasons';
import { decide, type Decision } from '../domain/result';
import { emailKey } from '../domain/text';
import { isAdmin, isCoEditor } from './relations';

/**
 * What the invite policy needs to know about an entry and its site.
 *
 * @category Policy
 */
export interface InviteFacts {
  /** The entry, or `null` when the host's directory does not know it. */
  readonly entry: Entry | null;
  /** The site's modules; ignored when `entry` is `null`. */
  readonly site: SiteFeatures;
  /** The invite rules in force. */
  readonly rules: InviteRules;
}

/**
 * A platform user claiming an invite: who they are and the email their account has (I1).
 *
 * @category Policy
 */
export interface Claimant {
  /** The user's id. */
  readonly userId: string;
  /** The email address of the user's account. */
  readonly email: string;
  /** Whether the platform has verified that address. */
  readonly emailVerified: boolean;
}

/**
 * Reasons a platform user may be refused when inviting or managing invites.
 *
 * @category Policy
 */
export type InviteManageCode = 'ENTRY_NOT_FOUND' | 'ENTRY_UNAVAILABLE' | 'INVITE_TO_MEDIA_MODULE_OFF' | 'NOT_PERMITTED';

/**
 * Reasons a role may be refused (I2).
 *
 * @category Policy
 */
export type RoleRefusalCode = 'ROLE_NOT_ALLOWED' | 'ROLE_ABOVE_INVITER';

/**
 * Reasons an invitee may be refused when opening, accepting or declining (I1, I5).
 *
 * @category Policy
 */
export type ClaimRefusalCode =
  | 'INVITE_INVALID'
  | 'INVITE_EXPIRED'
  | 'INVITE_REVOKED'
  | 'INVITE_DECLINED'
  | 'INVITE_ALREADY_ACCEPTED'
  | 'ACCEPTANCE_IN_PROGRESS'
  | 'ENTRY_UNAVAILABLE'
  | 'INVITE_TO_MEDIA_MODULE_OFF'
  | 'EMAIL_MISMATCH'
  | 'EMAIL_NOT_VERIFIED';

/**
 * The roles an invite may grant on an entry type (I2).
 *
 * @param type - the entry type.
 * @param rules - the invite rules.
 * @returns the roles, lowest rank first.
 * @example
 * ```ts
 * rolesFor('room', DEFAULT_INVITE_RULES); // ['viewer', 'speaker', 'moderator']
 * rolesFor('video', DEFAULT_INVITE_RULES); // ['viewer', 'contributor']
 * ```
 *
 * @category Policy
 */
export function rolesFor(type: string, rules: InviteRules): readonly string[] {
  return [...rolesOf(type, rules)].sort((a, b) => rules.roleRanks[a]! - rules.roleRanks[b]!);
}

/** The roles of an entry type, as configured (unsorted). */
function rolesOf(type: string, rules: InviteRules): readonly string[] {
  const roles = rules.rolesByEntryType[type];
  return roles !== undefined && Object.hasOwn(rules.rolesByEntryType, type) ? roles : rules.defaultRoles;
}

// Every decision answers this one object when it allows: the allowed path builds nothing.
const ALLOWED: { readonly allowed: true } = Object.freeze({ allowed: true });

/**
 * How high a role this actor may grant on an entry: any for its managers (owner, co-editors,
 * admins), up to their own for holders of an inviter role, none for anyone else (I2).
 *
 * @param actor - the acting user.
 * @param entry - the entry.
 * @param rules - the invite rules.
 * @returns the highest rank the actor may grant, `Infinity` for managers, or `null` when the
 *   actor may not invite at all.
 * @example
 * ```ts
 * const facts = {
 *   entry: { id: 'event-1', type: 'live-event', ownerId: 'owner-1', memberRoles: { 'mod-1': 'moderator' }, available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_INVITE_RULES,
 * };
 * inviterRank({ userId: 'owner-1' }, facts.entry, facts.rules); // Infinity: the owner grants any role
 * inviterRank({ userId: 'mod-1' }, facts.entry, facts.rules); // 3: up to moderator
 * inviterRank({ userId: 'someone' }, facts.entry, facts.rules); // null: may not invite
 * ```
 *
 * @category Policy
 */
export function inviterRank(actor: Actor, entry: Entry, rules: InviteRules): number | null {
  const manager =
    entry.ownerId === actor.userId || isCoEditor(entry, actor.userId) || isAdmin(actor);
  if (manager) return Number.POSITIVE_INFINITY;
  const roles = Object.hasOwn(entry, 'memberRoles') ? entry.memberRoles : undefined;
  const role = roles !== undefined && Object.hasOwn(roles, actor.userId) ? roles[actor.userId] : undefined;
  return role !== undefined && rules.inviterRoles.includes(role) && Object.hasOwn(rules.roleRanks, role)
    ? rules.roleRanks[role]!
    : null;
}

/**
 * May this actor see and manage this entry's invites: list, revoke, change a role (G11, I2)?
 * The entry's managers may, and holders of an inviter role.
 *
 * @param facts - the entry, its site and the rules.
 * @param actor - the acting user.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts = {
 *   entry: { id: 'event-1', type: 'live-event', ownerId: 'owner-1', memberRoles: { 'mod-1': 'moderator' }, available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_INVITE_RULES,
 * };
 * decideManageInvites(facts, { userId: 'mod-1' }).allowed; // true
 * decideManageInvites({ ...facts, site: { ...facts.site, inviteToMediaModule: false } }, { userId: 'owner-1' }); // denied: INVITE_TO_MEDIA_MODULE_OFF
 * ```
 *
 * @category Policy
 */
export function decideManageInvites(facts: InviteFacts, actor: Actor): Decision<InviteManageCode> {
  const { entry, site, rules } = facts;
  if (entry === null) return decide([reason('ENTRY_NOT_FOUND')]);
  const permitted = inviterRank(actor, entry, rules) !== null;
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (permitted && site.inviteToMediaModule) return ALLOWED;
  const reasons: Reason<InviteManageCode>[] = [];
  if (!site.inviteToMediaModule) reasons.push(reason('INVITE_TO_MEDIA_MODULE_OFF'));
  if (!permitted) reasons.push(reason('NOT_PERMITTED'));
  return decide(reasons);
}

/**
 * May this actor invite people to this entry, or send an invite again? As
 * {@link decideManageInvites}, and the entry must still be available.
 *
 * @param facts - the entry, its site and the rules.
 * @param actor - the acting user.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts = {
 *   entry: { id: 'event-1', type: 'live-event', ownerId: 'owner-1', memberRoles: { 'mod-1': 'moderator' }, available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_INVITE_RULES,
 * };
 * decideSendInvites({ ...facts, entry: { ...facts.entry, available: false } }, { userId: 'owner-1' }); // denied: ENTRY_UNAVAILABLE
 * ```
 *
 * @category Policy
 */
export function decideSendInvites(facts: InviteFacts, actor: Actor): Decision<InviteManageCode> {
  const managed = decideManageInvites(facts, actor);
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (managed.allowed && facts.entry?.available === true) return ALLOWED;
  const unavailable = facts.entry !== null && !facts.entry.available ? [reason('ENTRY_UNAVAILABLE')] : [];
  return decide<InviteManageCode>([...unavailable, ...(managed.allowed ? [] : managed.reasons)]);
}

/**
 * May this actor grant this role on this entry (I2)? The role must be one the entry type
 * allows, and rank no higher than the actor's own.
 *
 * @param facts - the entry (which must exist) and the rules.
 * @param actor - the acting user.
 * @param role - the role to grant.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts = {
 *   entry: { id: 'event-1', type: 'live-event', ownerId: 'owner-1', memberRoles: { 'mod-1': 'moderator' }, available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_INVITE_RULES,
 * };
 * const decision = decideRole(facts, { userId: 'owner-1' }, 'contributor');
 * if (!decision.allowed) console.log(decision.reasons[0].code); // 'ROLE_NOT_ALLOWED': not for live events
 * ```
 *
 * @category Policy
 */
export function decideRole(facts: InviteFacts & { readonly entry: Entry }, actor: Actor, role: string): Decision<RoleRefusalCode> {
  const entry = facts.entry;
  const rules = facts.rules;
  const allowedRole = rolesOf(entry.type, rules).includes(role);
  // The owner may grant any role the entry offers: nothing more to look up.
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (allowedRole && entry.ownerId === actor.userId) return ALLOWED;
  const rank = inviterRank(actor, entry, rules);
  // Managers (rank Infinity) and non-inviters (null) are never above their rank.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (allowedRole && (rank === null || rank === Number.POSITIVE_INFINITY)) return ALLOWED;
  const aboveRank = rank !== null && Object.hasOwn(rules.roleRanks, role) && rules.roleRanks[role]! > rank;
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (allowedRole && !aboveRank) return ALLOWED;
  const reasons: Reason<RoleRefusalCode>[] = [];
  if (!allowedRole) reasons.push(inviteReason('ROLE_NOT_ALLOWED'));
  if (aboveRank) reasons.push(inviteReason('ROLE_ABOVE_INVITER'));
  return decide(reasons);
}

/**
 * May this actor act on this existing invite: send it again, re-invite its address, change its
 * role, revoke it (I2)? Only when its present role ranks no higher than the actor's own, so that
 * nobody extends, revives or withdraws what they could not have granted.
 *
 * @param facts - the entry (which must exist) and the rules.
 * @param actor - the acting user.
 * @param invite - the invite's present role.
 * @returns allowed, or denied with `ROLE_ABOVE_INVITER`.
 * @example
 * ```ts
 * const facts = {
 *   entry: { id: 'event-1', type: 'live-event', ownerId: 'owner-1', memberRoles: { 'mod-1': 'moderator' }, available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_INVITE_RULES,
 * };
 * const invite = pendingInvite({
 *   id: '01JDQ0000000000000000000EF', entryId: 'event-1', email: 'Ada@Example.org', emailKey: 'ada@example.org',
 *   role: 'speaker', invitedBy: 'owner-1', inviterName: 'Grace', invitedAt: 0, expiresAt: 7 * 86_400_000,
 * });
 * const speakers = { ...facts, entry: { ...facts.entry, memberRoles: { 'u-speaker': 'speaker' } } };
 * const rules = { ...DEFAULT_INVITE_RULES, inviterRoles: ['moderator', 'speaker'] };
 * decideInviteAction({ ...speakers, rules }, { userId: 'u-speaker' }, invite).allowed; // true: a speaker invite
 * decideInviteAction({ ...speakers, rules }, { userId: 'u-speaker' }, { role: 'moderator' }); // denied: ROLE_ABOVE_INVITER
 * ```
 *
 * @category Policy
 */
export function decideInviteAction(
  facts: InviteFacts & { readonly entry: Entry },
  actor: Actor,
  invite: Pick<Invite, 'role'>,
): Decision<'ROLE_ABOVE_INVITER'> {
  const { entry, rules } = facts;
  const rank = inviterRank(actor, entry, rules);
  const roleRank = Object.hasOwn(rules.roleRanks, invite.role) ? rules.roleRanks[invite.role]! : Number.POSITIVE_INFINITY;
  return rank !== null && roleRank > rank ? decide([inviteReason('ROLE_ABOVE_INVITER')]) : ALLOWED;
}

/**
 * Can this invite still be claimed, whoever claims it (I3, I5)? Asked by the landing page.
 *
 * @param facts - the invite's entry, its site and the rules.
 * @param invite - the invite, or `null` when the token named none.
 * @param now - the instant to judge at.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts = {
 *   entry: { id: 'event-1', type: 'live-event', ownerId: 'owner-1', memberRoles: { 'mod-1': 'moderator' }, available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_INVITE_RULES,
 * };
 * const invite = pendingInvite({
 *   id: '01JDQ0000000000000000000EF', entryId: 'event-1', email: 'Ada@Example.org', emailKey: 'ada@example.org',
 *   role: 'speaker', invitedBy: 'owner-1', inviterName: 'Grace', invitedAt: 0, expiresAt: 7 * 86_400_000,
 * });
 * decideOpenInvite(facts, invite, 0).allowed; // true
 * decideOpenInvite(facts, invite, 8 * 86_400_000); // denied: INVITE_EXPIRED
 * ```
 *
 * @category Policy
 */
export function decideOpenInvite(facts: InviteFacts, invite: Invite | null, now: number): Decision<ClaimRefusalCode> {
  // Stryker disable next-line ConditionalExpression: a fast path, equivalent when it fires less (the full check below answers the same); firing more is caught
  if (invite !== null && opens(facts, invite, now)) return ALLOWED;
  return decide(openReasons(facts, invite, now));
}

/**
 * May this claimant accept (or decline) this invite now (I1, I5)? Only a verified email that
 * matches the invite's, compared case-insensitively after trimming, may. A mismatch and an
 * unverified address are refused with those real reasons.
 *
 * @param facts - the invite's entry, its site and the rules.
 * @param invite - the invite, or `null` when the token named none.
 * @param claimant - who is claiming.
 * @param now - the instant to judge at.
 * @returns allowed, or denied with every reason.
 * @example
 * ```ts
 * const facts = {
 *   entry: { id: 'event-1', type: 'live-event', ownerId: 'owner-1', memberRoles: { 'mod-1': 'moderator' }, available: true },
 *   site: { inviteToMediaModule: true, mediaPage: true },
 *   rules: DEFAULT_INVITE_RULES,
 * };
 * const invite = pendingInvite({
 *   id: '01JDQ0000000000000000000EF', entryId: 'event-1', email: 'Ada@Example.org', emailKey: 'ada@example.org',
 *   role: 'speaker', invitedBy: 'owner-1', inviterName: 'Grace', invitedAt: 0, expiresAt: 7 * 86_400_000,
 * });
 * const claimant = { userId: 'u-ada', email: 'ada@example.org', emailVerified: false };
 * const decision = decideClaimInvite(facts, invite, claimant, 0);
 * if (!decision.allowed) console.log(decision.reasons[0].code); // 'EMAIL_NOT_VERIFIED'
 * ```
 *
 * @category Policy
 */
export function decideClaimInvite(
  facts: InviteFacts,
  invite: Invite | null,
  claimant: Claimant,
  now: number,
): Decision<ClaimRefusalCode> {
  // A fast path: equivalent when it fires less (the full check below answers the same); firing more is caught.
  // Stryker disable BlockStatement: as said above
  if (
    // Stryker disable next-line ConditionalExpression: as said above
    invite !== null &&
    claimant.emailVerified &&
    opens(facts, invite, now) &&
    // Stryker disable next-line MethodExpression: as said above
    emailKey(claimant.email.trim().normalize('NFC')) === invite.emailKey
  ) {
    return ALLOWED;
  }
  // Stryker restore BlockStatement
  const reasons = openReasons(facts, invite, now);
  if (invite !== null) {
    if (emailKey(claimant.email.trim().normalize('NFC')) !== invite.emailKey) reasons.push(inviteReason('EMAIL_MISMATCH'));
    else if (!claimant.emailVerified) reasons.push(inviteReason('EMAIL_NOT_VERIFIED'));
  }
  return decide(reasons);
}

const FINAL_STATE_REASON = {
  accepting: 'ACCEPTANCE_IN_PROGRESS',
  accepted: 'INVITE_ALREADY_ACCEPTED',
  declined: 'INVITE_DECLINED',
  revoked: 'INVITE_REVOKED',
} as const;

/** Whether an invite can be claimed now, as {@link openReasons} judges it, building nothing. */
function opens(facts: InviteFacts, invite: Invite, now: number): boolean {
  return (
    // Stryker disable next-line ConditionalExpression: serves the fast paths only: firing less is equivalent
    invite.state === 'pending' &&
    !isInviteExpired(invite, now) &&
    facts.entry !== null &&
    facts.entry.available &&
    facts.site.inviteToMediaModule
  );
}

function openReasons(facts: InviteFacts, invite: Invite | null, now: number): Reason<ClaimRefusalCode>[] {
  if (invite === null) return [inviteReason('INVITE_INVALID')];
  const reasons: Reason<ClaimRefusalCode>[] = [];
  if (invite.state !== 'pending') reasons.push(inviteReason(FINAL_STATE_REASON[invite.state]));
  else if (isInviteExpired(invite, now)) reasons.push(inviteReason('INVITE_EXPIRED'));
  if (facts.entry === null || !facts.entry.available) reasons.push(reason('ENTRY_UNAVAILABLE'));
  else if (!facts.site.inviteToMediaModule) reasons.push(reason('INVITE_TO_MEDIA_MODULE_OFF'));
  return reasons;
}
