export type { GuestSession } from './records';

/**
 * Where a guest stands (G10):
 * - `admitted`: in, viewing the entry.
 * - `waiting`: joined a locked room and waits for a moderator.
 * - `declined`: a moderator declined or removed the guest; the same email cannot join the
 *   entry again until a moderator admits this session.
 * - `left`: the guest left (`leaveGuestSession`); the session is over, whatever else happens
 *   (a block of the same address, a sweep); coming back through the link is a new join.
 *
 * @category Records
 */
export type GuestSessionStatus = 'admitted' | 'waiting' | 'declined' | 'left';

/**
 * What a guest may do with the one entry of the session (G8): view, nothing more.
 *
 * @category Records
 */
export const GUEST_CAPABILITIES: readonly ['view'] = Object.freeze(['view'] as const);

/**
 * The capability set of a guest session: {@link GUEST_CAPABILITIES}.
 *
 * @category Records
 */
export type GuestCapability = (typeof GUEST_CAPABILITIES)[number];

/**
 * The moves a moderator can make on a guest session (G10). Admitting a declined guest lets
 * that guest back in; declining an admitted one removes the guest. A session the guest left
 * moves no more.
 *
 * @category Records
 */
export const GUEST_SESSION_MOVES: Readonly<Record<'admit' | 'decline', readonly GuestSessionStatus[]>> =
  Object.freeze({
    admit: Object.freeze(['waiting', 'declined'] as GuestSessionStatus[]),
    decline: Object.freeze(['waiting', 'admitted'] as GuestSessionStatus[]),
  });
