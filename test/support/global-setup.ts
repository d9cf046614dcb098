/**
 * Starts the PostgreSQL server the adapter tests use, once for the whole run, and hands its
 * address to the tests. An existing server can be named instead with
 * ACCESS_LINKS_TEST_DATABASE_URL. Without either, the PostgreSQL tests are skipped — except
 * under CI=true, where they must run.
 */
import type { TestProject } from 'vitest/node';
import { startPgServer } from './pg-cluster';

/** Where the tests find PostgreSQL: a connection string, or a socket directory and port. */
export type PgTarget = { readonly connectionString: string } | { readonly socketDir: string; readonly port: number; readonly user: string; readonly database: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PgTarget | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env['ACCESS_LINKS_TEST_DATABASE_URL'];
  if (url) {
    project.provide('postgres', { connectionString: url });
    return undefined;
  }
  const server = await startPgServer();
  if (server === null) {
    const how =
      "install Debian's postgresql package (apt-get install postgresql) or set ACCESS_LINKS_TEST_DATABASE_URL to a database the tests may write to";
    if (process.env['CI']) throw new Error(`The PostgreSQL adapter tests must run under CI, but no PostgreSQL was found: ${how}.`);
    console.warn(`\nNo PostgreSQL found: the PostgreSQL adapter tests are skipped. To run them, ${how}.\n`);
    project.provide('postgres', null);
    return undefined;
  }
  const { socketDir, port, user, database } = server;
  project.provide('postgres', { socketDir, port, user, database });
  return () => server.stop();
}
