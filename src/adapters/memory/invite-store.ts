import { isInviteExpired, type Invite } from '../../domain/invite';
import type { InviteStore } from '../../ports/invite-store';

/** An {@link InviteStore} in memory, whose contents a test can look at. */
export interface MemoryInviteStore extends InviteStore {
  /**
   * Copies of every stored invite, oldest first.
   * @returns the invites.
   */
  inspect(): Invite[];
}

/**
 * Creates an invite store that keeps everything in memory. Each method runs to completion
 * without yielding, so every conditional change is atomic within one JavaScript process.
 *
 * @returns an empty store.
 *
 * @example
 * ```ts
 * const invites = createMemoryInviteStore();
 * invites.inspect(); // []
 * ```
 */
export function createMemoryInviteStore(): MemoryInviteStore {
  const invites = new Map<string, Invite>();
  // Each entry's invite ids, so an insert looks at its own entry only.
  const byEntry = new Map<string, string[]>();
  const ofEntry = (entryId: string) => (byEntry.get(entryId) ?? []).map((id) => invites.get(id)!);
  const copy = (invite: Invite | undefined) => (invite ? { ...invite } : null);
  const sorted = (list: Iterable<Invite>) =>
    [...list]
      .sort((a, b) => a.invitedAt - b.invitedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((invite) => ({ ...invite }));
  const update = (id: string, when: (invite: Invite) => boolean, change: Partial<Invite>) => {
    const invite = invites.get(id);
    if (!invite || !when(invite)) return null;
    const updated = { ...invite, ...change };
    invites.set(id, updated);
    return { ...updated };
  };

  return {
    async insertInvite(invite, pendingCap, now) {
      const siblings = ofEntry(invite.entryId);
      const existing = siblings.find(
        (other) => other.emailKey === invite.emailKey && (other.state === 'pending' || other.state === 'accepted'),
      );
      if (existing) return { status: 'exists', invite: { ...existing } };
      const pending = siblings.filter((other) => other.state === 'pending' && !isInviteExpired(other, now)).length;
      if (pending >= pendingCap || invites.has(invite.id)) return { status: 'cap_reached' };
      invites.set(invite.id, { ...invite });
      byEntry.set(invite.entryId, [...(byEntry.get(invite.entryId) ?? []), invite.id]);
      return { status: 'inserted' };
    },
    async getInvite(inviteId) {
      return copy(invites.get(inviteId));
    },
    async listInvites(entryId) {
      return sorted(ofEntry(entryId));
    },
    async updatePendingInvite(inviteId, change) {
      return update(inviteId, (invite) => invite.state === 'pending', change);
    },
    async finishInvite(inviteId, { to, at, by }) {
      return update(
        inviteId,
        (invite) => invite.state === 'pending' && (to !== 'accepted' || !isInviteExpired(invite, at)),
        { state: to, updatedAt: at, decidedBy: by, ...(to === 'accepted' ? { acceptedBy: by } : {}) },
      );
    },
    async reopenInvite(inviteId, by) {
      return update(inviteId, (invite) => invite.state === 'accepted' && invite.acceptedBy === by, {
        state: 'pending',
        acceptedBy: null,
        decidedBy: null,
      });
    },
    async recordDelivery(inviteId, { status, at, error }) {
      const invite = invites.get(inviteId);
      if (!invite) return null;
      return update(inviteId, () => true, {
        deliveryStatus: status,
        deliveryError: error,
        lastSentAt: at,
        deliveryAttempts: invite.deliveryAttempts + 1,
      });
    },
    inspect() {
      return sorted(invites.values());
    },
  };
}
