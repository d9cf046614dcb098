import type { GuestSession } from '../../domain/guest-session';
import type { GuestSessionStore } from '../../ports/guest-session-store';

/** A {@link GuestSessionStore} in memory, whose contents a test can look at. */
export interface MemoryGuestSessionStore extends GuestSessionStore {
  /**
   * Copies of every stored session, oldest first.
   * @returns the sessions.
   */
  inspect(): GuestSession[];
}

/**
 * Creates a guest-session store that keeps everything in memory.
 *
 * @returns an empty store.
 *
 * @example
 * ```ts
 * const guestSessions = createMemoryGuestSessionStore();
 * guestSessions.inspect(); // []
 * ```
 */
export function createMemoryGuestSessionStore(): MemoryGuestSessionStore {
  const sessions = new Map<string, GuestSession>();
  // One guest's sessions on one entry, by `entryId` and `emailKey`, so joins need not scan all.
  const ofGuest = new Map<string, string[]>();
  const guestKey = (entryId: string, emailKey: string) => `${entryId}\n${emailKey}`;
  const sorted = (list: Iterable<GuestSession>, filter: (session: GuestSession) => boolean = () => true) =>
    [...list]
      .filter(filter)
      .sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((session) => ({ ...session }));

  return {
    async insertSession(session) {
      sessions.set(session.id, { ...session });
      const key = guestKey(session.entryId, session.emailKey);
      ofGuest.set(key, [...(ofGuest.get(key) ?? []), session.id]);
    },
    async getSession(sessionId) {
      const found = sessions.get(sessionId);
      return found ? { ...found } : null;
    },
    async listSessions(entryId) {
      return sorted(sessions.values(), (session) => session.entryId === entryId);
    },
    async listSessionsOfGuest(entryId, emailKey) {
      return sorted((ofGuest.get(guestKey(entryId, emailKey)) ?? []).map((id) => sessions.get(id)!));
    },
    async updateSessionStatus(sessionId, from, decision) {
      const session = sessions.get(sessionId);
      if (!session || session.status !== from) return null;
      const updated = { ...session, ...decision };
      sessions.set(sessionId, updated);
      return { ...updated };
    },
    inspect() {
      return sorted(sessions.values());
    },
  };
}
