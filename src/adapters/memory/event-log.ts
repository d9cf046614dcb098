import type { AccessEvent, EventSink } from '../../ports/events';

/**
 * An {@link EventSink} that keeps every event it is told, for tests and examples: a consumer of
 * the dispatcher.
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
   * const store = createMemoryGuestStore();
   * const logged = createGuestLinks({ store, directory, keyRing, guestLinkUrl: (t) => t, outbox: true });
   * await logged.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true });
   * await createDispatcher({ outbox: store.outbox, consumers: { log } }).dispatch();
   * log.events().map((event) => event.type); // ['guest_access.changed']
   * ```
   */
  events(): AccessEvent[];
}

/**
 * Creates an event sink that remembers what it was told, duplicates included.
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
      log.push(structuredClone(event));
    },
    events: () => log.map((event) => structuredClone(event)),
  };
}
