import { inviteState, isInviteExpired, isLiveInvite, type Invite } from '../../domain/invite';
import type { InviteStore } from '../../ports/invite-store';
import type { AccessEvent } from '../../ports/events';
import type { MemoryStoreOptions } from './guest-store';
import { createMemoryOutbox, type MemoryOutbox } from './outbox';
import { insertSorted, removeSorted, upperBound } from './sorted';

/**
 * An {@link InviteStore} in memory, whose contents a test can look at.
 *
 * @category Stores
 */
export interface MemoryInviteStore extends InviteStore {
  /** The outbox its changes write their events into. */
  readonly outbox: MemoryOutbox;
  /**
   * Copies of every stored invite, oldest first.
   * @returns the invites.
   * @example
   * ```ts
   * inviteStore.inspect().map((invite) => [invite.email, invite.state]); // [['alan@example.org', 'pending']]
   * ```
   */
  inspect(): Invite[];
}

/** What the store keeps per entry so that no operation scans the entry's invites. */
interface EntryIndex {
  /** The entry's invite ids, in increasing order. */
  readonly ids: string[];
  /** Each address's live invite. */
  readonly live: Map<string, string>;
  /** The expiry of every pending invite, in ascending order. */
  readonly pendingExpiries: number[];
  /** How many invites are being accepted. */
  accepting: number;
}

/**
 * Creates an invite store that keeps everything in memory. Each method runs to completion
 * without yielding, so every conditional change is atomic within one JavaScript process. The
 * store indexes each entry's live addresses and pending expiries, so an insert costs O(log n)
 * comparisons in the entry's invites, not a scan.
 *
 * @param options - the outbox to write events into, to share one with the guest store.
 * @returns an empty store.
 *
 * @example
 * ```ts
 * const invites = createMemoryInviteStore();
 * invites.inspect(); // []
 * ```
 *
 * @category Stores
 */
export function createMemoryInviteStore(options: MemoryStoreOptions = {}): MemoryInviteStore {
  const outbox = options.outbox ?? createMemoryOutbox();
  /** Writes a change's events; each `detail.role`, where there is one, is the invite's role after it. */
  const write = (events: readonly AccessEvent[] | undefined, invite?: Invite | null) => {
    if (events === undefined || events.length === 0) return;
    outbox.write(invite == null ? events : events.map((event) => ('role' in event.detail ? { ...event, detail: { ...event.detail, role: invite.role } } : event)));
  };
  const invites = new Map<string, Invite>();
  const entries = new Map<string, EntryIndex>();
  // Each address's invites on every entry, in increasing id order.
  const byEmailKey = new Map<string, string[]>();

  const indexOf = (entryId: string): EntryIndex => {
    let index = entries.get(entryId);
    if (index === undefined) {
      index = { ids: [], live: new Map(), pendingExpiries: [], accepting: 0 };
      entries.set(entryId, index);
    }
    return index;
  };
  const pendingCount = (index: EntryIndex, now: number) =>
    index.pendingExpiries.length - upperBound(index.pendingExpiries, now) + index.accepting;

  /** Stores `next` in place of `previous` (or as new), keeping the entry's indexes right. */
  const put = (previous: Invite | undefined, next: Invite): Invite => {
    const index = indexOf(next.entryId);
    if (previous) {
      if (isLiveInvite(previous) && index.live.get(previous.emailKey) === previous.id) index.live.delete(previous.emailKey);
      if (previous.state === 'pending') removeSorted(index.pendingExpiries, previous.expiresAt);
      if (previous.state === 'accepting') index.accepting -= 1;
    } else {
      insertSorted(index.ids, next.id);
      let mine = byEmailKey.get(next.emailKey);
      if (mine === undefined) byEmailKey.set(next.emailKey, (mine = []));
      insertSorted(mine, next.id);
    }
    if (isLiveInvite(next)) index.live.set(next.emailKey, next.id);
    if (next.state === 'pending') insertSorted(index.pendingExpiries, next.expiresAt);
    if (next.state === 'accepting') index.accepting += 1;
    invites.set(next.id, next);
    return { ...next };
  };
  const remove = (invite: Invite) => {
    const index = indexOf(invite.entryId);
    if (isLiveInvite(invite) && index.live.get(invite.emailKey) === invite.id) index.live.delete(invite.emailKey);
    if (invite.state === 'pending') removeSorted(index.pendingExpiries, invite.expiresAt);
    if (invite.state === 'accepting') index.accepting -= 1;
    removeSorted(index.ids, invite.id);
    const mine = byEmailKey.get(invite.emailKey);
    if (mine !== undefined) {
      removeSorted(mine, invite.id);
      if (mine.length === 0) byEmailKey.delete(invite.emailKey);
    }
    invites.delete(invite.id);
  };
  const change = (inviteId: string, when: (invite: Invite) => boolean, fields: Partial<Invite>): Invite | null => {
    const invite = invites.get(inviteId);
    return invite && when(invite) ? put(invite, { ...invite, ...fields }) : null;
  };

  /** A conditional change's answer, with its events written when it was made. */
  const changed = (events: readonly AccessEvent[] | undefined, invite: Invite | null): Invite | null => {
    if (invite !== null) write(events, invite);
    return invite;
  };

  return {
    name: 'memory',
    outbox,
    async insertInvite(invite, pendingCap, now, events) {
      const index = indexOf(invite.entryId);
      const existing = index.live.get(invite.emailKey);
      if (existing !== undefined) return { status: 'exists', invite: { ...invites.get(existing)! } };
      if (pendingCount(index, now) >= pendingCap || invites.has(invite.id)) return { status: 'cap_reached' };
      put(undefined, { ...invite });
      write(events);
      return { status: 'inserted' };
    },
    async getInvite(inviteId) {
      const invite = invites.get(inviteId);
      return invite ? { ...invite } : null;
    },
    async listInvites(entryId, page) {
      const ids = entries.get(entryId)?.ids ?? [];
      const found: Invite[] = [];
      const limit = page?.limit ?? Number.POSITIVE_INFINITY;
      for (let i = page?.after == null ? 0 : upperBound(ids, page.after); i < ids.length && found.length < limit; i++) {
        const invite = invites.get(ids[i]!)!;
        if (page?.state == null || inviteState(invite, page.now) === page.state) found.push({ ...invite });
      }
      return found;
    },
    async listInvitesFor(emailKey, { now, after, limit }) {
      const ids = byEmailKey.get(emailKey) ?? [];
      const found: Invite[] = [];
      for (let i = after === null ? 0 : upperBound(ids, after); i < ids.length && found.length < limit; i++) {
        const invite = invites.get(ids[i]!)!;
        if (invite.state === 'pending' && !isInviteExpired(invite, now)) found.push({ ...invite });
      }
      return found;
    },
    async sweep({ now, finishedBefore, limit }) {
      let removed = 0;
      for (const invite of invites.values()) {
        if (removed >= limit) break;
        const finished =
          invite.state === 'accepted' || invite.state === 'declined' || invite.state === 'revoked'
            ? invite.updatedAt < finishedBefore
            : invite.state === 'pending' && invite.expiresAt < finishedBefore && invite.expiresAt <= now;
        if (!finished) continue;
        remove(invite);
        removed += 1;
      }
      return { invites: removed, more: removed >= limit };
    },
    async eraseInvitee(emailKey, events) {
      const ids = [...(byEmailKey.get(emailKey) ?? [])];
      for (const id of ids) remove(invites.get(id)!);
      write(events?.map((event) => ({ ...event, detail: { ...event.detail, invites: ids.length } })));
      return ids.length;
    },
    async updatePendingInvite(inviteId, pending, pendingCap, now, events) {
      const invite = invites.get(inviteId);
      if (!invite || invite.state !== 'pending') return { status: 'not_pending' };
      const revives = isInviteExpired(invite, now) && pending.expiresAt !== undefined && pending.expiresAt > now;
      if (revives && pendingCount(indexOf(invite.entryId), now) >= pendingCap) return { status: 'cap_reached' };
      const fields: { -readonly [K in keyof Invite]?: Invite[K] } = { updatedAt: pending.updatedAt };
      if (pending.role !== undefined) fields.role = pending.role;
      if (pending.expiresAt !== undefined) fields.expiresAt = pending.expiresAt;
      if (pending.invitedBy !== undefined) fields.invitedBy = pending.invitedBy;
      if (pending.inviterName !== undefined) fields.inviterName = pending.inviterName;
      const updated = put(invite, { ...invite, ...fields });
      write(events);
      return { status: 'updated', invite: updated };
    },
    async claimDelivery(inviteId, { at, intervalMs, timeoutMs, expiresAt }, pendingCap) {
      const invite = invites.get(inviteId);
      if (!invite || invite.state !== 'pending') return { status: 'not_pending' };
      const inFlight = invite.deliveryStatus === 'sending' && at < invite.lastSentAt! + timeoutMs;
      if (inFlight || (invite.lastSentAt !== null && at < invite.lastSentAt + intervalMs)) return { status: 'too_soon' };
      const revives = expiresAt !== undefined && isInviteExpired(invite, at) && expiresAt > at;
      if (revives && pendingCount(indexOf(invite.entryId), at) >= pendingCap) return { status: 'cap_reached' };
      const claimed = put(invite, {
        ...invite,
        ...(expiresAt === undefined ? {} : { expiresAt, updatedAt: at }),
        deliveryStatus: 'sending',
        lastSentAt: at,
        deliveryError: null,
        deliveryAttempts: invite.deliveryAttempts + 1,
      });
      return { status: 'claimed', invite: claimed };
    },
    async recordDelivery(inviteId, { claimedAt, status, error }, events) {
      return changed(events, change(inviteId, (invite) => invite.deliveryStatus === 'sending' && invite.lastSentAt === claimedAt, {
        deliveryStatus: status,
        deliveryError: error,
      }));
    },
    async finishInvite(inviteId, { to, at, by, unlessSendingSince }, events) {
      return changed(events, change(
        inviteId,
        (invite) =>
          invite.state === 'pending' &&
          (to !== 'accepted' || !isInviteExpired(invite, at)) &&
          !(unlessSendingSince !== undefined && invite.deliveryStatus === 'sending' && invite.lastSentAt! >= unlessSendingSince),
        { state: to, updatedAt: at, decidedBy: by, ...(to === 'accepted' ? { acceptedBy: by } : {}) },
      ));
    },
    async startAcceptance(inviteId, { by, claimedAt }, staleBefore) {
      return change(
        inviteId,
        (invite) =>
          (invite.state === 'pending' && !isInviteExpired(invite, claimedAt)) ||
          (invite.state === 'accepting' && invite.acceptedBy === by && invite.updatedAt < staleBefore),
        { state: 'accepting', acceptedBy: by, decidedBy: by, updatedAt: claimedAt },
      );
    },
    async completeAcceptance(inviteId, { by, claimedAt }, events) {
      return changed(events, change(inviteId, (invite) => invite.state === 'accepting' && invite.acceptedBy === by && invite.updatedAt === claimedAt, {
        state: 'accepted',
      }));
    },
    async abandonAcceptance(inviteId, { by, claimedAt }) {
      return change(inviteId, (invite) => invite.state === 'accepting' && invite.acceptedBy === by && invite.updatedAt === claimedAt, {
        state: 'pending',
        acceptedBy: null,
        decidedBy: null,
      });
    },
    inspect() {
      return [...invites.values()]
        .sort((a, b) => a.invitedAt - b.invitedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((invite) => ({ ...invite }));
    },
  };
}

