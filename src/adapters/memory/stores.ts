import { createMemoryGuestStore, type MemoryGuestStore } from './guest-store';
import { createMemoryInviteStore, type MemoryInviteStore } from './invite-store';
import { createMemoryOutbox, type MemoryOutbox } from './outbox';
import { createMemoryRateLimiter, type MemoryRateLimiter } from './rate-limiter';

/**
 * The in-memory stores, as `createPostgresStores` answers the PostgreSQL ones.
 *
 * @category Stores
 */
export interface MemoryStores {
  /** `memory`. */
  readonly name: string;
  /** Guest-access settings, guest links, guest sessions and declined guests, for `createGuestLinks`. */
  readonly guests: MemoryGuestStore;
  /** Invites, for `createInviteLinks`. */
  readonly invites: MemoryInviteStore;
  /** The events both stores write, for `createDispatcher`. */
  readonly outbox: MemoryOutbox;
  /** Rate limits of this process, for the HTTP layer's `rateLimiter`. */
  readonly rateLimiter: MemoryRateLimiter;
  /**
   * Does nothing: nothing is held open. There so that code written for either kind of stores
   * can close them alike.
   * @example
   * ```ts
   * await createMemoryStores().close();
   * ```
   */
  close(): Promise<void>;
}

/**
 * Every in-memory store at once, for tests, examples and prototypes: the same shape as
 * `createPostgresStores(client)`, so that switching is one line.
 *
 * @returns fresh, empty stores.
 * @example
 * ```ts
 * const { guests, invites } = createMemoryStores(); // or createPostgresStores(client) in production
 * const guestLinks = createGuestLinks({ store: guests, directory, keyRing, guestLinkUrl: (t) => t });
 * ```
 *
 * @category Stores
 */
export function createMemoryStores(): MemoryStores {
  const outbox = createMemoryOutbox();
  return {
    name: 'memory',
    guests: createMemoryGuestStore({ outbox }),
    invites: createMemoryInviteStore({ outbox }),
    outbox,
    rateLimiter: createMemoryRateLimiter(),
    close: async () => undefined,
  };
}
