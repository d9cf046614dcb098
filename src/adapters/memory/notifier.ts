import type { AccessEvent } from '../../ports/events';
import type { Notifier } from '../../ports/notifier';
import { createNoticeDispatch, noticeOf } from '../notices/dispatch';

/**
 * A {@link Notifier} within one process: for tests, examples and a single app
 * server. Several servers need one that crosses processes (PostgreSQL's `LISTEN`/`NOTIFY`,
 * Redis pub/sub).
 *
 * @category Host ports
 */
export interface MemoryNotifier extends Notifier {
  /**
   * How many listeners are subscribed, to one entry or to all.
   * @param entryId - the entry; all entries without it.
   * @returns the count.
   * @example
   * ```ts
   * const notifier = createMemoryNotifier();
   * const stop = notifier.subscribe('room-1', () => {});
   * notifier.listeners('room-1'); // 1
   * stop();
   * notifier.listeners(); // 0
   * ```
   */
  listeners(entryId?: string): number;
}

/**
 * Creates a notifier within one process. Listeners are told during `publish`, in the order they
 * subscribed; one that throws is ignored.
 *
 * @returns the notifier.
 *
 * @example
 * ```ts
 * import { createMemoryNotifier } from 'access-links/memory';
 *
 * const notifier = createMemoryNotifier();
 * const live = createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (t) => t, notifier });
 * const stop = notifier.subscribe('room-1', (notice) => console.log(notice.type));
 * await live.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }); // logs 'guest_access.changed'
 * stop();
 * ```
 *
 * @category Host ports
 */
export function createMemoryNotifier(): MemoryNotifier {
  const dispatch = createNoticeDispatch();
  return {
    async publish(event: AccessEvent) {
      const notice = noticeOf(event);
      if (notice !== null) dispatch.deliver(notice);
    },
    subscribe: (entryId, listener) => dispatch.subscribe(entryId, listener),
    listeners: (entryId) => dispatch.count(entryId),
  };
}
