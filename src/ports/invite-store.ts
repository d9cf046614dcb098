import type { Invite, StoredInviteState } from '../domain/invite';

/** What {@link InviteStore.insertInvite} did. */
export type InviteInsertion =
  | {
      /** The invite was stored. */
      readonly status: 'inserted';
    }
  | {
      /** The entry already has `pendingCap` live pending invites; nothing was stored. */
      readonly status: 'cap_reached';
    }
  | {
      /** The address already has a pending (expired or not) or an accepted invite on the entry; nothing was stored. */
      readonly status: 'exists';
      /** That invite. */
      readonly invite: Invite;
    };

/** The fields of a pending invite that may change while it stays pending. */
export interface PendingInviteChange {
  /** A new role. */
  readonly role?: string;
  /** A new expiry (a resend or re-invite extends it). */
  readonly expiresAt?: number;
  /** The inviter of a re-invite. */
  readonly invitedBy?: string;
  /** The inviter's display name of a re-invite. */
  readonly inviterName?: string | null;
  /** When it changed. */
  readonly updatedAt: number;
}

/** The outcome of one attempt to send an invite's message. */
export interface DeliveryAttempt {
  /** `sent`, or `failed` with `error`. */
  readonly status: 'sent' | 'failed';
  /** When it was tried. */
  readonly at: number;
  /** Why it failed; `null` when sent. */
  readonly error: string | null;
}

/** A final state an invite moves to from `pending`, with who and when. */
export interface InviteTransition {
  /** The new state. */
  readonly to: Exclude<StoredInviteState, 'pending'>;
  /** When. */
  readonly at: number;
  /** The user id of whoever accepted, declined or revoked. */
  readonly by: string;
}

/**
 * Storage for invites. Every change is conditional on what the caller saw, in one atomic
 * operation of the backing store, so two racing calls cannot both win (I3): the insert is
 * conditional on the entry's pending cap and on the address having no pending or accepted
 * invite; a state
 * change on the invite still being `pending` and unexpired. "Not found" is `null`; any other
 * failure throws.
 */
export interface InviteStore {
  /**
   * Stores a new pending invite, atomically: only when the address (`emailKey`) has no pending
   * (expired or not) or accepted invite on the entry — at most one such invite per address and
   * entry, ever — and only while the entry has fewer than `pendingCap` pending invites unexpired
   * at `now`. When both fail, `exists` wins.
   * @param invite - the new invite.
   * @param pendingCap - the most live pending invites the entry may have.
   * @param now - the instant that decides which pending invites are expired.
   * @returns what happened.
   */
  insertInvite(invite: Invite, pendingCap: number, now: number): Promise<InviteInsertion>;
  /**
   * Reads one invite.
   * @param inviteId - the invite.
   * @returns the invite, or `null`.
   */
  getInvite(inviteId: string): Promise<Invite | null>;
  /**
   * Lists an entry's invites, oldest first (by `invitedAt`, then `id`).
   * @param entryId - the entry.
   * @returns the invites.
   */
  listInvites(entryId: string): Promise<Invite[]>;
  /**
   * Changes a pending invite, only if it is still pending, atomically.
   * @param inviteId - the invite.
   * @param change - the fields to set.
   * @returns the invite after the change, or `null` when it is missing or no longer pending.
   */
  updatePendingInvite(inviteId: string, change: PendingInviteChange): Promise<Invite | null>;
  /**
   * Moves a pending invite to a final state, only if it is still pending, and — for
   * `accepted` — unexpired at `transition.at`, atomically. Sets `acceptedBy` on acceptance.
   * @param inviteId - the invite.
   * @param transition - the final state, with who and when.
   * @returns the invite after the change, or `null` when the condition did not hold.
   */
  finishInvite(inviteId: string, transition: InviteTransition): Promise<Invite | null>;
  /**
   * Moves an accepted invite back to pending, only if it is still accepted by `by`: the
   * rollback of an acceptance whose grant failed.
   * @param inviteId - the invite.
   * @param by - the user id that accepted it.
   * @returns the invite after the change, or `null` when the condition did not hold.
   */
  reopenInvite(inviteId: string, by: string): Promise<Invite | null>;
  /**
   * Records one attempt to send the invite's message: the status, when, why it failed, and
   * one more attempt.
   * @param inviteId - the invite.
   * @param attempt - the outcome.
   * @returns the invite after the change, or `null` when it is missing.
   */
  recordDelivery(inviteId: string, attempt: DeliveryAttempt): Promise<Invite | null>;
}
