import type { Entry, SiteFeatures } from '../../domain/entry';
import type { EntryDirectory } from '../../ports/entry-directory';

/**
 * Options of {@link createMemoryEntryDirectory}.
 *
 * @category Host ports
 */
export interface MemoryEntryDirectoryOptions {
  /** The entries to start with. */
  readonly entries?: readonly Entry[] | undefined;
  /**
   * The site's modules.
   * @defaultValue both on
   */
  readonly site?: SiteFeatures | undefined;
}

/**
 * An {@link EntryDirectory} in memory, whose entries and site a test or example can change.
 *
 * @category Host ports
 */
export interface MemoryEntryDirectory extends EntryDirectory {
  /**
   * Adds an entry or replaces the one with the same id.
   * @param entry - the entry.
   * @example
   * ```ts
   * directory.put({ id: 'doc-1', type: 'document', title: 'Handbook', ownerId: 'owner-1', available: true });
   * await directory.getEntry('doc-1'); // the handbook
   * ```
   */
  put(entry: Entry): void;
  /**
   * Forgets an entry, as if the host never knew it.
   * @param entryId - the entry.
   * @example
   * ```ts
   * directory.remove('video-1');
   * await directory.getEntry('video-1'); // null
   * ```
   */
  remove(entryId: string): void;
  /**
   * Changes the site's modules.
   * @param site - the modules.
   * @example
   * ```ts
   * directory.setSite({ inviteToMediaModule: true, mediaPage: false });
   * const opened = await guestLinks.openGuestLink({ token });
   * console.log(opened.ok ? 'open' : opened.code); // 'MEDIA_PAGE_OFF'
   * ```
   */
  setSite(site: SiteFeatures): void;
}

/**
 * Creates an entry directory held in memory: the host's view of its entries, for tests,
 * examples and prototypes.
 *
 * @param options - the entries and site to start with.
 * @returns the directory.
 *
 * @example
 * ```ts
 * const directory = createMemoryEntryDirectory({
 *   entries: [{ id: 'room-1', type: 'room', ownerId: 'u-1', available: true }],
 * });
 * await directory.getEntry('room-1'); // the room
 * ```
 *
 * @category Host ports
 */
export function createMemoryEntryDirectory(options: MemoryEntryDirectoryOptions = {}): MemoryEntryDirectory {
  const entries = new Map<string, Entry>();
  for (const entry of options.entries ?? []) entries.set(entry.id, entry);
  let site: SiteFeatures = options.site ?? { inviteToMediaModule: true, mediaPage: true };

  return {
    async getEntry(entryId) {
      return entries.get(entryId) ?? null;
    },
    async getSiteFeatures() {
      return site;
    },
    put(entry) {
      entries.set(entry.id, entry);
    },
    remove(entryId) {
      entries.delete(entryId);
    },
    setSite(next) {
      site = next;
    },
  };
}
