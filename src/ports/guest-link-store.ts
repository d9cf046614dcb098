import type { GuestAccess } from '../domain/guest-access';
import type { GuestLink } from '../domain/guest-link';

/** A change to an entry's guest-access settings: the fields to set, and when and by whom. */
export interface GuestAccessChange {
  /** The new guest-access switch, if it changes. */
  readonly enabled?: boolean;
  /** The new room lock, if it changes. */
  readonly roomLocked?: boolean;
  /** When, in milliseconds since the epoch. */
  readonly updatedAt: number;
  /** The user id of whoever changed it. */
  readonly updatedBy: string;
}

/**
 * Storage for guest links and each entry's guest-access settings.
 *
 * The two operations the rules need to be exact are single methods, atomic in the backing
 * store: {@link GuestLinkStore.insertLinkUnderCap} (G2) and {@link GuestLinkStore.takeUse}
 * (G6). An adapter must never implement them as a read followed by a separate write: two
 * concurrent calls would both pass. "Not found" is `null`; any other failure throws.
 *
 * Records are plain data; an adapter returns copies, never objects the caller can mutate
 * into the store.
 */
export interface GuestLinkStore {
  /**
   * Reads an entry's guest-access settings.
   * @param entryId - the entry.
   * @returns the settings, or `null` when none were ever stored.
   */
  getGuestAccess(entryId: string): Promise<GuestAccess | null>;
  /**
   * Changes some of an entry's guest-access settings, atomically: fields the change leaves out
   * keep their stored value (or their default, off and unlocked, when nothing is stored yet),
   * so that turning guest access off and locking the room at the same moment both land.
   * @param entryId - the entry.
   * @param change - the fields to set, with when and by whom.
   * @returns the settings after the change.
   */
  updateGuestAccess(entryId: string, change: GuestAccessChange): Promise<GuestAccess>;
  /**
   * Inserts a new link only while its entry has fewer than `cap` links, atomically (G2).
   * @param link - the new link; its id is new.
   * @param cap - the most links the entry may have.
   * @returns `true` when inserted, `false` when the entry already had `cap` links.
   */
  insertLinkUnderCap(link: GuestLink, cap: number): Promise<boolean>;
  /**
   * Reads one link.
   * @param linkId - the link.
   * @returns the link, or `null` when it does not exist or was deleted.
   */
  getLink(linkId: string): Promise<GuestLink | null>;
  /**
   * Lists an entry's links, oldest first (by `createdAt`, then `id`).
   * @param entryId - the entry.
   * @returns the links; empty when there are none.
   */
  listLinks(entryId: string): Promise<GuestLink[]>;
  /**
   * Deletes a link for good (G5).
   * @param linkId - the link.
   * @returns `true` when a link was deleted, `false` when there was none.
   */
  deleteLink(linkId: string): Promise<boolean>;
  /**
   * Takes one use of a link, atomically (G6): adds one to `uses` only if the link exists, has
   * not expired at `now` (`expiresAt` is `null` or later than `now`) and is under its limit
   * (`useLimit` is `null` or greater than `uses`).
   * @param linkId - the link.
   * @param now - the instant of the use, in milliseconds since the epoch.
   * @returns the link after the use, or `null` when no use was taken.
   */
  takeUse(linkId: string, now: number): Promise<GuestLink | null>;
  /**
   * Gives back one use taken by {@link GuestLinkStore.takeUse} whose guest session could not
   * be stored: subtracts one from `uses` if the link exists and `uses` is above zero.
   * @param linkId - the link.
   */
  releaseUse(linkId: string): Promise<void>;
}
