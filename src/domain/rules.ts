import * as z from 'zod/mini';
import { mergeRules, type Defined } from './define-rules';

/** Who may manage an entry's guest access, by their relation to the entry. */
export type ManagerRelation = 'owner' | 'co-editor' | 'admin';

/**
 * The schema of {@link Rules}: every field is required here; {@link defineRules} fills the
 * missing ones from {@link DEFAULT_RULES}.
 */
export const RulesSchema = z.strictObject({
  /** See {@link Rules.guestLinkCap}: 0 to 1000. */
  guestLinkCap: wholeNumber(0, 1000),
  /** See {@link Rules.unsupportedGuestEntryTypes}. */
  unsupportedGuestEntryTypes: entryTypes(),
  /** See {@link Rules.waitingRoomEntryTypes}. */
  waitingRoomEntryTypes: entryTypes(),
  /** See {@link Rules.guestManagers}. */
  guestManagers: listOf<ManagerRelation>((item) => MANAGER_RELATIONS.includes(item), 'expected owner, co-editor or admin'),
  /** See {@link Rules.guestSessionHours}: 1 to 8784, or `null`. */
  guestSessionHours: z.nullable(wholeNumber(1, 24 * 366)),
});

const MANAGER_RELATIONS: readonly string[] = ['owner', 'co-editor', 'admin'];

// Numbers with refinements and lists as custom checks keep the schema to a few of zod's
// parts, which keeps it small in a host's bundle.
function wholeNumber(min: number, max: number) {
  return z.number().check(
    z.refine((n) => Number.isInteger(n) && n >= min && n <= max, `expected a whole number from ${min} to ${max}`),
  );
}

function entryTypes() {
  return listOf((item) => item.length > 0, 'expected non-empty entry types');
}

function listOf<T extends string>(valid: (item: string) => boolean, message: string) {
  return z.custom<T[]>(
    (items) => Array.isArray(items) && items.every((item) => typeof item === 'string' && valid(item)),
    message,
  );
}

/**
 * The rules of the domain as data. A host overrides any of them when it creates the library;
 * everything else keeps the defaults of {@link DEFAULT_RULES}.
 */
export interface Rules {
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
   * How many hours a guest session lasts before a refresh fails with `SESSION_EXPIRED`;
   * `null` for a session that lasts as long as its link stays valid (G9).
   * @defaultValue `null`
   */
  readonly guestSessionHours: number | null;
}

/** The defaults of every rule, as DESIGN rules G2, G10 and G11 give them. */
export const DEFAULT_RULES: Rules = Object.freeze({
  guestLinkCap: 3,
  unsupportedGuestEntryTypes: Object.freeze(['channel-room', 'media-gallery-room']),
  waitingRoomEntryTypes: Object.freeze(['room']),
  guestManagers: Object.freeze(['owner', 'co-editor', 'admin'] as const),
  guestSessionHours: null,
});

/** The outcome of {@link defineRules}: the complete rules, or the problems found. */
export type DefineRulesResult = Defined<Rules>;

/**
 * Validates a host's overrides and merges them over {@link DEFAULT_RULES}. An override is taken
 * as given: a cap of `0` means no guest links at all, never "the default".
 *
 * @param overrides - the rules to change; anything left out keeps its default.
 * @returns the complete rules, or the problems found (the path and what is wrong).
 *
 * @example
 * ```ts
 * const result = defineRules({ guestLinkCap: 5 });
 * // result.ok === true, result.rules.guestLinkCap === 5, result.rules.waitingRoomEntryTypes -> ['room']
 * ```
 */
export function defineRules(overrides: unknown = {}): DefineRulesResult {
  return mergeRules<Rules>(RulesSchema, DEFAULT_RULES, overrides);
}
