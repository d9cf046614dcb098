import type { GuestAccess } from './records';

export type { GuestAccess };

/**
 * The settings of an entry that has none stored: guest access off, room unlocked.
 *
 * @param entryId - the entry.
 * @returns the default settings.
 * @example
 * ```ts
 * defaultGuestAccess('room-1'); // { entryId: 'room-1', enabled: false, roomLocked: false, updatedAt: 0, updatedBy: '' }
 * ```
 *
 * @category Records
 */
export function defaultGuestAccess(entryId: string): GuestAccess {
  return { entryId, enabled: false, roomLocked: false, updatedAt: 0, updatedBy: '' };
}
