import type { Invite, InviteState } from '../domain/invite';
import type { AccessEvent } from './events';
import type { RateLimiter } from './rate-limiter';

/**
 * What {@link InviteStore.sweep} removed.
 *
 * @category Ports
 */
export interface InviteSweepResult {
  /** Invites removed. */
  readonly invites: number;
  /** Whether it reached `limit`, so that more may remain. */
  readonly more: boolean;
}

/**
 * Which invites of an entry {@link InviteStore.listInvites} answers: one page, in id order.
 *
 * @category Ports
 */
export interface InvitePageQuery {
  /** Only invites whose id is greater than this one; `null` from the first. */
  readonly after: string | null;
  /** At most this many: a whole number from 1. */
  readonly limit: number;
  /** Only invites in this state at `now` (`expired` is a pending invite past its expiry); `null` for all. */
  readonly state: InviteState | null;
  /** The instant `state` is judged at. */
  readonly now: number;
}

/**
 * What {@link InviteStore.insertInvite} did.
 *
 * @category Ports
 */
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
      /** The address already has a live (pending, expired or not, accepting or accepted) invite on the entry; nothing was stored. */
      readonly status: 'exists';
      /** That invite. */
      readonly invite: Invite;
    };

/**
 * The fields of a pending invite that may change while it stays pending.
 *
 * @category Ports
 */
export interface PendingInviteChange {
  /** A new role. */
  readonly role?: string | undefined;
  /** A new expiry (a resend or re-invite extends it). */
  readonly expiresAt?: number | undefined;
  /** The inviter of a re-invite. */
  readonly invitedBy?: string | undefined;
  /** The inviter's display name of a re-invite. */
  readonly inviterName?: string | null | undefined;
  /** When it changed. */
  readonly updatedAt: number;
}

/**
 * What {@link InviteStore.updatePendingInvite} did.
 *
 * @category Ports
 */
export type PendingInviteUpdate =
  | {
      /** The invite was changed. */
      readonly status: 'updated';
      /** The invite after the change. */
      readonly invite: Invite;
    }
  | {
      /** The change would revive an expired invite while the entry has `pendingCap` live ones; nothing changed. */
      readonly status: 'cap_reached';
    }
  | {
      /** The invite is missing or no longer pending; nothing changed. */
      readonly status: 'not_pending';
    };

/**
 * A claim to send an invite's message now (I4).
 *
 * @category Ports
 */
export interface DeliveryClaim {
  /** The instant of the claim, in milliseconds since the epoch: it becomes `lastSentAt`. */
  readonly at: number;
  /** The least time between two sends of one invite, in milliseconds. */
  readonly intervalMs: number;
  /** How long a claimed send may take before another claim may replace it, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * A new expiry to set with the claim (a resend extends the invite, I3). When it revives an
   * expired invite, the pending cap applies as in {@link InviteStore.updatePendingInvite}.
   */
  readonly expiresAt?: number | undefined;
}

/**
 * What {@link InviteStore.claimDelivery} did.
 *
 * @category Ports
 */
export type DeliveryClaimOutcome =
  | {
      /** The send is this caller's to make. */
      readonly status: 'claimed';
      /** The invite after the claim: `sending`, `lastSentAt` = the claim's `at`. */
      readonly invite: Invite;
    }
  | {
      /** Another send is in flight, or the last one was less than the interval ago; nothing changed. */
      readonly status: 'too_soon';
    }
  | {
      /** The new expiry would revive the invite over the pending cap; nothing changed. */
      readonly status: 'cap_reached';
    }
  | {
      /** The invite is missing or no longer pending; nothing changed. */
      readonly status: 'not_pending';
    };

/**
 * The outcome of one claimed attempt to send an invite's message.
 *
 * @category Ports
 */
export interface DeliveryAttempt {
  /** The `at` of the claim the attempt belongs to. */
  readonly claimedAt: number;
  /** `sent`, or `failed` with `error`. */
  readonly status: 'sent' | 'failed';
  /** Why it failed; `null` when sent. */
  readonly error: string | null;
}

/**
 * A final state an invite moves to from `pending`, with who and when.
 *
 * @category Ports
 */
export interface InviteTransition {
  /** The new state. */
  readonly to: 'accepted' | 'declined' | 'revoked';
  /** When. */
  readonly at: number;
  /** The user id of whoever accepted, declined or revoked. */
  readonly by: string;
  /**
   * When given, the move is refused while a send claimed at or after this instant is in flight
   * (`deliveryStatus` is `sending` and `lastSentAt` ≥ it): a revoked invite is never mailed.
   */
  readonly unlessSendingSince?: number | undefined;
}

/**
 * One step of an acceptance whose grant the host applies: who claimed it, and when.
 *
 * @category Ports
 */
export interface AcceptanceClaim {
  /** The user id accepting. */
  readonly by: string;
  /** When the acceptance was claimed (`updatedAt` of the `accepting` invite). */
  readonly claimedAt: number;
}

/**
 * Storage for invites. Every change is conditional on what the caller saw, in one atomic
 * operation of the backing store, so two racing calls cannot both win (I3): an insert or a
 * revival is conditional on the entry's pending cap and on the address having no other live
 * invite; a state change on the invite's current state; a send on no other send being claimed
 * within the resend interval. "Not found" is `null`; any other failure throws.
 *
 * Live invites are `pending` (expired or not), `accepting` and `accepted`: an address has at
 * most one per entry. The pending cap counts `pending` invites unexpired at "now", and
 * `accepting` ones.
 *
 * @category Ports
 */
export interface InviteStore {
  /** A name for messages (`STORAGE_FAILED` says which store failed), such as `memory` or `postgres:access_links_`. */
  readonly name?: string | undefined;
  /**
   * A rate limiter over the same storage, shared by every server that uses it (the PostgreSQL
   * store's); absent when each process would count alone (the memory store). The HTTP layer
   * counts with it when the host names no `rateLimiter`.
   */
  readonly rateLimiter?: RateLimiter | undefined;
  /**
   * Closes what the store holds open (connections), if anything; optional.
   * @example
   * ```ts
   * process.on('SIGTERM', () => void inviteStore.close?.());
   * ```
   */
  close?(): Promise<void>;
  /**
   * Stores a new pending invite, atomically: only when the address (`emailKey`) has no live
   * invite on the entry, and only while the entry has fewer than `pendingCap` pending invites
   * unexpired at `now` (accepting ones count). When both fail, `exists` wins.
   * @param invite - the new invite.
   * @param pendingCap - the most live pending invites the entry may have.
   * @param now - the instant that decides which pending invites are expired.
   * @param events - the events to write with the invite (none when the outbox is off, or absent), in the same atomic step, only if it is `inserted`.
   * @returns what happened.
   * @example
   * ```ts
   * const invite = pendingInvite({
   *   id: '01JDQ0000000000000000000MN', entryId: 'room-1', email: 'Ada@Example.org', emailKey: 'ada@example.org',
   *   role: 'viewer', invitedBy: 'owner-1', inviterName: null, invitedAt: clock.now(), expiresAt: clock.now() + 7 * 86_400_000,
   * });
   * await inviteStore.insertInvite(invite, 500, clock.now()); // { status: 'inserted' }
   * await inviteStore.insertInvite({ ...invite, id: '01JDQ0000000000000000000MP' }, 500, clock.now()); // { status: 'exists', invite }
   * ```
   */
  insertInvite(invite: Invite, pendingCap: number, now: number, events?: readonly AccessEvent[]): Promise<InviteInsertion>;
  /**
   * Reads one invite.
   * @param inviteId - the invite.
   * @returns the invite, or `null`.
   * @example
   * ```ts
   * (await inviteStore.getInvite(inviteId))?.email; // 'alan@example.org'
   * ```
   */
  getInvite(inviteId: string): Promise<Invite | null>;
  /**
   * Lists an entry's invites in id order (ids are ULIDs, so oldest first): one page, so that no
   * answer grows with the data.
   * @param entryId - the entry.
   * @param page - from after which id, how many, and which state (as `inviteState` names it at
   *   `now`); every invite when absent.
   * @returns the invites.
   * @example
   * ```ts
   * (await inviteStore.listInvites('room-1', { after: null, limit: 50, state: 'pending', now: Date.now() })).map((i) => i.email);
   * ```
   */
  listInvites(entryId: string, page?: InvitePageQuery): Promise<Invite[]>;
  /**
   * The invites addressed to one person that can still be accepted: `pending` and unexpired at
   * `now`, on every entry, in id order, one page (I1: what a host shows as "you have 2
   * invitations").
   * @param emailKey - the person's address, as `emailKey` makes it.
   * @param page - the instant, from after which id, and how many.
   * @returns the invites.
   * @example
   * ```ts
   * const mine = await inviteStore.listInvitesFor('alan@example.org', { now: Date.now(), after: null, limit: 20 });
   * ```
   */
  listInvitesFor(emailKey: string, page: { readonly now: number; readonly after: string | null; readonly limit: number }): Promise<Invite[]>;
  /**
   * Removes, in one bounded batch, invites that finished before `finishedBefore`: accepted,
   * declined or revoked then (by `updatedAt`), or pending and expired then (R1). Never a live
   * invite. Safe to run from several processes at once.
   * @param request - the instant, the cut-off and the batch size.
   * @returns how many were removed, and whether more may remain.
   * @example
   * ```ts
   * const now = Date.now();
   * const swept = await inviteStore.sweep({ now, finishedBefore: now - 90 * 86_400_000, limit: 500 });
   * ```
   */
  sweep(request: { readonly now: number; readonly finishedBefore: number; readonly limit: number }): Promise<InviteSweepResult>;
  /**
   * Removes every invite addressed to a person, on every entry, in every state: an erasure
   * request (R1).
   * @param emailKey - the person's address, as `emailKey` makes it.
   * @param events - the events to write with the erasure, in the same atomic step, each with `detail.invites` set to the count erased.
   * @returns how many invites were removed.
   * @example
   * ```ts
   * await inviteStore.eraseInvitee('alan@example.org'); // 1
   * ```
   */
  eraseInvitee(emailKey: string, events?: readonly AccessEvent[]): Promise<number>;
  /**
   * Changes a pending invite, atomically, only while it is pending. A change that revives it
   * (it has expired at `now` and the new `expiresAt` is later than `now`) is made only while the
   * entry has fewer than `pendingCap` other live pending invites, as {@link InviteStore.insertInvite} counts them.
   * @param inviteId - the invite.
   * @param change - the fields to set.
   * @param pendingCap - the most live pending invites the entry may have.
   * @param now - the instant that decides what is expired.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if it is `updated`.
   * @returns what happened.
   * @example
   * ```ts
   * const changed = await inviteStore.updatePendingInvite(inviteId, { role: 'viewer', updatedAt: clock.now() }, 500, clock.now());
   * if (changed.status === 'updated') console.log(changed.invite.role); // 'viewer'
   * ```
   */
  updatePendingInvite(inviteId: string, change: PendingInviteChange, pendingCap: number, now: number, events?: readonly AccessEvent[]): Promise<PendingInviteUpdate>;
  /**
   * Claims the right to send a pending invite's message now, atomically, so that of several
   * racing sends exactly one mails: only if the invite is pending, no send is in flight (not
   * `sending`, or its claim is `timeoutMs` old or more), and the last send was at least
   * `intervalMs` before `at`. Sets `deliveryStatus` to `sending`, `lastSentAt` to `at`, clears
   * `deliveryError`, adds one attempt, and sets `expiresAt` when the claim carries one (under
   * the pending cap when that revives an expired invite).
   * @param inviteId - the invite.
   * @param claim - when, the interval and timeout, and optionally a new expiry.
   * @param pendingCap - the most live pending invites the entry may have.
   * @returns what happened.
   * @example
   * ```ts
   * const claim = await inviteStore.claimDelivery(inviteId, { at: clock.now(), intervalMs: 60_000, timeoutMs: 30_000 }, 500);
   * if (claim.status === 'claimed') {
   *   // send the message, then:
   *   await inviteStore.recordDelivery(inviteId, { claimedAt: claim.invite.lastSentAt!, status: 'sent', error: null });
   * }
   * ```
   */
  claimDelivery(inviteId: string, claim: DeliveryClaim, pendingCap: number): Promise<DeliveryClaimOutcome>;
  /**
   * Records how a claimed send went: `sent`, or `failed` with the reason; only if the claim is
   * still the invite's own (`sending` with `lastSentAt` equal to `claimedAt`).
   * @param inviteId - the invite.
   * @param attempt - which claim, and how it went.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns the invite after the change, or `null` when the claim is not the invite's any more.
   * @example
   * ```ts
   * const claim = await inviteStore.claimDelivery(inviteId, { at: clock.now(), intervalMs: 60_000, timeoutMs: 30_000 }, 500);
   * if (claim.status === 'claimed') {
   *   const after = await inviteStore.recordDelivery(inviteId, { claimedAt: clock.now(), status: 'failed', error: 'mailbox full' });
   *   console.log(after?.deliveryStatus, after?.deliveryError); // 'failed' 'mailbox full'
   * }
   * ```
   */
  recordDelivery(inviteId: string, attempt: DeliveryAttempt, events?: readonly AccessEvent[]): Promise<Invite | null>;
  /**
   * Moves a pending invite to a final state, atomically, only if it is still pending, and —
   * for `accepted` — unexpired at `transition.at`, and — with `unlessSendingSince` — not being
   * sent. Sets `acceptedBy` on acceptance and `decidedBy` always.
   * @param inviteId - the invite.
   * @param transition - the final state, with who and when.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns the invite after the change, or `null` when the condition did not hold.
   * @example
   * ```ts
   * const revoked = await inviteStore.finishInvite(inviteId, { to: 'revoked', at: clock.now(), by: 'owner-1' });
   * console.log(revoked?.state); // 'revoked'; finishing it again answers null
   * ```
   */
  finishInvite(inviteId: string, transition: InviteTransition, events?: readonly AccessEvent[]): Promise<Invite | null>;
  /**
   * Starts an acceptance whose grant the host must apply, atomically: moves a pending invite
   * unexpired at `claim.claimedAt` to `accepting` by `claim.by`, or takes over an `accepting`
   * invite of the same user whose claim was made before `staleBefore` (its grant never
   * finished). Sets `acceptedBy`, `decidedBy` and `updatedAt` (to `claimedAt`).
   * @param inviteId - the invite.
   * @param claim - who, and when.
   * @param staleBefore - an earlier claim by the same user older than this may be taken over.
   * @returns the invite after the change, or `null` when the condition did not hold.
   * @example
   * ```ts
   * const claim = { by: 'u-alan', claimedAt: clock.now() };
   * const accepting = await inviteStore.startAcceptance(inviteId, claim, clock.now() - 60_000);
   * if (accepting) {
   *   // apply the grant, then:
   *   await inviteStore.completeAcceptance(inviteId, claim);
   * }
   * ```
   */
  startAcceptance(inviteId: string, claim: AcceptanceClaim, staleBefore: number): Promise<Invite | null>;
  /**
   * Completes an acceptance once its grant is applied: `accepting` by `claim.by` since
   * `claim.claimedAt` becomes `accepted`, atomically.
   * @param inviteId - the invite.
   * @param claim - the acceptance's own claim.
   * @param events - the events to write with the change (none when the outbox is off, or absent), in the same atomic step, only if the change is made.
   * @returns the invite after the change, or `null` when the claim is not the invite's any more.
   * @example
   * ```ts
   * const claim = { by: 'u-alan', claimedAt: clock.now() };
   * await inviteStore.startAcceptance(inviteId, claim, clock.now() - 60_000);
   * (await inviteStore.completeAcceptance(inviteId, claim))?.state; // 'accepted'
   * ```
   */
  completeAcceptance(inviteId: string, claim: AcceptanceClaim, events?: readonly AccessEvent[]): Promise<Invite | null>;
  /**
   * Gives an invite back to its invitee when the grant failed: `accepting` by `claim.by` since
   * `claim.claimedAt` becomes `pending` again, with `acceptedBy` and `decidedBy` cleared.
   * @param inviteId - the invite.
   * @param claim - the acceptance's own claim.
   * @returns the invite after the change, or `null` when the claim is not the invite's any more.
   * @example
   * ```ts
   * const claim = { by: 'u-alan', claimedAt: clock.now() };
   * await inviteStore.startAcceptance(inviteId, claim, clock.now() - 60_000);
   * (await inviteStore.abandonAcceptance(inviteId, claim))?.state; // 'pending': the grant failed
   * ```
   */
  abandonAcceptance(inviteId: string, claim: AcceptanceClaim): Promise<Invite | null>;
}

