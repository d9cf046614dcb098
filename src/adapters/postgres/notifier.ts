/**
 * A notifier over PostgreSQL's `LISTEN`/`NOTIFY`: every app server of one database hears what
 * the others changed. Publishing is one statement through any connection; listening needs one
 * connection of its own that keeps its session (direct, or a session-mode pooler).
 */
import { AccessLinksError } from '../../domain/errors';
import type { Notifier } from '../../ports/notifier';
import { overChannel } from '../notices/dispatch';
import type { SqlQueryable } from './client';
import { placementOf, type PostgresLayout } from './prefix';

/**
 * Listening on a channel, whatever the driver: {@link listenWithPg} or {@link listenWithPostgres}.
 *
 * @category Drivers
 */
export interface PostgresListener {
  /**
   * Starts listening; resolves once `LISTEN` is in effect.
   * @param channel - the channel's name.
   * @param onPayload - told each notification's payload.
   * @returns how to stop listening.
   * @example
   * ```ts
   * import postgres from 'postgres';
   * import { listenWithPostgres } from 'access-links/postgres';
   *
   * const listener = listenWithPostgres(postgres(process.env.DATABASE_URL!));
   * const listening = await listener.listen('access_links_notices', (payload) => console.log(payload));
   * await listening.close();
   * ```
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
  ): Promise<{
    /** Stops listening and lets the connection go; calling it again does nothing. */
    close(): Promise<void>;
  }>;
}

/**
 * The part of a `pg.Client` the listener uses.
 *
 * @category Drivers
 */
export interface PgListenClientLike {
  /**
   * Runs a statement (`LISTEN`).
   * @param text - the statement.
   */
  query(text: string): Promise<unknown>;
  /**
   * `client.on('notification' | 'error' | 'end', …)`.
   * @param event - the event's name.
   * @param listener - told of it.
   */
  on(event: 'notification', listener: (message: { channel: string; payload?: string | undefined }) => void): unknown;
  /**
   * `client.on('error' | 'end', …)`.
   * @param event - the event's name.
   * @param listener - told of it.
   */
  on(event: 'error' | 'end', listener: (error?: unknown) => void): unknown;
  /** Closes the connection. */
  end(): Promise<void>;
}

/**
 * Options of {@link listenWithPg}.
 *
 * @category Drivers
 */
export interface ListenWithPgOptions {
  /** Told when the listening connection fails or drops; it is then opened again. */
  readonly onError?: ((error: unknown) => void) | undefined;
  /**
   * How long to wait before opening the connection again, in milliseconds.
   * @defaultValue 1000
   */
  readonly reconnectDelayMs?: number | undefined;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Listens with `pg`: a client of its own (not one of a pool's), which `connect` opens and
 * connects, on which `LISTEN` runs. When that connection fails or ends, `onError` is told and a
 * new one is opened after `reconnectDelayMs`, until `close`. Notifications sent while it was
 * down are missed, which the HTTP layer's heartbeats make up for. The connection must keep its
 * session: connect directly or through a session-mode pooler, never a transaction-mode one.
 *
 * @param connect - opens and connects a new `pg.Client`.
 * @param options - what to tell of failures, and how long to wait before reconnecting.
 * @returns the listener, for {@link createPostgresNotifier}.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { listenWithPg } from 'access-links/postgres';
 *
 * const listener = listenWithPg(async () => {
 *   const client = new pg.Client({ connectionString: process.env.DIRECT_DATABASE_URL! }); // not the transaction pooler
 *   await client.connect();
 *   return client;
 * }, { onError: (error) => console.warn('notices: reconnecting', error) });
 * ```
 *
 * @category Drivers
 */
export function listenWithPg(connect: () => Promise<PgListenClientLike>, options: ListenWithPgOptions = {}): PostgresListener {
  if (typeof connect !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'listenWithPg takes a function that connects a pg.Client.');
  const delay = options.reconnectDelayMs ?? 1000;
  if (!Number.isInteger(delay) || delay < 0) throw new AccessLinksError('INVALID_OPTIONS', 'reconnectDelayMs must be a whole number of milliseconds.');
  const tell = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // The host's logger failing must not stop the listener.
    }
  };
  return {
    async listen(channel, onPayload) {
      const statement = `LISTEN ${quoted(channel)}`;
      let closed = false;
      // The connection that listens, once LISTEN is in effect on it; a reconnection under way.
      let current: PgListenClientLike | null = null;
      let reopening: Promise<void> | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Opens a connection and listens on it. Until LISTEN is in effect, a failure rejects; after,
      // losing the connection schedules the next one (once, whichever of 'error' and 'end' comes first).
      const open = async (): Promise<void> => {
        const client = await connect();
        let lost = false;
        const drop = (error: unknown) => {
          if (lost) return;
          lost = true;
          if (client !== current || closed) return;
          current = null;
          endQuietly(client);
          tell(error ?? new Error('The listening connection ended.'));
          retry();
        };
        client.on('notification', (message) => {
          if (!lost && message.channel === channel && typeof message.payload === 'string') onPayload(message.payload);
        });
        client.on('error', drop);
        client.on('end', drop);
        try {
          await client.query(statement);
          if (lost) throw new Error('The listening connection ended as LISTEN ran.');
        } catch (error) {
          lost = true;
          endQuietly(client);
          throw error;
        }
        current = client;
      };
      const retry = () => {
        timer = setTimeout(() => {
          reopening = open().catch((error: unknown) => {
            if (closed) return;
            tell(error);
            retry();
          });
        }, delay);
      };
      await open();
      let closing: Promise<void> | undefined;
      return {
        close: () =>
          (closing ??= (async () => {
            closed = true;
            clearTimeout(timer);
            // A connection being opened now is ended too, once it is.
            await reopening;
            const client = current;
            current = null;
            await client?.end().catch(ignore);
          })()),
      };
    },
  };
}

/** Ends a connection that is no longer wanted, without waiting or caring how it goes. */
function endQuietly(client: PgListenClientLike): void {
  Promise.resolve()
    .then(() => client.end())
    .catch(ignore);
}

function ignore(): void {
  // A connection that fails as it is let go has nothing left to report.
}

/**
 * The part of a postgres.js `sql` the listener uses.
 *
 * @category Drivers
 */
export interface PostgresJsListenLike {
  /**
   * `sql.listen(channel, onNotify)`: resolves once listening, with how to stop.
   * @param channel - the channel's name.
   * @param onNotify - told each payload.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
  ): Promise<{
    /** `UNLISTEN`, once no listener of this `sql` is left on the channel. */
    unlisten(): Promise<void>;
  }>;
}

/**
 * Listens with postgres.js: `sql.listen`, on the connection postgres.js keeps for it and opens
 * again by itself when it drops. Give it an `sql` whose URL keeps sessions (direct, or a
 * session-mode pooler).
 *
 * @param sql - the postgres.js instance.
 * @returns the listener, for {@link createPostgresNotifier}.
 *
 * @example
 * ```ts
 * import postgres from 'postgres';
 * import { listenWithPostgres } from 'access-links/postgres';
 *
 * const listener = listenWithPostgres(postgres(process.env.DIRECT_DATABASE_URL!));
 * ```
 *
 * @category Drivers
 */
export function listenWithPostgres(sql: PostgresJsListenLike): PostgresListener {
  if (typeof sql?.listen !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'listenWithPostgres takes a postgres.js sql.');
  return {
    async listen(channel, onPayload) {
      let open = true;
      // Once postgres.js has listened again after a drop, `unlisten` no longer finds this
      // listener: a closed one ignores what still comes.
      const listening = await sql.listen(channel, (payload) => {
        if (open) onPayload(payload);
      });
      let closing: Promise<void> | undefined;
      return {
        close: () => {
          open = false;
          return (closing ??= Promise.resolve(listening.unlisten()));
        },
      };
    },
  };
}

/**
 * A {@link Notifier} over PostgreSQL, with `close` to stop listening.
 *
 * @category Stores
 */
export interface PostgresNotifier extends Notifier {
  /** The channel it publishes and listens on: `<prefix>notices`, after the schema when there is one. */
  readonly channel: string;
  /**
   * Stops listening; publishing still works.
   * @example
   * ```ts
   * import postgres from 'postgres';
   * import { createPostgresNotifier, fromPostgres, listenWithPostgres } from 'access-links/postgres';
   *
   * const sql = postgres(process.env.DATABASE_URL!);
   * const notifier = await createPostgresNotifier(fromPostgres(sql), listenWithPostgres(sql));
   * process.on('SIGTERM', () => void notifier.close());
   * ```
   */
  close(): Promise<void>;
}

/** A channel name of at most 63 bytes: a longer one keeps its start and a digest of the whole. */
function channelOf(name: string): string {
  if (name.length <= 63) return name;
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return `${name.slice(0, 54)}_${hash.toString(16).padStart(8, '0')}`;
}

/**
 * Creates a notifier over PostgreSQL: `publish` is one `SELECT pg_notify(…)` through `database`
 * (any connection, transaction poolers included; delivered when it commits), one statement for
 * all the events published in the same turn of the event loop, in order; and `listener`
 * hears every server's notices on the layout's channel. Resolves once listening.
 *
 * @param database - the client the stores use.
 * @param listener - {@link listenWithPg} or {@link listenWithPostgres}, over a connection that keeps its session.
 * @param layout - the stores' schema and prefix: the channel is theirs alone.
 * @returns the notifier; pass it as the services' `notifier` and the HTTP layer's `notifier`.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` for a layout that is not one.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresNotifier, fromPg, listenWithPg } from 'access-links/postgres';
 *
 * const client = fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL! }));
 * const notifier = await createPostgresNotifier(
 *   client,
 *   listenWithPg(async () => {
 *     const connection = new pg.Client({ connectionString: process.env.DIRECT_DATABASE_URL! });
 *     await connection.connect();
 *     return connection;
 *   }),
 * );
 * ```
 *
 * @category Stores
 */
export async function createPostgresNotifier(database: SqlQueryable, listener: PostgresListener, layout?: PostgresLayout): Promise<PostgresNotifier> {
  if (typeof database?.query !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'createPostgresNotifier takes the client the stores use.');
  if (typeof listener?.listen !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'createPostgresNotifier takes a listener: listenWithPg or listenWithPostgres.');
  const { prefix, schema } = placementOf(layout);
  const channel = channelOf(`${schema === null ? '' : `${schema}.`}${prefix}notices`);
  // Publishes of one turn of the event loop go in one statement, in the order they were made: an
  // "admit all" of hundreds of guests sends a few statements, not one a guest.
  let batch: { texts: string[]; sent: Promise<unknown> } | null = null;
  const send = (text: string): Promise<unknown> => {
    if (batch === null) {
      const texts: string[] = [];
      batch = {
        texts,
        sent: new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
          batch = null;
          return database.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [channel, texts]);
        }),
      };
    }
    batch.texts.push(text);
    return batch.sent;
  };
  const listen = async (hear: (text: string) => void) => {
    const listening = await listener.listen(channel, hear);
    return () => listening.close();
  };
  return { channel, ...(await overChannel(listen, send)) };
}
