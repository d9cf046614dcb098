/**
 * The small query interface the PostgreSQL adapter works through, so that it depends on no
 * particular driver, and the wiring for the two common ones.
 */

/**
 * Runs one SQL statement with `$1 … $n` parameters and answers its rows.
 *
 * @category Drivers
 */
export interface SqlQueryable {
  /**
   * Runs one statement.
   * @param text - the SQL, with `$1 … $n` placeholders.
   * @param params - the values of the placeholders.
   * @returns the rows the statement answered (empty for none).
   * @example
   * ```ts
   * const rows = await client.query('SELECT id, uses FROM access_links_guest_links WHERE entry_id = $1', ['room-1']);
   * ```
   */
  query(text: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * The database as the adapter sees it: one statement at a time. Every operation of the stores
 * and the rate limiter is one statement (most call one database function), so the adapter is
 * correct through transaction-mode poolers and with drivers that have no interactive
 * transactions. Only {@link migrate} runs several statements in one transaction, and needs
 * `transaction` for it.
 *
 * @category Drivers
 */
export interface SqlClient extends SqlQueryable {
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (the error is rethrown). Only {@link migrate} uses it; a client without it
   * serves the stores and the rate limiter.
   * @param work - the statements to run.
   * @returns what `work` answered.
   * @example
   * ```ts
   * await client.transaction?.(async (tx) => {
   *   await tx.query('UPDATE access_links_guest_access SET updated_by = $1 WHERE entry_id = $2', ['owner-1', 'room-1']);
   *   await tx.query('SELECT 1');
   * }); // committed, or rolled back if either statement threw
   * ```
   */
  transaction?<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * Closes the connections (`pool.end()`, `sql.end()`); calling it again does nothing. Optional:
   * a client that the host closes itself need not have it.
   * @example
   * ```ts
   * process.on('SIGTERM', () => void client.close?.());
   * ```
   */
  close?(): Promise<void>;
}

/**
 * What a `pg` query answers, as far as the adapter reads it.
 *
 * @category Drivers
 */
export interface PgResultLike {
  /** The rows. */
  readonly rows: Record<string, unknown>[];
}

/**
 * The part of a checked-out `pg` client the adapter uses, for transactions.
 *
 * @category Drivers
 */
export interface PgConnectionLike {
  /**
   * Runs one statement on this connection.
   * @param text - the SQL.
   * @param values - the parameters.
   * @example
   * ```ts
   * const connection = await pool.connect(); // a pg PoolClient is a PgConnectionLike
   * const { rows } = await connection.query('SELECT 1 AS one');
   * connection.release();
   * ```
   */
  query(text: string, values?: unknown[]): Promise<PgResultLike>;
  /**
   * Gives the connection back to the pool; with an error, the pool closes it instead.
   * @param error - why the connection should not be reused.
   * @example
   * ```ts
   * const connection = await pool.connect();
   * try {
   *   await connection.query('SELECT 1');
   *   connection.release();
   * } catch (error) {
   *   connection.release(error as Error); // the pool closes it instead of reusing it
   * }
   * ```
   */
  release(error?: Error | boolean): void;
  /**
   * Listens for the connection being lost.
   * @param event - `'error'`.
   * @param listener - told the error.
   * @example
   * ```ts
   * const connection = await pool.connect();
   * const onLost = (error: Error) => console.error('connection lost', error.message);
   * connection.on('error', onLost);
   * ```
   */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /**
   * Stops listening.
   * @param event - `'error'`.
   * @param listener - the listener given to `on`.
   * @example
   * ```ts
   * const connection = await pool.connect();
   * const onLost = (error: Error) => console.error('connection lost', error.message);
   * connection.on('error', onLost);
   * connection.off('error', onLost);
   * connection.release();
   * ```
   */
  off?(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The part of a `pg` `Pool` the adapter uses.
 *
 * @category Drivers
 */
export interface PgPoolLike {
  /**
   * `pool.query(text, values)`.
   * @param text - the SQL.
   * @param values - the parameters.
   * @example
   * ```ts
   * const { rows } = await pool.query('SELECT 1 AS one'); // a pg Pool is a PgPoolLike
   * ```
   */
  query(text: string, values?: unknown[]): Promise<PgResultLike>;
  /**
   * `pool.connect()`, for transactions.
   * @example
   * ```ts
   * const connection = await pool.connect();
   * connection.release();
   * ```
   */
  connect(): Promise<PgConnectionLike>;
  /**
   * `pool.end()`: closes every connection.
   * @example
   * ```ts
   * await pool.end();
   * ```
   */
  end?(): Promise<void>;
  /**
   * `pool.on('error', listener)` and `pool.on('connect', listener)`: the pool reports a
   * connection that died while idle (the server restarted, say), and tells each new connection.
   * {@link fromPg} listens to both, so that a dying connection never crashes the process.
   */
  on?: {
    /**
     * @param event - `'error'`.
     * @param listener - told the error.
     */
    (event: 'error', listener: (error: Error) => void): unknown;
    /**
     * @param event - `'connect'`.
     * @param listener - told the new connection.
     */
    (event: 'connect', listener: (connection: PgConnectionLike) => void): unknown;
  };
}

/**
 * Options of {@link fromPg}.
 *
 * @category Drivers
 */
export interface FromPgOptions {
  /**
   * Told of each error the pool reports about a connection that died while idle (the pool has
   * already dropped it, and the next query opens a new one). Log it if you like.
   * @defaultValue ignore it
   */
  readonly onError?: ((error: Error) => void) | undefined;
}

/**
 * The part of a postgres.js `sql` (or transaction) instance the adapter uses to run a statement.
 *
 * @category Drivers
 */
export interface PostgresJsQueryLike {
  /**
   * `sql.unsafe(text, params)`.
   * @param text - the SQL.
   * @param params - the parameters.
   * @example
   * ```ts
   * import postgres from 'postgres';
   * const sql = postgres(process.env.DATABASE_URL!);
   * const rows = await sql.unsafe('SELECT $1::int AS n', [1]); // a postgres.js sql is a PostgresJsQueryLike
   * ```
   */
  unsafe(text: string, params?: unknown[]): PromiseLike<Record<string, unknown>[]>;
}

/**
 * The part of a postgres.js `sql` instance the adapter uses.
 *
 * @category Drivers
 */
export interface PostgresJsLike extends PostgresJsQueryLike {
  /**
   * `sql.begin(fn)`, for transactions.
   * @param work - the statements to run in the transaction.
   * @example
   * ```ts
   * import postgres from 'postgres';
   * const sql = postgres(process.env.DATABASE_URL!);
   * await sql.begin(async (tx) => tx.unsafe('SELECT 1'));
   * ```
   */
  begin<T>(work: (sql: PostgresJsQueryLike) => Promise<T>): PromiseLike<T>;
  /**
   * `sql.end()`: closes every connection.
   * @example
   * ```ts
   * import postgres from 'postgres';
   * const sql = postgres(process.env.DATABASE_URL!);
   * await sql.end();
   * ```
   */
  end?(): PromiseLike<void>;
}

/**
 * Wires a `pg` pool (node-postgres) to the adapter. It listens for the pool's `error` events,
 * which node-postgres raises when an idle connection dies (a database restart, an
 * administrator ending backends): without a listener they would crash the process. Queries
 * that were running on a dying connection fail with `STORAGE_FAILED`; the next ones use new
 * connections.
 *
 * @param pool - a `pg.Pool`.
 * @param options - `onError`, told of each such error.
 * @returns the client.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const stores = createPostgresStores(fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL })));
 * ```
 *
 * @category Drivers
 */
export function fromPg(pool: PgPoolLike, options: FromPgOptions = {}): SqlClient {
  const onError = options.onError;
  pool.on?.('error', (error: Error) => {
    try {
      onError?.(error);
    } catch {
      // A failing logger must not turn a dropped connection into a crash.
    }
  });
  // A connection can die in the very chunk of data that completes its opening, before the pool
  // hands it out and anyone listens: every connection gets a listener from its first moment.
  // The failure itself reaches the query that was running, or the pool's 'error' above.
  pool.on?.('connect', (connection: PgConnectionLike) => connection.on?.('error', ignore));
  let closing: Promise<void> | null = null;
  return {
    query: async (text, params = []) => (await pool.query(text, [...params])).rows,
    close: () => (closing ??= Promise.resolve(pool.end?.()).then(() => undefined)),
    async transaction(work) {
      const connection = await pool.connect();
      let broken: Error | undefined;
      // A connection lost mid-transaction also emits 'error'; the failing query already reports it.
      const lost = (error: Error) => (broken = error);
      connection.on?.('error', lost);
      try {
        await connection.query('BEGIN');
        const result = await work({ query: async (text, params = []) => (await connection.query(text, [...params])).rows });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
          // A connection that cannot roll back is not given back to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        connection.off?.('error', lost);
        connection.release(broken);
      }
    },
  };
}

/**
 * Wires a postgres.js `sql` instance to the adapter.
 *
 * @param sql - the value `postgres(...)` answered.
 * @returns the client.
 *
 * @example
 * ```ts
 * import postgres from 'postgres';
 * const stores = createPostgresStores(fromPostgres(postgres(process.env.DATABASE_URL!)));
 * ```
 *
 * @category Drivers
 */
export function fromPostgres(sql: PostgresJsLike): SqlClient {
  let closing: Promise<void> | null = null;
  return {
    close: () => (closing ??= Promise.resolve(sql.end?.()).then(() => undefined)),
    query: async (text, params = []) => [...(await sql.unsafe(text, [...params]))],
    transaction: async (work) =>
      sql.begin((tx) => work({ query: async (text, params = []) => [...(await tx.unsafe(text, [...params]))] })),
  };
}

function ignore(): void {
  // Reported elsewhere: see fromPg.
}

/**
 * What a PGlite query answers, as far as the adapter reads it.
 *
 * @category Drivers
 */
export interface PgliteResultLike {
  /** The rows, one object per row. */
  readonly rows: unknown[];
}

/**
 * What the adapter uses of a PGlite database (`@electric-sql/pglite`): PostgreSQL compiled to
 * WebAssembly, in the process.
 *
 * @category Drivers
 */
export interface PgliteLike {
  /**
   * `db.query(text, params)`.
   * @param text - the SQL.
   * @param params - the values of its placeholders.
   */
  query(text: string, params?: unknown[]): Promise<PgliteResultLike>;
  /**
   * `db.transaction(work)`: committed when `work` resolves, rolled back when it throws.
   * @param work - the statements, on the transaction's own `query`.
   */
  transaction<T>(work: (tx: Pick<PgliteLike, 'query'>) => Promise<T>): Promise<T>;
  /** `db.close()`. */
  close?(): Promise<void>;
}

/**
 * Wires a PGlite database to the adapter: the same migrations and database functions as a
 * PostgreSQL server, with nothing to install. PGlite runs one statement at a time, so the
 * operations that race on a server are serialised here; each is still one statement, atomic as
 * on a server, so the limits hold the same way.
 *
 * @param db - the `PGlite` instance.
 * @returns the client.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStores, fromPglite, migrate } from 'access-links/postgres';
 *
 * const client = fromPglite(new PGlite('./.data/access-links')); // a folder; none for in memory
 * await migrate(client);
 * const { guests, invites } = createPostgresStores(client);
 * ```
 *
 * @category Drivers
 */
export function fromPglite(db: PgliteLike): SqlClient {
  let closing: Promise<void> | null = null;
  const rows = async (on: { query: PgliteLike['query'] }, text: string, params: readonly unknown[]) => (await on.query(text, [...params])).rows as Record<string, unknown>[];
  return {
    query: (text, params = []) => rows(db, text, params),
    close: () => (closing ??= Promise.resolve(db.close?.()).then(() => undefined)),
    transaction: (work) => db.transaction((tx) => work({ query: (text, params = []) => rows(tx, text, params) })),
  };
}
