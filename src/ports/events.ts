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
 * One domain event, published after the change it reports has been stored. Plain data, ready to
 * audit or to forward as a webhook.
 *
 * @category Ports
 */
export interface AccessEvent {
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
 * Where domain events go, for audit logs and webhooks. Events are published after the change
 * is stored; a sink that throws never undoes or fails the operation (see `onEventError`).
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
   * const withAudit = createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (t) => t, events: audit });
   * await withAudit.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }); // logs 'guest_access.changed' 'room-1' 'owner-1' 'room-1'
   * ```
   */
  publish(event: AccessEvent): Promise<void>;
}
