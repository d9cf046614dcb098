import type { AccessEvent } from './events';

/**
 * Where an event stands in an {@link Outbox}: waiting for delivery (again), delivered to every
 * consumer, or given up on after the dispatcher's last attempt.
 *
 * @category Ports
 */
export type OutboxState = 'pending' | 'delivered' | 'failed';

/**
 * One event as an {@link Outbox} holds it, with its delivery so far.
 *
 * @category Ports
 */
export interface OutboxRecord {
  /** The event, as the change wrote it. */
  readonly event: AccessEvent;
  /** The store's order of writing: of two events, the one written by a change that completed first has the smaller position. */
  readonly position: number;
  /** Where it stands. */
  readonly state: OutboxState;
  /** How many times a dispatcher has claimed it. */
  readonly attempts: number;
  /** The names of the consumers that have taken it, so that a retry skips them. */
  readonly deliveredTo: readonly string[];
  /** What the last failed attempt said, or `null`. */
  readonly lastError: string | null;
  /** When it may next be claimed (after a back-off, or once a claim's lease ends), in milliseconds since the epoch. */
  readonly availableAt: number;
  /** When it was delivered or given up on, or `null` while pending. */
  readonly settledAt: number | null;
}

/**
 * A dispatcher's claim on events: each event is held by `token` until `until`.
 *
 * @category Ports
 */
export interface OutboxClaimRequest {
  /** "Now", in milliseconds since the epoch: only events available by then are claimed. */
  readonly now: number;
  /** When the claim lapses and another dispatcher may take the events (a dispatcher that died holding them). */
  readonly until: number;
  /** At most this many events. */
  readonly limit: number;
  /** Names this claim; {@link Outbox.settle} takes it back. */
  readonly token: string;
}

/**
 * How a claimed event's attempt ended.
 *
 * @category Ports
 */
export interface OutboxSettlement {
  /** The event's id. */
  readonly id: string;
  /** The token of the claim that holds it. */
  readonly token: string;
  /** `delivered` when every consumer has it, `failed` to give up, `pending` to try again at `availableAt`. */
  readonly state: OutboxState;
  /** Every consumer that has it now, those of earlier attempts included. */
  readonly deliveredTo: readonly string[];
  /** When a `pending` event may be tried again. */
  readonly availableAt: number;
  /** What went wrong, or `null`. */
  readonly error: string | null;
  /** "Now". */
  readonly at: number;
}

/**
 * A page of {@link Outbox.listEvents}.
 *
 * @category Ports
 */
export interface OutboxQuery {
  /** Only events in this state. */
  readonly state: OutboxState;
  /** Only events after this position (the last of the previous page), or `null` from the first. */
  readonly after: number | null;
  /** At most this many, by position. */
  readonly limit: number;
}

/**
 * Events waiting for delivery, written by the stores in the same atomic step as the change each
 * one reports (a {@link GuestStore} or {@link "access-links/invites"!InviteStore | InviteStore} writes the events it is handed, and
 * only if its change is made), and handed out by
 * {@link "access-links/events"!createDispatcher | createDispatcher}.
 *
 * An adapter author implements it beside the stores, on the same database: `createMemoryStores`
 * and `createPostgresStores` answer one as `outbox`. The conformance kit checks it.
 *
 * @category Ports
 */
export interface Outbox {
  /** A name for errors (`'postgres'`, `'memory'`). */
  readonly name: string;
  /**
   * **Atomic.** Claims up to `limit` pending events available at `now`, oldest first, at most
   * one per entry: an entry's oldest pending event, and only while no other claim holds it
   * (events of no entry, the erasures, queue together). Each claimed event's `attempts` goes up
   * by one and its `availableAt` becomes `until`. Two claims at once never take the same event
   * (in SQL: `FOR UPDATE SKIP LOCKED`).
   * @param request - now, the lease's end, the most to claim and the claim's token.
   * @returns the claimed events, by position.
   * @example
   * ```ts
   * const claimed = await outbox.claim({ now: Date.now(), until: Date.now() + 60_000, limit: 50, token: 'claim-1' });
   * console.log(claimed.map((record) => record.event.type)); // e.g. ['guest_access.changed']
   * ```
   */
  claim(request: OutboxClaimRequest): Promise<OutboxRecord[]>;
  /**
   * **Atomic.** Ends an attempt, only if the event is pending and still held by `token` (a
   * claim that lapsed and was taken again by another dispatcher settles nothing).
   * @param settlement - the event, the claim, and how it went.
   * @returns whether it was settled.
   * @example
   * ```ts
   * const [record] = await outbox.claim({ now: Date.now(), until: Date.now() + 60_000, limit: 1, token: 'claim-2' });
   * if (record) await outbox.settle({ id: record.event.id, token: 'claim-2', state: 'delivered', deliveredTo: ['audit'], availableAt: Date.now(), error: null, at: Date.now() }); // true
   * ```
   */
  settle(settlement: OutboxSettlement): Promise<boolean>;
  /**
   * Lists events in one state, by position.
   * @param query - the state and the page.
   * @returns the page.
   * @example
   * ```ts
   * const failed = await outbox.listEvents({ state: 'failed', after: null, limit: 50 });
   * console.log(failed.map((record) => [record.event.id, record.lastError])); // [] while every delivery succeeds
   * ```
   */
  listEvents(query: OutboxQuery): Promise<OutboxRecord[]>;
  /**
   * Makes a `failed` event `pending` again, available at `now`, with its attempts reset.
   * @param eventId - the event.
   * @param now - "now".
   * @returns whether it was failed and is pending now.
   * @example
   * ```ts
   * await outbox.retry('01JDQ0000000000000000000EV', Date.now()); // false: no such failed event
   * ```
   */
  retry(eventId: string, now: number): Promise<boolean>;
  /**
   * Removes up to `limit` delivered or failed events settled before `settledBefore`.
   * @param request - the cut-off and the most to remove.
   * @returns how many were removed.
   * @example
   * ```ts
   * await outbox.sweep({ settledBefore: Date.now() - 7 * 86_400_000, limit: 500 }); // 0 on a fresh outbox
   * ```
   */
  sweep(request: { readonly settledBefore: number; readonly limit: number }): Promise<number>;
}
