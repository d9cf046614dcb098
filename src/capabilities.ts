/**
 * The capability list: for an actor and an entry, which guest-link, lobby and invite actions the
 * actor may take now, and the reasons for each that is refused, so that a page offers only
 * what will not be refused (no "Lock the room" on a video). Every answer is the policy step of
 * the operation of the same name, asked with the facts that operation reads.
 *
 * Kept in its own entry point so that the core stays small. Like the core, it imports nothing
 * from `node:` and runs on any runtime with Web Crypto.
 *
 * @example
 * ```ts
 * import { createCapabilities } from 'access-links/capabilities';
 *
 * const capabilities = createCapabilities({ directory, guestStore, inviteRules: {} });
 * const room = await capabilities.of({ actor: owner, entryId: 'room-1' });
 * if (room.ok && room.value.lobby.setRoomLock.allowed) console.log('offer "Lock the room"');
 * ```
 *
 * @module access-links/capabilities
 */
export { createCapabilities } from './services/capabilities';
export type {
  Capabilities,
  CapabilitiesOptions,
  EntryCapabilities,
  GuestLinkActions,
  InviteActions,
  LobbyActions,
  RoleGrant,
} from './services/capabilities';
