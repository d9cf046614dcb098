/**
 * The PostgreSQL adapter through PgBouncer in transaction mode, as managed poolers run by
 * default: each transaction may be served by another server connection, and a prepared
 * statement made on one is unknown to the next. Every store operation is one statement, so the
 * whole conformance kit passes through it with `pg` and with postgres.js at its default options
 * (which prepares statements); connections killed mid-operation lose nothing; the `schema` option
 * works without a `search_path` startup parameter (which the pooler refuses); and `migrate` never
 * reports a commit that did not happen.
 */
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, test } from 'vitest';
import { createGuestLinks, createKeyRing } from '../src/index';
import { createInviteLinks } from '../src/invites';
import { createMemoryEntryDirectory } from '../src/memory';
import {
  createPostgresGuestStore,
  createPostgresInviteStore,
  createPostgresRateLimiter,
  createPostgresStores,
  fromPg,
  fromPostgres,
  migrate,
  MIGRATIONS,
  type SqlClient,
} from '../src/postgres';
import { guestStoreConformance, inviteStoreConformance, rateLimiterConformance, runConformance } from '../src/testing';
import { anInvite } from '../src/testing/kit';
import { SECRET, START, ok, owner } from './harness';

const server = inject('postgres');
const bouncer = inject('pgbouncer');
/** A database of these tests' own, so that killing its connections touches no other test file. */
const DATABASE = 'access_links_pooler';
const DIRECT_NAME = 'access-links-direct';

let admin: pg.Pool;
let direct: pg.Pool;
let pooledPg: pg.Pool;
let sql: postgres.Sql;
/** The database without a pooler: for migrations and for reading what was stored. */
let db: SqlClient;
/** `pg` through the pooler. */
let viaPg: SqlClient;
/** postgres.js through the pooler, at its default options. */
let viaPostgresJs: SqlClient;

describe.skipIf(server === null || bouncer === null || 'connectionString' in server)('the PostgreSQL adapter through PgBouncer in transaction mode', () => {
  const s = server as { socketDir: string; port: number; user: string; database: string };
  const b = bouncer!;
  const directConfig = (database: string, max: number): pg.PoolConfig => ({ host: s.socketDir, port: s.port, user: s.user, database, max, application_name: DIRECT_NAME });
  const pooledConfig = (max: number, application_name?: string): pg.PoolConfig => ({ host: b.socketDir, port: b.port, user: b.user, database: DATABASE, max, application_name });

  beforeAll(async () => {
    admin = new pg.Pool(directConfig(s.database, 1));
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    direct = new pg.Pool(directConfig(DATABASE, 4));
    pooledPg = new pg.Pool(pooledConfig(10));
    direct.on('error', () => undefined);
    pooledPg.on('error', () => undefined);
    db = fromPg(direct);
    viaPg = fromPg(pooledPg);
    sql = postgres({ host: b.socketDir, port: b.port, username: b.user, database: DATABASE, onnotice: () => undefined });
    viaPostgresJs = fromPostgres(sql);
    await migrate(db);
    await migrate(db, { schema: 'media' });
  });

  afterAll(async () => {
    await sql?.end();
    await pooledPg?.end();
    await direct?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`).catch(() => undefined);
    await admin?.end();
  });

  it('an invite said to be inserted is stored, under 160 concurrent inserts through either driver', async () => {
    for (const client of [viaPostgresJs, viaPg]) {
      const store = createPostgresInviteStore(client);
      const invites = Array.from({ length: 160 }, (_, n) => anInvite(`pooled-${n % 8}`));
      const answers = await Promise.all(invites.map((invite) => store.insertInvite(invite, 1_000, START)));
      expect(answers.every((answer) => answer.status === 'inserted')).toBe(true);
      const [row] = await db.query('SELECT count(*)::int AS n FROM access_links_invites WHERE id = ANY($1)', [invites.map((invite) => invite.id)]);
      expect(row!['n']).toBe(160);
      await db.query('DELETE FROM access_links_invites WHERE id = ANY($1)', [invites.map((invite) => invite.id)]);
    }
  });

  it('the pending cap holds for concurrent inserts through the pooler', async () => {
    const store = createPostgresInviteStore(viaPostgresJs);
    const entryId = `pooled-cap-${Date.now()}`;
    const answers = await Promise.all(Array.from({ length: 40 }, () => store.insertInvite(anInvite(entryId), 7, START)));
    expect(answers.filter((answer) => answer.status === 'inserted')).toHaveLength(7);
    expect(answers.filter((answer) => answer.status === 'cap_reached')).toHaveLength(33);
    const [row] = await db.query('SELECT count(*)::int AS n FROM access_links_invites WHERE entry_id = $1', [entryId]);
    expect(row!['n']).toBe(7);
  });

  describe('passes the conformance kit through pg', () => {
    runConformance(guestStoreConformance(async () => ({ store: createPostgresGuestStore(viaPg), second: createPostgresGuestStore(db) })), test);
    runConformance(inviteStoreConformance(async () => ({ store: createPostgresInviteStore(viaPg), second: createPostgresInviteStore(db) })), test);
    runConformance(rateLimiterConformance(async () => ({ store: createPostgresRateLimiter(viaPg), second: createPostgresRateLimiter(viaPostgresJs) })), test);
  });

  describe('passes the conformance kit through postgres.js at its default options', () => {
    runConformance(guestStoreConformance(async () => ({ store: createPostgresGuestStore(viaPostgresJs), second: createPostgresGuestStore(viaPg) })), test);
    runConformance(inviteStoreConformance(async () => ({ store: createPostgresInviteStore(viaPostgresJs), second: createPostgresInviteStore(viaPg) })), test);
  });

  describe('in a schema of its own, named by the schema option', () => {
    runConformance(
      guestStoreConformance(async () => ({ store: createPostgresGuestStore(viaPostgresJs, { schema: 'media' }), second: createPostgresGuestStore(viaPg, { schema: 'media' }) })),
      test,
    );
    runConformance(
      inviteStoreConformance(async () => ({ store: createPostgresInviteStore(viaPg, { schema: 'media' }), second: createPostgresInviteStore(viaPostgresJs, { schema: 'media' }) })),
      test,
    );

    it('keeps every table and function in that schema, and writes nothing to the default one', async () => {
      const stores = createPostgresStores(viaPostgresJs, { schema: 'media' });
      const entryId = `schema-${Date.now()}`;
      const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
      const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'video', ownerId: owner.userId, available: true }] });
      const access = createGuestLinks({ store: stores.guests, directory, keyRing, guestLinkUrl: (token) => token });
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'Guests' }));
      ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
      expect(stores.name).toBe('postgres:media.access_links_');

      const [inMedia] = await db.query('SELECT count(*)::int AS n FROM media.access_links_guest_sessions WHERE entry_id = $1', [entryId]);
      const [inPublic] = await db.query('SELECT count(*)::int AS n FROM public.access_links_guest_sessions WHERE entry_id = $1', [entryId]);
      expect([inMedia!['n'], inPublic!['n']]).toEqual([1, 0]);
      const tables = await db.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'media' AND tablename LIKE 'access_links_%'");
      expect(tables[0]!['n']).toBeGreaterThanOrEqual(7);
      // Each function is pinned to the schema, whatever search path the calling connection has.
      const functions = await db.query(
        `SELECT p.proname, p.proconfig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'media' AND p.proname LIKE 'access_links_%' ORDER BY p.proname`,
      );
      expect(functions.length).toBeGreaterThanOrEqual(6);
      for (const f of functions) expect(f['proconfig']).toEqual(['search_path=media, pg_temp']);
    });

    it('is created by migrate, which answers every version once', async () => {
      expect(await migrate(db, { schema: 'media_two' })).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(db, { schema: 'media_two' })).toEqual([]);
      const [row] = await db.query('SELECT count(*)::int AS n FROM media_two.access_links_migrations');
      expect(row!['n']).toBe(MIGRATIONS.length);
    });

    it('refuses a schema that is not a plain lowercase name, before any SQL', async () => {
      let statements = 0;
      const counting: SqlClient = { query: async () => (statements++, []), transaction: async (work) => work({ query: async () => (statements++, []) }) };
      for (const schema of ['Media', 'pg_media', 'a-b', '', 'x'.repeat(64), 'media"; DROP TABLE x; --', 7]) {
        expect(() => createPostgresStores(counting, { schema: schema as string })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
        await expect(migrate(counting, { schema: schema as string })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
      }
      expect(statements).toBe(0);
    });
  });

  describe('migrate', () => {
    it('throws when its commit did not take effect, rather than answer versions that were never applied', async () => {
      // A transaction that ends before the driver commits: the commit then commits nothing.
      const rolledBack: SqlClient = {
        query: db.query,
        transaction: (work) =>
          db.transaction!(async (tx) => {
            const answer = await work(tx);
            await tx.query('ROLLBACK');
            return answer;
          }),
      };
      const extra = [{ version: 9100, name: 'a table', sql: 'CREATE TABLE access_links_never (x int)' }];
      await expect(migrate(rolledBack, extra)).rejects.toMatchObject({ code: 'STORAGE_FAILED', message: expect.stringContaining('not committed') });
      expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'access_links_never'")).toEqual([]);
    });

    it('needs a client with transactions, and says so', async () => {
      await expect(migrate({ query: db.query })).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringContaining('transaction') });
    });
  });

  it('the stores work on a client that has no transactions at all', async () => {
    const statementsOnly: SqlClient = { query: (text, params) => viaPostgresJs.query(text, params) };
    const stores = createPostgresStores(statementsOnly);
    const entryId = `no-tx-${Date.now()}`;
    expect(await stores.invites.insertInvite(anInvite(entryId), 1, START)).toEqual({ status: 'inserted' });
    expect(await stores.invites.insertInvite(anInvite(entryId), 1, START)).toEqual({ status: 'cap_reached' });
  });

  it('connections killed during every kind of operation crash nothing and lose no use', async () => {
    const name = `access-links-pooled-kill-${Date.now()}`;
    // Through pg only: postgres.js fetches its array types on each new connection with a promise
    // nobody holds, so a connection killed during that fetch is an unhandled rejection in the
    // driver itself (docs/production.md says what to do about it).
    const dyingPg = new pg.Pool(pooledConfig(8, name));
    const entryId = `pooled-kill-${Date.now()}`;
    const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'room', ownerId: owner.userId, available: true }] });
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const worlds = [fromPg(dyingPg)].map((client) => {
      const stores = createPostgresStores(client);
      return {
        access: createGuestLinks({ store: stores.guests, directory, keyRing, guestLinkUrl: (t) => t }),
        invites: createInviteLinks({ store: stores.invites, directory, keyRing, inviteUrl: (t) => t, mailer: { send: async () => undefined } }),
      };
    });
    const setUp = createGuestLinks({ store: createPostgresGuestStore(db), directory, keyRing, guestLinkUrl: (t) => t });
    ok(await setUp.setGuestAccess({ actor: owner, entryId, enabled: true }));
    const link = ok(await setUp.createGuestLink({ actor: owner, entryId, name: 'L', useLimit: 100_000 }));
    let stop = false;
    // The pooler's server connections take the client's application name while they serve it.
    const killer = (async () => {
      while (!stop) {
        await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [DATABASE, name]);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    let round = 0;
    const failures = new Set<string>();
    const work = async () => {
      const i = round++;
      const { access, invites } = worlds[i % worlds.length]!;
      const calls: (() => Promise<unknown>)[] = [
        () => access.joinGuestLink({ token: link.token, name: 'G', email: `g${i}@example.org` }),
        () => access.openGuestLink({ token: link.token }),
        () => access.listGuests({ actor: owner, entryId }),
        () => access.setRoomLock({ actor: owner, entryId, locked: false }),
        () => invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: [`i${i}@example.org`] }),
      ];
      await Promise.all(calls.map((call) => call().catch((error: unknown) => void failures.add((error as { code?: string }).code ?? String(error)))));
    };
    const until = Date.now() + 1_500;
    while (Date.now() < until) await Promise.all([work(), work(), work()]);
    stop = true;
    await killer;
    expect([...failures].filter((code) => code !== 'STORAGE_FAILED')).toEqual([]);
    for (const { access } of worlds) ok(await access.joinGuestLink({ token: link.token, name: 'After', email: `after-${round++}@example.org` }));
    const [uses] = await db.query('SELECT uses FROM access_links_guest_links WHERE id = $1', [link.id]);
    const [sessions] = await db.query('SELECT count(*)::int AS n FROM access_links_guest_sessions WHERE link_id = $1', [link.id]);
    expect(Number(uses!['uses'])).toBe(sessions!['n']);
    await dyingPg.end();
  });
});
