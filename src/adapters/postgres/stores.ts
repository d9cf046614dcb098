import type { GuestLinkStore } from '../../ports/guest-link-store';
import type { GuestSessionStore } from '../../ports/guest-session-store';
import type { InviteStore } from '../../ports/invite-store';
import type { SqlClient } from './client';
import { LOCK_NAMESPACE } from './migrations';
import { toGuestAccess, toGuestLink, toGuestSession, toInvite } from './rows';

const first = <T>(rows: Record<string, unknown>[], map: (row: Record<string, unknown>) => T): T | null =>
  rows[0] === undefined ? null : map(rows[0]);

const ACCESS_COLUMNS = 'entry_id, enabled, room_locked, updated_at, updated_by';

/**
 * A {@link GuestLinkStore} over PostgreSQL. Each atomic method is one statement: the cap is an
 * upsert on the entry's row that counts links only while under the cap (the row lock decides
 * between concurrent inserts), and a use is a conditional `UPDATE … RETURNING`.
 *
 * @param client - the database; run {@link migrate} on it first.
 * @returns the store.
 */
export function createPostgresGuestLinkStore(client: SqlClient): GuestLinkStore {
  return {
    async getGuestAccess(entryId) {
      const rows = await client.query(`SELECT ${ACCESS_COLUMNS} FROM access_links_guest_access WHERE entry_id = $1`, [entryId]);
      return first(rows, toGuestAccess);
    },
    async updateGuestAccess(entryId, change) {
      const rows = await client.query(
        `INSERT INTO access_links_guest_access AS a (entry_id, enabled, room_locked, updated_at, updated_by)
         VALUES ($1, COALESCE($2::boolean, false), COALESCE($3::boolean, false), $4::bigint, $5)
         ON CONFLICT (entry_id) DO UPDATE SET
           enabled = COALESCE($2::boolean, a.enabled),
           room_locked = COALESCE($3::boolean, a.room_locked),
           updated_at = $4::bigint,
           updated_by = $5
         RETURNING ${ACCESS_COLUMNS}`,
        [entryId, change.enabled ?? null, change.roomLocked ?? null, change.updatedAt, change.updatedBy],
      );
      return toGuestAccess(rows[0]!);
    },
    async insertLinkUnderCap(link, cap) {
      const rows = await client.query(
        `WITH slot AS (
           INSERT INTO access_links_guest_access AS a (entry_id, link_count)
           SELECT $2, 1 WHERE $10::int > 0
           ON CONFLICT (entry_id) DO UPDATE SET link_count = a.link_count + 1
           WHERE a.link_count < $10::int
           RETURNING a.entry_id
         )
         INSERT INTO access_links_guest_links
           (id, entry_id, name, use_limit, uses, duration_days, created_at, expires_at, created_by)
         SELECT $1, slot.entry_id, $3, $4::int, $5::int, $6::int, $7::bigint, $8::bigint, $9 FROM slot
         RETURNING id`,
        [link.id, link.entryId, link.name, link.useLimit, link.uses, link.durationDays, link.createdAt, link.expiresAt, link.createdBy, cap],
      );
      return rows.length === 1;
    },
    async getLink(linkId) {
      return first(await client.query('SELECT * FROM access_links_guest_links WHERE id = $1', [linkId]), toGuestLink);
    },
    async listLinks(entryId) {
      const rows = await client.query('SELECT * FROM access_links_guest_links WHERE entry_id = $1 ORDER BY created_at, id', [entryId]);
      return rows.map(toGuestLink);
    },
    async deleteLink(linkId) {
      const rows = await client.query(
        `WITH gone AS (DELETE FROM access_links_guest_links WHERE id = $1 RETURNING entry_id)
         UPDATE access_links_guest_access a SET link_count = a.link_count - 1
         FROM gone WHERE a.entry_id = gone.entry_id
         RETURNING a.entry_id`,
        [linkId],
      );
      return rows.length === 1;
    },
    async takeUse(linkId, now) {
      const rows = await client.query(
        `UPDATE access_links_guest_links SET uses = uses + 1
         WHERE id = $1 AND (use_limit IS NULL OR uses < use_limit) AND (expires_at IS NULL OR expires_at > $2::bigint)
         RETURNING *`,
        [linkId, now],
      );
      return first(rows, toGuestLink);
    },
    async releaseUse(linkId) {
      await client.query('UPDATE access_links_guest_links SET uses = uses - 1 WHERE id = $1 AND uses > 0', [linkId]);
    },
  };
}

/**
 * A {@link GuestSessionStore} over PostgreSQL. A status change is a conditional
 * `UPDATE … RETURNING` on the status the caller saw.
 *
 * @param client - the database; run {@link migrate} on it first.
 * @returns the store.
 */
export function createPostgresGuestSessionStore(client: SqlClient): GuestSessionStore {
  return {
    async insertSession(s) {
      await client.query(
        `INSERT INTO access_links_guest_sessions
           (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, status, joined_at, decided_at, decided_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::bigint, $10::bigint, $11)`,
        [s.id, s.entryId, s.linkId, s.linkName, s.guestName, s.guestEmail, s.emailKey, s.status, s.joinedAt, s.decidedAt, s.decidedBy],
      );
    },
    async getSession(sessionId) {
      return first(await client.query('SELECT * FROM access_links_guest_sessions WHERE id = $1', [sessionId]), toGuestSession);
    },
    async listSessions(entryId) {
      const rows = await client.query('SELECT * FROM access_links_guest_sessions WHERE entry_id = $1 ORDER BY joined_at, id', [entryId]);
      return rows.map(toGuestSession);
    },
    async listSessionsOfGuest(entryId, emailKey) {
      const rows = await client.query(
        'SELECT * FROM access_links_guest_sessions WHERE entry_id = $1 AND email_key = $2 ORDER BY joined_at, id',
        [entryId, emailKey],
      );
      return rows.map(toGuestSession);
    },
    async updateSessionStatus(sessionId, from, decision) {
      const rows = await client.query(
        `UPDATE access_links_guest_sessions SET status = $3, decided_at = $4::bigint, decided_by = $5
         WHERE id = $1 AND status = $2 RETURNING *`,
        [sessionId, from, decision.status, decision.decidedAt, decision.decidedBy],
      );
      return first(rows, toGuestSession);
    },
  };
}

/**
 * An {@link InviteStore} over PostgreSQL. One pending-or-accepted invite per address is a
 * unique index; the pending cap, which depends on the clock, is a conditional insert made while
 * holding a transaction-scoped advisory lock on the entry; state changes are conditional
 * `UPDATE … RETURNING`s.
 *
 * @param client - the database; run {@link migrate} on it first.
 * @returns the store.
 */
export function createPostgresInviteStore(client: SqlClient): InviteStore {
  return {
    async insertInvite(i, pendingCap, now) {
      return client.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOCK_NAMESPACE.invites, i.entryId]);
        // A new statement, so a new snapshot: it sees every invite committed before the lock was ours.
        const inserted = await tx.query(
          `INSERT INTO access_links_invites
             (id, entry_id, email, email_key, role, state, invited_by, inviter_name, invited_at, expires_at, updated_at,
              accepted_by, decided_by, delivery_status, delivery_attempts, last_sent_at, delivery_error)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9::bigint, $10::bigint, $11::bigint, $12, $13, $14, $15::int, $16::bigint, $17
           WHERE NOT EXISTS (
               SELECT 1 FROM access_links_invites
               WHERE entry_id = $2 AND email_key = $4 AND state IN ('pending', 'accepted'))
             AND (SELECT count(*) FROM access_links_invites
                  WHERE entry_id = $2 AND state = 'pending' AND expires_at > $19::bigint) < $18::int
           RETURNING id`,
          [
            i.id, i.entryId, i.email, i.emailKey, i.role, i.state, i.invitedBy, i.inviterName, i.invitedAt, i.expiresAt,
            i.updatedAt, i.acceptedBy, i.decidedBy, i.deliveryStatus, i.deliveryAttempts, i.lastSentAt, i.deliveryError,
            pendingCap, now,
          ],
        );
        if (inserted.length === 1) return { status: 'inserted' as const };
        const existing = await tx.query(
          `SELECT * FROM access_links_invites WHERE entry_id = $1 AND email_key = $2 AND state IN ('pending', 'accepted')`,
          [i.entryId, i.emailKey],
        );
        return existing[0] === undefined
          ? { status: 'cap_reached' as const }
          : { status: 'exists' as const, invite: toInvite(existing[0]) };
      });
    },
    async getInvite(inviteId) {
      return first(await client.query('SELECT * FROM access_links_invites WHERE id = $1', [inviteId]), toInvite);
    },
    async listInvites(entryId) {
      const rows = await client.query('SELECT * FROM access_links_invites WHERE entry_id = $1 ORDER BY invited_at, id', [entryId]);
      return rows.map(toInvite);
    },
    async updatePendingInvite(inviteId, change) {
      const rows = await client.query(
        `UPDATE access_links_invites SET
           role = COALESCE($2, role),
           expires_at = COALESCE($3::bigint, expires_at),
           invited_by = COALESCE($4, invited_by),
           inviter_name = CASE WHEN $5::boolean THEN $6 ELSE inviter_name END,
           updated_at = $7::bigint
         WHERE id = $1 AND state = 'pending' RETURNING *`,
        [
          inviteId, change.role ?? null, change.expiresAt ?? null, change.invitedBy ?? null,
          change.inviterName !== undefined, change.inviterName ?? null, change.updatedAt,
        ],
      );
      return first(rows, toInvite);
    },
    async finishInvite(inviteId, { to, at, by }) {
      const rows = await client.query(
        `UPDATE access_links_invites SET
           state = $2, updated_at = $3::bigint, decided_by = $4,
           accepted_by = CASE WHEN $2 = 'accepted' THEN $4 ELSE accepted_by END
         WHERE id = $1 AND state = 'pending' AND ($2 <> 'accepted' OR expires_at > $3::bigint)
         RETURNING *`,
        [inviteId, to, at, by],
      );
      return first(rows, toInvite);
    },
    async reopenInvite(inviteId, by) {
      const rows = await client.query(
        `UPDATE access_links_invites SET state = 'pending', accepted_by = NULL, decided_by = NULL
         WHERE id = $1 AND state = 'accepted' AND accepted_by = $2 RETURNING *`,
        [inviteId, by],
      );
      return first(rows, toInvite);
    },
    async recordDelivery(inviteId, { status, at, error }) {
      const rows = await client.query(
        `UPDATE access_links_invites SET
           delivery_status = $2, last_sent_at = $3::bigint, delivery_error = $4, delivery_attempts = delivery_attempts + 1
         WHERE id = $1 RETURNING *`,
        [inviteId, status, at, error],
      );
      return first(rows, toInvite);
    },
  };
}

/** The three PostgreSQL stores over one database. */
export interface PostgresStores {
  /** Guest links and guest-access settings. */
  readonly guestLinks: GuestLinkStore;
  /** Guest sessions. */
  readonly guestSessions: GuestSessionStore;
  /** Invites. */
  readonly invites: InviteStore;
}

/**
 * All three PostgreSQL stores over one database, ready for `createAccessLinks` and
 * `createInvites`.
 *
 * @param client - the database; run {@link migrate} on it first.
 * @returns the stores.
 *
 * @example
 * ```ts
 * const client = fromPg(new pg.Pool());
 * await migrate(client);
 * const { guestLinks, guestSessions, invites } = createPostgresStores(client);
 * ```
 */
export function createPostgresStores(client: SqlClient): PostgresStores {
  return {
    guestLinks: createPostgresGuestLinkStore(client),
    guestSessions: createPostgresGuestSessionStore(client),
    invites: createPostgresInviteStore(client),
  };
}
