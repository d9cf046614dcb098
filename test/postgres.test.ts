/**
 * The PostgreSQL adapter on a real server: the whole conformance kit through both drivers, its
 * schema migrations, the library's limits under real concurrency, and crashes mid-operation.
 */
import pg from 'pg';
import { ulid } from 'ulid';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, test } from 'vitest';
import { createGuestLinks, createKeyRing } from '../src/index';
import { createInviteLinks } from '../src/invites';
import { createHttpHandler } from '../src/http';
import { createMemoryEntryDirectory, createMemoryMailer } from '../src/memory';
import {
  createPostgresGuestStore,
  createPostgresInviteStore,
  createPostgresRateLimiter,
  createPostgresStores,
  fromPg,
  fromPostgres,
  migrate,
  LOCK_NAMESPACE,
  MIGRATIONS,
  type SqlClient,
} from '../src/postgres';
import { guestStoreConformance, inviteStoreConformance, outboxConformance, rateLimiterConformance, runConformance } from '../src/testing';
import { aLink, anInvite } from '../src/testing/kit';
import { SECRET, START, admin, entries, ok, owner } from './harness';
import fc from 'fast-check';
import { rejoinCommand, rejoinWorld, runRejoins } from './support/rejoin';
import { runs } from './support/runs';
import { joinsAcross } from './support/joins';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findPgBin } from './support/pg-cluster';
import { guestPeek, invitePeek } from './support/postgres-peek';

const target = inject('postgres');
const pgConfig = (max: number): pg.PoolConfig =>
  target === null
    ? {}
    : 'connectionString' in target
      ? { connectionString: target.connectionString, max }
      : { host: target.socketDir, port: target.port, user: target.user, database: target.database, max };

let pool: pg.Pool;
let otherPool: pg.Pool;
let sql: postgres.Sql;
let client: SqlClient;
let other: SqlClient;
let viaPostgresJs: SqlClient;


describe.skipIf(target === null)('the PostgreSQL adapter', () => {
  beforeAll(async () => {
    pool = new pg.Pool(pgConfig(20));
    otherPool = new pg.Pool(pgConfig(5));
    // Connections the crash tests kill report it here too; the failing queries are what is tested.
    pool.on('error', () => undefined);
    otherPool.on('error', () => undefined);
    client = fromPg(pool);
    other = fromPg(otherPool);
    sql =
      target !== null && 'connectionString' in target
        ? postgres(target.connectionString, { max: 10, onnotice: () => undefined })
        : postgres({ host: target!.socketDir, port: target!.port, username: target!.user, database: target!.database, max: 10, onnotice: () => undefined });
    viaPostgresJs = fromPostgres(sql);
    await migrate(client);
  });

  afterAll(async () => {
    await pool?.end();
    await otherPool?.end();
    await sql?.end();
  });

  describe('migrations', () => {
    it('are applied once, and running them again changes nothing, from any driver', async () => {
      expect(await migrate(client)).toEqual([]);
      expect(await migrate(viaPostgresJs)).toEqual([]);
      const versions = await client.query('SELECT version FROM access_links_migrations ORDER BY version');
      expect(versions.map((row) => Number(row['version']))).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('run concurrently from several processes apply nothing twice', async () => {
      const results = await Promise.all([migrate(client), migrate(other), migrate(viaPostgresJs)]);
      expect(results).toEqual([[], [], []]);
    });
  });

  describe('passes the conformance kit through pg', () => {
    runConformance(
      guestStoreConformance(async () => ({
        store: createPostgresGuestStore(client),
        second: createPostgresGuestStore(other),
        peek: guestPeek(client),
      })),
      test,
    );
    runConformance(
      inviteStoreConformance(async () => ({
        store: createPostgresInviteStore(client),
        second: createPostgresInviteStore(other),
        peek: invitePeek(client),
      })),
      test,
    );
  });

  describe('the outbox and the stores that write into it pass the kit, through both drivers', () => {
    runConformance(outboxConformance(async () => ({ store: createPostgresStores(client), second: createPostgresStores(other) })), test);
    runConformance(outboxConformance(async () => ({ store: createPostgresStores(viaPostgresJs), second: createPostgresStores(client) })), test);
  });

  describe('the rate limiter passes the kit, shared by two pools and both drivers', () => {
    runConformance(rateLimiterConformance(async () => ({ store: createPostgresRateLimiter(client), second: createPostgresRateLimiter(other) })), test);
    runConformance(rateLimiterConformance(async () => ({ store: createPostgresRateLimiter(viaPostgresJs), second: createPostgresRateLimiter(client) })), test);
  });

  describe('passes the conformance kit through postgres.js', () => {
    runConformance(
      guestStoreConformance(async () => ({ store: createPostgresGuestStore(viaPostgresJs), second: createPostgresGuestStore(client) })),
      test,
    );
    runConformance(inviteStoreConformance(async () => ({ store: createPostgresInviteStore(viaPostgresJs), second: createPostgresInviteStore(client) })), test);
  });

  describe('under the library, with real concurrency', () => {
    async function library(entryId: string) {
      const { guests } = createPostgresStores(client);
      const directory = createMemoryEntryDirectory({ entries: [...entries, { id: entryId, type: 'video', ownerId: owner.userId, available: true }] });
      return createGuestLinks({
        store: guests,
        directory,
        keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
        clock: { now: () => START },
        guestLinkUrl: (token) => token,
      });
    }

    it("two app servers on the same database share the HTTP layer's default limits", async () => {
      const entryId = `pg-limits-${Date.now()}`;
      const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'video', ownerId: owner.userId, available: true }] });
      const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
      const client_ = `203.0.113.${Date.now() % 250}-${ulid()}`;
      // Each server with its own pool and its own stores, and no rateLimiter named.
      const servers = [client, other].map((db) => {
        const guestLinks = createGuestLinks({ store: createPostgresStores(db).guests, directory, keyRing, guestLinkUrl: (t) => t });
        return { guestLinks, handler: createHttpHandler({ guestLinks, authenticate: () => null, clientKey: () => client_ }) };
      });
      ok(await servers[0]!.guestLinks.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await servers[0]!.guestLinks.createGuestLink({ actor: owner, entryId, name: 'Launch' }));
      const statuses = await joinsAcross(servers.map((server) => server.handler), link.token, 16);
      // joinPerClient is 10 a minute, counted in PostgreSQL: 10 in all, not 10 per server.
      expect(statuses.filter((status) => status === 201)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(6);
    });

    it('1,000 concurrent joins over a pool of 20 connections on a 5-use link succeed exactly 5 times', async () => {
      const entryId = `pg-join-${Date.now()}`;
      const access = await library(entryId);
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'Five', useLimit: 5 }));
      const joins = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org` })),
      );
      expect(joins.filter((j) => j.ok)).toHaveLength(5);
      expect(joins.filter((j) => !j.ok && j.code === 'LINK_INVALID')).toHaveLength(995);
      const [row] = await client.query('SELECT uses FROM access_links_guest_links WHERE id = $1', [link.id]);
      expect(Number(row!['uses'])).toBe(5);
      const sessions = await client.query('SELECT count(*) AS n FROM access_links_guest_sessions WHERE link_id = $1', [link.id]);
      expect(Number(sessions[0]!['n'])).toBe(5);
    });

    it('G12: 40 concurrent joins of one guest holding a session, beside 10 new guests, spend no second use of the guest', async () => {
      const entryId = `pg-rejoin-${Date.now()}`;
      const access = await library(entryId);
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'Three', useLimit: 3 }));
      const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
      const [rejoins, others] = await Promise.all([
        Promise.all(Array.from({ length: 40 }, (_, i) => access.joinGuestLink({ token: link.token, name: 'Ada', email: i % 2 === 0 ? 'ADA@example.org' : 'ada+tab@example.org', sessionTokens: [ada.token] }))),
        Promise.all(Array.from({ length: 10 }, (_, i) => access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org` }))),
      ]);
      expect(rejoins.map((r) => (r.ok ? `${r.value.rejoined} ${r.value.session.id}` : r.code))).toEqual(Array.from({ length: 40 }, () => `true ${ada.session.id}`));
      expect(others.filter((r) => r.ok)).toHaveLength(2);
      const [row] = await client.query('SELECT uses FROM access_links_guest_links WHERE id = $1', [link.id]);
      expect(Number(row!['uses'])).toBe(3);
      const sessions = await client.query("SELECT count(*) AS n FROM access_links_guest_sessions WHERE link_id = $1 AND email_key = 'ada@example.org'", [link.id]);
      expect(Number(sessions[0]!['n'])).toBe(1);
    });

    it('G12: any sequence of joins from one client answers as the model', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(rejoinCommand(), { maxLength: 20 }), async (commands) => {
          await runRejoins(await rejoinWorld(createPostgresStores(client).guests), commands);
        }),
        { numRuns: runs(25) },
      );
    });

    it('50 concurrent creates on one entry leave exactly the cap', async () => {
      const entryId = `pg-cap-${Date.now()}`;
      const access = await library(entryId);
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const creates = await Promise.all(
        Array.from({ length: 50 }, (_, i) => access.createGuestLink({ actor: owner, entryId, name: `L${i}` })),
      );
      expect(creates.filter((c) => c.ok)).toHaveLength(3);
      const rows = await client.query('SELECT count(*) AS n FROM access_links_guest_links WHERE entry_id = $1', [entryId]);
      expect(Number(rows[0]!['n'])).toBe(3);
      const [access_] = await client.query('SELECT link_count FROM access_links_guest_access WHERE entry_id = $1', [entryId]);
      expect(Number(access_!['link_count'])).toBe(3);
    });
  });

  it('keeps no usable token at rest: no row holds a link, session or invite token or its signature', async () => {
    const entryId = `pg-rest-${Date.now()}`;
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'room', ownerId: owner.userId, available: true }] });
    const stores = createPostgresStores(client);
    const access = createGuestLinks({ store: stores.guests, directory, keyRing, guestLinkUrl: (t) => t });
    const invites = createInviteLinks({ store: stores.invites, directory, keyRing, inviteUrl: (t) => t });
    ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
    const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'L' }));
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const [invited] = ok(await invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: ['bob@example.org'] }));
    if (invited?.status !== 'invited') throw new Error('expected an invite');
    const dump = JSON.stringify(
      await Promise.all(
        ['access_links_guest_links', 'access_links_guest_sessions', 'access_links_invites', 'access_links_guest_access'].map((table) =>
          client.query(`SELECT * FROM ${table} WHERE entry_id = $1`, [entryId]),
        ),
      ),
    );
    for (const token of [link.token, joined.token, invited.invite.token]) {
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(token.split('.')[2]);
    }
  });

  it('the kit fails a PostgreSQL store that counts links and then inserts', async () => {
    const correct = createPostgresGuestStore(client);
    const countThenInsert = {
      ...correct,
      async insertLinkUnderCap(link: Parameters<typeof correct.insertLinkUnderCap>[0], cap: number) {
        const [row] = await client.query('SELECT count(*) AS n FROM access_links_guest_links WHERE entry_id = $1', [link.entryId]);
        return Number(row!["n"]) < cap ? correct.insertLinkUnderCap(link, 1_000_000) : false;
      },
    };
    const cases = guestStoreConformance(async () => ({ store: countThenInsert }), { concurrency: 40 });
    const failed: string[] = [];
    for (const c of cases) await c.run().catch(() => failed.push(c.name));
    expect(failed).toEqual(['GuestStore: 40 concurrent inserts on one entry never pass a cap of 3']);
  });

  describe('day thirty: prefixes, erasure, paging and housekeeping on the real server', () => {
    it('keeps two table prefixes side by side in one database, each passing the kit on its own', async () => {
      expect(await migrate(client, { prefix: 'tenant_a_' })).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(client, { prefix: 'tenant_b_' })).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(client, { prefix: 'tenant_a_' })).toEqual([]);
      const a = createPostgresStores(client, { prefix: 'tenant_a_' });
      const b = createPostgresStores(client, { prefix: 'tenant_b_' });
      expect([a.name, b.name]).toEqual(['postgres:tenant_a_', 'postgres:tenant_b_']);
      for (const c of [...guestStoreConformance(async () => ({ store: a.guests, second: createPostgresGuestStore(other, { prefix: 'tenant_a_' }) }))]) await c.run();
      for (const c of inviteStoreConformance(async () => ({ store: b.invites }))) await c.run();
      const entryId = `prefixed-${Date.now()}`;
      await a.guests.updateGuestAccess(entryId, { enabled: true, updatedAt: 1, updatedBy: 'u' });
      expect((await a.guests.getGuestAccess(entryId))?.enabled).toBe(true);
      expect(await b.guests.getGuestAccess(entryId)).toBeNull();
      const tables = await client.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'tenant_a_%' ORDER BY tablename`);
      expect(tables.map((t) => t['tablename'])).toEqual([
        'tenant_a_guest_access',
        'tenant_a_guest_activity',
        'tenant_a_guest_blocks',
        'tenant_a_guest_links',
        'tenant_a_guest_sessions',
        'tenant_a_invites',
        'tenant_a_migrations',
        'tenant_a_outbox',
        'tenant_a_rate_limits',
      ]);
      expect(() => createPostgresStores(client, { prefix: 'Tenant; DROP TABLE x' })).toThrow(/prefix/);
    });

    it('names the store in STORAGE_FAILED', async () => {
      const broken = createPostgresStores({ query: () => Promise.reject(new Error('down')), transaction: () => Promise.reject(new Error('down')) }, { prefix: 'tenant_a_' });
      const directory = createMemoryEntryDirectory({ entries });
      const access = createGuestLinks({ store: broken.guests, directory, keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }), guestLinkUrl: (t) => t });
      const error = await access.listGuestLinks({ actor: owner, entryId: 'video-1' }).catch((e: Error) => e);
      expect((error as Error).message).toBe('The store postgres:tenant_a_ failed.');
    });

    it("erasure leaves no byte of the person's address in a dump of the database", async () => {
      const entryId = `pg-erase-${Date.now()}`;
      const email = `erase.me.${Date.now()}@example.org`;
      const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
      const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'room', ownerId: owner.userId, available: true }] });
      const stores = createPostgresStores(client);
      const access = createGuestLinks({ store: stores.guests, directory, keyRing, guestLinkUrl: (t) => t });
      const invites = createInviteLinks({ store: stores.invites, directory, keyRing, inviteUrl: (t) => t });
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'L' }));
      const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Erased Person', email, clientKey: 'device-x' }));
      ok(await access.joinGuestLink({ token: link.token, name: 'Erased Person', email: email.toUpperCase() }));
      ok(await access.declineGuest({ actor: owner, entryId, sessionId: joined.session.id }));
      ok(await invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: [email] }));
      const bin = findPgBin();
      const dump = () =>
        execFileSync(join(bin!, 'pg_dump'), ['--data-only', ...(target !== null && 'connectionString' in target ? [target.connectionString] : ['-h', target!.socketDir, '-p', String(target!.port), '-U', target!.user, target!.database])], {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        });
      const local = email.split('@')[0]!;
      expect(dump()).toContain(local);
      const admin = { userId: 'u-admin', admin: true };
      expect(ok(await access.eraseGuest({ actor: admin, email }))).toEqual({ sessions: 2, blocks: 2 });
      expect(ok(await invites.eraseInvitee({ actor: admin, email }))).toEqual({ invites: 1 });
      const after = dump();
      expect(after).not.toContain(local);
      expect(after.toLowerCase()).not.toContain(local.toLowerCase());
    });

    it('a link passcode is in no byte of a dump of the database, nor in the rate limits; its hash is, in PHC form (V3)', async () => {
      const entryId = `pg-passcode-${Date.now()}`;
      const first = `first-secret-${Date.now()}`;
      const second = `second-secret-${Date.now()}`;
      const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
      const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'video', ownerId: owner.userId, available: true }] });
      const stores = createPostgresStores(client);
      const access = createGuestLinks({ store: stores.guests, directory, keyRing, guestLinkUrl: (t) => t });
      const handler = createHttpHandler({ guestLinks: access, authenticate: () => owner });
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'Board', passcode: first }));
      ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', passcode: first }));
      ok(await access.setGuestLinkPasscode({ actor: owner, entryId, linkId: link.id, passcode: second }));
      // Tries through the HTTP layer, counted by the PostgreSQL rate limiter: keys hold digests only.
      const origin = 'https://media.example.org';
      for (const passcode of [first, second]) {
        const answer = await handler(new Request(`${origin}/access-links/guest-links/${link.token}/join`, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
          body: JSON.stringify({ name: 'Bo', email: 'bo@example.org', passcode }),
        }));
        expect(answer.status).toBe(passcode === first ? 403 : 201);
      }
      const bin = findPgBin();
      const dump = execFileSync(join(bin!, 'pg_dump'), ['--data-only', ...(target !== null && 'connectionString' in target ? [target.connectionString] : ['-h', target!.socketDir, '-p', String(target!.port), '-U', target!.user, target!.database])], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      expect(dump).not.toContain('secret-');
      const row = await pool.query('SELECT passcode_hash FROM access_links_guest_links WHERE id = $1', [link.id]);
      expect(row.rows[0].passcode_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
      expect(dump).toContain(row.rows[0].passcode_hash);
    });

    it('a verified guest’s code is in no byte of a dump of the database, nor in the rate limits; the session says verified (V4)', async () => {
      const entryId = `pg-verified-${Date.now()}`;
      const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
      const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'video', ownerId: owner.userId, available: true }] });
      const stores = createPostgresStores(client);
      const mailer = createMemoryMailer();
      const access = createGuestLinks({ store: stores.guests, directory, keyRing, guestLinkUrl: (t) => t, mailer });
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'Press', verifyEmail: true }));
      const codes: string[] = [];
      for (const email of ['vera@example.org', 'wim@example.org']) {
        const sent = ok(await access.sendGuestCode({ token: link.token, name: 'V', email }));
        const code = /\b(\d{6})\b/u.exec(mailer.outbox().at(-1)!.text)![1]!;
        codes.push(code);
        // A wrong try first, then the right code twice: one session, one use.
        expect(await access.verifyGuest({ verification: sent.verification, code: code === '000000' ? '111111' : '000000' })).toMatchObject({ ok: false, code: 'WRONG_CODE' });
        const joined = ok(await access.verifyGuest({ verification: sent.verification, code }));
        expect(joined.session.verified).toBe(true);
        expect(ok(await access.verifyGuest({ verification: sent.verification, code })).session.id).toBe(joined.session.id);
      }
      expect((await stores.guests.readLink(link.id))?.link).toMatchObject({ uses: 2, verifyEmail: true });
      const bin = findPgBin();
      const dump = execFileSync(join(bin!, 'pg_dump'), ['--data-only', ...(target !== null && 'connectionString' in target ? [target.connectionString] : ['-h', target!.socketDir, '-p', String(target!.port), '-U', target!.user, target!.database])], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      // The codes: not as digits in any row of this link's, nor in the limiter's keys.
      const rows = dump.split('\n').filter((line) => line.includes(link.id) || line.includes('vera@example.org') || line.includes('wim@example.org') || line.includes('guest-code:'));
      expect(rows.length).toBeGreaterThan(0);
      // As a number of its own: a timestamp may hold the same six digits inside it.
      for (const code of codes) for (const line of rows) expect(line).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`, 'u'));
    });

    it('pages through 1,500 guests while others join: no guest twice, none missed', async () => {
      const entryId = `pg-page-${Date.now()}`;
      const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
      const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'video', ownerId: owner.userId, available: true }] });
      const access = createGuestLinks({ store: createPostgresStores(client).guests, directory, keyRing, guestLinkUrl: (t) => t });
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'L' }));
      const before: string[] = [];
      for (let i = 0; i < 1500; i += 50) {
        const batch = await Promise.all(
          Array.from({ length: 50 }, (_, j) => access.joinGuestLink({ token: link.token, name: 'G', email: `p${i + j}@example.org` })),
        );
        before.push(...batch.map((joined) => ok(joined).session.id));
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let n = 0;
      do {
        const [page] = await Promise.all([
          access.listGuests({ actor: owner, entryId, limit: 200, cursor }),
          ...Array.from({ length: 5 }, () => access.joinGuestLink({ token: link.token, name: 'Late', email: `late${n++}@example.org` })),
        ]);
        const value: { items: readonly { id: string }[]; next: string | null } = ok(page);
        seen.push(...value.items.map((g) => g.id));
        cursor = value.next;
      } while (cursor !== null);
      expect(new Set(seen).size).toBe(seen.length);
      expect(before.every((id) => seen.includes(id))).toBe(true);
    });

    it('every housekeeping, erasure and paging query uses an index', async () => {
      const plans: string[] = [];
      const explain = async (sql: string, params: unknown[]) => {
        await client.query('SET enable_seqscan = off');
        const rows = await client.query(`EXPLAIN ${sql}`, params);
        await client.query('RESET enable_seqscan');
        const plan = rows.map((r) => String(r['QUERY PLAN'])).join('\n');
        plans.push(plan);
        return plan;
      };
      for (const [sql, params] of [
        ['SELECT id FROM access_links_guest_sessions WHERE entry_id = $1 AND id > $2 ORDER BY id LIMIT 10', ['e', '0']],
        ['SELECT id FROM access_links_guest_sessions WHERE joined_at < $1 ORDER BY joined_at LIMIT 10', [1]],
        ['SELECT id FROM access_links_guest_sessions WHERE email_key = $1', ['a@example.org']],
        ['SELECT id FROM access_links_guest_sessions WHERE erasure_key = $1', ['a@example.org']],
        ['SELECT key FROM access_links_guest_blocks WHERE erasure_key = $1', ['a@example.org']],
        ["SELECT key FROM access_links_guest_blocks WHERE blocked_at < $1 ORDER BY blocked_at LIMIT 10", [1]],
        ["SELECT id FROM access_links_invites WHERE state IN ('accepted', 'declined', 'revoked') AND updated_at < $1 LIMIT 10", [1]],
        ["SELECT id FROM access_links_invites WHERE state = 'pending' AND expires_at < $1 LIMIT 10", [1]],
        ["SELECT id FROM access_links_invites WHERE email_key = $1 AND state = 'pending' ORDER BY id LIMIT 10", ['a@example.org']],
        ['SELECT id FROM access_links_invites WHERE entry_id = $1 AND id > $2 ORDER BY id LIMIT 10', ['e', '0']],
        ["SELECT 1 FROM access_links_guest_sessions WHERE entry_id = $1 AND status = 'waiting' LIMIT 10", ['e']],
        ['SELECT key FROM access_links_rate_limits WHERE tat <= $1 LIMIT 10', [1]],
      ] as const) {
        expect(await explain(sql, [...params]), sql).not.toMatch(/Seq Scan/);
      }
    });
  });

  describe('joins are ordered with every change that can refuse them (G1, G10)', () => {
    async function openRoom() {
      const entryId = `pg-order-${ulid().toLowerCase()}`;
      const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'room', ownerId: owner.userId, available: true }] });
      const access = createGuestLinks({
        store: createPostgresGuestStore(client),
        directory,
        keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
        guestLinkUrl: (t) => t,
      });
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'L', useLimit: 10 }));
      return { entryId, access, link };
    }
    /** Runs `statements` in a transaction on its own connection, and commits it when told to. */
    async function holding(statements: [string, unknown[]][]) {
      const connection = await otherPool.connect();
      await connection.query('BEGIN');
      for (const [text, params] of statements) await connection.query(text, params);
      return async () => {
        await connection.query('COMMIT');
        connection.release();
      };
    }
    const pending = async <T>(promise: Promise<T>) => {
      let settled = false;
      void promise.then(() => (settled = true), () => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 150));
      return !settled;
    };

    it('a join waits for a switch-off in flight, then obeys it: no use taken', async () => {
      const { entryId, access, link } = await openRoom();
      const commit = await holding([['UPDATE access_links_guest_access SET enabled = false WHERE entry_id = $1', [entryId]]]);
      const joining = access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' });
      expect(await pending(joining)).toBe(true);
      await commit();
      expect(await joining).toMatchObject({ ok: false, code: 'GUEST_ACCESS_OFF' });
      const [row] = await client.query('SELECT uses FROM access_links_guest_links WHERE id = $1', [link.id]);
      expect(Number(row!['uses'])).toBe(0);
    });

    it('a join waits for a lock in flight, then waits in the room', async () => {
      const { entryId, access, link } = await openRoom();
      const commit = await holding([['UPDATE access_links_guest_access SET room_locked = true WHERE entry_id = $1', [entryId]]]);
      const joining = access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' });
      expect(await pending(joining)).toBe(true);
      await commit();
      expect(ok(await joining).session.status).toBe('waiting');
    });

    it('a rejoin waits for a decline of the same guest in flight, then is refused', async () => {
      const { entryId, access, link } = await openRoom();
      const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
      const commit = await holding([
        ['SELECT * FROM access_links_move_session($1, $2, $3, $4, $5, $6)', [entryId, ada.session.id, 'admitted', 'declined', START, owner.userId]],
      ]);
      const rejoining = access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ADA+2@example.org' });
      expect(await pending(rejoining)).toBe(true);
      await commit();
      expect(await rejoining).toMatchObject({ ok: false, code: 'GUEST_DECLINED' });
    });

    it('a decline waits for a join in flight, and then acts on the session it stored too', async () => {
      const { entryId, access, link } = await openRoom();
      const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
      const commit = await holding([['SELECT 1 FROM access_links_guest_access WHERE entry_id = $1 FOR SHARE', [entryId]]]);
      const declining = access.declineGuest({ actor: owner, entryId, sessionId: ada.session.id });
      expect(await pending(declining)).toBe(true);
      await commit();
      ok(await declining);
      expect(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })).toMatchObject({ code: 'GUEST_DECLINED' });
    });
  });

  describe('values PostgreSQL cannot hold are refused with a typed error, before any SQL', () => {
    it('an over-long indexed id, a NUL byte or a lone surrogate is INVALID_RECORD', async () => {
      const store = createPostgresGuestStore(client);
      const invites = createPostgresInviteStore(client);
      for (const attempt of [
        () => store.insertLinkUnderCap(aLink('e'.repeat(3000)), 3),
        () => store.insertLinkUnderCap(aLink(`pg-nul-${ulid()}`, { name: 'a\u0000b' }), 3),
        () => store.insertLinkUnderCap(aLink(`pg-surrogate-\ud800`), 3),
        () => store.updateGuestAccess('é'.repeat(600), { enabled: true, updatedAt: 0, updatedBy: 'u' }),
        () => invites.insertInvite(anInvite('x'.repeat(2000)), 10, START),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'INVALID_RECORD' });
      }
    });

    it('a mailer error with a NUL byte is kept clean: the batch answers every address', async () => {
      const entryId = `pg-nul-mail-${ulid().toLowerCase()}`;
      const invites = createInviteLinks({
        store: createPostgresInviteStore(client),
        directory: createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'room', ownerId: owner.userId, available: true }] }),
        keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
        inviteUrl: (t) => `https://x.example/i/${t}`,
        mailer: { send: async () => { throw new Error('550\u0000 no\r\nsuch user'); } },
      });
      const outcomes = ok(await invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: ['a@example.org', 'b@example.org'] }));
      expect(outcomes.map((o) => (o.status === 'invited' ? o.delivery : o.status))).toEqual(['failed', 'failed']);
      const rows = await client.query('SELECT delivery_error FROM access_links_invites WHERE entry_id = $1', [entryId]);
      expect(rows.map((r) => r['delivery_error'])).toEqual(['550 no such user', '550 no such user']);
    });
  });

  it('migration 2 carries the declined guests of version 1 over as blocks', async () => {
    const database = `access_links_migrate_${Date.now()}`;
    await client.query(`CREATE DATABASE ${database}`);
    const scratch = new pg.Pool({ ...pgConfig(2), database });
    try {
      const db = fromPg(scratch);
      expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
      await db.query(
        `INSERT INTO access_links_guest_sessions (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, status, joined_at)
         VALUES ('s1', 'room', 'l1', 'L', 'Bob', 'bob@example.org', 'bob@example.org', 'declined', 1),
                ('s2', 'room', 'l1', 'L', 'Bob', 'BOB@example.org', 'bob@example.org', 'admitted', 2),
                ('s3', 'room', 'l1', 'L', 'Ada', 'ada@example.org', 'ada@example.org', 'admitted', 3)`,
      );
      expect(await migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
      const store = createPostgresGuestStore(db);
      expect((await store.listSessions('room')).map((x) => [x.id, x.status, x.clientKey])).toEqual([
        ['s1', 'declined', null],
        ['s2', 'declined', null],
        ['s3', 'admitted', null],
      ]);
    } finally {
      await scratch.end();
      await client.query(`DROP DATABASE ${database}`);
    }
  });

  it('every query a request runs, inside the functions too, is served by an index: no sequential scan over seeded tables', async () => {
    // One connection whose plans, nested statements included, come back as notices.
    const connection = new pg.Client(pgConfig(1));
    await connection.connect();
    const plans: unknown[] = [];
    connection.on('notice', (notice) => {
      const text = notice.message ?? '';
      const json = text.slice(text.indexOf('{'));
      if (text.includes('duration:') && json.startsWith('{')) plans.push(JSON.parse(json));
    });
    const db: SqlClient = {
      query: async (text, params = []) => (await connection.query(text, [...params])).rows,
      transaction: async (work) => {
        await connection.query('BEGIN');
        try {
          const result = await work({ query: async (text, params = []) => (await connection.query(text, [...params])).rows });
          await connection.query('COMMIT');
          return result;
        } catch (error) {
          await connection.query('ROLLBACK');
          throw error;
        }
      },
    };
    try {
      // Tables big enough that the planner would rather scan them than use a missing index.
      const seed = `seed-${ulid().toLowerCase()}`;
      await client.query(
        `INSERT INTO access_links_guest_access (entry_id, enabled, link_count) SELECT $1 || n, true, 1 FROM generate_series(1, 20000) n`,
        [seed],
      );
      await client.query(
        `INSERT INTO access_links_guest_links (id, entry_id, name, uses, created_at, created_by)
         SELECT $1 || n, $1 || n, 'L', 0, n, 'u' FROM generate_series(1, 20000) n`,
        [seed],
      );
      await client.query(
        `INSERT INTO access_links_guest_sessions (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, erasure_key, status, joined_at)
         SELECT $1 || n, $1 || (n % 20000), $1 || (n % 20000), 'L', 'G', 'g@example.org', 'g' || n || '@example.org', 'g' || n || '@example.org', 'admitted', n
         FROM generate_series(1, 50000) n`,
        [seed],
      );
      await client.query(
        `INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at, erasure_key) SELECT $1 || n, 'email', 'g' || n, 's', n, 'g' || n FROM generate_series(1, 20000) n`,
        [seed],
      );
      await client.query(
        `INSERT INTO access_links_guest_activity (link_id, day, kind, count) SELECT $1 || (n % 20000), 20000 + n / 20000, 'opened', 1 FROM generate_series(1, 60000) n`,
        [seed],
      );
      await client.query(
        `INSERT INTO access_links_invites (id, entry_id, email, email_key, role, state, invited_by, invited_at, expires_at, updated_at, delivery_status)
         SELECT $1 || n, $1 || (n % 2000), 'i' || n || '@example.org', 'i' || n || '@example.org', 'viewer', 'pending', 'u', n, 9e12, n, 'sent'
         FROM generate_series(1, 20000) n`,
        [seed],
      );
      await client.query('ANALYZE');
      for (const setting of [
        "LOAD 'auto_explain'",
        'SET auto_explain.log_min_duration = 0',
        'SET auto_explain.log_nested_statements = on',
        "SET auto_explain.log_format = 'json'",
        "SET auto_explain.log_level = 'notice'",
      ]) {
        await connection.query(setting);
      }

      const entryId = `pg-plans-${ulid().toLowerCase()}`;
      const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'room', ownerId: owner.userId, available: true }] });
      const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
      const stores = createPostgresStores(db);
      const access = createGuestLinks({ store: stores.guests, directory, keyRing, guestLinkUrl: (t) => t });
      const invites = createInviteLinks({ store: stores.invites, directory, keyRing, inviteUrl: (t) => t, mailer: { send: async () => undefined }, rules: { resendIntervalSeconds: 0 } });
      ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
      ok(await access.setRoomLock({ actor: owner, entryId, locked: true }));
      const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'L' }));
      ok(await access.openGuestLink({ token: link.token }));
      const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', clientKey: 'device' }));
      expect(await access.checkGuestSession({ token: ada.token, entryId })).toMatchObject({ code: 'GUEST_WAITING' });
      ok(await access.admitGuest({ actor: owner, entryId, sessionId: ada.session.id }));
      ok(await access.declineGuest({ actor: owner, entryId, sessionId: ada.session.id }));
      ok(await access.listGuests({ actor: owner, entryId })).items;
      ok(await access.admitAllGuests({ actor: owner, entryId }));
      ok(await access.listGuestLinks({ actor: owner, entryId }));
      ok(await access.deleteGuestLink({ actor: owner, entryId, linkId: link.id }));
      ok(await access.eraseGuest({ actor: admin, email: 'ada@example.org' }));
      const [bob] = ok(await invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: ['bob@example.org'] }));
      if (bob?.status !== 'invited') throw new Error('expected an invite');
      ok(await invites.createInvites({ actor: owner, entryId, role: 'speaker', emails: ['bob@example.org'] }));
      ok(await invites.resendInvite({ actor: owner, entryId, inviteId: bob.invite.id }));
      ok(await invites.listInvites({ actor: owner, entryId })).items;
      ok(await invites.openInvite({ token: bob.invite.token }));
      ok(await invites.acceptInvite({ token: bob.invite.token, claimant: { userId: 'u-bob', email: 'bob@example.org', emailVerified: true } }));

      const scans: string[] = [];
      const indexed = new Set<string>();
      const walk = (node: Record<string, unknown>) => {
        const relation = node['Relation Name'];
        if (typeof relation === 'string' && relation.startsWith('access_links_')) {
          if (node['Node Type'] === 'Seq Scan') scans.push(relation);
          if (String(node['Node Type']).includes('Index')) indexed.add(relation);
        }
        for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      for (const plan of plans) walk((plan as { Plan: Record<string, unknown> }).Plan);
      expect(plans.length).toBeGreaterThan(30);
      expect(scans).toEqual([]);
      // And every table was read, through its indexes: the check saw the statements that matter.
      expect([...indexed].sort()).toEqual([
        'access_links_guest_access',
        'access_links_guest_activity',
        'access_links_guest_blocks',
        'access_links_guest_links',
        'access_links_guest_sessions',
        'access_links_invites',
      ]);
    } finally {
      await connection.end();
    }
  });

  it('a database that kills its connections during every kind of operation crashes nothing and loses no use', async () => {
    const name = `access-links-kill-${Date.now()}`;
    // A pool with no error listener of the test's own: fromPg must keep the process alive.
    const dying = new pg.Pool({ ...pgConfig(8), application_name: name });
    const db = fromPg(dying);
    const entryId = `pg-kill-all-${ulid().toLowerCase()}`;
    const directory = createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'room', ownerId: owner.userId, available: true }] });
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const stores = createPostgresStores(db);
    const access = createGuestLinks({ store: stores.guests, directory, keyRing, guestLinkUrl: (t) => t });
    const invites = createInviteLinks({ store: stores.invites, directory, keyRing, inviteUrl: (t) => t, mailer: { send: async () => undefined } });
    ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
    const link = ok(await access.createGuestLink({ actor: owner, entryId, name: 'L', useLimit: 100_000 }));
    let stop = false;
    const killer = (async () => {
      while (!stop) {
        await other.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    let round = 0;
    const failures = new Set<string>();
    const work = async () => {
      const i = round++;
      const calls: (() => Promise<unknown>)[] = [
        () => access.joinGuestLink({ token: link.token, name: 'G', email: `g${i}@example.org` }),
        () => access.openGuestLink({ token: link.token }),
        () => access.listGuestLinks({ actor: owner, entryId }),
        () => access.listGuests({ actor: owner, entryId }),
        () => access.setRoomLock({ actor: owner, entryId, locked: i % 2 === 0 }),
        () => invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: [`i${i}@example.org`] }),
        () => invites.listInvites({ actor: owner, entryId }),
      ];
      await Promise.all(
        calls.map((call) =>
          call().catch((error: unknown) => {
            failures.add((error as { code?: string }).code ?? String(error));
          }),
        ),
      );
    };
    const until = Date.now() + 1_500;
    while (Date.now() < until) await Promise.all([work(), work(), work()]);
    stop = true;
    await killer;
    // Every failure was a typed storage failure, and the process serves again at once.
    expect([...failures].filter((code) => code !== 'STORAGE_FAILED')).toEqual([]);
    ok(await access.joinGuestLink({ token: link.token, name: 'After', email: 'after@example.org' }));
    ok(await access.listGuests({ actor: owner, entryId })).items;
    const [uses] = await client.query('SELECT uses FROM access_links_guest_links WHERE id = $1', [link.id]);
    const [sessions] = await client.query('SELECT count(*) AS n FROM access_links_guest_sessions WHERE link_id = $1', [link.id]);
    expect(Number(uses!['uses'])).toBe(Number(sessions!['n']));
    await dying.end();
  });

  describe('a connection killed mid-operation leaves nothing half-written', () => {
    it('an invite insert killed while it waits for the entry\'s lock stores nothing, and the lock is released', async () => {
      const entryId = `pg-crash-${Date.now()}`;
      const invite = {
        id: ulid(), // fresh, so the test can run again on the same database
        entryId,
        email: 'ada@example.org',
        emailKey: 'ada@example.org',
        role: 'viewer',
        state: 'pending' as const,
        invitedBy: 'u',
        inviterName: null,
        invitedAt: START,
        expiresAt: START + 1000,
        updatedAt: START,
        acceptedBy: null,
        decidedBy: null,
        deliveryStatus: 'not_sent' as const,
        deliveryAttempts: 0,
        lastSentAt: null,
        deliveryError: null,
      };
      // Another transaction holds the entry's invite lock, so the insert's one statement waits inside the function.
      const holder = await pool.connect();
      const victims = new pg.Pool(pgConfig(1));
      victims.on('error', () => undefined);
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOCK_NAMESPACE.invites, entryId]);
        const waiting = createPostgresInviteStore(fromPg(victims)).insertInvite(invite, 10, START);
        // Handled at once: it may reject while the kill below is still being answered.
        waiting.catch(() => undefined);
        let pid: unknown;
        for (let tries = 0; pid === undefined && tries < 400; tries++) {
          const rows = await client.query(
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%access_links_insert_invite%'",
          );
          pid = rows[0]?.['pid'];
          if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        expect(pid).toBeDefined();
        await client.query('SELECT pg_terminate_backend($1::int)', [pid]);
        await expect(waiting).rejects.toThrow();
        await holder.query('COMMIT');
      } finally {
        holder.release();
        await victims.end();
      }
      expect(await client.query('SELECT * FROM access_links_invites WHERE entry_id = $1', [entryId])).toEqual([]);
      // The lock the killed statement waited for is free again: a healthy insert on the same entry goes through.
      expect(await createPostgresInviteStore(client).insertInvite(invite, 10, START)).toEqual({ status: 'inserted' });
    });

    it('a migration killed between two statements applies nothing', async () => {
      const broken = [{ version: 9001, name: 'two tables', sql: 'CREATE TABLE access_links_crash_a (x int);\nCREATE TABLE access_links_crash_b (x int)' }];
      const killing: SqlClient = {
        query: client.query,
        transaction: (work) =>
          client.transaction!((tx) =>
            work({
              async query(text, params) {
                const rows = await tx.query(text, params);
                if (text.startsWith('CREATE TABLE access_links_crash_a')) await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
                return rows;
              },
            }),
          ),
      };
      await expect(migrate(killing, broken)).rejects.toThrow();
      const tables = await client.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'access_links_crash_%'");
      expect(tables).toEqual([]);
      const versions = await client.query('SELECT version FROM access_links_migrations WHERE version = 9001');
      expect(versions).toEqual([]);
    });

    it('a backend terminated from outside in the middle of a transaction rolls it back', async () => {
      const entryId = `pg-kill-${Date.now()}`;
      let startedWith: (pid: number) => void = () => undefined;
      let releaseIt: () => void = () => undefined;
      const started = { promise: new Promise<number>((resolve) => (startedWith = resolve)) };
      const release = { promise: new Promise<void>((resolve) => (releaseIt = resolve)) };
      const running = client.transaction!(async (tx) => {
        const [me] = await tx.query('SELECT pg_backend_pid() AS pid');
        await tx.query("INSERT INTO access_links_guest_access (entry_id, enabled) VALUES ($1, true)", [entryId]);
        startedWith(Number(me!['pid']));
        await release.promise;
        await tx.query('SELECT 1');
      });
      const pid = await started.promise;
      await other.query('SELECT pg_terminate_backend($1::int)', [pid]);
      releaseIt();
      await expect(running).rejects.toThrow();
      expect(await client.query('SELECT * FROM access_links_guest_access WHERE entry_id = $1', [entryId])).toEqual([]);
    });
  });
});
