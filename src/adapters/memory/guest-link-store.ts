import { defaultGuestAccess, type GuestAccess } from '../../domain/guest-access';
import { isGuestLinkExpired, isGuestLinkUsedUp, type GuestLink } from '../../domain/guest-link';
import type { GuestLinkStore } from '../../ports/guest-link-store';

/** What a {@link MemoryGuestLinkStore} holds, as copies. */
export interface MemoryGuestLinkStoreState {
  /** Every stored link, oldest first. */
  readonly links: GuestLink[];
  /** Every entry's stored guest-access settings. */
  readonly guestAccess: GuestAccess[];
}

/** A {@link GuestLinkStore} in memory, whose contents a test can look at. */
export interface MemoryGuestLinkStore extends GuestLinkStore {
  /**
   * Copies of everything stored.
   * @returns the state.
   */
  inspect(): MemoryGuestLinkStoreState;
}

/**
 * Creates a guest-link store that keeps everything in memory. Each method runs to completion
 * without yielding, so the atomic methods are atomic within one JavaScript process.
 *
 * @returns an empty store.
 *
 * @example
 * ```ts
 * const guestLinks = createMemoryGuestLinkStore();
 * guestLinks.inspect(); // { links: [], guestAccess: [] }
 * ```
 */
export function createMemoryGuestLinkStore(): MemoryGuestLinkStore {
  const links = new Map<string, GuestLink>();
  const access = new Map<string, GuestAccess>();
  const ofEntry = (entryId: string) => [...links.values()].filter((link) => link.entryId === entryId);

  return {
    async getGuestAccess(entryId) {
      const found = access.get(entryId);
      return found ? { ...found } : null;
    },
    async updateGuestAccess(entryId, change) {
      const updated = { ...(access.get(entryId) ?? defaultGuestAccess(entryId)), ...change, entryId };
      access.set(entryId, updated);
      return { ...updated };
    },
    async insertLinkUnderCap(link, cap) {
      if (links.has(link.id) || ofEntry(link.entryId).length >= cap) return false;
      links.set(link.id, { ...link });
      return true;
    },
    async getLink(linkId) {
      const found = links.get(linkId);
      return found ? { ...found } : null;
    },
    async listLinks(entryId) {
      return ofEntry(entryId)
        .sort(byCreation)
        .map((link) => ({ ...link }));
    },
    async deleteLink(linkId) {
      return links.delete(linkId);
    },
    async takeUse(linkId, now) {
      const link = links.get(linkId);
      if (!link || isGuestLinkExpired(link, now) || isGuestLinkUsedUp(link)) return null;
      const used = { ...link, uses: link.uses + 1 };
      links.set(linkId, used);
      return { ...used };
    },
    async releaseUse(linkId) {
      const link = links.get(linkId);
      if (link && link.uses > 0) links.set(linkId, { ...link, uses: link.uses - 1 });
    },
    inspect() {
      return {
        links: [...links.values()].sort(byCreation).map((link) => ({ ...link })),
        guestAccess: [...access.values()].map((settings) => ({ ...settings })),
      };
    },
  };
}

function byCreation(a: GuestLink, b: GuestLink): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
