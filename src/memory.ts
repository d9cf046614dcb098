/**
 * In-memory adapters for every port of access-links, for tests, examples and prototypes.
 * Each is a factory; each lets a test look at what it holds. Nothing here survives a restart.
 *
 * @example
 * ```ts
 * import { createMemoryEntryDirectory, createMemoryGuestStore, createManualClock } from 'access-links/memory';
 * ```
 *
 * @module access-links/memory
 */
export { createMemoryEntryDirectory } from './adapters/memory/entry-directory';
export type { MemoryEntryDirectory, MemoryEntryDirectoryOptions } from './adapters/memory/entry-directory';
export { createMemoryGuestStore } from './adapters/memory/guest-store';
export type {
  MemoryGuestBlock,
  MemoryGuestStore,
  MemoryGuestStoreState,
  MemoryStoreOptions,
} from './adapters/memory/guest-store';
export { createManualClock } from './adapters/memory/manual-clock';
export type { ManualClock } from './adapters/memory/manual-clock';
export { createMemoryInviteStore } from './adapters/memory/invite-store';
export type { MemoryInviteStore } from './adapters/memory/invite-store';
export { createMemoryMailer } from './adapters/memory/mailer';
export type { MemoryMailer } from './adapters/memory/mailer';
export { createMemoryEventLog } from './adapters/memory/event-log';
export type { MemoryEventLog } from './adapters/memory/event-log';
export { createMemoryNotifier } from './adapters/memory/notifier';
export type { MemoryNotifier } from './adapters/memory/notifier';
export { createMemoryOutbox } from './adapters/memory/outbox';
export type { MemoryOutbox } from './adapters/memory/outbox';
export { createMemoryRateLimiter } from './adapters/memory/rate-limiter';
export type { MemoryRateLimiter, MemoryRateLimiterOptions } from './adapters/memory/rate-limiter';
export { createMemoryStores } from './adapters/memory/stores';
export type { MemoryStores } from './adapters/memory/stores';
