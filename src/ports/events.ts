/**
 * What happened. Guest-link events come from `createGuestLinks`, invite events from `createInviteLinks`.
 *
 * @category Ports
 */
export type AccessEventType =
  | 'guest_access.changed'
  | 'room_lock.changed'
  | 'guest_link.created'
  | 'guest_link.deleted'
  | 'guest_link.passcode_changed'
  | 'guest.joined'
  | 'guest.admitted'
  | 'guest.declined'
  | 'guest.left'
  | 'guest.erased'
  | 'invite.invited'
  | 'invite.delivered'
  | 'invite.delivery_failed'
  | 'invite.accepted'
  | 'invite.declined'
  | 'invite.revoked'
  | 'invite.role_changed'
  | 'invitee.erased';

/**
 * One domain event, written in the same atomic step as the change it reports and delivered
 * after it. Plain data, ready to audit or to forward as a webhook.
 *
 * @category Ports
 */
export interface AccessEvent {
  /** The event's own id (a ULID): a consumer told an event twice sees the same id. */
  readonly id: string;
  /** What happened. */
  readonly type: AccessEventType;
  /** When, in milliseconds since the epoch. */
  readonly at: number;
  /** The entry it happened on; `null` for an erasure, which spans every entry. */
  readonly entryId: string | null;
  /** The platform user who acted; `null` when a guest did (a guest is no platform user). */
  readonly actorId: string | null;
  /**
   * The id of what it happened to: the link, guest session or invite (the entry's id for
   * switches). For an erasure, a digest of the erased address, never the address.
   */
  readonly subjectId: string;
  /** The facts particular to the type: `enabled`, `locked`, `role`, `previousRole`, `status`, `error`, … */
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * A consumer of events, for audit logs and webhooks: {@link "access-links/events"!createDispatcher | the
 * dispatcher} hands it each event the stores wrote, after the change, and no operation waits
 * for it. Delivery is at least once: a sink that throws (or rejects) is told the event again
 * later, and after a crash it may be told an event it had, with the same `id`.
 *
 * @category Ports
 */
export interface EventSink {
  /**
   * Takes one event.
   * @param event - the event.
   * @example
   * ```ts
   * const audit: EventSink = {
   *   async publish(event) {
   *     console.log(event.type, event.entryId, event.actorId ?? 'a guest', event.subjectId);
   *   },
   * };
   * const store = createMemoryGuestStore();
   * const withAudit = createGuestLinks({ store, directory, keyRing, guestLinkUrl: (t) => t, outbox: true });
   * await withAudit.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true });
   * await createDispatcher({ outbox: store.outbox, consumers: { audit } }).dispatch(); // logs 'guest_access.changed' 'room-1' 'owner-1' 'room-1'
   * ```
   */
  publish(event: AccessEvent): Promise<void>;
}
