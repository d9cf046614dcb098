/**
 * The PostgreSQL notifier on a real server: the conformance kit with each driver's listener, a
 * second notifier standing for another app server; publishing through PgBouncer in transaction
 * mode; channels kept apart by layout; a listening connection killed and opened again. Then the
 * pg listener's reconnection over a fake client whose connection the test loses at will.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, test } from 'vitest';
import { createPostgresNotifier, fromPg, fromPostgres, listenWithPg, listenWithPostgres, type PostgresNotifier, type SqlClient } from '../src/postgres';
import type { AccessNotice } from '../src/index';
import { notifierConformance, runConformance } from '../src/testing';
import { until } from './support/until';

const server = inject('postgres');
const bouncer = inject('pgbouncer');
const LISTENER_NAME = 'access-links-notices-test';

const config = (): pg.ClientConfig =>
  server === null ? {} : 'connectionString' in server ? { connectionString: server.connectionString } : { host: server.socketDir, port: server.port, user: server.user, database: server.database };

const connectPg = async () => {
  const client = new pg.Client({ ...config(), application_name: LISTENER_NAME });
  await client.connect();
  return client;
};

const event = (entryId: string, subjectId: string) => ({ id: `ev-${subjectId}`, type: 'guest.admitted' as const, at: 1, entryId, actorId: 'u-1', subjectId, detail: {} });

/** Waits until `check` holds, up to 5 s. */
describe.skipIf(server === null)('the PostgreSQL notifier', () => {
  let pool: pg.Pool;
  let sql: postgres.Sql;
  let database: SqlClient;
  const open: PostgresNotifier[] = [];
  const made = async (...args: Parameters<typeof createPostgresNotifier>) => {
    const notifier = await createPostgresNotifier(...args);
    open.push(notifier);
    return notifier;
  };

  beforeAll(() => {
    pool = new pg.Pool({ ...config(), max: 4 });
    sql = 'connectionString' in server! ? postgres(server.connectionString, { max: 4, onnotice: () => undefined }) : postgres({ host: server!.socketDir, port: server!.port, username: server!.user, database: server!.database, max: 4, onnotice: () => undefined });
    database = fromPg(pool);
  });

  afterAll(async () => {
    for (const notifier of open) await notifier.close();
    await pool?.end();
    await sql?.end();
  });

  describe('with pg listeners', () => {
    runConformance(
      notifierConformance(async () => {
        const first = await createPostgresNotifier(database, listenWithPg(connectPg));
        const second = await createPostgresNotifier(fromPg(pool), listenWithPg(connectPg));
        return { store: first, second, cleanup: async () => void (await Promise.all([first.close(), second.close()])) };
      }),
      test,
    );
  });

  describe('with postgres.js listeners and publishing', () => {
    runConformance(
      notifierConformance(async () => {
        const first = await createPostgresNotifier(fromPostgres(sql), listenWithPostgres(sql));
        const second = await createPostgresNotifier(database, listenWithPg(connectPg));
        return { store: first, second, cleanup: async () => void (await Promise.all([first.close(), second.close()])) };
      }),
      test,
    );
  });

  it('keeps the channels of two layouts apart, and names each after its schema and prefix', async () => {
    const plain = await made(database, listenWithPg(connectPg));
    const media = await made(database, listenWithPg(connectPg), { schema: 'media' });
    const other = await made(database, listenWithPg(connectPg), { schema: 'media', prefix: 'other_' });
    const archive = await made(database, listenWithPg(connectPg), { schema: 'archive' });
    expect([plain.channel, media.channel, other.channel, archive.channel]).toEqual([
      'access_links_notices',
      'media.access_links_notices',
      'media.other_notices',
      'archive.access_links_notices',
    ]);
    const heard: Record<string, string[]> = { plain: [], media: [], other: [], archive: [] };
    const stops = [
      plain.subscribe('room-1', (notice) => heard['plain']!.push(notice.subjectId)),
      media.subscribe('room-1', (notice) => heard['media']!.push(notice.subjectId)),
      other.subscribe('room-1', (notice) => heard['other']!.push(notice.subjectId)),
      archive.subscribe('room-1', (notice) => heard['archive']!.push(notice.subjectId)),
    ];
    await media.publish(event('room-1', 'from-media'));
    await plain.publish(event('room-1', 'from-plain'));
    await until(() => heard['media']!.length === 1 && heard['plain']!.length === 1, 'each layout hears its own');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual({ plain: ['from-plain'], media: ['from-media'], other: [], archive: [] });
    for (const stop of stops) stop();
    const long = await made(database, listenWithPg(connectPg), { schema: 'a'.repeat(63), prefix: 'b'.repeat(33) });
    expect(Buffer.byteLength(long.channel)).toBeLessThanOrEqual(63);
  });

  it('ignores payloads on its channel that hold no notice', async () => {
    const notifier = await made(database, listenWithPg(connectPg), { prefix: 'junk_' });
    const heard: AccessNotice[] = [];
    notifier.subscribe('room-1', (notice) => heard.push(notice));
    for (const payload of ['', 'not json', '[1,2,3,4]', '{"entryId":"room-1"}']) await pool.query('SELECT pg_notify($1, $2)', [notifier.channel, payload]);
    await notifier.publish(event('room-1', 'real'));
    await until(() => heard.length === 1, 'the real notice');
    expect(heard.map((notice) => notice.subjectId)).toEqual(['real']);
  });

  it('listens again after its connection is killed, telling onError, and hears what is published after', async () => {
    const errors: unknown[] = [];
    const name = `${LISTENER_NAME}-killed`;
    const notifier = await made(
      database,
      listenWithPg(
        async () => {
          const client = new pg.Client({ ...config(), application_name: name });
          await client.connect();
          return client;
        },
        { onError: (error) => errors.push(error), reconnectDelayMs: 50 },
      ),
      { prefix: 'killed_' },
    );
    const heard: string[] = [];
    notifier.subscribe('room-1', (notice) => heard.push(notice.subjectId));
    const killed = await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
    expect(killed.rowCount).toBe(1);
    await until(() => errors.length > 0, 'onError told of the lost connection');
    // Once it listens again, what is published is heard.
    const deadline = Date.now() + 5_000;
    let n = 0;
    while (heard.length === 0 && Date.now() < deadline) {
      await notifier.publish(event('room-1', `after-${(n += 1)}`));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(heard.length).toBeGreaterThan(0);
    const active = await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name]);
    expect(active.rows[0].n).toBe(1);
    await notifier.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name]);
    expect(after.rows[0].n).toBe(0);
  });

  it('with postgres.js, listens again after its connection is killed, and hears nothing once closed', async () => {
    const name = `${LISTENER_NAME}-postgres-js`;
    const listenSql =
      'connectionString' in server!
        ? postgres(server.connectionString, { connection: { application_name: name }, onnotice: () => undefined })
        : postgres({ host: server!.socketDir, port: server!.port, username: server!.user, database: server!.database, connection: { application_name: name }, onnotice: () => undefined });
    try {
      const notifier = await createPostgresNotifier(database, listenWithPostgres(listenSql), { prefix: 'killed_js_' });
      const heard: string[] = [];
      notifier.subscribe('room-1', (notice) => heard.push(notice.subjectId));
      const killed = await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
      expect(killed.rowCount).toBe(1);
      const deadline = Date.now() + 5_000;
      for (let n = 1; heard.length === 0 && Date.now() < deadline; n += 1) {
        await notifier.publish(event('room-1', `after-${n}`));
        await sleep(50);
      }
      expect(heard.length).toBeGreaterThan(0);
      await notifier.close();
      await notifier.close();
      const before = heard.length;
      await notifier.publish(event('room-1', 'after-close'));
      await sleep(200);
      expect(heard.length).toBe(before);
    } finally {
      await listenSql.end();
    }
  });

  it.skipIf(bouncer === null || 'connectionString' in server!)('publishes through PgBouncer in transaction mode, to a listener connected directly', async () => {
    const b = bouncer!;
    const s = server as { database: string };
    const pooled = new pg.Pool({ host: b.socketDir, port: b.port, user: b.user, database: s.database, max: 2 });
    try {
      const publisher = await made(fromPg(pooled), listenWithPg(connectPg), { prefix: 'pooled_' });
      const listening = await made(database, listenWithPg(connectPg), { prefix: 'pooled_' });
      const heard: string[] = [];
      listening.subscribe('room-1', (notice) => heard.push(notice.subjectId));
      for (let i = 0; i < 20; i += 1) await publisher.publish(event('room-1', `n${i}`));
      await until(() => heard.length === 20, 'twenty notices through the pooler');
      expect(heard).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    } finally {
      await pooled.end();
    }
  });

  it('sends the events published in one turn in one statement, in order, and a failed one fails each of them', async () => {
    const statements: string[] = [];
    let failing = false;
    const counted: SqlClient = {
      query: async (text, params) => {
        statements.push(text);
        if (failing) throw new Error('the database is gone');
        return database.query(text, params);
      },
    };
    const notifier = await made(counted, listenWithPg(connectPg), { prefix: 'batched_' });
    const heard: string[] = [];
    notifier.subscribe('room-1', (notice) => heard.push(notice.subjectId));
    const subjects = Array.from({ length: 50 }, (_, i) => `s${i}`);
    await Promise.all(subjects.map((subject) => notifier.publish(event('room-1', subject))));
    expect(statements.length).toBe(1);
    await until(() => heard.length === 50, 'fifty notices');
    expect(heard).toEqual(subjects);
    failing = true;
    const results = await Promise.allSettled([notifier.publish(event('room-1', 'x')), notifier.publish(event('room-1', 'y'))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(statements.length).toBe(2);
  });

  it('refuses what it cannot work with', async () => {
    await expect(createPostgresNotifier({} as never, listenWithPg(connectPg))).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(createPostgresNotifier(database, {} as never)).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(createPostgresNotifier(database, listenWithPg(connectPg), { schema: 'pg_catalog' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    expect(() => listenWithPg(null as never)).toThrow(/connects a pg.Client/);
    expect(() => listenWithPg(connectPg, { reconnectDelayMs: -1 })).toThrow(/reconnectDelayMs/);
    expect(() => listenWithPostgres({} as never)).toThrow(/postgres.js/);
  });
});

/** A pg client whose connection a test loses at will; `listen` answers its LISTEN. */
class FakeClient extends EventEmitter {
  ended = false;
  constructor(private readonly onListen: (client: FakeClient) => Promise<void> = async () => {}) {
    super();
  }
  query = async (_text: string) => this.onListen(this);
  end = async () => void (this.ended = true);
  /** As pg does when the server ends the connection: 'error', then 'end'. */
  lose() {
    this.emit('error', new Error('terminating connection due to administrator command'));
    this.emit('end');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the pg listener, reconnecting', () => {
  it('hears its channel, and after a lost connection listens on exactly one new one, even when that one is lost as LISTEN runs', async () => {
    const clients: FakeClient[] = [];
    const errors: unknown[] = [];
    const heard: string[] = [];
    const connect = async () => {
      // The second connection is lost as its LISTEN runs: pg emits 'error' and fails the query.
      const client = new FakeClient(async (self) => {
        if (self === clients[1]) {
          self.lose();
          throw new Error('Connection terminated unexpectedly');
        }
      });
      clients.push(client);
      return client;
    };
    const listening = await listenWithPg(connect, { reconnectDelayMs: 5, onError: (error) => errors.push(error) }).listen('ch', (payload) => heard.push(payload));
    clients[0]!.emit('notification', { channel: 'ch', payload: 'one' });
    clients[0]!.emit('notification', { channel: 'another', payload: 'not ours' });
    clients[0]!.lose();
    clients[0]!.emit('notification', { channel: 'ch', payload: 'from a lost connection' });
    await until(() => clients.length >= 3, 'a third connection');
    await sleep(60);
    expect(clients.map((client) => client.ended)).toEqual([true, true, false]);
    expect(errors).toHaveLength(2);
    clients[2]!.emit('notification', { channel: 'ch', payload: 'two' });
    expect(heard).toEqual(['one', 'two']);
    await listening.close();
    await listening.close();
    expect(clients[2]!.ended).toBe(true);
    await sleep(30);
    expect([clients.length, errors.length]).toEqual([3, 2]);
  });

  it('a first LISTEN that fails rejects, and leaves nothing open or reconnecting', async () => {
    const clients: FakeClient[] = [];
    const errors: unknown[] = [];
    const connect = async () => {
      const client = new FakeClient(async (self) => {
        self.lose();
        throw new Error('Connection terminated unexpectedly');
      });
      clients.push(client);
      return client;
    };
    await expect(listenWithPg(connect, { reconnectDelayMs: 5, onError: (error) => errors.push(error) }).listen('ch', () => {})).rejects.toThrow(/terminated/);
    await sleep(50);
    expect(clients.map((client) => client.ended)).toEqual([true]);
    expect(errors).toEqual([]);
  });

  it('closing while it reconnects waits for the connection being opened, ends it, and tells nothing more', async () => {
    const clients: FakeClient[] = [];
    const errors: unknown[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const connect = async () => {
      if (clients.length === 1) await gate;
      const client = new FakeClient();
      clients.push(client);
      return client;
    };
    const listening = await listenWithPg(connect, { reconnectDelayMs: 5, onError: (error) => errors.push(error) }).listen('ch', () => {});
    clients[0]!.lose();
    await sleep(30);
    const closing = listening.close();
    release();
    await closing;
    expect(clients.map((client) => client.ended)).toEqual([true, true]);
    clients[1]!.lose();
    await sleep(30);
    expect([clients.length, errors.length]).toEqual([2, 1]);
  });
});
