/**
 * The stored records as zod/mini schemas, for hosts and adapters that validate what a database
 * answers. The library's own types are the plain interfaces of ./records (so that its
 * declarations carry no zod); a check at the end keeps each schema and its type the same.
 */
import * as z from 'zod/mini';
import { MAX_DURATION_DAYS } from './guest-link';
import type { GuestAccess, GuestLink, GuestSession, Invite } from './records';

/**
 * The schema of a stored guest link. A stored link never holds its token: the token is an
 * HMAC of the id under a secret key, rebuilt when the link is listed (S1).
 *
 * @category Schemas
 */
export const GuestLinkSchema = z.object({
  /** The link's id: a ULID. */
  id: z.string(),
  /** The entry the link opens. */
  entryId: z.string(),
  /** The owner's label for the link (G3). */
  name: z.string(),
  /** How many guests may join through it; `null` for unlimited (G3). */
  useLimit: z.nullable(z.int().check(z.minimum(1))),
  /** How many guests have joined through it (G6). */
  uses: z.int().check(z.minimum(0)),
  /** How many days it lasts; `null` for never expiring (G3). */
  durationDays: z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_DURATION_DAYS))),
  /** When it was created, in milliseconds since the epoch. */
  createdAt: z.number(),
  /** The instant it stops working, in milliseconds since the epoch; `null` for never. */
  expiresAt: z.nullable(z.number()),
  /** The user id of whoever created it. */
  createdBy: z.string(),
  /** The only address domains a guest may join with (V2), in ASCII form; empty for any. */
  allowedDomains: z.readonly(z.array(z.string())),
  /** Address domains a guest may not join with (V2), in ASCII form; empty for none. */
  blockedDomains: z.readonly(z.array(z.string())),
  /** The hash of the link's passcode (V3), in PHC string form; `null` for none. */
  passcodeHash: z.nullable(z.string()),
  /** Whether a guest must prove the address with a mailed code before joining (V4). */
  verifyEmail: z.boolean(),
});

/**
 * The schema of an entry's guest-access settings.
 *
 * @category Schemas
 */
export const GuestAccessSchema = z.object({
  /** The entry these settings belong to. */
  entryId: z.string(),
  /** G1: the guest-access switch. */
  enabled: z.boolean(),
  /** G10: whether the room is locked, so that new guests wait to be admitted. */
  roomLocked: z.boolean(),
  /** When the settings last changed, in milliseconds since the epoch. */
  updatedAt: z.number(),
  /** The user id of whoever changed them last. */
  updatedBy: z.string(),
});

/**
 * The schema of a stored guest session. It never holds the session's token (S1).
 *
 * @category Schemas
 */
export const GuestSessionSchema = z.object({
  /** The session's id: a ULID. */
  id: z.string(),
  /** The one entry this session may view (G8). */
  entryId: z.string(),
  /** The guest link the guest joined through. */
  linkId: z.string(),
  /** The link's name when the guest joined, kept after the link is deleted. */
  linkName: z.string(),
  /** The name the guest typed. */
  guestName: z.string(),
  /** The email the guest typed, for identification only (G8). */
  guestEmail: z.string(),
  /**
   * The guest's key on the entry, from `guestEmailKey`: what a decline blocks and a later join
   * is compared with (G10).
   */
  emailKey: z.string(),
  /**
   * The guest's own address, from `guestErasureKey` (case and `+tag` folded, nothing else): what
   * an erasure request removes (R1). Two look-alike addresses share an `emailKey`, not this.
   */
  erasureKey: z.string(),
  /**
   * A digest of the client key the host passed with the join (a device cookie, say), or `null`:
   * a decline blocks it too (G10).
   */
  clientKey: z.nullable(z.string()),
  /** Whether the guest proved the address with a mailed code before joining (V4). */
  verified: z.boolean(),
  /**
   * Where the guest stands. A store answers `declined` for every session of a guest it holds
   * a block for, whatever the session's own stored status.
   */
  status: z.literal(['admitted', 'waiting', 'declined', 'left']),
  /** When the guest joined, in milliseconds since the epoch. */
  joinedAt: z.number(),
  /** When a moderator last admitted or declined the guest; `null` if none has. */
  decidedAt: z.nullable(z.number()),
  /** The user id of the moderator who last decided; `null` if none has. */
  decidedBy: z.nullable(z.string()),
});

/**
 * The schema of a stored invite (I1–I5). It never holds the invite's token (S1).
 *
 * @category Schemas
 */
export const InviteSchema = z.object({
  /** The invite's id: a ULID. */
  id: z.string(),
  /** The entry the invite opens. */
  entryId: z.string(),
  /** The invitee's address: trimmed and NFC, as typed. */
  email: z.string(),
  /** The address's comparison key (lower case): one live invite per key and entry. */
  emailKey: z.string(),
  /** The role the invite grants. */
  role: z.string(),
  /**
   * Where the invite stands; `expired` is not a stored state but derived from `expiresAt`.
   * `accepting`: accepted by `acceptedBy` while the host's grant is applied (since `updatedAt`).
   */
  state: z.literal(['pending', 'accepting', 'accepted', 'declined', 'revoked']),
  /** The user id of whoever invited. */
  invitedBy: z.string(),
  /** The inviter's display name when the invite was made, for the message and landing page. */
  inviterName: z.nullable(z.string()),
  /** When the invite was made, in milliseconds since the epoch. */
  invitedAt: z.number(),
  /** The instant a pending invite can no longer be accepted. */
  expiresAt: z.number(),
  /** When the state last changed (or the invite was made). */
  updatedAt: z.number(),
  /** The user id who accepted it; `null` unless accepting or accepted. */
  acceptedBy: z.nullable(z.string()),
  /** The user id who revoked or declined it last, or accepted it; `null` while untouched. */
  decidedBy: z.nullable(z.string()),
  /**
   * Whether its message went out: not sent, being sent (since `lastSentAt`), sent, or failed.
   */
  deliveryStatus: z.literal(['not_sent', 'sending', 'sent', 'failed']),
  /** How many times sending was tried. */
  deliveryAttempts: z.number(),
  /** When sending was last tried (or claimed, while `sending`); `null` if never. */
  lastSentAt: z.nullable(z.number()),
  /** Why the last sending failed; `null` unless it did. */
  deliveryError: z.nullable(z.string()),
});


// The schemas and the plain types describe the same records: either drifting fails the build.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const agree: [
  Same<z.infer<typeof GuestLinkSchema>, Mutable<GuestLink>>,
  Same<z.infer<typeof GuestAccessSchema>, Mutable<GuestAccess>>,
  Same<z.infer<typeof GuestSessionSchema>, Mutable<GuestSession>>,
  Same<z.infer<typeof InviteSchema>, Mutable<Invite>>,
] = [true, true, true, true];
void agree;
