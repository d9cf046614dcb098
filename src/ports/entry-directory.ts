import type { Entry, SiteFeatures } from '../domain/entry';

/**
 * The host's read-only view of its entries and its site's modules. The library asks, never
 * writes. Return `null` for an entry the host does not know; return `available: false` for
 * one that is deleted or gone but still known.
 *
 * @category Ports
 */
export interface EntryDirectory {
  /**
   * Looks an entry up.
   * @param entryId - the entry's id.
   * @returns the entry, or `null`.
   * @example
   * ```ts
   * // A host's directory over its own data.
   * const rooms = new Map<string, Entry>([['room-1', { id: 'room-1', type: 'room', ownerId: 'owner-1', available: true }]]);
   * const myDirectory: EntryDirectory = {
   *   getEntry: async (entryId) => rooms.get(entryId) ?? null,
   *   getSiteFeatures: async () => ({ inviteToMediaModule: true, mediaPage: true }),
   * };
   * await myDirectory.getEntry('room-1'); // the room
   * await myDirectory.getEntry('nope'); // null
   * ```
   */
  getEntry(entryId: string): Promise<Entry | null>;
  /**
   * Tells which site modules are on for an entry (G11). A single-site host returns the same
   * answer for every entry.
   * @param entry - the entry being acted on.
   * @returns the site's modules.
   * @example
   * ```ts
   * const entry = await directory.getEntry('room-1');
   * if (entry) console.log(await directory.getSiteFeatures(entry)); // { inviteToMediaModule: true, mediaPage: true }
   * ```
   */
  getSiteFeatures(entry: Entry): Promise<SiteFeatures>;
}
