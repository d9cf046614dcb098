import { AccessLinksError } from '../../domain/errors';
import type { GuestJoinRefusal, GuestStore } from '../../ports/guest-store';
import type { InviteStore, PendingInviteChange } from '../../ports/invite-store';
import type { Outbox } from '../../ports/outbox';
import type { RateLimiter } from '../../ports/rate-limiter';
import { checkKeyedLimits, gcraConstants } from '../../domain/rate-limit';
import type { SqlClient } from './client';
import { createPostgresOutbox, eventsParam, eventsWritten, extra, withEvents } from './outbox';
import { placed, placementName, placementOf, type PostgresLayout } from './prefix';
import { toGuestAccess, toGuestLink, toGuestSession, toInvite } from './rows';

type Row = Record<string, unknown>;

const first = <T>(rows: Row[], map: (row: Row) => T): T | null => (rows[0] === undefined ? null : map(rows[0]));

// An event as an invite's change writes it: its `detail.role`, where it has one, the invite's role after the change.
const WITH_ROLE = `CASE WHEN ev.e->'detail' ? 'role' THEN jsonb_set(ev.e, '{detail,role}', to_jsonb(changed.role)) ELSE ev.e END`;

const ACCESS_COLUMNS = 'entry_id, enabled, room_locked, updated_at, updated_by';
// Whether a session's guest is blocked on its entry (by email key or client key): an index probe.
const IS_BLOCKED = `EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = s.entry_id
  AND ((b.kind = 'email' AND b.key = s.email_key) OR (b.kind = 'client' AND b.key = s.client_key)))`;
const BLOCKED = `${IS_BLOCKED} AS blocked`;
const LINK_AS = `l.id AS l_id, l.entry_id AS l_entry_id, l.name AS l_name, l.use_limit AS l_use_limit, l.uses AS l_uses,
  l.duration_days AS l_duration_days, l.created_at AS l_created_at, l.expires_at AS l_expires_at, l.created_by AS l_created_by,
  l.allowed_domains AS l_allowed_domains, l.blocked_domains AS l_blocked_domains, l.passcode_hash AS l_passcode_hash`;
const ACCESS_AS = `a.entry_id AS a_entry_id, a.enabled AS a_enabled, a.room_locked AS a_room_locked,
  a.updated_at AS a_updated_at, a.updated_by AS a_updated_by`;

/** The columns of a row whose names start with `prefix`, without it; `null` when the joined row is absent. */
function part(row: Row, prefix: string, key: string): Row | null {
  if (row[`${prefix}${key}`] === null || row[`${prefix}${key}`] === undefined) return null;
  const out: Row = {};
  for (const [name, value] of Object.entries(row)) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = value;
  return out;
}

// A btree index entry holds at most about 2,700 bytes; ids, keys and addresses stay well under.
const MAX_KEY_BYTES = 1_000;
const encoder = new TextEncoder();

/**
 * Refuses, before any SQL runs, a value PostgreSQL cannot hold as given: text with a NUL byte or
 * a lone surrogate (which a driver would store as U+FFFD, merging two ids), or an indexed key
 * longer than an index entry allows.
 */
function guard(values: Record<string, unknown>, keys: readonly string[] = []): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    if (value.includes('\u0000') || /\p{Cs}/u.test(value)) {
      throw new AccessLinksError('INVALID_RECORD', `${name} holds a NUL byte or a lone surrogate, which PostgreSQL cannot store.`);
    }
    if (keys.includes(name) && encoder.encode(value).length > MAX_KEY_BYTES) {
      throw new AccessLinksError('INVALID_RECORD', `${name} is longer than ${MAX_KEY_BYTES} bytes, more than an index entry holds.`);
    }
  }
}

/**
 * A {@link GuestStore} over PostgreSQL. The cap is an upsert on the entry's settings row that
 * counts links only while under the cap; a join, a moderator's decision and a delete are each
 * one call of a function the migrations create, which locks the entry's settings row first (a
 * join shares the lock; a switch, a lock, a decline and a delete take it alone), so every
 * join is ordered with every change that can refuse it.
 *
 * @param database - the database; run {@link migrate} on it first, with the same layout.
 * @param layout - the schema and the table prefix, when not the defaults.
 * @returns the store; its `rateLimiter` counts in the same database, and is the one the HTTP
 *   layer uses when given none.
 *
 * @example
 * ```ts
 * const store = createPostgresGuestStore(fromPg(pool));
 * ```
 *
 * @category Stores
 */
export function createPostgresGuestStore(database: SqlClient, layout?: PostgresLayout): GuestStore {
  const placement = placementOf(layout);
  const client = placed(database, placement);
  return {
    name: `postgres:${placementName(placement)}`,
    rateLimiter: createPostgresRateLimiter(database, layout),
    close: async () => database.close?.(),
    async getGuestAccess(entryId) {
      const rows = await client.query(`SELECT ${ACCESS_COLUMNS} FROM access_links_guest_access WHERE entry_id = $1`, [entryId]);
      return first(rows, toGuestAccess);
    },
    async updateGuestAccess(entryId, change, events) {
      guard({ entryId, updatedBy: change.updatedBy }, ['entryId']);
      const written = eventsParam(events);
      const rows = await client.query(
        withEvents(
          `INSERT INTO access_links_guest_access AS a (entry_id, enabled, room_locked, updated_at, updated_by)
           VALUES ($1, COALESCE($2::boolean, false), COALESCE($3::boolean, false), $4::bigint, $5)
           ON CONFLICT (entry_id) DO UPDATE SET
             enabled = COALESCE($2::boolean, a.enabled),
             room_locked = COALESCE($3::boolean, a.room_locked),
             updated_at = $4::bigint,
             updated_by = $5
           RETURNING ${ACCESS_COLUMNS}`,
          written,
          6,
        ),
        [entryId, change.enabled ?? null, change.roomLocked ?? null, change.updatedAt, change.updatedBy, ...extra(written)],
      );
      return toGuestAccess(rows[0]!);
    },
    async insertLinkUnderCap(link, cap, events) {
      guard({ ...link }, ['id', 'entryId']);
      const written = eventsParam(events);
      const rows = await client.query(
        `WITH slot AS (
           INSERT INTO access_links_guest_access AS a (entry_id, link_count)
           SELECT $2, 1 WHERE $10::int > 0
           ON CONFLICT (entry_id) DO UPDATE SET link_count = a.link_count + 1
           WHERE a.link_count < $10::int
           RETURNING a.entry_id
         ), inserted AS (
           INSERT INTO access_links_guest_links
             (id, entry_id, name, use_limit, uses, duration_days, created_at, expires_at, created_by, allowed_domains, blocked_domains, passcode_hash, verify_email)
           SELECT $1, slot.entry_id, $3, $4::int, $5::int, $6::int, $7::bigint, $8::bigint, $9, $11, $12, $13, $14::boolean FROM slot
           RETURNING id
         )${written === null ? '' : `, ${eventsWritten(15, 'EXISTS (SELECT 1 FROM inserted)')}`}
         SELECT id FROM inserted`,
        [link.id, link.entryId, link.name, link.useLimit, link.uses, link.durationDays, link.createdAt, link.expiresAt, link.createdBy, cap,
          link.allowedDomains.join(' '), link.blockedDomains.join(' '), link.passcodeHash, link.verifyEmail === true, ...extra(written)],
      );
      return rows.length === 1;
    },
    async readLink(linkId) {
      const rows = await client.query(
        `SELECT l.*, ${ACCESS_AS} FROM access_links_guest_links l
         LEFT JOIN access_links_guest_access a ON a.entry_id = l.entry_id WHERE l.id = $1`,
        [linkId],
      );
      return first(rows, (row) => {
        const access = part(row, 'a_', 'entry_id');
        return { link: toGuestLink(row), access: access === null ? null : toGuestAccess(access) };
      });
    },
    async listLinks(entryId) {
      const rows = await client.query('SELECT * FROM access_links_guest_links WHERE entry_id = $1 ORDER BY created_at, id', [entryId]);
      return rows.map(toGuestLink);
    },
    async deleteLink(entryId, linkId, events) {
      const written = eventsParam(events);
      const rows = await client.query(
        withEvents('SELECT access_links_delete_link($1, $2) AS deleted', written, 3, 'EXISTS (SELECT 1 FROM changed WHERE changed.deleted)'),
        [entryId, linkId, ...extra(written)],
      );
      return rows[0]?.['deleted'] === true;
    },
    async setLinkPasscode(entryId, linkId, passcodeHash, events) {
      // One statement: a join judged against the old hash after this is refused by the join's function.
      const written = eventsParam(events);
      const rows = await client.query(
        withEvents('UPDATE access_links_guest_links SET passcode_hash = $3 WHERE entry_id = $1 AND id = $2 RETURNING *', written, 4),
        [entryId, linkId, passcodeHash, ...extra(written)],
      );
      return first(rows, toGuestLink);
    },
    async joinGuest({ session: s, waitingRoom, now, maxGuestsPerLink, maxWaitingGuests, declinedSince, passcodeHash, countDay, events }) {
      guard({ ...s }, ['id', 'entryId', 'linkId', 'emailKey', 'erasureKey', 'clientKey']);
      // Counted (A1) by the function, on the link's row as it takes the use: a join is counted if
      // and only if it landed. Its events are written by the same statement, with the status it landed with.
      const written = eventsParam(events);
      const rows = await client.query(
        `SELECT reasons, status, again FROM ${written === null ? 'access_links_join_guest' : 'access_links_join_guest_writing'}($1, $2, $3, $4, $5, $6, $7, $8, $9,
           $10::bigint, $11::boolean, $12::int, $13::int, $14::bigint, $15, $16::boolean, $17::int${written === null ? '' : ', $18::text::jsonb'})`,
        [s.id, s.entryId, s.linkId, s.linkName, s.guestName, s.guestEmail, s.emailKey, s.erasureKey, s.clientKey, now, waitingRoom,
          maxGuestsPerLink, maxWaitingGuests, declinedSince, passcodeHash, s.verified === true, countDay ?? null, ...extra(written)],
      );
      const row = rows[0]!;
      if (row['status'] === null) return { status: 'refused', reasons: row['reasons'] as GuestJoinRefusal[] };
      if (row['again'] === true) {
        // The same verified join again (V4): the stored session, as a read answers it (declined while blocked).
        const stored = await client.query(`SELECT s.*, ${BLOCKED} FROM access_links_guest_sessions s WHERE s.id = $1`, [s.id]);
        const session = first(stored, toGuestSession);
        if (session !== null) return { status: 'joined', session, again: true };
        return { status: 'refused', reasons: ['LINK_INVALID'] };
      }
      return { status: 'joined', session: { ...s, status: row['status'] as 'admitted' | 'waiting' } };
    },
    async getSession(sessionId) {
      const rows = await client.query(`SELECT s.*, ${BLOCKED} FROM access_links_guest_sessions s WHERE s.id = $1`, [sessionId]);
      return first(rows, toGuestSession);
    },
    async readSession(sessionId) {
      const rows = await client.query(
        `SELECT s.*, ${BLOCKED}, ${LINK_AS}, ${ACCESS_AS} FROM access_links_guest_sessions s
         LEFT JOIN access_links_guest_links l ON l.id = s.link_id
         LEFT JOIN access_links_guest_access a ON a.entry_id = s.entry_id
         WHERE s.id = $1`,
        [sessionId],
      );
      return first(rows, (row) => {
        const link = part(row, 'l_', 'id');
        const access = part(row, 'a_', 'entry_id');
        return {
          session: toGuestSession(row),
          link: link === null ? null : toGuestLink(link),
          access: access === null ? null : toGuestAccess(access),
        };
      });
    },
    async listSessions(entryId, page) {
      // The status as answered: declined while the guest is blocked. A filter on it reads the
      // entry's sessions in id order until the page is full, through the (entry_id, id) index.
      const rows = await client.query(
        `SELECT * FROM (
           SELECT s.*, ${BLOCKED} FROM access_links_guest_sessions s
           WHERE s.entry_id = $1 AND ($2::text IS NULL OR s.id > $2::text)
           ORDER BY s.id
         ) p
         WHERE $3::text IS NULL OR (CASE WHEN p.blocked AND p.status <> 'left' THEN 'declined' ELSE p.status END) = $3::text
         ORDER BY p.id LIMIT $4::bigint`,
        [entryId, page?.after ?? null, page?.status ?? null, page?.limit ?? null],
      );
      return rows.map(toGuestSession);
    },
    async sweep({ now, sessionsJoinedBefore, blocksBefore, activityBefore, limit }) {
      // Each batch skips rows another sweeper holds, so several run side by side without waiting.
      const [sessions] = await client.query(
        `WITH doomed AS (
           SELECT s.id FROM access_links_guest_sessions s
           LEFT JOIN access_links_guest_links l ON l.id = s.link_id
           WHERE s.joined_at < $1::bigint AND (l.id IS NULL OR (l.expires_at IS NOT NULL AND l.expires_at <= $2::bigint))
           ORDER BY s.joined_at LIMIT $3::int FOR UPDATE OF s SKIP LOCKED
         )
         DELETE FROM access_links_guest_sessions s USING doomed WHERE s.id = doomed.id RETURNING s.id`,
        [sessionsJoinedBefore, now, limit],
      ).then((rows) => [rows.length]);
      const [blocks] = await client.query(
        `WITH doomed AS (
           SELECT b.entry_id, b.kind, b.key FROM access_links_guest_blocks b
           WHERE b.blocked_at < $1::bigint
             AND NOT EXISTS (SELECT 1 FROM access_links_guest_sessions s WHERE s.entry_id = b.entry_id
                             AND ((b.kind = 'email' AND s.email_key = b.key) OR (b.kind = 'client' AND s.client_key = b.key)))
           ORDER BY b.blocked_at LIMIT $2::int FOR UPDATE OF b SKIP LOCKED
         )
         DELETE FROM access_links_guest_blocks b USING doomed
         WHERE b.entry_id = doomed.entry_id AND b.kind = doomed.kind AND b.key = doomed.key RETURNING b.key`,
        [blocksBefore, limit],
      ).then((rows) => [rows.length]);
      const [activity] = await client.query(
        `WITH doomed AS (
           SELECT a.link_id, a.day, a.kind FROM access_links_guest_activity a
           WHERE a.day < $1::int ORDER BY a.day LIMIT $2::int FOR UPDATE OF a SKIP LOCKED
         )
         DELETE FROM access_links_guest_activity a USING doomed
         WHERE a.link_id = doomed.link_id AND a.day = doomed.day AND a.kind = doomed.kind RETURNING a.day`,
        [activityBefore, limit],
      ).then((rows) => [rows.length]);
      // A link's joins of a day that ended long ago, still on its row (no join since): gone too,
      // within the same limit.
      const [onLinks] = activity! >= limit ? [0] : await client.query(
        `WITH doomed AS (
           SELECT l.id FROM access_links_guest_links l
           WHERE l.joins_day < $1::int ORDER BY l.joins_day LIMIT $2::int FOR UPDATE OF l SKIP LOCKED
         )
         UPDATE access_links_guest_links l SET joins_day = NULL, joins_on_day = 0 FROM doomed WHERE l.id = doomed.id RETURNING l.id`,
        [activityBefore, limit - activity!],
      ).then((rows) => [rows.length]);
      return {
        sessions: sessions!,
        blocks: blocks!,
        activity: activity! + onLinks!,
        more: sessions! >= limit || blocks! >= limit || activity! + onLinks! >= limit,
      };
    },
    async countActivity({ linkId, day, kind }) {
      guard({ linkId, kind }, ['linkId', 'kind']);
      await client.query(
        `INSERT INTO access_links_guest_activity AS a (link_id, day, kind, count) VALUES ($1, $2::int, $3, 1)
         ON CONFLICT (link_id, day, kind) DO UPDATE SET count = a.count + 1`,
        [linkId, day, kind],
      );
    },
    async readActivity({ linkIds, fromDay, toDay }) {
      // The counts stored, and each link's joins of its latest day of joins, kept on its row.
      const rows = await client.query(
        `SELECT link_id, day, kind, sum(count)::bigint AS count FROM (
           SELECT link_id, day, kind, count FROM access_links_guest_activity
           WHERE link_id = ANY($1::text[]) AND day >= $2::int AND day <= $3::int
           UNION ALL
           SELECT id, joins_day, 'joined', joins_on_day FROM access_links_guest_links
           WHERE id = ANY($1::text[]) AND joins_day >= $2::int AND joins_day <= $3::int AND joins_on_day > 0
         ) c GROUP BY link_id, day, kind`,
        [[...linkIds], fromDay, toDay],
      );
      return rows.map((row) => ({ linkId: String(row['link_id']), day: Number(row['day']), kind: String(row['kind']), count: Number(row['count']) }));
    },
    async eraseGuest(erasureKey, events) {
      guard({ erasureKey }, ['erasureKey']);
      // One statement: the person's sessions, and the blocks of their declines, nobody else's; and its events, with the counts.
      const written = eventsParam(events);
      const rows = await client.query(
        `WITH sessions AS (DELETE FROM access_links_guest_sessions s WHERE s.erasure_key = $1 RETURNING 1),
              blocks AS (DELETE FROM access_links_guest_blocks b WHERE b.erasure_key = $1 RETURNING 1),
              counts AS (SELECT (SELECT count(*) FROM sessions)::int AS sessions, (SELECT count(*) FROM blocks)::int AS blocks)
              ${written === null ? '' : `, ${eventsWritten(2, 'true', `jsonb_set(jsonb_set(ev.e, '{detail,sessions}', to_jsonb(counts.sessions)), '{detail,blocks}', to_jsonb(counts.blocks))`, ', counts')}`}
         SELECT sessions, blocks FROM counts`,
        [erasureKey, ...extra(written)],
      );
      return { sessions: Number(rows[0]!['sessions']), blocks: Number(rows[0]!['blocks']) };
    },
    async moveSession(entryId, sessionId, from, decision, events) {
      guard({ decidedBy: decision.decidedBy });
      const written = eventsParam(events);
      const rows = await client.query(
        withEvents('SELECT session, blocked FROM access_links_move_session($1, $2, $3, $4, $5::bigint, $6)', written, 7, 'EXISTS (SELECT 1 FROM changed WHERE changed.session IS NOT NULL)'),
        [entryId, sessionId, from, decision.status, decision.decidedAt, decision.decidedBy, ...extra(written)],
      );
      return first(rows, (row) => toGuestSession({ ...(row['session'] as Row), blocked: row['blocked'] }));
    },
    async leaveSession(entryId, sessionId, from, at, events) {
      // One statement: the row is locked and its status checked again before it changes, so a
      // moderator's move that committed first wins; a session that reads declined stays.
      const written = eventsParam(events);
      const rows = await client.query(
        withEvents(
          `UPDATE access_links_guest_sessions s SET status = 'left', decided_at = $4::bigint, decided_by = NULL
            WHERE s.id = $1 AND s.entry_id = $2 AND s.status = $3 AND s.status IN ('waiting', 'admitted')
              AND NOT ${IS_BLOCKED}
            RETURNING s.*, false AS blocked`,
          written,
          5,
        ),
        [sessionId, entryId, from, at, ...extra(written)],
      );
      return first(rows, toGuestSession);
    },
    async moveWaiting(entryId, decision, limit, events) {
      guard({ decidedBy: decision.decidedBy });
      // With events: the n-th session moved gets the n-th id, the template and its own id as subject, in the same statement.
      const rows = await client.query(
        events == null
          ? 'SELECT m AS session FROM access_links_move_waiting($1, $2, $3::bigint, $4, $5::int) AS m'
          : `WITH moved AS (
               SELECT m AS session, n FROM access_links_move_waiting($1, $2, $3::bigint, $4, $5::int) WITH ORDINALITY AS t(m, n)
             ), written_events AS (
               INSERT INTO access_links_outbox (id, queue, event, available_at)
               SELECT ($7::text[])[moved.n], COALESCE($6::text::jsonb->>'entryId', ''),
                 $6::text::jsonb || jsonb_build_object('id', ($7::text[])[moved.n], 'subjectId', moved.session->>'id'),
                 ($6::text::jsonb->>'at')::bigint
               FROM moved ORDER BY moved.n
             )
             SELECT session FROM moved ORDER BY n`,
        [entryId, decision.status, decision.decidedAt, decision.decidedBy, limit,
          ...(events == null ? [] : [JSON.stringify(events.template), [...events.ids]])],
      );
      return rows.map((row) => toGuestSession(row['session'] as Row));
    },
  };
}

/**
 * An {@link InviteStore} over PostgreSQL. One live invite per address is a unique index; the
 * pending cap, which depends on the clock, is an insert (or revival) made by one function call
 * holding a transaction-scoped advisory lock on the entry; every state change is a conditional
 * `UPDATE … RETURNING`, and a claimed send one call of a function. Each method is one statement.
 *
 * @param database - the database; run {@link migrate} on it first, with the same layout.
 * @param layout - the schema and the table prefix, when not the defaults.
 * @returns the store; its `rateLimiter` counts in the same database, and is the one the HTTP
 *   layer uses when given none.
 *
 * @example
 * ```ts
 * const invites = createPostgresInviteStore(fromPg(pool));
 * ```
 *
 * @category Stores
 */
export function createPostgresInviteStore(database: SqlClient, layout?: PostgresLayout): InviteStore {
  const placement = placementOf(layout);
  const client = placed(database, placement);
  const changePending = async (
    inviteId: string,
    claim: boolean,
    change: PendingInviteChange,
    pendingCap: number,
    now: number,
    intervalMs = 0,
    timeoutMs = 0,
    written: string | null = null,
  ) => {
    guard({ ...change }, []);
    const rows = await client.query(
      withEvents(
        `SELECT outcome, invite FROM access_links_change_pending_invite(
           $1, $2::boolean, $3, $4::bigint, $5, $6::boolean, $7, $8::bigint, $9::int, $10::bigint, $11::bigint, $12::bigint)`,
        written,
        13,
        `EXISTS (SELECT 1 FROM changed WHERE changed.outcome = 'updated')`,
      ),
      [
        inviteId, claim, change.role ?? null, change.expiresAt ?? null, change.invitedBy ?? null, change.inviterName !== undefined,
        change.inviterName ?? null, change.updatedAt, pendingCap, now, intervalMs, timeoutMs, ...extra(written),
      ],
    );
    const row = rows[0]!;
    return { outcome: row['outcome'] as string, invite: row['invite'] === null ? null : toInvite(row['invite'] as Row) };
  };

  return {
    name: `postgres:${placementName(placement)}`,
    rateLimiter: createPostgresRateLimiter(database, layout),
    close: async () => database.close?.(),
    async insertInvite(i, pendingCap, now, events) {
      guard({ ...i }, ['id', 'entryId', 'emailKey']);
      const written = eventsParam(events);
      const [row] = await client.query(
        withEvents(
          `SELECT outcome, invite FROM access_links_insert_invite(
             $1, $2, $3, $4, $5, $6, $7, $8, $9::bigint, $10::bigint, $11::bigint, $12, $13, $14, $15::int, $16::bigint, $17,
             $18::int, $19::bigint)`,
          written,
          20,
          `EXISTS (SELECT 1 FROM changed WHERE changed.outcome = 'inserted')`,
        ),
        [
          i.id, i.entryId, i.email, i.emailKey, i.role, i.state, i.invitedBy, i.inviterName, i.invitedAt, i.expiresAt,
          i.updatedAt, i.acceptedBy, i.decidedBy, i.deliveryStatus, i.deliveryAttempts, i.lastSentAt, i.deliveryError,
          pendingCap, now, ...extra(written),
        ],
      );
      const outcome = row!['outcome'];
      return outcome === 'inserted'
        ? { status: 'inserted' as const }
        : outcome === 'cap_reached'
          ? { status: 'cap_reached' as const }
          : { status: 'exists' as const, invite: toInvite(row!['invite'] as Row) };
    },
    async getInvite(inviteId) {
      return first(await client.query('SELECT * FROM access_links_invites WHERE id = $1', [inviteId]), toInvite);
    },
    async listInvites(entryId, page) {
      // The state as inviteState names it: a pending invite past its expiry is expired.
      const rows = await client.query(
        `SELECT * FROM access_links_invites i
         WHERE i.entry_id = $1 AND ($2::text IS NULL OR i.id > $2::text)
           AND ($3::text IS NULL OR (CASE WHEN i.state = 'pending' AND i.expires_at <= $4::bigint THEN 'expired' ELSE i.state END) = $3::text)
         ORDER BY i.id LIMIT $5::bigint`,
        [entryId, page?.after ?? null, page?.state ?? null, page?.now ?? 0, page?.limit ?? null],
      );
      return rows.map(toInvite);
    },
    async listInvitesFor(emailKey, { now, after, limit }) {
      const rows = await client.query(
        `SELECT * FROM access_links_invites i
         WHERE i.email_key = $1 AND ($2::text IS NULL OR i.id > $2::text) AND i.state = 'pending' AND i.expires_at > $3::bigint
         ORDER BY i.id LIMIT $4::int`,
        [emailKey, after, now, limit],
      );
      return rows.map(toInvite);
    },
    async sweep({ now, finishedBefore, limit }) {
      const rows = await client.query(
        `WITH doomed AS (
           SELECT i.id FROM access_links_invites i
           WHERE (i.state IN ('accepted', 'declined', 'revoked') AND i.updated_at < $1::bigint)
              OR (i.state = 'pending' AND i.expires_at < $1::bigint AND i.expires_at <= $2::bigint)
           LIMIT $3::int FOR UPDATE SKIP LOCKED
         )
         DELETE FROM access_links_invites i USING doomed WHERE i.id = doomed.id RETURNING i.id`,
        [finishedBefore, now, limit],
      );
      return { invites: rows.length, more: rows.length >= limit };
    },
    async eraseInvitee(emailKey, events) {
      guard({ emailKey }, ['emailKey']);
      const written = eventsParam(events);
      if (written === null) {
        const rows = await client.query('DELETE FROM access_links_invites i WHERE i.email_key = $1 RETURNING i.id', [emailKey]);
        return rows.length;
      }
      const rows = await client.query(
        `WITH erased AS (DELETE FROM access_links_invites i WHERE i.email_key = $1 RETURNING i.id),
              counts AS (SELECT count(*)::int AS invites FROM erased),
              ${eventsWritten(2, 'true', `jsonb_set(ev.e, '{detail,invites}', to_jsonb(counts.invites))`, ', counts')}
         SELECT invites FROM counts`,
        [emailKey, written],
      );
      return Number(rows[0]!['invites']);
    },
    async updatePendingInvite(inviteId, change, pendingCap, now, events) {
      const { outcome, invite } = await changePending(inviteId, false, change, pendingCap, now, 0, 0, eventsParam(events));
      if (outcome === 'updated' && invite !== null) return { status: 'updated', invite };
      return { status: outcome === 'cap_reached' ? 'cap_reached' : 'not_pending' };
    },
    async claimDelivery(inviteId, { at, intervalMs, timeoutMs, expiresAt }, pendingCap) {
      const { outcome, invite } = await changePending(inviteId, true, { expiresAt, updatedAt: at }, pendingCap, at, intervalMs, timeoutMs);
      if (outcome === 'claimed' && invite !== null) return { status: 'claimed', invite };
      return { status: outcome === 'cap_reached' ? 'cap_reached' : outcome === 'too_soon' ? 'too_soon' : 'not_pending' };
    },
    async recordDelivery(inviteId, { claimedAt, status, error }, events) {
      guard({ error });
      const written = eventsParam(events);
      const rows = await client.query(
        withEvents(
          `UPDATE access_links_invites SET delivery_status = $2, delivery_error = $3
           WHERE id = $1 AND delivery_status = 'sending' AND last_sent_at = $4::bigint RETURNING *`,
          written,
          5,
        ),
        [inviteId, status, error, claimedAt, ...extra(written)],
      );
      return first(rows, toInvite);
    },
    async finishInvite(inviteId, { to, at, by, unlessSendingSince }, events) {
      guard({ by });
      const written = eventsParam(events);
      const rows = await client.query(
        withEvents(
          `UPDATE access_links_invites SET
             state = $2, updated_at = $3::bigint, decided_by = $4,
             accepted_by = CASE WHEN $2 = 'accepted' THEN $4 ELSE accepted_by END
           WHERE id = $1 AND state = 'pending' AND ($2 <> 'accepted' OR expires_at > $3::bigint)
             AND ($5::bigint IS NULL OR delivery_status <> 'sending' OR last_sent_at < $5::bigint)
           RETURNING *`,
          written,
          6,
          'true',
          WITH_ROLE,
          ', changed',
        ),
        [inviteId, to, at, by, unlessSendingSince ?? null, ...extra(written)],
      );
      return first(rows, toInvite);
    },
    async startAcceptance(inviteId, { by, claimedAt }, staleBefore) {
      guard({ by });
      const rows = await client.query(
        `UPDATE access_links_invites SET state = 'accepting', accepted_by = $2, decided_by = $2, updated_at = $3::bigint
         WHERE id = $1 AND (
           (state = 'pending' AND expires_at > $3::bigint)
           OR (state = 'accepting' AND accepted_by = $2 AND updated_at < $4::bigint))
         RETURNING *`,
        [inviteId, by, claimedAt, staleBefore],
      );
      return first(rows, toInvite);
    },
    async completeAcceptance(inviteId, { by, claimedAt }, events) {
      const written = eventsParam(events);
      const rows = await client.query(
        withEvents(
          `UPDATE access_links_invites SET state = 'accepted'
           WHERE id = $1 AND state = 'accepting' AND accepted_by = $2 AND updated_at = $3::bigint RETURNING *`,
          written,
          4,
          'true',
          WITH_ROLE,
          ', changed',
        ),
        [inviteId, by, claimedAt, ...extra(written)],
      );
      return first(rows, toInvite);
    },
    async abandonAcceptance(inviteId, { by, claimedAt }) {
      const rows = await client.query(
        `UPDATE access_links_invites SET state = 'pending', accepted_by = NULL, decided_by = NULL
         WHERE id = $1 AND state = 'accepting' AND accepted_by = $2 AND updated_at = $3::bigint RETURNING *`,
        [inviteId, by, claimedAt],
      );
      return first(rows, toInvite);
    },
  };
}

/**
 * The PostgreSQL stores over one database.
 *
 * @category Stores
 */
export interface PostgresStores {
  /** Guest-access settings, guest links, guest sessions and declined guests, for `createGuestLinks`. */
  readonly guests: GuestStore;
  /** Invites, for `createInviteLinks`. */
  readonly invites: InviteStore;
  /** The events both stores write, for `createDispatcher`. */
  readonly outbox: Outbox;
  /** Rate limits shared by every server, for the HTTP layer's `rateLimiter`. */
  readonly rateLimiter: PostgresRateLimiter;
  /** `postgres:` and the table prefix, as the stores name themselves in `STORAGE_FAILED` messages. */
  readonly name: string;
  /**
   * Closes the client's connections (when the client can close): call it as the process stops.
   * @example
   * ```ts
   * const stores = createPostgresStores(client);
   * process.on('SIGTERM', () => void stores.close());
   * ```
   */
  close(): Promise<void>;
}

/**
 * Both PostgreSQL stores over one database, and its rate limiter, ready for `createGuestLinks`,
 * `createInviteLinks` and the HTTP layer.
 *
 * @param client - the database; run {@link migrate} on it first, with the same layout.
 * @param layout - the schema and the table prefix, when not the defaults.
 * @returns the stores.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const client = fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await migrate(client, { prefix: 'media_' });
 * const { guests, invites, rateLimiter } = createPostgresStores(client, { prefix: 'media_' });
 * ```
 *
 * @category Stores
 */
export function createPostgresStores(client: SqlClient, layout?: PostgresLayout): PostgresStores {
  const guests = createPostgresGuestStore(client, layout);
  return {
    name: guests.name!,
    guests,
    invites: createPostgresInviteStore(client, layout),
    outbox: createPostgresOutbox(client, layout),
    rateLimiter: createPostgresRateLimiter(client, layout),
    close: async () => client.close?.(),
  };
}

/**
 * A {@link RateLimiter} over PostgreSQL, with housekeeping of its own.
 *
 * @category Stores
 */
export interface PostgresRateLimiter extends RateLimiter {
  /**
   * Removes, in one bounded batch, the keys whose last request no longer counts (their time has
   * passed): a key absent and a key so old answer alike. Safe from several servers at once.
   * @param request - the instant and the batch size.
   * @returns how many keys were removed, and whether more may remain.
   * @example
   * ```ts
   * const pgLimiter = createPostgresRateLimiter(client);
   * const swept = await pgLimiter.sweep({ now: Date.now(), limit: 1000 });
   * ```
   */
  sweep(request: { readonly now: number; readonly limit: number }): Promise<RateLimitSweep>;
}

/**
 * What {@link PostgresRateLimiter.sweep} removed.
 *
 * @category Stores
 */
export interface RateLimitSweep {
  /** Keys removed. */
  readonly keys: number;
  /** Whether it reached `limit`, so that more may remain. */
  readonly more: boolean;
}

/**
 * A {@link RateLimiter} over PostgreSQL, so that a limit holds across every server. Each request
 * is one statement, a call of a function the migrations create: it locks the rows of the
 * request's counted keys (made if absent, in key order), decides for all of them, and counts
 * against every one of those or none (the generic cell rate algorithm, one number per key); a key
 * only checked (`count: false`) is read, and its row neither changed nor made. No transaction
 * spans two statements, so it works through a pooler in transaction mode.
 *
 * @param database - the database; run {@link migrate} on it first.
 * @param layout - the schema and the table prefix, when not the defaults.
 * @returns the limiter.
 *
 * @example
 * ```ts
 * const limiter = createPostgresRateLimiter(client);
 * const decision = await limiter.consume([{ key: 'join:client:3f2a', limit: { limit: 10, windowSeconds: 60 } }], Date.now());
 * ```
 *
 * @category Stores
 */
export function createPostgresRateLimiter(database: SqlClient, layout?: PostgresLayout): PostgresRateLimiter {
  const client = placed(database, placementOf(layout));
  return {
    async sweep({ now, limit }) {
      const rows = await client.query(
        `WITH doomed AS (SELECT key FROM access_links_rate_limits WHERE tat <= $1::bigint LIMIT $2::int FOR UPDATE SKIP LOCKED)
         DELETE FROM access_links_rate_limits r USING doomed WHERE r.key = doomed.key RETURNING r.key`,
        [now * 1000, limit],
      );
      return { keys: rows.length, more: rows.length >= limit };
    },
    async consume(limits, now) {
      checkKeyedLimits(limits);
      const nowUs = now * 1000;
      // Each key with its emission interval and burst span, in whole microseconds, and whether it is counted.
      const keyed = limits.map(({ key, limit, count }) => {
        guard({ key }, ['key']);
        const { interval, burst } = gcraConstants(limit);
        return { key, step: interval, burst, count: count !== false };
      });
      const rows = await client.query('SELECT access_links_consume_rate_limits($1::text::json, $2::bigint) AS wait', [JSON.stringify(keyed), nowUs]);
      const row = rows[0];
      if (row === undefined) throw new AccessLinksError('STORAGE_FAILED', 'The rate-limit function answered no row.');
      const wait = Number(row['wait']);
      if (wait <= 0) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1_000_000)) };
    },
    async refund(limit, now) {
      checkKeyedLimits([limit]);
      guard({ key: limit.key }, ['key']);
      const nowUs = now * 1000;
      // One statement: the row's lock orders it with every consume of the key.
      await client.query(
        'UPDATE access_links_rate_limits SET tat = GREATEST($2::bigint, tat - $3::bigint) WHERE key = $1 AND tat > $2::bigint',
        [limit.key, nowUs, gcraConstants(limit.limit).interval],
      );
    },
  };
}
