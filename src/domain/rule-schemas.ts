/**
 * The rules as zod/mini schemas, for hosts that validate configuration with zod or derive forms
 * from it. The library itself checks rules without zod (see `defineGuestLinkRules`), so that a
 * bundle that never imports these does not carry zod.
 */
import * as z from 'zod/mini';
import type { GuestLinkRules, ManagerRelation } from './rules';
import type { InviteRules } from './invite-rules';

const whole = (min: number, max: number) =>
  z.number().check(z.refine((n) => Number.isInteger(n) && n >= min && n <= max, `expected a whole number from ${min} to ${max}`));
const list = <T extends string>(valid: (item: string) => boolean, message: string) =>
  z.custom<T[]>((items) => Array.isArray(items) && items.every((item) => typeof item === 'string' && valid(item)), message);
const isRoleList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((role) => typeof role === 'string' && role.length > 0);

/**
 * The schema of {@link GuestLinkRules}, every field required: what `defineGuestLinkRules` checks.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * z.parse(GuestLinkRulesSchema, { ...DEFAULT_GUEST_LINK_RULES, guestLinkCap: 5 });
 * ```
 *
 * @category Schemas
 */
export const GuestLinkRulesSchema: z.ZodMiniType<GuestLinkRules> = z.strictObject({
  /** See {@link GuestLinkRules.guestLinkCap}: 0 to 1000. */
  guestLinkCap: whole(0, 1000),
  /** See {@link GuestLinkRules.unsupportedGuestEntryTypes}. */
  unsupportedGuestEntryTypes: list((item) => item.length > 0, 'expected non-empty entry types'),
  /** See {@link GuestLinkRules.waitingRoomEntryTypes}. */
  waitingRoomEntryTypes: list((item) => item.length > 0, 'expected non-empty entry types'),
  /** See {@link GuestLinkRules.guestManagers}. */
  guestManagers: list<ManagerRelation>((item) => ['owner', 'co-editor', 'admin'].includes(item), 'expected owner, co-editor or admin'),
  /** See {@link GuestLinkRules.guestSessionSeconds}: 1 to 31,622,400, or `null`. */
  guestSessionSeconds: z.nullable(whole(1, 366 * 86_400)),
  /** See {@link GuestLinkRules.finishedSessionRetentionDays}. */
  finishedSessionRetentionDays: whole(1, 36_500),
  /** See {@link GuestLinkRules.declinedGuestRetentionDays}. */
  declinedGuestRetentionDays: whole(1, 36_500),
  /** See {@link GuestLinkRules.activityRetentionDays}. */
  activityRetentionDays: whole(1, 36_500),
  /** See {@link GuestLinkRules.maxGuestsPerLink}. */
  maxGuestsPerLink: whole(1, 2_147_483_647),
  /** See {@link GuestLinkRules.maxWaitingGuestsPerRoom}. */
  maxWaitingGuestsPerRoom: whole(1, 100_000),
});

/** A map of names, as the rule checks take it: an object, never a list. */
const isMap = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schema of {@link InviteRules}, every field required: what `defineInviteRules` checks.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * z.parse(InviteRulesSchema, { ...DEFAULT_INVITE_RULES, inviteDurationDays: 14 });
 * ```
 *
 * @category Schemas
 */
export const InviteRulesSchema: z.ZodMiniType<InviteRules> = z
  .strictObject({
    /** See {@link InviteRules.roleRanks}. */
    roleRanks: z.custom<Record<string, number>>(
      (value) => isMap(value) && Object.values(value).every((rank) => Number.isInteger(rank) && rank >= 0),
      'expected role names with whole-number ranks',
    ),
    /** See {@link InviteRules.rolesByEntryType}. */
    rolesByEntryType: z.custom<Record<string, string[]>>(
      (value) => isMap(value) && Object.values(value).every(isRoleList),
      'expected entry types with lists of roles',
    ),
    /** See {@link InviteRules.defaultRoles}. */
    defaultRoles: z.custom<string[]>(isRoleList, 'expected a list of roles'),
    /** See {@link InviteRules.inviterRoles}. */
    inviterRoles: z.custom<string[]>(isRoleList, 'expected a list of roles'),
    /** See {@link InviteRules.inviteDurationDays}. */
    inviteDurationDays: whole(1, 3650),
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
    /** See {@link InviteRules.finishedInviteRetentionDays}. */
    finishedInviteRetentionDays: whole(1, 36_500),
  })
  .check(
    z.refine(
      (rules) =>
        [...rules.defaultRoles, ...rules.inviterRoles, ...Object.values(rules.rolesByEntryType).flat()].every((role) =>
          Object.hasOwn(rules.roleRanks, role),
        ),
      'every role named must have a rank in roleRanks',
    ),
  );
