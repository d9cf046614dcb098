import type { Invite } from './records';

export type { Invite };

/** Where an invite stands as the owner's list shows it (I3): the stored state, or `expired`. */
export type InviteState = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

/** The stored states of an invite; `accepted`, `declined` and `revoked` are final (I3). */
export type StoredInviteState = Invite['state'];

/** Whether its message went out. */
export type DeliveryStatus = Invite['deliveryStatus'];

/**
 * Whether a pending invite has expired at `now`: valid up to the millisecond before
 * `expiresAt`, expired from that instant on. Final states never expire.
 *
 * @param invite - the invite's state and expiry.
 * @param now - the instant to judge at, in milliseconds since the epoch.
 * @returns `true` once a pending invite is past its expiry.
 */
export function isInviteExpired(invite: Pick<Invite, 'state' | 'expiresAt'>, now: number): boolean {
  return invite.state === 'pending' && now >= invite.expiresAt;
}

/**
 * The state the owner's list shows: the stored one, or `expired` for a pending invite past
 * its expiry.
 *
 * @param invite - the invite's state and expiry.
 * @param now - the instant to judge at.
 * @returns the state.
 *
 * @example
 * ```ts
 * inviteState({ state: 'pending', expiresAt: 1000 }, 1000); // 'expired'
 * ```
 */
export function inviteState(invite: Pick<Invite, 'state' | 'expiresAt'>, now: number): InviteState {
  return isInviteExpired(invite, now) ? 'expired' : invite.state;
}

/** What a new invite needs; everything else starts pending, undecided and unsent. */
export type NewInvite = Pick<
  Invite,
  'id' | 'entryId' | 'email' | 'emailKey' | 'role' | 'invitedBy' | 'inviterName' | 'invitedAt' | 'expiresAt'
>;

/**
 * A new invite: pending, decided by nobody, its message not yet sent.
 *
 * @param fields - who is invited to what, by whom, when, and until when.
 * @returns the invite record.
 */
export function pendingInvite(fields: NewInvite): Invite {
  return {
    ...fields,
    state: 'pending',
    updatedAt: fields.invitedAt,
    acceptedBy: null,
    decidedBy: null,
    deliveryStatus: 'not_sent',
    deliveryAttempts: 0,
    lastSentAt: null,
    deliveryError: null,
  };
}
