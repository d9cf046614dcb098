import type { AccessEvent } from '../../ports/events';
import type { Outbox, OutboxRecord, OutboxState } from '../../ports/outbox';
import type { SqlClient } from './client';
import { placed, placementName, placementOf, type PostgresLayout } from './prefix';

type Row = Record<string, unknown>;

/**
 * @internal A common table expression that writes the events of parameter `$param` (a JSON
 * array) in the statement of their change, only where `when` holds; `event` is the SQL of the
 * event as written (`e`, or `e` with fields the change sets). Positions follow the array's order.
 */
export function eventsWritten(param: number, when: string, event = 'ev.e', from = ''): string {
  return `written_events AS (
    INSERT INTO access_links_outbox (id, queue, event, available_at)
    SELECT ev.e->>'id', COALESCE(ev.e->>'entryId', ''), ${event}, (ev.e->>'at')::bigint
    FROM jsonb_array_elements($${param}::text::jsonb) WITH ORDINALITY AS ev(e, n)${from}
    WHERE ${when}
    ORDER BY ev.n
  )`;
}

/**
 * @internal A statement with its events: the change as `changed`, the events written where
 * `when` holds (by default, where the change answered a row), and the change's rows answered.
 */
export function withEvents(sql: string, written: string | null, param: number, when = 'EXISTS (SELECT 1 FROM changed)', event = 'ev.e', from = ''): string {
  if (written === null) return sql;
  return `WITH changed AS (${sql}), ${eventsWritten(param, when, event, from)} SELECT * FROM changed`;
}

/** @internal The statement's last parameter: the events, when there are any. */
export const extra = (written: string | null): string[] => (written === null ? [] : [written]);

/** @internal The events as the statement's JSON parameter, or `null` when there are none. */
export function eventsParam(events: readonly AccessEvent[] | undefined): string | null {
  return events === undefined || events.length === 0 ? null : JSON.stringify(events);
}

function toRecord(row: Row): OutboxRecord {
  const event = (typeof row['event'] === 'string' ? JSON.parse(row['event']) : row['event']) as AccessEvent;
  return {
    event,
    position: Number(row['position']),
    state: row['state'] as OutboxState,
    attempts: Number(row['attempts']),
    deliveredTo: [...((row['delivered_to'] as string[] | null) ?? [])],
    lastError: (row['last_error'] as string | null) ?? null,
    availableAt: Number(row['available_at']),
    settledAt: row['settled_at'] === null || row['settled_at'] === undefined ? null : Number(row['settled_at']),
  };
}

const COLUMNS = 'position, event, state, attempts, delivered_to, last_error, available_at, settled_at';

/**
 * An {@link Outbox} over PostgreSQL: the table the PostgreSQL stores write their events into,
 * in the statement of each change. A claim is one `UPDATE` of the rows a `FOR UPDATE SKIP
 * LOCKED` subquery picked (each entry's oldest pending event, when free), so dispatchers on
 * many servers share the work without waiting on each other or doing it twice.
 *
 * @param database - the database; run {@link migrate} on it first, with the same layout.
 * @param layout - the schema and the table prefix, when not the defaults.
 * @returns the outbox.
 * @example
 * ```ts
 * const outbox = createPostgresOutbox(fromPg(pool));
 * const dispatcher = createDispatcher({ outbox, consumers: { audit } });
 * ```
 *
 * @category Stores
 */
export function createPostgresOutbox(database: SqlClient, layout?: PostgresLayout): Outbox {
  const placement = placementOf(layout);
  const client = placed(database, placement);
  return {
    name: `postgres:${placementName(placement)}`,
    async claim({ now, until, limit, token }) {
      const rows = await client.query(
        `UPDATE access_links_outbox o SET attempts = o.attempts + 1, available_at = $2::bigint, claim_token = $4
         WHERE o.position IN (
           SELECT h.position FROM access_links_outbox h
           WHERE h.state = 'pending' AND h.available_at <= $1::bigint
             AND NOT EXISTS (SELECT 1 FROM access_links_outbox p WHERE p.queue = h.queue AND p.state = 'pending' AND p.position < h.position)
           ORDER BY h.position LIMIT $3::int
           FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS.split(', ').map((column) => `o.${column}`).join(', ')}`,
        [now, until, limit, token],
      );
      return rows.map(toRecord).sort((a, b) => a.position - b.position);
    },
    async settle({ id, token, state, deliveredTo, availableAt, error, at }) {
      const rows = await client.query(
        `UPDATE access_links_outbox SET state = $3, delivered_to = $4::text[], available_at = $5::bigint, last_error = $6,
           settled_at = CASE WHEN $3 = 'pending' THEN NULL ELSE $7::bigint END, claim_token = NULL
         WHERE id = $1 AND state = 'pending' AND claim_token = $2 RETURNING position`,
        [id, token, state, [...deliveredTo], availableAt, error, at],
      );
      return rows.length === 1;
    },
    async listEvents({ state, after, limit }) {
      const rows = await client.query(
        `SELECT ${COLUMNS} FROM access_links_outbox WHERE state = $1 AND ($2::bigint IS NULL OR position > $2::bigint)
         ORDER BY position LIMIT $3::int`,
        [state, after, limit],
      );
      return rows.map(toRecord);
    },
    async retry(eventId, now) {
      const rows = await client.query(
        `UPDATE access_links_outbox SET state = 'pending', attempts = 0, available_at = $2::bigint, settled_at = NULL, claim_token = NULL
         WHERE id = $1 AND state = 'failed' RETURNING position`,
        [eventId, now],
      );
      return rows.length === 1;
    },
    async sweep({ settledBefore, limit }) {
      const rows = await client.query(
        `WITH doomed AS (
           SELECT position FROM access_links_outbox WHERE state <> 'pending' AND settled_at < $1::bigint
           ORDER BY settled_at LIMIT $2::int FOR UPDATE SKIP LOCKED
         )
         DELETE FROM access_links_outbox o USING doomed WHERE o.position = doomed.position RETURNING o.position`,
        [settledBefore, limit],
      );
      return rows.length;
    },
  };
}
