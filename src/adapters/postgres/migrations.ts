import type { SqlClient } from './client';

/** One step of the schema: a version, a name, and the SQL that takes the schema there. */
export interface Migration {
  /** Applied in increasing order; never reused. */
  readonly version: number;
  /** What it does. */
  readonly name: string;
  /** The statements, separated by `;` at the end of a line, run in one transaction. */
  readonly sql: string;
}

/**
 * The schema of the PostgreSQL adapter, as versioned migrations. Times are milliseconds since
 * the epoch in `bigint` columns. The rules the stores rely on are constraints where a
 * constraint can hold them: a link's uses never pass its limit, an entry's link count never
 * goes below zero, and an address has at most one pending or accepted invite per entry.
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
]);

/** Keys of the transaction-scoped advisory locks the adapter takes (the first of two keys). */
export const LOCK_NAMESPACE = {
  /** Held while migrations run. */
  migrations: 741_001,
  /** Held per entry (second key: a hash of the entry id) while an invite is inserted under the cap. */
  invites: 741_002,
} as const;

/**
 * Brings the database's schema up to date: applies, in one transaction, every migration not yet
 * recorded in `access_links_migrations`. Safe to run at every start and from several processes
 * at once (they wait for each other on an advisory lock).
 *
 * @param client - the database.
 * @param migrations - the migrations; the adapter's own by default.
 * @returns the versions applied by this call (empty when the schema was up to date).
 *
 * @example
 * ```ts
 * await migrate(client); // [1] the first time, [] afterwards
 * ```
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, 0)', [LOCK_NAMESPACE.migrations]);
    await tx.query(`CREATE TABLE IF NOT EXISTS access_links_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query('SELECT version FROM access_links_migrations')).map((row) => Number(row['version'])));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      // One statement at a time: drivers differ on several statements in one call.
      for (const statement of migration.sql.split(/;\s*\n/).map((text) => text.trim()).filter(Boolean)) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO access_links_migrations (version, name) VALUES ($1::int, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
