import type { GuestLink } from './records';
import { DAY_MS } from './time';

export type { GuestLink };

/**
 * Longest duration of a guest link, in days.
 *
 * @category Records
 */
export const MAX_DURATION_DAYS = 36_500;

/**
 * Highest use limit of a guest link: 2,147,483,647, what every adapter can store (a 32-bit integer).
 *
 * @category Records
 */
export const MAX_USE_LIMIT = 2_147_483_647;

/**
 * What a guest link is now, as the owner's list shows it (G4).
 * - `active`: a new guest can join through it now.
 * - `expired`: its duration has run out.
 * - `used_up`: its use limit is reached, or it admitted `maxGuestsPerLink` guests (R2).
 * - `inactive`: still valid, but nobody can join through it because of its entry: guest access
 *   is turned off, or the entry is unavailable, unsupported, or its site lacks a module (the
 *   list says which in `inactiveReasons`).
 *
 * @category Records
 */
export type GuestLinkState = 'active' | 'expired' | 'used_up' | 'inactive';

/**
 * The instant a link created at `createdAt` for `durationDays` days stops working: exactly
 * `durationDays × 24` hours later, whatever the time zone (G3).
 *
 * @param createdAt - the creation instant, in milliseconds since the epoch.
 * @param durationDays - the duration in whole days, or `null` for never.
 * @returns the expiry instant in milliseconds since the epoch, or `null`.
 *
 * @example
 * ```ts
 * guestLinkExpiry(Date.UTC(2026, 2, 28, 12), 2); // Date.UTC(2026, 2, 30, 12), DST or not
 * ```
 *
 * @category Records
 */
export function guestLinkExpiry(createdAt: number, durationDays: number | null): number | null {
  // Plain milliseconds: a calendar "day" in a local zone can be 23 or 25 hours long.
  return durationDays === null ? null : createdAt + durationDays * DAY_MS;
}

/**
 * Whether a link has expired at `now`: it is valid up to the millisecond before its expiry
 * and expired from that instant on.
 *
 * @param link - the link's expiry.
 * @param now - the instant to judge at, in milliseconds since the epoch.
 * @returns `true` once expired.
 * @example
 * ```ts
 * isGuestLinkExpired({ expiresAt: 1_000 }, 999); // false
 * isGuestLinkExpired({ expiresAt: 1_000 }, 1_000); // true
 * isGuestLinkExpired({ expiresAt: null }, Date.now()); // false: never expires
 * ```
 *
 * @category Records
 */
export function isGuestLinkExpired(link: Pick<GuestLink, 'expiresAt'>, now: number): boolean {
  return link.expiresAt !== null && now >= link.expiresAt;
}

/**
 * Whether a link's use limit is reached.
 *
 * @param link - the link's limit and uses.
 * @returns `true` when no further guest may join through it.
 * @example
 * ```ts
 * isGuestLinkUsedUp({ useLimit: 2, uses: 2 }); // true
 * isGuestLinkUsedUp({ useLimit: null, uses: 1_000 }); // false: unlimited
 * ```
 *
 * @category Records
 */
export function isGuestLinkUsedUp(link: Pick<GuestLink, 'useLimit' | 'uses'>): boolean {
  return link.useLimit !== null && link.uses >= link.useLimit;
}

/**
 * The state the owner's list shows (G4). When several apply, the one that is the link's own
 * wins: expired, then used up, then inactive.
 *
 * @param link - the link.
 * @param entryOpen - whether new guests may come in to its entry at all: guest access on, and
 *   the entry available, supported and on a site with both modules.
 * @param now - the instant to judge at.
 * @returns the state.
 *
 * @example
 * ```ts
 * guestLinkState({ expiresAt: null, useLimit: 2, uses: 2 }, true, Date.now()); // 'used_up'
 * ```
 *
 * @category Records
 */
export function guestLinkState(
  link: Pick<GuestLink, 'expiresAt' | 'useLimit' | 'uses'>,
  entryOpen: boolean,
  now: number,
): GuestLinkState {
  if (isGuestLinkExpired(link, now)) return 'expired';
  if (isGuestLinkUsedUp(link)) return 'used_up';
  return entryOpen ? 'active' : 'inactive';
}
