import { isHostId } from './text';

/**
 * The kinds of media entry the defaults know about. Hosts may use other strings; the rules
 * decide what each type allows.
 *
 * @category Entries and actors
 */
export type KnownEntryType =
  | 'video'
  | 'audio'
  | 'image'
  | 'document'
  | 'quiz'
  | 'live-event'
  | 'room'
  | 'channel-room'
  | 'media-gallery-room';

/**
 * An entry type: one of {@link KnownEntryType} or any other non-empty string of the host's.
 *
 * @category Entries and actors
 */
export type EntryType = KnownEntryType | (string & {});

/**
 * One media entry as the host describes it to the library. The library never changes it.
 *
 * @category Entries and actors
 */
export interface Entry {
  /** The host's id of the entry. */
  readonly id: string;
  /** What kind of entry it is. */
  readonly type: EntryType;
  /** The title, shown on the guest entry page. */
  readonly title?: string | undefined;
  /** The user id of the owner. */
  readonly ownerId: string;
  /** User ids of co-editors, who manage guest access like the owner by default. */
  readonly coEditorIds?: readonly string[] | undefined;
  /** User ids of the room's moderators, who may admit and decline waiting guests. */
  readonly moderatorIds?: readonly string[] | undefined;
  /**
   * Roles users hold on the entry (user id → role), from accepted invites or the host's own
   * membership. Holders of an inviter role (see `InviteRules.inviterRoles`) may invite others.
   */
  readonly memberRoles?: Readonly<Record<string, string>> | undefined;
  /** `false` once the entry is deleted or otherwise gone: guests are then refused (G7). */
  readonly available: boolean;
}

/**
 * The site's modules the feature depends on (G11): guest links exist only where both are on.
 *
 * @category Entries and actors
 */
export interface SiteFeatures {
  /** Whether the site's invite-to-media module is on. */
  readonly inviteToMediaModule: boolean;
  /** Whether the theming module's media page is on. */
  readonly mediaPage: boolean;
}

/**
 * The signed-in platform user on whose behalf an operation runs. The host authenticates the
 * user; the library decides what that user may do.
 *
 * @category Entries and actors
 */
export interface Actor {
  /** The user's id, as in {@link Entry.ownerId}. */
  readonly userId: string;
  /** Whether the user is a site admin. */
  readonly admin?: boolean | undefined;
  /** The user's display name, shown in the invites the user sends. */
  readonly name?: string | undefined;
}

/** Reads an own property only: nothing inherited (a polluted `Object.prototype`) ever counts. */
function own(value: object, key: string): unknown {
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Checks what a host's directory answered for an entry and copies it (S2): own properties
 * only, `id` equal to the id asked for, `type`, `ownerId` non-empty strings, `available` a
 * boolean, `title` a string (or absent or `null`), `coEditorIds` and `moderatorIds` arrays of
 * strings, `memberRoles` an object of strings. Anything else is a broken answer.
 *
 * @param value - what the directory answered.
 * @param entryId - the id that was asked for.
 * @returns a frozen copy holding only the fields above, with no prototype, or `null` for a
 *   broken answer.
 *
 * @example
 * ```ts
 * readEntry({ id: 'v1', type: 'video', ownerId: 'u1', available: true }, 'v1'); // the entry
 * readEntry({ id: 'v1', type: 'video', ownerId: 'u1', available: true, coEditorIds: 'u2,u3' }, 'v1'); // null
 * ```
 *
 * @category Entries and actors
 */
export function readEntry(value: unknown, entryId: string): Entry | null {
  if (!isObject(value)) return null;
  const id = own(value, 'id');
  const type = own(value, 'type');
  const ownerId = own(value, 'ownerId');
  const available = own(value, 'available');
  const title = own(value, 'title');
  const coEditorIds = own(value, 'coEditorIds');
  const moderatorIds = own(value, 'moderatorIds');
  const memberRoles = own(value, 'memberRoles');
  if (id !== entryId || typeof type !== 'string' || type.length === 0 || !isHostId(ownerId)) return null;
  if (typeof available !== 'boolean') return null;
  if (title !== undefined && title !== null && typeof title !== 'string') return null;
  if (coEditorIds !== undefined && !isStringList(coEditorIds)) return null;
  if (moderatorIds !== undefined && !isStringList(moderatorIds)) return null;
  let roles: Record<string, string> | undefined;
  if (memberRoles !== undefined) {
    if (!isObject(memberRoles)) return null;
    roles = Object.create(null) as Record<string, string>;
    for (const user of Object.keys(memberRoles)) {
      const role = own(memberRoles, user);
      if (typeof role !== 'string') return null;
      roles[user] = role;
    }
  }
  // Every field is an own property, present even when the host left it out: nothing planted on
  // Object.prototype can show through.
  return {
    id: entryId,
    type,
    ownerId: ownerId as string,
    available,
    title: typeof title === 'string' ? title : undefined,
    coEditorIds: coEditorIds === undefined ? undefined : (coEditorIds as string[]).slice(),
    moderatorIds: moderatorIds === undefined ? undefined : (moderatorIds as string[]).slice(),
    memberRoles: roles,
  };
}

/**
 * Checks what a host's directory answered for a site's modules (S2): an object whose own
 * `inviteToMediaModule` and `mediaPage` are booleans. `null`, a missing field or `"false"` is
 * a broken answer, never "off".
 *
 * @param value - what the directory answered.
 * @returns a frozen copy, or `null` for a broken answer.
 *
 * @example
 * ```ts
 * readSiteFeatures({ inviteToMediaModule: true, mediaPage: false }); // the features
 * readSiteFeatures({ inviteToMediaModule: 'false', mediaPage: true }); // null
 * ```
 *
 * @category Entries and actors
 */
export function readSiteFeatures(value: unknown): SiteFeatures | null {
  if (!isObject(value)) return null;
  const inviteToMediaModule = own(value, 'inviteToMediaModule');
  const mediaPage = own(value, 'mediaPage');
  if (typeof inviteToMediaModule !== 'boolean' || typeof mediaPage !== 'boolean') return null;
  return { inviteToMediaModule, mediaPage };
}
