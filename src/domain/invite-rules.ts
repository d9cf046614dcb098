import { mapOf, mergeRules, wholeNumber, type Defined, type RuleOverrides } from './define-rules';

/**
 * The rules of invites as data (I2, I4, I5). A host overrides any of them when it creates the
 * invites; everything else keeps the defaults of {@link DEFAULT_INVITE_RULES}.
 *
 * @category Rules
 */
export interface InviteRules {
  /**
   * I2: every role and its rank; a higher rank may do more. An inviter grants only roles at
   * or below its own rank.
   * @defaultValue `{ viewer: 1, contributor: 2, speaker: 2, moderator: 3 }`
   */
  readonly roleRanks: Readonly<Record<string, number>>;
  /**
   * I2: the roles an invite may grant, by entry type.
   * @defaultValue viewer, speaker and moderator for `live-event`, `room`, `channel-room` and `media-gallery-room`
   */
  readonly rolesByEntryType: Readonly<Record<string, readonly string[]>>;
  /**
   * I2: the roles for entry types not named in `rolesByEntryType`: the media items.
   * @defaultValue `['viewer', 'contributor']`
   */
  readonly defaultRoles: readonly string[];
  /**
   * Roles whose holders on an entry (see `Entry.memberRoles`) may invite others, up to their
   * own rank. The entry's managers (owner, co-editors, admins) always may, with any role.
   * @defaultValue `['moderator']`
   */
  readonly inviterRoles: readonly string[];
  /**
   * I5: how many days an invite stays valid, from its creation or its last resend: 1 to 3650.
   * @defaultValue 7
   */
  readonly inviteDurationDays: number;
  /**
   * I4: the most addresses one call may invite. `0` means none.
   * @defaultValue 100
   */
  readonly maxAddressesPerCall: number;
  /**
   * The most pending, unexpired invites an entry may have at once. `0` means none.
   * @defaultValue 500
   */
  readonly pendingInviteCap: number;
  /**
   * The least time between two sends of one invite, in seconds.
   * @defaultValue 60
   */
  readonly resendIntervalSeconds: number;
  /**
   * How long one send may take, in seconds: a mailer that has not answered by then is recorded
   * as failed, and the invite may be sent (or revoked) again.
   * @defaultValue 30
   */
  readonly deliveryTimeoutSeconds: number;
  /**
   * How long the host's grant of an accepted invite may take, in seconds, before the same user
   * may try accepting again (after a crash, say). Meanwhile the invite is `accepting`.
   * @defaultValue 60
   */
  readonly grantTimeoutSeconds: number;
  /**
   * R1: how many days after it finished (accepted, declined, revoked, or expired) an invite is
   * kept before housekeeping (`sweep`) removes it, from 1 to 36,500. Once removed, its link
   * answers `INVITE_INVALID` and its address may be invited afresh.
   * @defaultValue 90
   */
  readonly finishedInviteRetentionDays: number;
}

const LIVE_ROLES = Object.freeze(['viewer', 'speaker', 'moderator']);

/**
 * The defaults of every invite rule, as DESIGN rules I2, I4 and I5 give them.
 *
 * @category Rules
 */
export const DEFAULT_INVITE_RULES: InviteRules = Object.freeze({
  roleRanks: Object.freeze({ viewer: 1, contributor: 2, speaker: 2, moderator: 3 }),
  rolesByEntryType: Object.freeze({
    'live-event': LIVE_ROLES,
    room: LIVE_ROLES,
    'channel-room': LIVE_ROLES,
    'media-gallery-room': LIVE_ROLES,
  }),
  defaultRoles: Object.freeze(['viewer', 'contributor']),
  inviterRoles: Object.freeze(['moderator']),
  inviteDurationDays: 7,
  maxAddressesPerCall: 100,
  pendingInviteCap: 500,
  resendIntervalSeconds: 60,
  deliveryTimeoutSeconds: 30,
  grantTimeoutSeconds: 60,
  finishedInviteRetentionDays: 90,
});

const isRoleList = (value: unknown): boolean => Array.isArray(value) && value.every((role) => typeof role === 'string' && role.length > 0);
const roleList = (value: unknown) => (isRoleList(value) ? null : 'expected a list of roles');

const CHECKS = {
  roleRanks: mapOf((rank) => Number.isInteger(rank) && (rank as number) >= 0, 'expected role names with whole-number ranks'),
  rolesByEntryType: mapOf(isRoleList, 'expected entry types with lists of roles'),
  defaultRoles: roleList,
  inviterRoles: roleList,
  inviteDurationDays: wholeNumber(1, 3650),
  maxAddressesPerCall: wholeNumber(0, 10_000),
  pendingInviteCap: wholeNumber(0, 1_000_000),
  resendIntervalSeconds: wholeNumber(0, 86_400),
  deliveryTimeoutSeconds: wholeNumber(1, 3_600),
  grantTimeoutSeconds: wholeNumber(1, 3_600),
  finishedInviteRetentionDays: wholeNumber(1, 36_500),
};

/** Every role the rules name must have a rank. */
function everyRoleRanked(rules: InviteRules): string | null {
  const named = [...rules.defaultRoles, ...rules.inviterRoles, ...Object.values(rules.rolesByEntryType).flat()];
  const unranked = named.filter((role) => !Object.hasOwn(rules.roleRanks, role));
  return unranked.length === 0 ? null : `every role named must have a rank in roleRanks (${[...new Set(unranked)].join(', ')} has none)`;
}

/**
 * The invite rules a host may pass: any of {@link InviteRules}, each possibly `undefined` (which
 * keeps the default).
 *
 * @category Rules
 */
export type InviteRulesInput = RuleOverrides<InviteRules>;

/**
 * The outcome of {@link defineInviteRules}: the complete rules, or the problems found.
 *
 * @category Rules
 */
export type DefineInviteRulesResult = Defined<InviteRules>;

/**
 * Validates a host's invite-rule overrides and merges them over {@link DEFAULT_INVITE_RULES}.
 * An override is taken as given: a limit of `0` means none, never "the default"; only
 * `undefined` keeps the default. Every role named must have a rank.
 *
 * @param overrides - the rules to change.
 * @returns the complete rules, or the problems found.
 *
 * @example
 * ```ts
 * const result = defineInviteRules({ inviteDurationDays: 14 });
 * if (result.ok) console.log(result.rules.inviteDurationDays, result.rules.pendingInviteCap); // 14 500
 * ```
 *
 * @category Rules
 */
export function defineInviteRules(overrides: unknown = {}): DefineInviteRulesResult {
  return mergeRules<InviteRules>(CHECKS, DEFAULT_INVITE_RULES, overrides, everyRoleRanked);
}
