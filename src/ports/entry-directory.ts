import type { Entry, SiteFeatures } from '../domain/entry';

/**
 * The host's read-only view of its entries and its site's modules. The library asks, never
 * writes. Return `null` for an entry the host does not know; return `available: false` for
 * one that is deleted or gone but still known.
 */
export interface EntryDirectory {
  /**
   * Looks an entry up.
   * @param entryId - the entry's id.
   * @returns the entry, or `null`.
   */
  getEntry(entryId: string): Promise<Entry | null>;
  /**
   * Tells which site modules are on for an entry (G11). A single-site host returns the same
   * answer for every entry.
   * @param entry - the entry being acted on.
   * @returns the site's modules.
   */
  getSiteFeatures(entry: Entry): Promise<SiteFeatures>;
}
