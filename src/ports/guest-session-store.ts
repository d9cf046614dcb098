import type { GuestSession, GuestSessionStatus } from '../domain/guest-session';

/** The fields a moderator's decision changes on a guest session. */
export interface GuestSessionDecision {
  /** The new status. */
  readonly status: GuestSessionStatus;
  /** When the decision was made, in milliseconds since the epoch. */
  readonly decidedAt: number;
  /** The moderator's user id. */
  readonly decidedBy: string;
}

/**
 * Storage for guest sessions. A status change is conditional on the status the caller saw,
 * so two moderators acting at once cannot both win. "Not found" is `null`; any other failure
 * throws.
 */
export interface GuestSessionStore {
  /**
   * Stores a new session.
   * @param session - the session; its id is new.
   */
  insertSession(session: GuestSession): Promise<void>;
  /**
   * Reads one session.
   * @param sessionId - the session.
   * @returns the session, or `null`.
   */
  getSession(sessionId: string): Promise<GuestSession | null>;
  /**
   * Lists an entry's sessions, oldest first (by `joinedAt`, then `id`).
   * @param entryId - the entry.
   * @returns the sessions; empty when there are none.
   */
  listSessions(entryId: string): Promise<GuestSession[]>;
  /**
   * Lists one guest's sessions on an entry, oldest first.
   * @param entryId - the entry.
   * @param emailKey - the guest's email key (lower case).
   * @returns the sessions; empty when there are none.
   */
  listSessionsOfGuest(entryId: string, emailKey: string): Promise<GuestSession[]>;
  /**
   * Changes a session's status only if it is still `from`, atomically.
   * @param sessionId - the session.
   * @param from - the status the caller saw.
   * @param decision - the new status, with who decided and when.
   * @returns the session after the change, or `null` when it is missing or no longer `from`.
   */
  updateSessionStatus(
    sessionId: string,
    from: GuestSessionStatus,
    decision: GuestSessionDecision,
  ): Promise<GuestSession | null>;
}
