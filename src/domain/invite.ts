import type { Invite } from './records';

export type { Invite };

/**
 * Where an invite stands as the owner's list shows it (I3): the stored state, or `expired` for
 * a pending invite past its expiry. `accepting` is brief: accepted, while the host's grant is
 * applied.
 *
 * @category Records
 */
export type InviteState = 'pending' | 'accepting' | 'accepted' | 'declined' | 'revoked' | 'expired';

/**
 * The stored states of an invite (I3): `pending` → `accepted`, `declined` or `revoked`, which
 * are final; with a grant port, `pending` → `accepting` → `accepted` (or back to `pending` when
 * the grant fails).
 *
 * @category Records
 */
export type StoredInviteState = Invite['state'];

/**
 * Whether its message went out.
 *
 * @category Records
 */
export type DeliveryStatus = Invite['deliveryStatus'];

/**
 * Whether a pending invite has expired at `now`: valid up to the millisecond before
 * `expiresAt`, expired from that instant on. Final states never expire.
 *
 * @param invite - the invite's state and expiry.
 * @param now - the instant to judge at, in milliseconds since the epoch.
 * @returns `true` once a pending invite is past its expiry.
 * @example
 * ```ts
 * isInviteExpired({ state: 'pending', expiresAt: 1_000 }, 1_000); // true
 * isInviteExpired({ state: 'accepted', expiresAt: 1_000 }, 5_000); // false: final states never expire
 * ```
 *
 * @category Records
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
 *
 * @category Records
 */
export function inviteState(invite: Pick<Invite, 'state' | 'expiresAt'>, now: number): InviteState {
  return isInviteExpired(invite, now) ? 'expired' : invite.state;
}

/**
 * Whether an invite holds its address on its entry (I3, I4): pending (expired or not),
 * accepting or accepted. An address has at most one live invite per entry.
 *
 * @param invite - the invite's state.
 * @returns `true` for a live invite.
 * @example
 * ```ts
 * isLiveInvite({ state: 'pending' }); // true
 * isLiveInvite({ state: 'revoked' }); // false: the address may be invited anew
 * ```
 *
 * @category Records
 */
export function isLiveInvite(invite: Pick<Invite, 'state'>): boolean {
  return invite.state === 'pending' || invite.state === 'accepting' || invite.state === 'accepted';
}

/**
 * Whether an invite counts against its entry's pending cap at `now`: pending and unexpired, or
 * being accepted.
 *
 * @param invite - the invite's state and expiry.
 * @param now - the instant to judge at.
 * @returns `true` when it counts.
 * @example
 * ```ts
 * countsAsPending({ state: 'pending', expiresAt: 1_000 }, 999); // true
 * countsAsPending({ state: 'pending', expiresAt: 1_000 }, 1_000); // false: expired
 * countsAsPending({ state: 'accepting', expiresAt: 1_000 }, 5_000); // true
 * ```
 *
 * @category Records
 */
export function countsAsPending(invite: Pick<Invite, 'state' | 'expiresAt'>, now: number): boolean {
  return invite.state === 'accepting' || (invite.state === 'pending' && now < invite.expiresAt);
}

/**
 * What a new invite needs; everything else starts pending, undecided and unsent.
 *
 * @category Records
 */
export type NewInvite = Pick<
  Invite,
  'id' | 'entryId' | 'email' | 'emailKey' | 'role' | 'invitedBy' | 'inviterName' | 'invitedAt' | 'expiresAt'
>;

/**
 * A new invite: pending, decided by nobody, its message not yet sent.
 *
 * @param fields - who is invited to what, by whom, when, and until when.
 * @returns the invite record.
 * @example
 * ```ts
 * const invite = pendingInvite({
 *   id: '01JDQ0000000000000000000EF', entryId: 'room-1', email: 'Ada@Example.org', emailKey: 'ada@example.org',
 *   role: 'viewer', invitedBy: 'owner-1', inviterName: null, invitedAt: 0, expiresAt: 7 * 86_400_000,
 * });
 * console.log(invite.state, invite.deliveryStatus); // 'pending' 'not_sent'
 * ```
 *
 * @category Records
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
