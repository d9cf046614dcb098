import type { AccessEventType, EventSink } from './events';

/**
 * A change on an entry as a {@link Notifier} carries it to every app server: what happened, to
 * what, and when. It holds no `detail` and no actor, so nothing personal crosses the channel;
 * whoever hears it reads the current state through the library.
 *
 * @category Ports
 */
export interface AccessNotice {
  /** What happened. */
  readonly type: AccessEventType;
  /** The entry it happened on. */
  readonly entryId: string;
  /** The id of what it happened to: the guest session, link or invite (the entry's id for switches). */
  readonly subjectId: string;
  /** When, in milliseconds since the epoch. */
  readonly at: number;
}

/**
 * Told of each notice of the entry it listens to.
 *
 * @category Ports
 */
export type NoticeListener = (notice: AccessNotice) => void;

/**
 * Stops a listener; calling it again does nothing.
 *
 * @category Ports
 */
export type Unsubscribe = () => void;

/**
 * An {@link EventSink} that also tells listeners on every app server what changed on an entry,
 * so a waiting guest's page or a moderator's lobby can be pushed a change instead of asking
 * again. Pass the same notifier as the services' `notifier` and as the HTTP layer's `notifier`.
 * The services tell it as each change is stored, without waiting for it: it is not the
 * outbox, and misses what a crash loses.
 *
 * Delivery is at most once and may be late or missed (a listener connection that dropped and
 * came back misses what was published in between): a listener must treat a notice as "look
 * again", never as the state itself. The HTTP layer looks again on every heartbeat too.
 * Events of no entry (an erasure) are not carried.
 *
 * @category Ports
 */
export interface Notifier extends EventSink {
  /**
   * Calls `listener` for each notice of `entryId` published after this call, from any server
   * that shares the notifier's channel. A listener that throws is ignored.
   * @param entryId - the entry to listen to.
   * @param listener - told of each notice.
   * @returns a function that stops the listener.
   * @example
   * ```ts
   * const notifier = createMemoryNotifier();
   * const stop = notifier.subscribe('room-1', (notice) => console.log(notice.type, notice.subjectId));
   * await notifier.publish({ id: '01JDQ0000000000000000000EV', type: 'guest.admitted', at: Date.now(), entryId: 'room-1', actorId: 'owner-1', subjectId: 'session-1', detail: {} });
   * // logs 'guest.admitted' 'session-1'
   * stop();
   * ```
   */
  subscribe(entryId: string, listener: NoticeListener): Unsubscribe;
}
