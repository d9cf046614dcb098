import * as z from 'zod/mini';
import { mergeRules, type Defined } from './define-rules';

/**
 * The rules of invites as data (I2, I4, I5). A host overrides any of them when it creates the
 * invites; everything else keeps the defaults of {@link DEFAULT_INVITE_RULES}.
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
   * I5: how many days an invite stays valid, from its creation or its last resend.
   * @defaultValue 7
   */
  readonly inviteDays: number;
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
}

const LIVE_ROLES = Object.freeze(['viewer', 'speaker', 'moderator']);

/** The defaults of every invite rule, as DESIGN rules I2, I4 and I5 give them. */
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
  inviteDays: 7,
  maxAddressesPerCall: 100,
  pendingInviteCap: 500,
  resendIntervalSeconds: 60,
  deliveryTimeoutSeconds: 30,
  grantTimeoutSeconds: 60,
});

const isRoleList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((role) => typeof role === 'string' && role.length > 0);

function whole(min: number, max: number) {
  return z.number().check(
    z.refine((n) => Number.isInteger(n) && n >= min && n <= max, `expected a whole number from ${min} to ${max}`),
  );
}

/** The schema of {@link InviteRules}, every field required. */
export const InviteRulesSchema = z
  .strictObject({
    /** See {@link InviteRules.roleRanks}. */
    roleRanks: z.custom<Record<string, number>>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        Object.values(value).every((rank) => Number.isInteger(rank) && rank >= 0),
      'expected role names with whole-number ranks',
    ),
    /** See {@link InviteRules.rolesByEntryType}. */
    rolesByEntryType: z.custom<Record<string, string[]>>(
      (value) => typeof value === 'object' && value !== null && Object.values(value).every(isRoleList),
      'expected entry types with lists of roles',
    ),
    /** See {@link InviteRules.defaultRoles}. */
    defaultRoles: z.custom<string[]>(isRoleList, 'expected a list of roles'),
    /** See {@link InviteRules.inviterRoles}. */
    inviterRoles: z.custom<string[]>(isRoleList, 'expected a list of roles'),
    /** See {@link InviteRules.inviteDays}. */
    inviteDays: whole(1, 3650),
    /** See {@link InviteRules.maxAddressesPerCall}. */
    maxAddressesPerCall: whole(0, 10_000),
    /** See {@link InviteRules.pendingInviteCap}. */
    pendingInviteCap: whole(0, 1_000_000),
    /** See {@link InviteRules.resendIntervalSeconds}. */
    resendIntervalSeconds: whole(0, 86_400),
    /** See {@link InviteRules.deliveryTimeoutSeconds}. */
    deliveryTimeoutSeconds: whole(1, 3_600),
    /** See {@link InviteRules.grantTimeoutSeconds}. */
    grantTimeoutSeconds: whole(1, 3_600),
  })
  .check(
    z.refine(
      (rules) =>
        [...rules.defaultRoles, ...rules.inviterRoles, ...Object.values(rules.rolesByEntryType).flat()].every(
          (role) => Object.hasOwn(rules.roleRanks, role),
        ),
      'every role named must have a rank in roleRanks',
    ),
  );

/** The outcome of {@link defineInviteRules}: the complete rules, or the problems found. */
export type DefineInviteRulesResult = Defined<InviteRules>;

/**
 * Validates a host's invite-rule overrides and merges them over {@link DEFAULT_INVITE_RULES}.
 * An override is taken as given: a limit of `0` means none, never "the default".
 *
 * @param overrides - the rules to change.
 * @returns the complete rules, or the problems found.
 *
 * @example
 * ```ts
 * defineInviteRules({ inviteDays: 14 }); // { ok: true, rules: { ...DEFAULT_INVITE_RULES, inviteDays: 14 } }
 * ```
 */
export function defineInviteRules(overrides: unknown = {}): DefineInviteRulesResult {
  return mergeRules<InviteRules>(InviteRulesSchema, DEFAULT_INVITE_RULES, overrides);
}
