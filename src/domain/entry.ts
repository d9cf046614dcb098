/**
 * The kinds of media entry the defaults know about. Hosts may use other strings; the rules
 * decide what each type allows.
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

/** An entry type: one of {@link KnownEntryType} or any other non-empty string of the host's. */
export type EntryType = KnownEntryType | (string & {});

/**
 * One media entry as the host describes it to the library. The library never changes it.
 */
export interface Entry {
  /** The host's id of the entry. */
  readonly id: string;
  /** What kind of entry it is. */
  readonly type: EntryType;
  /** The title, shown on the guest entry page. */
  readonly title?: string;
  /** The user id of the owner. */
  readonly ownerId: string;
  /** User ids of co-editors, who manage guest access like the owner by default. */
  readonly coEditorIds?: readonly string[];
  /** User ids of the room's moderators, who may admit and decline waiting guests. */
  readonly moderatorIds?: readonly string[];
  /**
   * Roles users hold on the entry (user id → role), from accepted invites or the host's own
   * membership. Holders of an inviter role (see `InviteRules.inviterRoles`) may invite others.
   */
  readonly memberRoles?: Readonly<Record<string, string>>;
  /** `false` once the entry is deleted or otherwise gone: guests are then refused (G7). */
  readonly available: boolean;
}

/**
 * The site's modules the feature depends on (G11): guest links exist only where both are on.
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
 */
export interface Actor {
  /** The user's id, as in {@link Entry.ownerId}. */
  readonly userId: string;
  /** Whether the user is a site admin. */
  readonly admin?: boolean;
  /** The user's display name, shown in the invites the user sends. */
  readonly name?: string;
}
