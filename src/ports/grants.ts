/**
 * What an accepted invite grants: a role on an entry to a platform user (I1).
 *
 * @category Ports
 */
export interface Grant {
  /** The accepted invite. */
  readonly inviteId: string;
  /** The entry. */
  readonly entryId: string;
  /** The user who accepted. */
  readonly userId: string;
  /** The role granted. */
  readonly role: string;
  /** When it was accepted, in milliseconds since the epoch. */
  readonly grantedAt: number;
}

/**
 * The host's membership system, told of each acceptance once. If `grant` throws, the
 * acceptance is rolled back (the invite is pending again) and the error surfaces, so no invite
 * is ever accepted without its grant.
 *
 * @category Ports
 */
export interface GrantPort {
  /**
   * Gives the user the role on the entry. Called once per acceptance.
   * @param grant - the grant.
   * @example
   * ```ts
   * const members = new Map<string, string>();
   * const grants: GrantPort = {
   *   // Keyed by invite and user, so that a second call for the same acceptance changes nothing.
   *   async grant({ entryId, userId, role }) {
   *     members.set(`${entryId}/${userId}`, role);
   *   },
   * };
   * const withGrants = createInviteLinks({ store: inviteStore, directory, keyRing, inviteUrl: (t) => t, grants });
   * await withGrants.acceptInvite({ token: inviteToken, claimant: { userId: 'u-alan', email: 'alan@example.org', emailVerified: true } });
   * members.get('room-1/u-alan'); // 'speaker'
   * ```
   */
  grant(grant: Grant): Promise<void>;
}
