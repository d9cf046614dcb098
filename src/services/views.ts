import type { ActivityTotals } from '../domain/activity';
import { AccessLinksError } from '../domain/errors';
import type { EntryType } from '../domain/entry';
import { guestLinkState, type GuestLink, type GuestLinkState } from '../domain/guest-link';
import { GUEST_CAPABILITIES, type GuestCapability, type GuestSession, type GuestSessionStatus } from '../domain/guest-session';
import type { Reason } from '../domain/reasons';
import { asciiEmail } from '../domain/text';
import type { GuestRefusalCode } from '../policy/guest-policy';
import type { Context } from './context';
import { signToken } from './tokens';

/**
 * One guest link as the owner's list shows it (G4). Times are milliseconds since the epoch.
 *
 * @category Guest links
 */
export interface GuestLinkView {
  /** The link's id. */
  readonly id: string;
  /** The entry it opens. */
  readonly entryId: string;
  /** The owner's label. */
  readonly name: string;
  /** What the link is now. */
  readonly state: GuestLinkState;
  /** How many guests joined through it. */
  readonly uses: number;
  /** How many may; `null` for unlimited. */
  readonly useLimit: number | null;
  /** The duration it was created with, in days; `null` for never expiring. */
  readonly durationDays: number | null;
  /** When it stops working; `null` for never. */
  readonly expiresAt: number | null;
  /** When it was created. */
  readonly createdAt: number;
  /** The user id of whoever created it. */
  readonly createdBy: string;
  /** The only address domains it lets in, subdomains too (V2); empty for any. */
  readonly allowedDomains: readonly string[];
  /** The address domains it keeps out, subdomains too (V2); empty for none. */
  readonly blockedDomains: readonly string[];
  /** Whether it asks guests for a passcode (V3). The passcode itself is never shown: only its hash is kept. */
  readonly hasPasscode: boolean;
  /** Whether guests prove their address with a mailed code before joining (V4). */
  readonly verifyEmail: boolean;
  /**
   * How many opened it, came in and were turned away over the kept days (A1,
   * `activityRetentionDays`, 90 by default, today included): beside `uses`, which counts every
   * guest ever let in. Day by day: {@link GuestLinks.linkActivity}.
   */
  readonly activity: ActivityTotals;
  /** The token the URL carries, signed with the current signing key. */
  readonly token: string;
  /** The URL to copy and share, as the host's `guestLinkUrl` forms it. */
  readonly url: string;
}

/**
 * An entry's guest access as the "manage guest access" window shows it (G1, G2, G4, G10).
 *
 * @category Guest links
 */
export interface GuestLinkList {
  /** The entry. */
  readonly entryId: string;
  /** Whether guest access is on. */
  readonly enabled: boolean;
  /** Whether the room is locked (always `false` for entries that are not rooms). */
  readonly roomLocked: boolean;
  /** The most links the entry may have. */
  readonly cap: number;
  /** Whether one more link may be created now. */
  readonly canCreate: boolean;
  /**
   * Why no link of the entry admits a guest now, whatever its own state: guest access off, the
   * entry unavailable, unsupported or its site lacking a module. Empty when guests may come in;
   * every valid link is then `active`, and otherwise `inactive`.
   */
  readonly inactiveReasons: readonly Reason<GuestRefusalCode>[];
  /** The links, oldest first. */
  readonly links: readonly GuestLinkView[];
}

/**
 * What the guest entry page shows before the guest types anything (G6).
 *
 * @category Guest links
 */
export interface GuestLanding {
  /** The entry the link opens. */
  readonly entry: {
    /** The entry's id. */
    readonly id: string;
    /** The entry's type. */
    readonly type: EntryType;
    /** The entry's title, or `null` when the host gave none. */
    readonly title: string | null;
  };
  /** The link being opened. */
  readonly link: {
    /** The link's id. */
    readonly id: string;
    /** The owner's label for it. */
    readonly name: string;
    /** When it stops working, in milliseconds since the epoch; `null` for never. */
    readonly expiresAt: number | null;
  };
  /** Whether a guest who joins now will wait to be admitted (G10). */
  readonly waitingRoom: boolean;
  /** Whether the link asks for a passcode (V3): show its field on the guest entry page. */
  readonly passcode: boolean;
  /**
   * Whether the link checks the guest's address first (V4): the page asks for a code mailed to
   * it ({@link GuestLinks.sendGuestCode}, then {@link GuestLinks.verifyGuest}) instead of joining.
   */
  readonly verifyEmail: boolean;
}

/**
 * A guest session as the host and moderators see it (G8, G10).
 *
 * @category Guest links
 */
export interface GuestSessionView {
  /** The session's id. */
  readonly id: string;
  /** The one entry this session may view. */
  readonly entryId: string;
  /** The link the guest joined through. */
  readonly linkId: string;
  /** The link's name when the guest joined. */
  readonly linkName: string;
  /** The name the guest typed. */
  readonly guestName: string;
  /** The email the guest typed, for identification only. */
  readonly guestEmail: string;
  /**
   * The email as printable ASCII, every other character written `\u{…}`, so that a look-alike
   * address cannot pass for another in a moderator's list (G10). Equal to `guestEmail` for a
   * plain ASCII address.
   */
  readonly guestEmailAscii: string;
  /** Whether `guestEmail` holds characters outside printable ASCII: show `guestEmailAscii`, or flag it. */
  readonly guestEmailNonAscii: boolean;
  /** Whether the guest proved `guestEmail` with a code mailed to it before joining (V4); otherwise it is only what they typed. */
  readonly verified: boolean;
  /** Where the guest stands. */
  readonly status: GuestSessionStatus;
  /** When the guest joined. */
  readonly joinedAt: number;
  /**
   * When a moderator last admitted or declined the guest, or when the guest left (`left`);
   * `null` while neither happened. Who did is not told: the guest's own check answers this view
   * too.
   */
  readonly decidedAt: number | null;
  /**
   * When the session ends by `guestSessionSeconds` (a refresh then answers `SESSION_EXPIRED`),
   * in milliseconds since the epoch; `null` when sessions do not end by time. It may end sooner:
   * when guest access goes off, the link is deleted or expires, or the guest is declined.
   */
  readonly expiresAt: number | null;
  /** What the guest may do: view the one entry, and only while `status` is `admitted`. */
  readonly capabilities: readonly GuestCapability[];
}

/** @internal A link's token and URL: the token signed now, the URL as the host forms it. */
export async function linkAddress(context: Context, linkId: string): Promise<{ token: string; url: string }> {
  const token = await signToken(context.keyRing, 'guest-link', linkId);
  let url: unknown;
  try {
    url = context.guestLinkUrl(token);
  } catch (cause) {
    throw new AccessLinksError('INVALID_OPTIONS', 'guestLinkUrl threw.', { cause });
  }
  if (typeof url !== 'string') throw new AccessLinksError('INVALID_OPTIONS', 'guestLinkUrl did not answer a string.');
  return { token, url };
}

/** @internal */
export function toLinkView(
  link: GuestLink,
  entryOpen: boolean,
  now: number,
  address: { token: string; url: string },
  maxGuestsPerLink: number,
  activity: ActivityTotals,
): GuestLinkView {
  const state = guestLinkState(link, entryOpen, now);
  return {
    id: link.id,
    entryId: link.entryId,
    name: link.name,
    // A link that admitted maxGuestsPerLink guests admits no more: it is used up (R2).
    state: state !== 'expired' && link.uses >= maxGuestsPerLink ? 'used_up' : state,
    uses: link.uses,
    useLimit: link.useLimit,
    durationDays: link.durationDays,
    expiresAt: link.expiresAt,
    createdAt: link.createdAt,
    createdBy: link.createdBy,
    allowedDomains: link.allowedDomains,
    blockedDomains: link.blockedDomains,
    hasPasscode: link.passcodeHash !== null,
    verifyEmail: link.verifyEmail,
    activity,
    token: address.token,
    url: address.url,
  };
}

/** @internal */
export function toSessionView(session: GuestSession, lifetimeSeconds: number | null): GuestSessionView {
  const ascii = asciiEmail(session.guestEmail);
  return {
    id: session.id,
    entryId: session.entryId,
    linkId: session.linkId,
    linkName: session.linkName,
    guestName: session.guestName,
    guestEmail: session.guestEmail,
    guestEmailAscii: ascii,
    guestEmailNonAscii: ascii !== session.guestEmail,
    verified: session.verified,
    status: session.status,
    joinedAt: session.joinedAt,
    decidedAt: session.decidedAt,
    expiresAt: lifetimeSeconds === null ? null : session.joinedAt + lifetimeSeconds * 1000,
    capabilities: session.status === 'admitted' ? GUEST_CAPABILITIES : [],
  };
}
