import { AccessLinksError } from '../../domain/errors';
import type { SqlQueryable } from './client';

/**
 * Where in the database the adapter keeps its tables.
 *
 * @category Schema
 */
export interface PostgresLayout {
  /**
   * The prefix of every table, index and function the adapter creates and uses: lowercase
   * letters, digits and `_`, at most 33 characters, starting with a letter or `_`. Two prefixes
   * keep two independent sets of tables in one database.
   * @defaultValue `'access_links_'`
   */
  readonly prefix?: string | undefined;
  /**
   * The schema that holds the adapter's tables and functions: lowercase letters, digits and `_`,
   * at most 63 characters, starting with a letter or `_` (not `pg_`). {@link migrate} creates it
   * when it is missing. Every statement names it, and each function is pinned to it, so it works
   * through any pooler (no `search_path` startup parameter needed). Give the stores and
   * {@link migrate} the same schema and prefix.
   * @defaultValue none: the first schema of the connection's `search_path` (usually `public`)
   */
  readonly schema?: string | undefined;
}

const DEFAULT_PREFIX = 'access_links_';
const PREFIX = /^[a-z_][a-z0-9_]{0,32}$/;
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
// Every name the adapter's SQL uses starts with the default prefix.
const NAMES = /\baccess_links_/g;

/** @internal A layout, checked: the prefix, and the schema or `null`. */
export interface Placement {
  readonly prefix: string;
  readonly schema: string | null;
}

/** @internal Checks a layout. */
export function placementOf(layout: PostgresLayout | undefined): Placement {
  const prefix = layout?.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new AccessLinksError('INVALID_OPTIONS', 'prefix must be 1 to 33 of a-z 0-9 _, starting with a letter or _.');
  }
  const schema = layout?.schema ?? null;
  if (schema !== null && (typeof schema !== 'string' || !SCHEMA.test(schema) || schema.startsWith('pg_'))) {
    throw new AccessLinksError('INVALID_OPTIONS', 'schema must be 1 to 63 of a-z 0-9 _, starting with a letter or _, and not with pg_.');
  }
  return { prefix, schema };
}

/** @internal How a placement is named in messages and store names: `schema.prefix`, or the prefix. */
export function placementName({ prefix, schema }: Placement): string {
  return schema === null ? prefix : `${schema}.${prefix}`;
}

/**
 * @internal A client whose SQL names the tables under the placement's prefix, qualified by its
 * schema when it has one: each text is rewritten once, then remembered.
 */
export function placed(client: SqlQueryable, { prefix, schema }: Placement): SqlQueryable {
  const names = schema === null ? prefix : `"${schema}".${prefix}`;
  if (names === DEFAULT_PREFIX) return client;
  const rewritten = new Map<string, string>();
  const rewrite = (text: string) => {
    let sql = rewritten.get(text);
    if (sql === undefined) {
      sql = text.replace(NAMES, names);
      if (rewritten.size < 1_000) rewritten.set(text, sql);
    }
    return sql;
  };
  return { query: (text, params) => client.query(rewrite(text), params) };
}
