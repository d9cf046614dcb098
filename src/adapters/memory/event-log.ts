import type { AccessEvent, EventSink } from '../../ports/events';

/**
 * An {@link EventSink} that keeps every event, for tests and examples.
 *
 * @category Host ports
 */
export interface MemoryEventLog extends EventSink {
  /**
   * Every event published, oldest first.
   * @returns the events.
   * @example
   * ```ts
   * const log = createMemoryEventLog();
   * const logged = createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (t) => t, events: log });
   * await logged.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true });
   * log.events().map((event) => event.type); // ['guest_access.changed']
   * ```
   */
  events(): AccessEvent[];
}

/**
 * Creates an event sink that remembers what it was told.
 *
 * @returns the log.
 *
 * @example
 * ```ts
 * const events = createMemoryEventLog();
 * // ... after some operations:
 * events.events().map((event) => event.type); // ['guest_access.changed', 'guest_link.created', ...]
 * ```
 *
 * @category Host ports
 */
export function createMemoryEventLog(): MemoryEventLog {
  const log: AccessEvent[] = [];
  return {
    async publish(event) {
      log.push(event);
    },
    events: () => [...log],
  };
}
