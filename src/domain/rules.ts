import { listOf, mergeRules, nullable, wholeNumber, type Defined, type RuleOverrides } from './define-rules';

/**
 * Who may manage an entry's guest access, by their relation to the entry.
 *
 * @category Rules
 */
export type ManagerRelation = 'owner' | 'co-editor' | 'admin';

/**
 * The rules of guest links as data. A host overrides any of them when it creates the library;
 * everything else keeps the defaults of {@link DEFAULT_GUEST_LINK_RULES}.
 *
 * @category Rules
 */
export interface GuestLinkRules {
  /**
   * G2: the most guest links an entry may have at once. Every link that has not been deleted
   * counts, expired and used-up ones included. `0` means none may be created.
   * @defaultValue 3
   */
  readonly guestLinkCap: number;
  /**
   * G11: entry types for which guest links are not supported.
   * @defaultValue `['channel-room', 'media-gallery-room']`
   */
  readonly unsupportedGuestEntryTypes: readonly string[];
  /**
   * G10: entry types that are live rooms, which can be locked so that guests wait to be admitted.
   * @defaultValue `['room']`
   */
  readonly waitingRoomEntryTypes: readonly string[];
  /**
   * G11: who manages guest access: the entry's owner, its co-editors, site admins.
   * @defaultValue `['owner', 'co-editor', 'admin']`
   */
  readonly guestManagers: readonly ManagerRelation[];
  /**
   * How many seconds a guest session lasts before a refresh fails with `SESSION_EXPIRED`, from 1
   * to 31,622,400 (366 days); `null` for a session that lasts as long as its link stays valid (G9).
   * @defaultValue `null`
   */
  readonly guestSessionSeconds: number | null;
  /**
   * R1: how many days after joining a session whose link is deleted or expired is kept before
   * housekeeping (`sweep`) removes it, from 1 to 36,500. Its answer does not change: the link is
   * gone either way.
   * @defaultValue 30
   */
  readonly finishedSessionRetentionDays: number;
  /**
   * R1, G10: how many days a moderator's decline holds, from 1 to 36,500. After it the guest may
   * join again, and housekeeping removes the block once no session of the guest is left.
   * @defaultValue 365
   */
  readonly declinedGuestRetentionDays: number;
  /**
   * R1, A1: how many UTC days of a link's activity counts are kept, from 1 to 36,500, today
   * included: housekeeping (`sweep`) removes older days, and the owner's list adds up this many.
   * @defaultValue 90
   */
  readonly activityRetentionDays: number;
  /**
   * R2: the most guests one link admits, whatever its own limit, from 1 to 2,147,483,647: an
   * unlimited link is not an unlimited table. Past it, a join is refused with
   * `LINK_GUEST_CAP_REACHED`.
   * @defaultValue 10000
   */
  readonly maxGuestsPerLink: number;
  /**
   * R2, G10: the most guests waiting in one locked room at once, from 1 to 100,000. Past it, a
   * join into the locked room is refused with `WAITING_ROOM_FULL`.
   * @defaultValue 500
   */
  readonly maxWaitingGuestsPerRoom: number;
}

/**
 * The defaults of every guest-link rule, as DESIGN rules G2, G10 and G11 give them.
 *
 * @category Rules
 */
export const DEFAULT_GUEST_LINK_RULES: GuestLinkRules = Object.freeze({
  guestLinkCap: 3,
  unsupportedGuestEntryTypes: Object.freeze(['channel-room', 'media-gallery-room']),
  waitingRoomEntryTypes: Object.freeze(['room']),
  guestManagers: Object.freeze(['owner', 'co-editor', 'admin'] as const),
  guestSessionSeconds: null,
  finishedSessionRetentionDays: 30,
  declinedGuestRetentionDays: 365,
  activityRetentionDays: 90,
  maxGuestsPerLink: 10_000,
  maxWaitingGuestsPerRoom: 500,
});

/**
 * The guest-link rules a host may pass: any of {@link GuestLinkRules}, each possibly `undefined`
 * (which keeps the default).
 *
 * @category Rules
 */
export type GuestLinkRulesInput = RuleOverrides<GuestLinkRules>;

/**
 * The outcome of {@link defineGuestLinkRules}: the complete rules, or the problems found.
 *
 * @category Rules
 */
export type DefineGuestLinkRulesResult = Defined<GuestLinkRules>;

const MANAGER_RELATIONS: readonly string[] = ['owner', 'co-editor', 'admin'];
const entryTypes = () => listOf((item) => item.length > 0, 'expected non-empty entry types');
const CHECKS = {
  guestLinkCap: wholeNumber(0, 1000),
  unsupportedGuestEntryTypes: entryTypes(),
  waitingRoomEntryTypes: entryTypes(),
  guestManagers: listOf((item) => MANAGER_RELATIONS.includes(item), 'expected owner, co-editor or admin'),
  guestSessionSeconds: nullable(wholeNumber(1, 366 * 86_400)),
  finishedSessionRetentionDays: wholeNumber(1, 36_500),
  declinedGuestRetentionDays: wholeNumber(1, 36_500),
  activityRetentionDays: wholeNumber(1, 36_500),
  maxGuestsPerLink: wholeNumber(1, 2_147_483_647),
  maxWaitingGuestsPerRoom: wholeNumber(1, 100_000),
};

/**
 * Validates a host's overrides and merges them over {@link DEFAULT_GUEST_LINK_RULES}. An
 * override is taken as given: a cap of `0` means no guest links at all, never "the default";
 * only `undefined` keeps the default.
 *
 * @param overrides - the rules to change; anything left out keeps its default.
 * @returns the complete rules, or the problems found (the path and what is wrong).
 *
 * @example
 * ```ts
 * const result = defineGuestLinkRules({ guestLinkCap: 5 });
 * if (result.ok) console.log(result.rules.guestLinkCap, result.rules.waitingRoomEntryTypes); // 5 ['room']
 * ```
 *
 * @category Rules
 */
export function defineGuestLinkRules(overrides: unknown = {}): DefineGuestLinkRulesResult {
  return mergeRules<GuestLinkRules>(CHECKS, DEFAULT_GUEST_LINK_RULES, overrides);
}
