/**
 * The PostgreSQL adapter: the guest store and the invite store over a PostgreSQL
 * database, with no dependency on a particular driver. Wire `pg` with {@link fromPg} or
 * postgres.js with {@link fromPostgres}, bring the schema up to date with {@link migrate}, and
 * pass the stores to `createGuestLinks` and `createInviteLinks`.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStores, fromPg, migrate } from 'access-links/postgres';
 *
 * const client = fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await migrate(client);
 * const { guests, invites } = createPostgresStores(client);
 * ```
 *
 * @module access-links/postgres
 */
export { fromPg, fromPglite, fromPostgres } from './adapters/postgres/client';
export type {
  FromPgOptions,
  PgConnectionLike,
  PgliteLike,
  PgliteResultLike,
  PgPoolLike,
  PgResultLike,
  PostgresJsLike,
  PostgresJsQueryLike,
  SqlClient,
  SqlQueryable,
} from './adapters/postgres/client';
export { LOCK_NAMESPACE, migrate, MIGRATIONS } from './adapters/postgres/migrations';
export type { MigrateOptions, Migration } from './adapters/postgres/migrations';
export { createPostgresNotifier, listenWithPg, listenWithPostgres } from './adapters/postgres/notifier';
export { createPostgresOutbox } from './adapters/postgres/outbox';
export type { ListenWithPgOptions, PgListenClientLike, PostgresJsListenLike, PostgresListener, PostgresNotifier } from './adapters/postgres/notifier';
export type { PostgresLayout } from './adapters/postgres/prefix';
export {
  createPostgresGuestStore,
  createPostgresInviteStore,
  createPostgresRateLimiter,
  createPostgresStores,
} from './adapters/postgres/stores';
export type { PostgresRateLimiter, PostgresStores, RateLimitSweep } from './adapters/postgres/stores';
