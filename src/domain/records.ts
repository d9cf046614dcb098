/**
 * The records access-links stores, as plain types: what every store keeps and gives back. Times
 * are whole milliseconds since the epoch, UTC. Their zod schemas, for hosts that validate what a
 * database answers, are in `access-links/schemas`; a compile-time check keeps the two the same.
 */

/**
 * A stored guest link (G3). Times are milliseconds since the epoch, UTC.
 *
 * @category Records
 */
export interface GuestLink {
  /** The link's id: a ULID. */
  readonly id: string;
  /** The entry the link opens. */
  readonly entryId: string;
  /** The owner's label for the link (G3). */
  readonly name: string;
  /** How many guests may join through it; `null` for unlimited (G3). */
  readonly useLimit: number | null;
  /** How many guests have joined through it (G6). */
  readonly uses: number;
  /** How many days it lasts; `null` for never expiring (G3). */
  readonly durationDays: number | null;
  /** When it was created, in milliseconds since the epoch. */
  readonly createdAt: number;
  /** The instant it stops working, in milliseconds since the epoch; `null` for never. */
  readonly expiresAt: number | null;
  /** The user id of whoever created it. */
  readonly createdBy: string;
  /**
   * The only address domains a guest may join with (V2), in ASCII form; a domain admits its
   * subdomains. Empty: any domain.
   */
  readonly allowedDomains: readonly string[];
  /** Address domains a guest may not join with (V2), in ASCII form, their subdomains too. Empty: none. */
  readonly blockedDomains: readonly string[];
  /**
   * The hash of the link's passcode (V3), in PHC string form (`$scrypt$…` or
   * `$pbkdf2-sha256$…`, salted); `null` for a link without one. The passcode itself is never
   * stored. The owner may change or remove it.
   */
  readonly passcodeHash: string | null;
  /**
   * Whether a guest must prove the address they type before joining (V4): a one-time code is
   * mailed to it, and only `verifyGuest` with that code lets the guest in. Set when the link is
   * made.
   */
  readonly verifyEmail: boolean;
}


/**
 * An entry's guest-access settings (G1, G10). An
 * entry without stored settings has guest access off and the room unlocked.
 *
 * @category Records
 */
export interface GuestAccess {
  /** The entry these settings belong to. */
  readonly entryId: string;
  /** G1: the guest-access switch. */
  readonly enabled: boolean;
  /** G10: whether the room is locked, so that new guests wait to be admitted. */
  readonly roomLocked: boolean;
  /** When the settings last changed, in milliseconds since the epoch. */
  readonly updatedAt: number;
  /** The user id of whoever changed them last. */
  readonly updatedBy: string;
}


/**
 * A stored guest session (G8, G10).
 *
 * @category Records
 */
export interface GuestSession {
  /** The session's id: a ULID. */
  readonly id: string;
  /** The one entry this session may view (G8). */
  readonly entryId: string;
  /** The guest link the guest joined through. */
  readonly linkId: string;
  /** The link's name when the guest joined, kept after the link is deleted. */
  readonly linkName: string;
  /** The name the guest typed. */
  readonly guestName: string;
  /** The email the guest typed, for identification only (G8). */
  readonly guestEmail: string;
  /**
   * The guest's key on the entry, from `guestEmailKey`: what a decline blocks and a later join
   * is compared with (G10).
   */
  readonly emailKey: string;
  /**
   * The guest's own address, from `guestErasureKey` (case and `+tag` folded, nothing else): what
   * an erasure request removes (R1). Two look-alike addresses share an `emailKey`, not this.
   */
  readonly erasureKey: string;
  /**
   * A digest of the client key the host passed with the join (a device cookie, say), or `null`:
   * a decline blocks it too (G10).
   */
  readonly clientKey: string | null;
  /** Whether the guest proved the address with a code mailed to it before joining (V4). */
  readonly verified: boolean;
  /**
   * Where the guest stands. A store answers `declined` for every session of a guest it holds
   * a block for, whatever the session's own stored status.
   */
  readonly status: 'admitted' | 'waiting' | 'declined' | 'left';
  /** When the guest joined, in milliseconds since the epoch. */
  readonly joinedAt: number;
  /** When a moderator last admitted or declined the guest; `null` if none has. */
  readonly decidedAt: number | null;
  /** The user id of the moderator who last decided; `null` if none has. */
  readonly decidedBy: string | null;
}


/**
 * A stored invite (I1–I5).
 *
 * @category Records
 */
export interface Invite {
  /** The invite's id: a ULID. */
  readonly id: string;
  /** The entry the invite opens. */
  readonly entryId: string;
  /** The invitee's address: trimmed and NFC, as typed. */
  readonly email: string;
  /** The address's comparison key (lower case): one live invite per key and entry. */
  readonly emailKey: string;
  /** The role the invite grants. */
  readonly role: string;
  /**
   * Where the invite stands; `expired` is not a stored state but derived from `expiresAt`.
   * `accepting`: accepted by `acceptedBy` while the host's grant is applied (since `updatedAt`).
   */
  readonly state: 'pending' | 'accepting' | 'accepted' | 'declined' | 'revoked';
  /** The user id of whoever invited. */
  readonly invitedBy: string;
  /** The inviter's display name when the invite was made, for the message and landing page. */
  readonly inviterName: string | null;
  /** When the invite was made, in milliseconds since the epoch. */
  readonly invitedAt: number;
  /** The instant a pending invite can no longer be accepted. */
  readonly expiresAt: number;
  /** When the state last changed (or the invite was made). */
  readonly updatedAt: number;
  /** The user id who accepted it; `null` unless accepting or accepted. */
  readonly acceptedBy: string | null;
  /** The user id who revoked or declined it last, or accepted it; `null` while untouched. */
  readonly decidedBy: string | null;
  /**
   * Whether its message went out: not sent, being sent (since `lastSentAt`), sent, or failed.
   */
  readonly deliveryStatus: 'not_sent' | 'sending' | 'sent' | 'failed';
  /** How many times sending was tried. */
  readonly deliveryAttempts: number;
  /** When sending was last tried (or claimed, while `sending`); `null` if never. */
  readonly lastSentAt: number | null;
  /** Why the last sending failed; `null` unless it did. */
  readonly deliveryError: string | null;
}

