import { AccessLinksError } from '../../domain/errors';
import type { SqlClient, SqlQueryable } from './client';

/**
 * Where in the database the adapter keeps its tables.
 *
 * @category Schema
 */
export interface PostgresLayout {
  /**
   * The prefix of every table, index and function the adapter creates and uses: lowercase
   * letters, digits and `_`, at most 33 characters, starting with a letter or `_`. Two prefixes
   * keep two independent sets of tables in one database. To use a schema of your own, put it
   * first in the connection's `search_path` (for `pg`: `options: '-c search_path=media'`).
   * @defaultValue `'access_links_'`
   */
  readonly prefix?: string | undefined;
}

const DEFAULT_PREFIX = 'access_links_';
const PREFIX = /^[a-z_][a-z0-9_]{0,32}$/;
// Every name the adapter's SQL uses starts with the default prefix.
const NAMES = /\baccess_links_/g;

/** @internal The checked prefix of a layout. */
export function prefixOf(layout: PostgresLayout | undefined): string {
  const prefix = layout?.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new AccessLinksError('INVALID_OPTIONS', 'prefix must be 1 to 33 of a-z 0-9 _, starting with a letter or _.');
  }
  return prefix;
}

/** @internal A client whose SQL names the tables under `prefix`: each text is rewritten once, then remembered. */
export function prefixed(client: SqlClient, prefix: string): SqlClient {
  if (prefix === DEFAULT_PREFIX) return client;
  const rewritten = new Map<string, string>();
  const rewrite = (text: string) => {
    let sql = rewritten.get(text);
    if (sql === undefined) {
      sql = text.replace(NAMES, prefix);
      if (rewritten.size < 1_000) rewritten.set(text, sql);
    }
    return sql;
  };
  const over = (queryable: SqlQueryable): SqlQueryable => ({ query: (text, params) => queryable.query(rewrite(text), params) });
  return {
    ...over(client),
    transaction: (work) => client.transaction((tx) => work(over(tx))),
    ...(client.close === undefined ? {} : { close: () => client.close!() }),
  };
}
