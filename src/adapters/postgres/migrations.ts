import type { SqlClient } from './client';
import { AccessLinksError } from '../../domain/errors';
import { placed, placementOf, type PostgresLayout } from './prefix';

/**
 * One step of the schema: a version, a name, and the SQL that takes the schema there.
 *
 * @category Schema
 */
export interface Migration {
  /** Applied in increasing order; never reused. */
  readonly version: number;
  /** What it does. */
  readonly name: string;
  /**
   * The statements, separated by `;` at the end of a line (not inside a `$$`-quoted body), run
   * in one transaction.
   */
  readonly sql: string;
}

/**
 * The schema of the PostgreSQL adapter, as versioned migrations. Times are milliseconds since
 * the epoch in `bigint` columns. The rules the stores rely on are constraints where a
 * constraint can hold them: a link's uses never pass its limit, an entry's link count never
 * goes below zero, and an address has at most one live invite per entry. The steps that must
 * be atomic and ordered (a join, a moderator's decision, deleting a link, reviving or sending
 * an invite) are functions, so each is one round trip and one transaction.
 *
 * @category Schema
 */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: 'guest links, guest sessions and invites',
    sql: `
CREATE TABLE access_links_guest_access (
  entry_id    text PRIMARY KEY,
  enabled     boolean NOT NULL DEFAULT false,
  room_locked boolean NOT NULL DEFAULT false,
  updated_at  bigint NOT NULL DEFAULT 0,
  updated_by  text NOT NULL DEFAULT '',
  link_count  integer NOT NULL DEFAULT 0 CHECK (link_count >= 0)
);

CREATE TABLE access_links_guest_links (
  id            text PRIMARY KEY,
  entry_id      text NOT NULL,
  name          text NOT NULL,
  use_limit     integer CHECK (use_limit >= 1),
  uses          integer NOT NULL DEFAULT 0 CHECK (uses >= 0),
  duration_days integer CHECK (duration_days >= 1),
  created_at    bigint NOT NULL,
  expires_at    bigint,
  created_by    text NOT NULL,
  CHECK (use_limit IS NULL OR uses <= use_limit)
);
CREATE INDEX access_links_guest_links_by_entry ON access_links_guest_links (entry_id, created_at, id);

CREATE TABLE access_links_guest_sessions (
  id          text PRIMARY KEY,
  entry_id    text NOT NULL,
  link_id     text NOT NULL,
  link_name   text NOT NULL,
  guest_name  text NOT NULL,
  guest_email text NOT NULL,
  email_key   text NOT NULL,
  status      text NOT NULL CHECK (status IN ('admitted', 'waiting', 'declined')),
  joined_at   bigint NOT NULL,
  decided_at  bigint,
  decided_by  text
);
CREATE INDEX access_links_guest_sessions_by_entry ON access_links_guest_sessions (entry_id, joined_at, id);
CREATE INDEX access_links_guest_sessions_by_guest ON access_links_guest_sessions (entry_id, email_key);

CREATE TABLE access_links_invites (
  id                text PRIMARY KEY,
  entry_id          text NOT NULL,
  email             text NOT NULL,
  email_key         text NOT NULL,
  role              text NOT NULL,
  state             text NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'revoked')),
  invited_by        text NOT NULL,
  inviter_name      text,
  invited_at        bigint NOT NULL,
  expires_at        bigint NOT NULL,
  updated_at        bigint NOT NULL,
  accepted_by       text,
  decided_by        text,
  delivery_status   text NOT NULL CHECK (delivery_status IN ('not_sent', 'sent', 'failed')),
  delivery_attempts integer NOT NULL DEFAULT 0 CHECK (delivery_attempts >= 0),
  last_sent_at      bigint,
  delivery_error    text,
  CHECK ((state = 'accepted') = (accepted_by IS NOT NULL))
);
CREATE INDEX access_links_invites_by_entry ON access_links_invites (entry_id, invited_at, id);
CREATE UNIQUE INDEX access_links_invites_one_live ON access_links_invites (entry_id, email_key)
  WHERE state IN ('pending', 'accepted');
`,
  },
  {
    version: 2,
    name: 'one guest store: declined guests, client keys, atomic joins; invites being accepted or sent',
    sql: `
ALTER TABLE access_links_guest_sessions ADD COLUMN client_key text;

CREATE TABLE access_links_guest_blocks (
  entry_id   text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('email', 'client')),
  key        text NOT NULL,
  session_id text NOT NULL,
  blocked_at bigint NOT NULL,
  PRIMARY KEY (entry_id, kind, key)
);

INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at)
  SELECT DISTINCT ON (entry_id, email_key) entry_id, 'email', email_key, id, COALESCE(decided_at, joined_at)
  FROM access_links_guest_sessions WHERE status = 'declined'
  ORDER BY entry_id, email_key, joined_at;

DROP INDEX access_links_guest_sessions_by_guest;

ALTER TABLE access_links_invites DROP CONSTRAINT access_links_invites_state_check;
ALTER TABLE access_links_invites ADD CONSTRAINT access_links_invites_state_check
  CHECK (state IN ('pending', 'accepting', 'accepted', 'declined', 'revoked'));
ALTER TABLE access_links_invites DROP CONSTRAINT access_links_invites_check;
ALTER TABLE access_links_invites ADD CONSTRAINT access_links_invites_accepted_by_check
  CHECK ((state IN ('accepting', 'accepted')) = (accepted_by IS NOT NULL));
ALTER TABLE access_links_invites DROP CONSTRAINT access_links_invites_delivery_status_check;
ALTER TABLE access_links_invites ADD CONSTRAINT access_links_invites_delivery_status_check
  CHECK (delivery_status IN ('not_sent', 'sending', 'sent', 'failed'));
DROP INDEX access_links_invites_one_live;
CREATE UNIQUE INDEX access_links_invites_one_live ON access_links_invites (entry_id, email_key)
  WHERE state IN ('pending', 'accepting', 'accepted');
CREATE INDEX access_links_invites_pending ON access_links_invites (entry_id, expires_at)
  WHERE state IN ('pending', 'accepting');

-- A join, in one round trip and one transaction. The settings row is share-locked first, so a
-- switch, a lock or a decline that committed before is seen, and one made after waits for the
-- join. Each later statement takes a fresh snapshot, so it sees a decline committed meanwhile.
CREATE FUNCTION access_links_join_guest(
  p_id text, p_entry_id text, p_link_id text, p_link_name text, p_guest_name text, p_guest_email text,
  p_email_key text, p_client_key text, p_joined_at bigint, p_waiting_room boolean
) RETURNS TABLE (reasons text[], status text) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_enabled boolean;
  v_locked boolean;
  v_reasons text[] := ARRAY[]::text[];
  v_status text;
BEGIN
  SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
    FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR SHARE;
  IF v_enabled IS NOT TRUE THEN v_reasons := v_reasons || 'GUEST_ACCESS_OFF'::text; END IF;
  IF EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
             AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key))) THEN
    v_reasons := v_reasons || 'GUEST_DECLINED'::text;
  END IF;
  IF cardinality(v_reasons) = 0 THEN
    UPDATE access_links_guest_links l SET uses = l.uses + 1
     WHERE l.id = p_link_id AND l.entry_id = p_entry_id
       AND (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at);
    IF FOUND THEN
      v_status := CASE WHEN p_waiting_room AND v_locked THEN 'waiting' ELSE 'admitted' END;
      INSERT INTO access_links_guest_sessions
        (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, client_key, status, joined_at)
        VALUES (p_id, p_entry_id, p_link_id, p_link_name, p_guest_name, p_guest_email, p_email_key, p_client_key, v_status, p_joined_at);
      RETURN QUERY SELECT v_reasons, v_status;
      RETURN;
    END IF;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM access_links_guest_links l WHERE l.id = p_link_id AND l.entry_id = p_entry_id
                 AND (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at))
     OR cardinality(v_reasons) = 0 THEN
    v_reasons := v_reasons || 'LINK_INVALID'::text;
  END IF;
  RETURN QUERY SELECT v_reasons, NULL::text;
END
$$;

-- A moderator's decision. A decline locks the settings row, as a switch does, so no join
-- lands on the state before it; it blocks the guest's email key and client key.
CREATE FUNCTION access_links_move_session(
  p_entry_id text, p_session_id text, p_from text, p_status text, p_decided_at bigint, p_decided_by text
) RETURNS TABLE (session json, blocked boolean) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v access_links_guest_sessions%ROWTYPE;
  v_blocked boolean;
BEGIN
  IF p_status = 'declined' THEN
    PERFORM 1 FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  END IF;
  SELECT * INTO v FROM access_links_guest_sessions s WHERE s.id = p_session_id AND s.entry_id = p_entry_id FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  v_blocked := EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
                       AND ((b.kind = 'email' AND b.key = v.email_key) OR (b.kind = 'client' AND b.key = v.client_key)));
  IF (CASE WHEN v_blocked THEN 'declined' ELSE v.status END) <> p_from THEN RETURN; END IF;
  IF p_status = 'declined' THEN
    INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at)
      VALUES (p_entry_id, 'email', v.email_key, v.id, p_decided_at) ON CONFLICT DO NOTHING;
    IF v.client_key IS NOT NULL THEN
      INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at)
        VALUES (p_entry_id, 'client', v.client_key, v.id, p_decided_at) ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    DELETE FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
      AND ((b.kind = 'email' AND b.key = v.email_key) OR (b.kind = 'client' AND b.key = v.client_key));
  END IF;
  UPDATE access_links_guest_sessions s SET status = p_status, decided_at = p_decided_at, decided_by = p_decided_by
   WHERE s.id = p_session_id RETURNING * INTO v;
  RETURN QUERY SELECT row_to_json(v), p_status = 'declined';
END
$$;

-- Deleting a link: the settings row first, in the same order as a join, then the link and the count.
CREATE FUNCTION access_links_delete_link(p_entry_id text, p_link_id text) RETURNS boolean LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM 1 FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  DELETE FROM access_links_guest_links l WHERE l.id = p_link_id AND l.entry_id = p_entry_id;
  IF NOT FOUND THEN RETURN false; END IF;
  UPDATE access_links_guest_access a SET link_count = a.link_count - 1 WHERE a.entry_id = p_entry_id;
  RETURN true;
END
$$;

-- A change to a pending invite that may revive it (a new expiry past "now" on an expired one),
-- or a claim to send it: a revival takes the entry's invite lock and counts, as an insert does.
CREATE FUNCTION access_links_change_pending_invite(
  p_id text, p_claim boolean, p_role text, p_expires_at bigint, p_invited_by text, p_set_inviter_name boolean,
  p_inviter_name text, p_updated_at bigint, p_pending_cap integer, p_now bigint, p_interval bigint, p_timeout bigint
) RETURNS TABLE (outcome text, invite json) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v access_links_invites%ROWTYPE;
BEGIN
  SELECT * INTO v FROM access_links_invites i WHERE i.id = p_id;
  IF NOT FOUND THEN RETURN QUERY SELECT 'not_pending'::text, NULL::json; RETURN; END IF;
  IF p_expires_at IS NOT NULL AND v.state = 'pending' AND v.expires_at <= p_now AND p_expires_at > p_now THEN
    PERFORM pg_advisory_xact_lock(741002, hashtext(v.entry_id));
    SELECT * INTO v FROM access_links_invites i WHERE i.id = p_id FOR UPDATE;
    IF v.state = 'pending' AND v.expires_at <= p_now AND (
         SELECT count(*) FROM access_links_invites i
         WHERE i.entry_id = v.entry_id AND ((i.state = 'pending' AND i.expires_at > p_now) OR i.state = 'accepting')
       ) >= p_pending_cap THEN
      RETURN QUERY SELECT 'cap_reached'::text, NULL::json;
      RETURN;
    END IF;
  ELSE
    SELECT * INTO v FROM access_links_invites i WHERE i.id = p_id FOR UPDATE;
  END IF;
  IF v.state <> 'pending' THEN RETURN QUERY SELECT 'not_pending'::text, NULL::json; RETURN; END IF;
  IF p_claim THEN
    IF (v.delivery_status = 'sending' AND p_now < v.last_sent_at + p_timeout)
       OR (v.last_sent_at IS NOT NULL AND p_now < v.last_sent_at + p_interval) THEN
      RETURN QUERY SELECT 'too_soon'::text, NULL::json;
      RETURN;
    END IF;
    UPDATE access_links_invites i SET
      expires_at = COALESCE(p_expires_at, i.expires_at),
      updated_at = CASE WHEN p_expires_at IS NULL THEN i.updated_at ELSE p_updated_at END,
      delivery_status = 'sending', last_sent_at = p_now, delivery_error = NULL, delivery_attempts = i.delivery_attempts + 1
     WHERE i.id = p_id RETURNING * INTO v;
    RETURN QUERY SELECT 'claimed'::text, row_to_json(v);
    RETURN;
  END IF;
  UPDATE access_links_invites i SET
    role = COALESCE(p_role, i.role),
    expires_at = COALESCE(p_expires_at, i.expires_at),
    invited_by = COALESCE(p_invited_by, i.invited_by),
    inviter_name = CASE WHEN p_set_inviter_name THEN p_inviter_name ELSE i.inviter_name END,
    updated_at = p_updated_at
   WHERE i.id = p_id RETURNING * INTO v;
  RETURN QUERY SELECT 'updated'::text, row_to_json(v);
END
$$;
`,
  },
  {
    version: 3,
    name: 'rate limits shared by every server',
    sql: `
-- One row per limited key: the theoretical arrival time of its next request (GCRA), in
-- microseconds since the epoch, and whether the last request was allowed.
CREATE TABLE access_links_rate_limits (
  key     text PRIMARY KEY,
  tat     bigint NOT NULL,
  allowed boolean NOT NULL
);

-- Keys whose time has passed hold nothing a limit needs; housekeeping finds them by this index.
CREATE INDEX access_links_rate_limits_tat ON access_links_rate_limits (tat);
`,
  },
  {
    version: 4,
    name: 'housekeeping, erasure, paging and growth bounds',
    sql: `
-- Paging: an entry's sessions and invites in id order.
CREATE INDEX access_links_guest_sessions_page ON access_links_guest_sessions (entry_id, id);
CREATE INDEX access_links_invites_page ON access_links_invites (entry_id, id);
-- Housekeeping: the oldest sessions first; blocks by age; finished invites by when they finished;
-- pending invites by expiry across entries.
CREATE INDEX access_links_guest_sessions_joined ON access_links_guest_sessions (joined_at);
CREATE INDEX access_links_guest_blocks_age ON access_links_guest_blocks (blocked_at);
CREATE INDEX access_links_guest_blocks_key ON access_links_guest_blocks (key);
CREATE INDEX access_links_invites_finished ON access_links_invites (updated_at)
  WHERE state IN ('accepted', 'declined', 'revoked');
CREATE INDEX access_links_invites_expiry ON access_links_invites (expires_at) WHERE state = 'pending';
-- A person's records on every entry (erasure, the invitee's own list), and whether a session on
-- an entry still carries a blocked key.
CREATE INDEX access_links_guest_sessions_email ON access_links_guest_sessions (email_key, entry_id);
CREATE INDEX access_links_guest_sessions_client ON access_links_guest_sessions (client_key, entry_id)
  WHERE client_key IS NOT NULL;
CREATE INDEX access_links_invites_email ON access_links_invites (email_key, id);
-- The waiting guests of a room.
CREATE INDEX access_links_guest_sessions_waiting ON access_links_guest_sessions (entry_id) WHERE status = 'waiting';

DROP FUNCTION access_links_join_guest(text, text, text, text, text, text, text, text, bigint, boolean);

-- A join, in one round trip and one transaction, within the growth bounds. The settings row is
-- locked first: shared, or alone for a room (so that the count of waiting guests is exact), so a
-- switch, a lock or a decline that committed before is seen, and one made after waits for the
-- join. A decline older than p_declined_since has lapsed: it refuses nothing, and goes.
CREATE FUNCTION access_links_join_guest(
  p_id text, p_entry_id text, p_link_id text, p_link_name text, p_guest_name text, p_guest_email text,
  p_email_key text, p_client_key text, p_joined_at bigint, p_waiting_room boolean,
  p_max_guests integer, p_max_waiting integer, p_declined_since bigint
) RETURNS TABLE (reasons text[], status text) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_enabled boolean;
  v_locked boolean;
  v_reasons text[] := ARRAY[]::text[];
  v_status text;
  v_uses integer;
  v_live boolean;
BEGIN
  IF p_waiting_room THEN
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  ELSE
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR SHARE;
  END IF;
  IF v_enabled IS NOT TRUE THEN v_reasons := v_reasons || 'GUEST_ACCESS_OFF'::text; END IF;
  SELECT l.uses, (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at)
    INTO v_uses, v_live
    FROM access_links_guest_links l WHERE l.id = p_link_id AND l.entry_id = p_entry_id;
  IF v_live IS NOT TRUE THEN v_reasons := v_reasons || 'LINK_INVALID'::text; END IF;
  IF EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id AND b.blocked_at >= p_declined_since
             AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key))) THEN
    v_reasons := v_reasons || 'GUEST_DECLINED'::text;
  END IF;
  IF v_uses >= p_max_guests THEN v_reasons := v_reasons || 'LINK_GUEST_CAP_REACHED'::text; END IF;
  IF p_waiting_room AND v_locked AND (
       SELECT count(*) FROM (SELECT 1 FROM access_links_guest_sessions s
                             WHERE s.entry_id = p_entry_id AND s.status = 'waiting' LIMIT p_max_waiting) w
     ) >= p_max_waiting THEN
    v_reasons := v_reasons || 'WAITING_ROOM_FULL'::text;
  END IF;
  IF cardinality(v_reasons) > 0 THEN
    RETURN QUERY SELECT v_reasons, NULL::text;
    RETURN;
  END IF;
  -- The use, on the same conditions, in case a concurrent join took the last one.
  UPDATE access_links_guest_links l SET uses = l.uses + 1
   WHERE l.id = p_link_id AND l.entry_id = p_entry_id AND l.uses < p_max_guests
     AND (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at);
  IF NOT FOUND THEN
    SELECT l.uses INTO v_uses FROM access_links_guest_links l WHERE l.id = p_link_id;
    RETURN QUERY SELECT CASE WHEN v_uses >= p_max_guests THEN ARRAY['LINK_GUEST_CAP_REACHED'] ELSE ARRAY['LINK_INVALID'] END::text[], NULL::text;
    RETURN;
  END IF;
  DELETE FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
    AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key));
  v_status := CASE WHEN p_waiting_room AND v_locked THEN 'waiting' ELSE 'admitted' END;
  INSERT INTO access_links_guest_sessions
    (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, client_key, status, joined_at)
    VALUES (p_id, p_entry_id, p_link_id, p_link_name, p_guest_name, p_guest_email, p_email_key, p_client_key, v_status, p_joined_at);
  RETURN QUERY SELECT v_reasons, v_status;
END
$$;
`,
  },
  {
    version: 5,
    name: 'erasure acts on one person: the guest’s own address key on sessions, the declined person’s on blocks',
    sql: `
-- An erasure request (R1) names one person: their sessions are found by their own address
-- (guestErasureKey: case and +tag folded, nothing else), not by the look-alike key two people can
-- share; and a block keeps whose decline it is, so that it goes with that person alone.
ALTER TABLE access_links_guest_sessions ADD COLUMN erasure_key text;

-- The key of the sessions stored before: the local part without its +tag, '@', the domain, in
-- lower case. For an address in printable ASCII that is what guestErasureKey gives, whatever the
-- database's locale (translate, not lower). Outside ASCII, lower() follows the database's locale
-- and a domain stays as typed, not in its ASCII form (IDNA): docs/production.md says what follows.
UPDATE access_links_guest_sessions s SET erasure_key =
  CASE WHEN strpos(p.local, '+') > 1 THEN left(p.local, strpos(p.local, '+') - 1) ELSE p.local END || '@' || p.domain
  FROM (
    SELECT x.id,
      CASE WHEN x.ascii THEN translate(x.local, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') ELSE lower(x.local) END AS local,
      CASE WHEN x.ascii THEN translate(x.domain, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') ELSE lower(x.domain) END AS domain
    FROM (
      SELECT id, guest_email ~ '^[ -~]*$' AS ascii,
        left(guest_email, length(guest_email) - strpos(reverse(guest_email), '@')) AS local,
        right(guest_email, strpos(reverse(guest_email), '@') - 1) AS domain
      FROM access_links_guest_sessions
    ) x
  ) p
  WHERE p.id = s.id;
ALTER TABLE access_links_guest_sessions ALTER COLUMN erasure_key SET NOT NULL;
CREATE INDEX access_links_guest_sessions_erasure ON access_links_guest_sessions (erasure_key);

-- Whose decline a block is: the erasure key of the session declined. A block whose session was
-- already swept names no one; it goes with the sweep, after declinedGuestRetentionDays.
ALTER TABLE access_links_guest_blocks ADD COLUMN erasure_key text;
UPDATE access_links_guest_blocks b SET erasure_key = s.erasure_key
  FROM access_links_guest_sessions s WHERE s.id = b.session_id;
CREATE INDEX access_links_guest_blocks_erasure ON access_links_guest_blocks (erasure_key);

DROP FUNCTION access_links_join_guest(text, text, text, text, text, text, text, text, bigint, boolean, integer, integer, bigint);

-- A join, as in version 4, that stores the guest's erasure key too.
CREATE FUNCTION access_links_join_guest(
  p_id text, p_entry_id text, p_link_id text, p_link_name text, p_guest_name text, p_guest_email text,
  p_email_key text, p_erasure_key text, p_client_key text, p_joined_at bigint, p_waiting_room boolean,
  p_max_guests integer, p_max_waiting integer, p_declined_since bigint
) RETURNS TABLE (reasons text[], status text) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_enabled boolean;
  v_locked boolean;
  v_reasons text[] := ARRAY[]::text[];
  v_status text;
  v_uses integer;
  v_live boolean;
BEGIN
  IF p_waiting_room THEN
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  ELSE
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR SHARE;
  END IF;
  IF v_enabled IS NOT TRUE THEN v_reasons := v_reasons || 'GUEST_ACCESS_OFF'::text; END IF;
  SELECT l.uses, (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at)
    INTO v_uses, v_live
    FROM access_links_guest_links l WHERE l.id = p_link_id AND l.entry_id = p_entry_id;
  IF v_live IS NOT TRUE THEN v_reasons := v_reasons || 'LINK_INVALID'::text; END IF;
  IF EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id AND b.blocked_at >= p_declined_since
             AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key))) THEN
    v_reasons := v_reasons || 'GUEST_DECLINED'::text;
  END IF;
  IF v_uses >= p_max_guests THEN v_reasons := v_reasons || 'LINK_GUEST_CAP_REACHED'::text; END IF;
  IF p_waiting_room AND v_locked AND (
       SELECT count(*) FROM (SELECT 1 FROM access_links_guest_sessions s
                             WHERE s.entry_id = p_entry_id AND s.status = 'waiting' LIMIT p_max_waiting) w
     ) >= p_max_waiting THEN
    v_reasons := v_reasons || 'WAITING_ROOM_FULL'::text;
  END IF;
  IF cardinality(v_reasons) > 0 THEN
    RETURN QUERY SELECT v_reasons, NULL::text;
    RETURN;
  END IF;
  -- The use, on the same conditions, in case a concurrent join took the last one.
  UPDATE access_links_guest_links l SET uses = l.uses + 1
   WHERE l.id = p_link_id AND l.entry_id = p_entry_id AND l.uses < p_max_guests
     AND (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at);
  IF NOT FOUND THEN
    SELECT l.uses INTO v_uses FROM access_links_guest_links l WHERE l.id = p_link_id;
    RETURN QUERY SELECT CASE WHEN v_uses >= p_max_guests THEN ARRAY['LINK_GUEST_CAP_REACHED'] ELSE ARRAY['LINK_INVALID'] END::text[], NULL::text;
    RETURN;
  END IF;
  DELETE FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
    AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key));
  v_status := CASE WHEN p_waiting_room AND v_locked THEN 'waiting' ELSE 'admitted' END;
  INSERT INTO access_links_guest_sessions
    (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, erasure_key, client_key, status, joined_at)
    VALUES (p_id, p_entry_id, p_link_id, p_link_name, p_guest_name, p_guest_email, p_email_key, p_erasure_key, p_client_key, v_status, p_joined_at);
  RETURN QUERY SELECT v_reasons, v_status;
END
$$;

-- A moderator's decision, as in version 2, whose blocks name the declined guest's erasure key.
CREATE OR REPLACE FUNCTION access_links_move_session(
  p_entry_id text, p_session_id text, p_from text, p_status text, p_decided_at bigint, p_decided_by text
) RETURNS TABLE (session json, blocked boolean) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v access_links_guest_sessions%ROWTYPE;
  v_blocked boolean;
BEGIN
  IF p_status = 'declined' THEN
    PERFORM 1 FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  END IF;
  SELECT * INTO v FROM access_links_guest_sessions s WHERE s.id = p_session_id AND s.entry_id = p_entry_id FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  v_blocked := EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
                       AND ((b.kind = 'email' AND b.key = v.email_key) OR (b.kind = 'client' AND b.key = v.client_key)));
  IF (CASE WHEN v_blocked THEN 'declined' ELSE v.status END) <> p_from THEN RETURN; END IF;
  IF p_status = 'declined' THEN
    INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at, erasure_key)
      VALUES (p_entry_id, 'email', v.email_key, v.id, p_decided_at, v.erasure_key) ON CONFLICT DO NOTHING;
    IF v.client_key IS NOT NULL THEN
      INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at, erasure_key)
        VALUES (p_entry_id, 'client', v.client_key, v.id, p_decided_at, v.erasure_key) ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    DELETE FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
      AND ((b.kind = 'email' AND b.key = v.email_key) OR (b.kind = 'client' AND b.key = v.client_key));
  END IF;
  UPDATE access_links_guest_sessions s SET status = p_status, decided_at = p_decided_at, decided_by = p_decided_by
   WHERE s.id = p_session_id RETURNING * INTO v;
  RETURN QUERY SELECT row_to_json(v), p_status = 'declined';
END
$$;
`,
  },
  {
    version: 6,
    name: 'rate limits counted all or nothing across a request’s keys',
    sql: `
-- A request's rate limits, all or nothing, in one round trip and one transaction: allowed only
-- when every key has room, and then counted against each; a refusal counts against none. Each
-- key's row is made if absent (a time of 0 counts as no request) and locked, in key order, so
-- that two calls over the same keys never wait on each other in a cycle. p_limits is a JSON
-- array of { key, step, burst } (the emission interval and the burst span), times in
-- microseconds. Answers 0 when allowed, else the microseconds until every key would allow one more.
CREATE FUNCTION access_links_consume_rate_limits(p_limits json, p_now bigint) RETURNS bigint LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_wait bigint;
BEGIN
  INSERT INTO access_links_rate_limits AS r (key, tat, allowed)
    SELECT i.key, 0, false FROM json_to_recordset(p_limits) AS i(key text) ORDER BY i.key
    ON CONFLICT (key) DO UPDATE SET tat = r.tat;
  SELECT max(GREATEST(r.tat, p_now) + i.step - i.burst - p_now) INTO v_wait
    FROM json_to_recordset(p_limits) AS i(key text, step bigint, burst bigint)
    JOIN access_links_rate_limits r ON r.key = i.key;
  IF v_wait > 0 THEN
    RETURN v_wait;
  END IF;
  UPDATE access_links_rate_limits r SET tat = GREATEST(r.tat, p_now) + i.step, allowed = true
    FROM json_to_recordset(p_limits) AS i(key text, step bigint) WHERE r.key = i.key;
  RETURN 0;
END
$$;
`,
  },
  {
    version: 7,
    name: 'an invite inserted under the pending cap in one statement',
    sql: `
-- An invite, inserted under the entry's pending cap in one round trip and one transaction (so
-- that a transaction-mode pooler cannot split it): the entry's advisory lock first, then each
-- statement's fresh snapshot sees every invite committed before the lock was ours. Answers
-- 'exists' with the live invite of the same address, 'cap_reached', or 'inserted'.
CREATE FUNCTION access_links_insert_invite(
  p_id text, p_entry_id text, p_email text, p_email_key text, p_role text, p_state text, p_invited_by text,
  p_inviter_name text, p_invited_at bigint, p_expires_at bigint, p_updated_at bigint, p_accepted_by text,
  p_decided_by text, p_delivery_status text, p_delivery_attempts integer, p_last_sent_at bigint,
  p_delivery_error text, p_pending_cap integer, p_now bigint
) RETURNS TABLE (outcome text, invite json) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v access_links_invites%ROWTYPE;
BEGIN
  PERFORM pg_advisory_xact_lock(741002, hashtext(p_entry_id));
  SELECT * INTO v FROM access_links_invites i
   WHERE i.entry_id = p_entry_id AND i.email_key = p_email_key AND i.state IN ('pending', 'accepting', 'accepted');
  IF FOUND THEN
    RETURN QUERY SELECT 'exists'::text, row_to_json(v);
    RETURN;
  END IF;
  IF (SELECT count(*) FROM access_links_invites i
      WHERE i.entry_id = p_entry_id AND ((i.state = 'pending' AND i.expires_at > p_now) OR i.state = 'accepting')) >= p_pending_cap THEN
    RETURN QUERY SELECT 'cap_reached'::text, NULL::json;
    RETURN;
  END IF;
  INSERT INTO access_links_invites
    (id, entry_id, email, email_key, role, state, invited_by, inviter_name, invited_at, expires_at, updated_at,
     accepted_by, decided_by, delivery_status, delivery_attempts, last_sent_at, delivery_error)
  VALUES (p_id, p_entry_id, p_email, p_email_key, p_role, p_state, p_invited_by, p_inviter_name, p_invited_at, p_expires_at,
          p_updated_at, p_accepted_by, p_decided_by, p_delivery_status, p_delivery_attempts, p_last_sent_at, p_delivery_error);
  RETURN QUERY SELECT 'inserted'::text, NULL::json;
END
$$;
`,
  },
  {
    version: 8,
    name: 'a page of a room’s waiting guests admitted or declined in one statement',
    sql: `
-- Admits or declines at most p_limit sessions of a room that read 'waiting' (not blocked), the
-- first joined first, as access_links_move_session would each. The rows are locked and checked
-- again before they change, so a session another moderator moved meanwhile is left out. A
-- decline takes the room's settings row first, as a single decline does, so that no join of a
-- declined key that has not yet taken its use lands on the state before it.
CREATE FUNCTION access_links_move_waiting(
  p_entry_id text, p_status text, p_decided_at bigint, p_decided_by text, p_limit integer
) RETURNS SETOF json LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF p_status = 'declined' THEN
    PERFORM 1 FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  END IF;
  RETURN QUERY
  WITH chosen AS (
    SELECT s.id FROM access_links_guest_sessions s
     WHERE s.entry_id = p_entry_id AND s.status = 'waiting'
       AND NOT EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
                       AND ((b.kind = 'email' AND b.key = s.email_key) OR (b.kind = 'client' AND b.key = s.client_key)))
     ORDER BY s.id LIMIT p_limit FOR UPDATE
  ), moved AS (
    UPDATE access_links_guest_sessions s SET status = p_status, decided_at = p_decided_at, decided_by = p_decided_by
      FROM chosen WHERE s.id = chosen.id AND s.status = 'waiting' RETURNING s.*
  ), blocked AS (
    INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at, erasure_key)
    SELECT p_entry_id, k.kind, k.key, m.id, p_decided_at, m.erasure_key
      FROM moved m CROSS JOIN LATERAL (VALUES ('email', m.email_key), ('client', m.client_key)) AS k(kind, key)
     WHERE p_status = 'declined' AND k.key IS NOT NULL
    ON CONFLICT DO NOTHING
  )
  SELECT row_to_json(m) FROM moved m ORDER BY m.id;
END
$$;
`,
  },
  {
    version: 9,
    name: 'the address domains a guest link lets in and keeps out',
    sql: `
-- Each list's domains, in ASCII form, joined by spaces (a domain holds none); empty for none.
-- A link's lists are set when it is made and never change.
ALTER TABLE access_links_guest_links
  ADD COLUMN allowed_domains text NOT NULL DEFAULT '',
  ADD COLUMN blocked_domains text NOT NULL DEFAULT '';
`,
  },
  {
    version: 10,
    name: 'a guest session may be left',
    sql: `
-- A guest who leaves ends the session: status 'left'. The check on the status is replaced (it
-- was made with the table, under a name PostgreSQL chose).
DO $$
DECLARE
  v_name text;
BEGIN
  SELECT c.conname INTO v_name FROM pg_constraint c
   WHERE c.conrelid = 'access_links_guest_sessions'::regclass AND c.contype = 'c'
     AND pg_get_constraintdef(c.oid) LIKE '%status%';
  IF v_name IS NOT NULL THEN
    EXECUTE format('ALTER TABLE access_links_guest_sessions DROP CONSTRAINT %I', v_name);
  END IF;
END
$$;
ALTER TABLE access_links_guest_sessions
  ADD CHECK (status IN ('admitted', 'waiting', 'declined', 'left'));

-- A moderator's decision, as in version 5, where a session the guest left reads 'left' even when
-- a block of its keys would make another read 'declined'.
CREATE OR REPLACE FUNCTION access_links_move_session(
  p_entry_id text, p_session_id text, p_from text, p_status text, p_decided_at bigint, p_decided_by text
) RETURNS TABLE (session json, blocked boolean) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v access_links_guest_sessions%ROWTYPE;
  v_blocked boolean;
BEGIN
  IF p_status = 'declined' THEN
    PERFORM 1 FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  END IF;
  SELECT * INTO v FROM access_links_guest_sessions s WHERE s.id = p_session_id AND s.entry_id = p_entry_id FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  v_blocked := EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
                       AND ((b.kind = 'email' AND b.key = v.email_key) OR (b.kind = 'client' AND b.key = v.client_key)));
  IF (CASE WHEN v_blocked AND v.status <> 'left' THEN 'declined' ELSE v.status END) <> p_from THEN RETURN; END IF;
  IF p_status = 'declined' THEN
    INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at, erasure_key)
      VALUES (p_entry_id, 'email', v.email_key, v.id, p_decided_at, v.erasure_key) ON CONFLICT DO NOTHING;
    IF v.client_key IS NOT NULL THEN
      INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at, erasure_key)
        VALUES (p_entry_id, 'client', v.client_key, v.id, p_decided_at, v.erasure_key) ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    DELETE FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
      AND ((b.kind = 'email' AND b.key = v.email_key) OR (b.kind = 'client' AND b.key = v.client_key));
  END IF;
  UPDATE access_links_guest_sessions s SET status = p_status, decided_at = p_decided_at, decided_by = p_decided_by
   WHERE s.id = p_session_id RETURNING * INTO v;
  RETURN QUERY SELECT row_to_json(v), p_status = 'declined';
END
$$;
`,
  },
  {
    version: 11,
    name: 'rate-limit keys that are checked and not counted',
    sql: `
-- A request's rate limits, all or nothing, as in version 6, where a key may be only checked:
-- p_limits is a JSON array of { key, step, burst, count }, and a key whose count is false must
-- have room for the request to be allowed, but is never counted (an absent count counts, as every
-- call before this version meant). Only the counted keys' rows are made and locked, in key order
-- as before, so that two calls never wait on each other in a cycle. A checked key's row is read
-- as it stands, after those locks are taken; a checked key with no row reads as no request yet
-- (a time of 0), so a check makes no row and changes no later answer.
CREATE OR REPLACE FUNCTION access_links_consume_rate_limits(p_limits json, p_now bigint) RETURNS bigint LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_wait bigint;
BEGIN
  INSERT INTO access_links_rate_limits AS r (key, tat, allowed)
    SELECT i.key, 0, false FROM json_to_recordset(p_limits) AS i(key text, count boolean)
     WHERE i.count IS NOT FALSE ORDER BY i.key
    ON CONFLICT (key) DO UPDATE SET tat = r.tat;
  SELECT max(GREATEST(COALESCE(r.tat, 0), p_now) + i.step - i.burst - p_now) INTO v_wait
    FROM json_to_recordset(p_limits) AS i(key text, step bigint, burst bigint)
    LEFT JOIN access_links_rate_limits r ON r.key = i.key;
  IF v_wait > 0 THEN
    RETURN v_wait;
  END IF;
  UPDATE access_links_rate_limits r SET tat = GREATEST(r.tat, p_now) + i.step, allowed = true
    FROM json_to_recordset(p_limits) AS i(key text, step bigint, count boolean)
   WHERE r.key = i.key AND i.count IS NOT FALSE;
  RETURN 0;
END
$$;
`,
  },
  {
    version: 12,
    name: 'a passcode a guest link may ask for',
    sql: `
-- The hash of the link's passcode, in PHC form (scheme, parameters, salt, hash); NULL for none.
-- The passcode itself is never stored. Unlike a link's other columns, it may change.
ALTER TABLE access_links_guest_links ADD COLUMN passcode_hash text;

DROP FUNCTION access_links_join_guest(text, text, text, text, text, text, text, text, text, bigint, boolean, integer, integer, bigint);

-- A join, as in version 5, judged against the passcode hash the library checked the guest's
-- passcode with (NULL for a link judged to have none): a link whose hash is another now (set,
-- changed or removed since) refuses it, and the use is taken only while the hash is the same.
CREATE FUNCTION access_links_join_guest(
  p_id text, p_entry_id text, p_link_id text, p_link_name text, p_guest_name text, p_guest_email text,
  p_email_key text, p_erasure_key text, p_client_key text, p_joined_at bigint, p_waiting_room boolean,
  p_max_guests integer, p_max_waiting integer, p_declined_since bigint, p_passcode_hash text
) RETURNS TABLE (reasons text[], status text) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_enabled boolean;
  v_locked boolean;
  v_reasons text[] := ARRAY[]::text[];
  v_status text;
  v_uses integer;
  v_live boolean;
  v_passcode text;
BEGIN
  IF p_waiting_room THEN
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  ELSE
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR SHARE;
  END IF;
  IF v_enabled IS NOT TRUE THEN v_reasons := v_reasons || 'GUEST_ACCESS_OFF'::text; END IF;
  SELECT l.uses, (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at), l.passcode_hash
    INTO v_uses, v_live, v_passcode
    FROM access_links_guest_links l WHERE l.id = p_link_id AND l.entry_id = p_entry_id;
  IF v_live IS NOT TRUE THEN
    v_reasons := v_reasons || 'LINK_INVALID'::text;
  ELSIF v_passcode IS DISTINCT FROM p_passcode_hash THEN
    v_reasons := v_reasons || CASE WHEN p_passcode_hash IS NULL THEN 'PASSCODE_REQUIRED' ELSE 'WRONG_PASSCODE' END;
  END IF;
  IF EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id AND b.blocked_at >= p_declined_since
             AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key))) THEN
    v_reasons := v_reasons || 'GUEST_DECLINED'::text;
  END IF;
  IF v_uses >= p_max_guests THEN v_reasons := v_reasons || 'LINK_GUEST_CAP_REACHED'::text; END IF;
  IF p_waiting_room AND v_locked AND (
       SELECT count(*) FROM (SELECT 1 FROM access_links_guest_sessions s
                             WHERE s.entry_id = p_entry_id AND s.status = 'waiting' LIMIT p_max_waiting) w
     ) >= p_max_waiting THEN
    v_reasons := v_reasons || 'WAITING_ROOM_FULL'::text;
  END IF;
  IF cardinality(v_reasons) > 0 THEN
    RETURN QUERY SELECT v_reasons, NULL::text;
    RETURN;
  END IF;
  -- The use, on the same conditions, in case a concurrent join took the last one or the
  -- passcode changed.
  UPDATE access_links_guest_links l SET uses = l.uses + 1
   WHERE l.id = p_link_id AND l.entry_id = p_entry_id AND l.uses < p_max_guests
     AND l.passcode_hash IS NOT DISTINCT FROM p_passcode_hash
     AND (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at);
  IF NOT FOUND THEN
    SELECT l.uses, l.passcode_hash INTO v_uses, v_passcode FROM access_links_guest_links l WHERE l.id = p_link_id;
    RETURN QUERY SELECT CASE
      WHEN v_uses >= p_max_guests THEN ARRAY['LINK_GUEST_CAP_REACHED']
      WHEN v_uses IS NOT NULL AND v_passcode IS DISTINCT FROM p_passcode_hash THEN
        ARRAY[CASE WHEN p_passcode_hash IS NULL THEN 'PASSCODE_REQUIRED' ELSE 'WRONG_PASSCODE' END]
      ELSE ARRAY['LINK_INVALID'] END::text[], NULL::text;
    RETURN;
  END IF;
  DELETE FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
    AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key));
  v_status := CASE WHEN p_waiting_room AND v_locked THEN 'waiting' ELSE 'admitted' END;
  INSERT INTO access_links_guest_sessions
    (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, erasure_key, client_key, status, joined_at)
    VALUES (p_id, p_entry_id, p_link_id, p_link_name, p_guest_name, p_guest_email, p_email_key, p_erasure_key, p_client_key, v_status, p_joined_at);
  RETURN QUERY SELECT v_reasons, v_status;
END
$$;
`,
  },
  {
    version: 13,
    name: 'links that verify addresses, and verified sessions',
    sql: `
-- Whether a link makes guests prove their address with a mailed code (V4); set when it is made.
ALTER TABLE access_links_guest_links ADD COLUMN verify_email boolean NOT NULL DEFAULT false;
-- Whether the guest proved the address. The code itself is never stored, nor its hash.
ALTER TABLE access_links_guest_sessions ADD COLUMN verified boolean NOT NULL DEFAULT false;

DROP FUNCTION access_links_join_guest(text, text, text, text, text, text, text, text, text, bigint, boolean, integer, integer, bigint, text);

-- A join, as in version 12, that may be a verified one (V4): its session id is the
-- verification's, and a second call with it answers the stored session (again) and spends nothing.
CREATE FUNCTION access_links_join_guest(
  p_id text, p_entry_id text, p_link_id text, p_link_name text, p_guest_name text, p_guest_email text,
  p_email_key text, p_erasure_key text, p_client_key text, p_joined_at bigint, p_waiting_room boolean,
  p_max_guests integer, p_max_waiting integer, p_declined_since bigint, p_passcode_hash text, p_verified boolean
) RETURNS TABLE (reasons text[], status text, again boolean) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_enabled boolean;
  v_locked boolean;
  v_reasons text[] := ARRAY[]::text[];
  v_status text;
  v_uses integer;
  v_live boolean;
  v_passcode text;
BEGIN
  -- A verified join's session id is its verification's: calls with the same one take turns on
  -- an advisory lock, and a later one finds the session the first stored and spends nothing.
  IF p_verified THEN
    PERFORM pg_advisory_xact_lock(741003, hashtext(p_id));
    SELECT s.status INTO v_status FROM access_links_guest_sessions s
     WHERE s.id = p_id AND s.link_id = p_link_id AND s.entry_id = p_entry_id;
    IF FOUND THEN
      RETURN QUERY SELECT ARRAY[]::text[], v_status, true;
      RETURN;
    END IF;
  END IF;
  IF p_waiting_room THEN
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  ELSE
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR SHARE;
  END IF;
  IF v_enabled IS NOT TRUE THEN v_reasons := v_reasons || 'GUEST_ACCESS_OFF'::text; END IF;
  SELECT l.uses, (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at), l.passcode_hash
    INTO v_uses, v_live, v_passcode
    FROM access_links_guest_links l WHERE l.id = p_link_id AND l.entry_id = p_entry_id;
  IF v_live IS NOT TRUE THEN
    v_reasons := v_reasons || 'LINK_INVALID'::text;
  ELSIF v_passcode IS DISTINCT FROM p_passcode_hash THEN
    v_reasons := v_reasons || CASE WHEN p_passcode_hash IS NULL THEN 'PASSCODE_REQUIRED' ELSE 'WRONG_PASSCODE' END;
  END IF;
  IF EXISTS (SELECT 1 FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id AND b.blocked_at >= p_declined_since
             AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key))) THEN
    v_reasons := v_reasons || 'GUEST_DECLINED'::text;
  END IF;
  IF v_uses >= p_max_guests THEN v_reasons := v_reasons || 'LINK_GUEST_CAP_REACHED'::text; END IF;
  IF p_waiting_room AND v_locked AND (
       SELECT count(*) FROM (SELECT 1 FROM access_links_guest_sessions s
                             WHERE s.entry_id = p_entry_id AND s.status = 'waiting' LIMIT p_max_waiting) w
     ) >= p_max_waiting THEN
    v_reasons := v_reasons || 'WAITING_ROOM_FULL'::text;
  END IF;
  IF cardinality(v_reasons) > 0 THEN
    RETURN QUERY SELECT v_reasons, NULL::text, false;
    RETURN;
  END IF;
  -- The use, on the same conditions, in case a concurrent join took the last one or the
  -- passcode changed.
  UPDATE access_links_guest_links l SET uses = l.uses + 1
   WHERE l.id = p_link_id AND l.entry_id = p_entry_id AND l.uses < p_max_guests
     AND l.passcode_hash IS NOT DISTINCT FROM p_passcode_hash
     AND (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at);
  IF NOT FOUND THEN
    SELECT l.uses, l.passcode_hash INTO v_uses, v_passcode FROM access_links_guest_links l WHERE l.id = p_link_id;
    RETURN QUERY SELECT CASE
      WHEN v_uses >= p_max_guests THEN ARRAY['LINK_GUEST_CAP_REACHED']
      WHEN v_uses IS NOT NULL AND v_passcode IS DISTINCT FROM p_passcode_hash THEN
        ARRAY[CASE WHEN p_passcode_hash IS NULL THEN 'PASSCODE_REQUIRED' ELSE 'WRONG_PASSCODE' END]
      ELSE ARRAY['LINK_INVALID'] END::text[], NULL::text, false;
    RETURN;
  END IF;
  DELETE FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
    AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key));
  v_status := CASE WHEN p_waiting_room AND v_locked THEN 'waiting' ELSE 'admitted' END;
  INSERT INTO access_links_guest_sessions
    (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, erasure_key, client_key, status, joined_at, verified)
    VALUES (p_id, p_entry_id, p_link_id, p_link_name, p_guest_name, p_guest_email, p_email_key, p_erasure_key, p_client_key, v_status, p_joined_at, p_verified);
  RETURN QUERY SELECT v_reasons, v_status, false;
END
$$;
`,
  },
  {
    version: 14,
    name: 'activity counts of links',
    sql: `
-- How many opened each link, came in, and were turned away by reason, per UTC day (A1). Counts
-- only: no address, name, IP or user agent. A deleted link's stay until they are swept.
CREATE TABLE access_links_guest_activity (
  link_id text NOT NULL,
  day     integer NOT NULL,
  kind    text NOT NULL,
  count   bigint NOT NULL,
  PRIMARY KEY (link_id, day, kind)
);
CREATE INDEX access_links_guest_activity_by_day ON access_links_guest_activity (day);

-- A link's joins of its latest day of joins, kept on the row a join locks anyway: counting a join
-- adds no row lock to it. The ended_ pair is what a join on a new day moved out, for that join only.
ALTER TABLE access_links_guest_links
  ADD COLUMN joins_day integer,
  ADD COLUMN joins_on_day integer NOT NULL DEFAULT 0,
  ADD COLUMN joins_ended_day integer,
  ADD COLUMN joins_ended_count integer;
CREATE INDEX access_links_guest_links_by_joins_day ON access_links_guest_links (joins_day) WHERE joins_day IS NOT NULL;

DROP FUNCTION access_links_join_guest(text, text, text, text, text, text, text, text, text, bigint, boolean, integer, integer, bigint, text, boolean);

-- A join, as in version 13, that may count itself (A1), and that looks for lapsed blocks to
-- remove only when the guest has any.
CREATE FUNCTION access_links_join_guest(
  p_id text, p_entry_id text, p_link_id text, p_link_name text, p_guest_name text, p_guest_email text,
  p_email_key text, p_erasure_key text, p_client_key text, p_joined_at bigint, p_waiting_room boolean,
  p_max_guests integer, p_max_waiting integer, p_declined_since bigint, p_passcode_hash text, p_verified boolean,
  p_count_day integer
) RETURNS TABLE (reasons text[], status text, again boolean) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_enabled boolean;
  v_locked boolean;
  v_reasons text[] := ARRAY[]::text[];
  v_status text;
  v_uses integer;
  v_live boolean;
  v_passcode text;
  v_flush_day integer;
  v_flush_count integer;
  v_blocks bigint;
  v_declined boolean;
BEGIN
  -- A verified join's session id is its verification's: calls with the same one take turns on
  -- an advisory lock, and a later one finds the session the first stored and spends nothing.
  IF p_verified THEN
    PERFORM pg_advisory_xact_lock(741003, hashtext(p_id));
    SELECT s.status INTO v_status FROM access_links_guest_sessions s
     WHERE s.id = p_id AND s.link_id = p_link_id AND s.entry_id = p_entry_id;
    IF FOUND THEN
      RETURN QUERY SELECT ARRAY[]::text[], v_status, true;
      RETURN;
    END IF;
  END IF;
  IF p_waiting_room THEN
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR UPDATE;
  ELSE
    SELECT a.enabled, a.room_locked INTO v_enabled, v_locked
      FROM access_links_guest_access a WHERE a.entry_id = p_entry_id FOR SHARE;
  END IF;
  IF v_enabled IS NOT TRUE THEN v_reasons := v_reasons || 'GUEST_ACCESS_OFF'::text; END IF;
  SELECT l.uses, (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at), l.passcode_hash
    INTO v_uses, v_live, v_passcode
    FROM access_links_guest_links l WHERE l.id = p_link_id AND l.entry_id = p_entry_id;
  IF v_live IS NOT TRUE THEN
    v_reasons := v_reasons || 'LINK_INVALID'::text;
  ELSIF v_passcode IS DISTINCT FROM p_passcode_hash THEN
    v_reasons := v_reasons || CASE WHEN p_passcode_hash IS NULL THEN 'PASSCODE_REQUIRED' ELSE 'WRONG_PASSCODE' END;
  END IF;
  -- The guest's blocks: one that holds refuses; one that lapsed goes once the join lands.
  SELECT count(*), coalesce(bool_or(b.blocked_at >= p_declined_since), false) INTO v_blocks, v_declined
    FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
     AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key));
  IF v_declined THEN
    v_reasons := v_reasons || 'GUEST_DECLINED'::text;
  END IF;
  IF v_uses >= p_max_guests THEN v_reasons := v_reasons || 'LINK_GUEST_CAP_REACHED'::text; END IF;
  IF p_waiting_room AND v_locked AND (
       SELECT count(*) FROM (SELECT 1 FROM access_links_guest_sessions s
                             WHERE s.entry_id = p_entry_id AND s.status = 'waiting' LIMIT p_max_waiting) w
     ) >= p_max_waiting THEN
    v_reasons := v_reasons || 'WAITING_ROOM_FULL'::text;
  END IF;
  IF cardinality(v_reasons) > 0 THEN
    RETURN QUERY SELECT v_reasons, NULL::text, false;
    RETURN;
  END IF;
  -- The use, on the same conditions, in case a concurrent join took the last one or the
  -- passcode changed.
  -- With p_count_day, the join is counted on the row it already locks (A1): the link's joins of
  -- its latest day of joins. A join on another day moves the count it ends to the activity table.
  UPDATE access_links_guest_links l SET uses = l.uses + 1,
         joins_day = COALESCE(p_count_day, l.joins_day),
         joins_on_day = CASE WHEN p_count_day IS NULL THEN l.joins_on_day WHEN l.joins_day = p_count_day THEN l.joins_on_day + 1 ELSE 1 END,
         joins_ended_day = CASE WHEN p_count_day IS NOT NULL AND l.joins_day IS DISTINCT FROM p_count_day THEN l.joins_day END,
         joins_ended_count = CASE WHEN p_count_day IS NOT NULL AND l.joins_day IS DISTINCT FROM p_count_day THEN l.joins_on_day END
   WHERE l.id = p_link_id AND l.entry_id = p_entry_id AND l.uses < p_max_guests
     AND l.passcode_hash IS NOT DISTINCT FROM p_passcode_hash
     AND (l.use_limit IS NULL OR l.uses < l.use_limit) AND (l.expires_at IS NULL OR l.expires_at > p_joined_at)
  RETURNING l.joins_ended_day, l.joins_ended_count INTO v_flush_day, v_flush_count;
  IF NOT FOUND THEN
    SELECT l.uses, l.passcode_hash INTO v_uses, v_passcode FROM access_links_guest_links l WHERE l.id = p_link_id;
    RETURN QUERY SELECT CASE
      WHEN v_uses >= p_max_guests THEN ARRAY['LINK_GUEST_CAP_REACHED']
      WHEN v_uses IS NOT NULL AND v_passcode IS DISTINCT FROM p_passcode_hash THEN
        ARRAY[CASE WHEN p_passcode_hash IS NULL THEN 'PASSCODE_REQUIRED' ELSE 'WRONG_PASSCODE' END]
      ELSE ARRAY['LINK_INVALID'] END::text[], NULL::text, false;
    RETURN;
  END IF;
  -- Most guests have no block: only a guest who had one looks again, to remove what lapsed.
  IF v_blocks > 0 THEN
    DELETE FROM access_links_guest_blocks b WHERE b.entry_id = p_entry_id
      AND ((b.kind = 'email' AND b.key = p_email_key) OR (b.kind = 'client' AND b.key = p_client_key));
  END IF;
  v_status := CASE WHEN p_waiting_room AND v_locked THEN 'waiting' ELSE 'admitted' END;
  INSERT INTO access_links_guest_sessions
    (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, erasure_key, client_key, status, joined_at, verified)
    VALUES (p_id, p_entry_id, p_link_id, p_link_name, p_guest_name, p_guest_email, p_email_key, p_erasure_key, p_client_key, v_status, p_joined_at, p_verified);
  IF v_flush_day IS NOT NULL AND v_flush_count > 0 THEN
    INSERT INTO access_links_guest_activity AS a (link_id, day, kind, count) VALUES (p_link_id, v_flush_day, 'joined', v_flush_count)
      ON CONFLICT (link_id, day, kind) DO UPDATE SET count = a.count + EXCLUDED.count;
  END IF;
  RETURN QUERY SELECT v_reasons, v_status, false;
END
$$;
`,
  },
  {
    version: 15,
    name: 'an outbox of events',
    sql: `
-- Every event, written by the statement of the change it reports, until a dispatcher has
-- delivered it and the retention has passed. queue is the entry (empty for an erasure): a claim
-- takes only each queue's oldest pending event, so an entry's events go out in order.
CREATE TABLE access_links_outbox (
  position     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id           text NOT NULL UNIQUE,
  queue        text NOT NULL,
  event        jsonb NOT NULL,
  state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  delivered_to text[] NOT NULL DEFAULT '{}',
  last_error   text,
  available_at bigint NOT NULL,
  settled_at   bigint,
  claim_token  text
);
CREATE INDEX access_links_outbox_pending ON access_links_outbox (position) WHERE state = 'pending';
CREATE INDEX access_links_outbox_queue ON access_links_outbox (queue, position) WHERE state = 'pending';
CREATE INDEX access_links_outbox_failed ON access_links_outbox (position) WHERE state = 'failed';
CREATE INDEX access_links_outbox_settled ON access_links_outbox (settled_at) WHERE state <> 'pending';

-- A join that writes its events (a JSON array) once it has landed, in the same call: each with
-- detail.status set to the status the session was stored with. A function rather than a common
-- table expression around the join, so that the hot path's plans stay cached. Redefine it with
-- access_links_join_guest whenever that changes its parameters.
CREATE FUNCTION access_links_join_guest_writing(
  p_id text, p_entry_id text, p_link_id text, p_link_name text, p_guest_name text, p_guest_email text,
  p_email_key text, p_erasure_key text, p_client_key text, p_joined_at bigint, p_waiting_room boolean,
  p_max_guests integer, p_max_waiting integer, p_declined_since bigint, p_passcode_hash text, p_verified boolean,
  p_count_day integer, p_events jsonb
) RETURNS TABLE (reasons text[], status text, again boolean) LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  v_joined record;
BEGIN
  SELECT j.reasons, j.status, j.again INTO v_joined FROM access_links_join_guest(p_id, p_entry_id, p_link_id, p_link_name,
    p_guest_name, p_guest_email, p_email_key, p_erasure_key, p_client_key, p_joined_at, p_waiting_room, p_max_guests,
    p_max_waiting, p_declined_since, p_passcode_hash, p_verified, p_count_day) AS j;
  IF v_joined.status IS NOT NULL AND NOT v_joined.again THEN
    INSERT INTO access_links_outbox (id, queue, event, available_at)
    SELECT x.e->>'id', COALESCE(x.e->>'entryId', ''),
           CASE WHEN x.e->'detail' ? 'status' THEN jsonb_set(x.e, '{detail,status}', to_jsonb(v_joined.status)) ELSE x.e END,
           (x.e->>'at')::bigint
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n) ORDER BY x.n;
  END IF;
  RETURN QUERY SELECT v_joined.reasons, v_joined.status, v_joined.again;
END
$$;
`,
  },
]);

/**
 * Keys of the transaction-scoped advisory locks the adapter takes (the first of two keys).
 *
 * @category Schema
 */
export const LOCK_NAMESPACE = {
  /** Held while migrations run. */
  migrations: 741_001,
  /** Held per entry (second key: a hash of the entry id) while an invite is inserted under the cap. */
  invites: 741_002,
  /** Held per verified join (second key: a hash of its session id), so that it joins once (V4). */
  guestVerifications: 741_003,
} as const;

/**
 * Options of {@link migrate}: where the tables go, and which migrations to apply.
 *
 * @category Schema
 */
export interface MigrateOptions extends PostgresLayout {
  /** The migrations. @defaultValue {@link MIGRATIONS} */
  readonly migrations?: readonly Migration[] | undefined;
}

/**
 * Brings the database's schema up to date: applies, in one transaction, every migration not yet
 * recorded in the `…migrations` table of the layout. Safe to run at every start and from several
 * processes at once (they wait for each other on an advisory lock). The one place the adapter
 * needs a transaction: run it on a direct or session-mode connection. Through a
 * transaction-mode pooler a commit can silently not happen; migrate reads its record back after
 * committing and throws `STORAGE_FAILED` when it is missing, rather than report versions that
 * were never applied.
 *
 * @param client - the database; its `transaction` is required here (`INVALID_OPTIONS` without it).
 * @param options - the schema and the table prefix, and the migrations (the adapter's own by
 *   default); a list of migrations alone is accepted too.
 * @returns the versions applied by this call (empty when the schema was up to date).
 *
 * @example
 * ```ts
 * await migrate(client); // [1, 2, 3, …, 14] the first time, [] afterwards
 * await migrate(client, { prefix: 'media_' }); // a second, independent set of tables
 * await migrate(client, { schema: 'media' }); // the tables and functions in schema media
 * ```
 *
 * @category Schema
 */
export async function migrate(client: SqlClient, options: MigrateOptions | readonly Migration[] = {}): Promise<number[]> {
  const { migrations = MIGRATIONS, ...layout } = Array.isArray(options) ? { migrations: options as readonly Migration[] } : (options as MigrateOptions);
  const placement = placementOf(layout);
  if (typeof client.transaction !== 'function') {
    throw new AccessLinksError('INVALID_OPTIONS', 'migrate needs a client that runs transactions (SqlClient.transaction).');
  }
  const applied = await client.transaction(async (connection) => {
    // Inside the transaction the names stay unqualified: the schema, when there is one, is the
    // search path, and every function created is pinned to that path (SET search_path FROM CURRENT).
    const tx = placed(connection, { prefix: placement.prefix, schema: null });
    await tx.query('SELECT pg_advisory_xact_lock($1::int, 0)', [LOCK_NAMESPACE.migrations]);
    if (placement.schema !== null) {
      await tx.query(`CREATE SCHEMA IF NOT EXISTS "${placement.schema}"`);
      await tx.query(`SET LOCAL search_path TO "${placement.schema}", pg_temp`);
    }
    await tx.query(`CREATE TABLE IF NOT EXISTS access_links_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query('SELECT version FROM access_links_migrations')).map((row) => Number(row['version'])));
    const versions: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      // One statement at a time: drivers differ on several statements in one call.
      for (const statement of statementsOf(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO access_links_migrations (version, name) VALUES ($1::int, $2)', [migration.version, migration.name]);
      versions.push(migration.version);
    }
    return versions;
  });
  // A commit can fail to commit without an error reaching the driver (a transaction-mode pooler
  // that moved a prepared COMMIT to another connection answers ROLLBACK): read the record back.
  if (applied.length > 0) {
    const [row] = await placed(client, placement).query(
      'SELECT count(*)::int AS n FROM access_links_migrations WHERE version = ANY($1::int[])',
      [applied],
    );
    if (Number(row?.['n']) !== applied.length) {
      throw new AccessLinksError(
        'STORAGE_FAILED',
        `Migrations ${applied.join(', ')} ran but were not committed: run migrate on a direct or session-mode connection.`,
      );
    }
  }
  return applied;
}

/**
 * @internal Splits a migration into statements at each `;` that ends a line, except inside a
 * dollar-quoted body (`$$ … $$`, as a function's), and drops comments-only pieces.
 */
export function statementsOf(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quoted = false;
  for (const line of sql.split('\n')) {
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) quoted = !quoted;
    current += `${line}\n`;
    if (!quoted && /;\s*$/.test(line)) {
      statements.push(current);
      current = '';
    }
  }
  statements.push(current);
  return statements
    .map((statement) => statement.trim().replace(/;$/, ''))
    .filter((statement) => statement.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}
