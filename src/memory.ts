/**
 * In-memory adapters for every port of access-links, for tests, examples and prototypes.
 * Each is a factory; each lets a test look at what it holds. Nothing here survives a restart.
 *
 * @example
 * ```ts
 * import { createMemoryEntryDirectory, createMemoryGuestLinkStore, createMemoryGuestSessionStore, createManualClock } from 'access-links/memory';
 * ```
 *
 * @packageDocumentation
 */
export { createMemoryEntryDirectory } from './adapters/memory/entry-directory';
export type { MemoryEntryDirectory, MemoryEntryDirectoryOptions } from './adapters/memory/entry-directory';
export { createMemoryGuestLinkStore } from './adapters/memory/guest-link-store';
export type { MemoryGuestLinkStore, MemoryGuestLinkStoreState } from './adapters/memory/guest-link-store';
export { createMemoryGuestSessionStore } from './adapters/memory/guest-session-store';
export type { MemoryGuestSessionStore } from './adapters/memory/guest-session-store';
export { createManualClock } from './adapters/memory/manual-clock';
export type { ManualClock } from './adapters/memory/manual-clock';
export { createMemoryInviteStore } from './adapters/memory/invite-store';
export type { MemoryInviteStore } from './adapters/memory/invite-store';
export { createMemoryMailer } from './adapters/memory/mailer';
export type { MemoryMailer } from './adapters/memory/mailer';
export { createMemoryEventLog } from './adapters/memory/event-log';
export type { MemoryEventLog } from './adapters/memory/event-log';
