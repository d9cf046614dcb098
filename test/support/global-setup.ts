/**
 * Starts the servers the adapter tests use, once for the whole run — PostgreSQL, PgBouncer in
 * transaction mode in front of it, and Redis — and hands their addresses to the tests. An existing server
 * can be named instead with ACCESS_LINKS_TEST_DATABASE_URL (the pooler tests are then skipped).
 * Without either, the PostgreSQL tests are skipped — except under CI=true, where they must run,
 * through the pooler too; so are the Redis tests without redis-server.
 */
import type { TestProject } from 'vitest/node';
import { startPgBouncer, startPgServer } from './pg-cluster';
import { startRedisServer } from './redis-server';

/** Where the tests find PostgreSQL: a connection string, or a socket directory and port. */
export type PgTarget = { readonly connectionString: string } | { readonly socketDir: string; readonly port: number; readonly user: string; readonly database: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PgTarget | null;
    /** PgBouncer in transaction mode in front of the same server: its socket directory and port. */
    pgbouncer: { readonly socketDir: string; readonly port: number; readonly user: string } | null;
    /** A Redis server's Unix socket. */
    redis: { readonly socket: string } | null;
  }
}

export default async function setup(project: TestProject) {
  const redis = await startRedisServer();
  if (redis === null) {
    const how = "install Debian's redis-server package (apt-get install redis-server)";
    if (process.env['CI']) throw new Error(`The Redis adapter tests must run under CI, but no redis-server was found: ${how}.`);
    console.warn(`\nNo redis-server found: the Redis adapter tests are skipped. To run them, ${how}.\n`);
  }
  project.provide('redis', redis === null ? null : { socket: redis.socket });
  const postgres = await setUpPostgres(project).catch(async (error: unknown) => {
    await redis?.stop();
    throw error;
  });
  return async () => {
    await postgres?.();
    await redis?.stop();
  };
}

async function setUpPostgres(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const url = process.env['ACCESS_LINKS_TEST_DATABASE_URL'];
  if (url) {
    project.provide('postgres', { connectionString: url });
    project.provide('pgbouncer', null);
    return undefined;
  }
  const server = await startPgServer();
  if (server === null) {
    const how =
      "install Debian's postgresql package (apt-get install postgresql) or set ACCESS_LINKS_TEST_DATABASE_URL to a database the tests may write to";
    if (process.env['CI']) throw new Error(`The PostgreSQL adapter tests must run under CI, but no PostgreSQL was found: ${how}.`);
    console.warn(`\nNo PostgreSQL found: the PostgreSQL adapter tests are skipped. To run them, ${how}.\n`);
    project.provide('postgres', null);
    project.provide('pgbouncer', null);
    return undefined;
  }
  const { socketDir, port, user, database } = server;
  project.provide('postgres', { socketDir, port, user, database });
  const bouncer = await startPgBouncer(server).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  if (bouncer === null) {
    const how = "install Debian's pgbouncer package (apt-get install pgbouncer)";
    if (process.env['CI']) {
      await server.stop();
      throw new Error(`The tests through a pooler must run under CI, but no PgBouncer was found: ${how}.`);
    }
    console.warn(`\nNo PgBouncer found: the tests through a transaction-mode pooler are skipped. To run them, ${how}.\n`);
  }
  project.provide('pgbouncer', bouncer === null ? null : { socketDir: bouncer.socketDir, port: bouncer.port, user });
  return async () => {
    await bouncer?.stop();
    await server.stop();
  };
}
