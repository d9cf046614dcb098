/**
 * Erasure acts on one person (R1): `eraseGuest` removes the sessions and declines of the address
 * it names (case and `+tag` aside) and nothing of anyone else, not even of a guest whose address
 * only looks alike (one look-alike key, G10). Held as a property over any sequence of joins,
 * decisions and erasures, on the memory store and on PostgreSQL, reading what each really holds;
 * and the conformance kit fails a store that erases by the look-alike key.
 */
import fc from 'fast-check';
import pg from 'pg';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGuestLinks, createKeyRing, guestEmailKey, guestErasureKey, type GuestStore } from '../src/index';
import { createMemoryEntryDirectory, createMemoryGuestStore } from '../src/memory';
import { createPostgresGuestStore, fromPg, migrate, MIGRATIONS, type SqlClient } from '../src/postgres';
import { guestStoreConformance, type ConformanceCase } from '../src/testing';
import { SECRET, admin, ok, owner } from './harness';
import { runs } from './support/runs';

/** What a store holds of one session or one block, as the backing store has it. */
interface Held {
  readonly sessions: ReadonlyMap<string, { readonly erasureKey: string; readonly emailKey: string; readonly clientKey: string | null; readonly entryId: string; readonly status: string; readonly row: string }>;
  readonly blocks: ReadonlyMap<string, string>; // `entry kind:key` → the erasure key of whose decline it is
}

type Op =
  | { do: 'join'; person: number; room: number; client: number | null }
  | { do: 'decline' | 'admit'; session: number }
  | { do: 'erase'; person: number };

// Five spellings, four people: john and JOHN+news are one person; j0hn and jоhn (Cyrillic о) only
// look like john (one look-alike key, three erasure keys); ada is someone else.
const SPELLINGS = ['john', 'JOHN+news', 'j0hn', 'jоhn', 'ada'];
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ do: fc.constant('join' as const), person: fc.nat(SPELLINGS.length - 1), room: fc.nat(1), client: fc.option(fc.nat(2), { nil: null }) }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constantFrom('decline' as const, 'admit' as const), session: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('erase' as const), person: fc.nat(SPELLINGS.length - 1) }) },
);

/**
 * Runs the operations through the library on a store, and after each erasure checks that the
 * person's data is gone and everybody else's is as it was: every other session kept as stored,
 * every block of another's decline kept; a session of another reads otherwise only when a block
 * of the erased person's was what declined it.
 */
async function holdsForOnePerson(store: GuestStore, held: (rooms: readonly string[]) => Promise<Held>, ops: readonly Op[]): Promise<void> {
  const run = ulid().toLowerCase();
  const rooms = [`erase-a-${run}`, `erase-b-${run}`];
  const domain = `${run}.example.org`;
  const access = createGuestLinks({
    store,
    directory: createMemoryEntryDirectory({ entries: rooms.map((id) => ({ id, type: 'room', ownerId: owner.userId, available: true })) }),
    keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
    guestLinkUrl: (token) => token,
  });
  const links: string[] = [];
  for (const entryId of rooms) {
    ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
    links.push(ok(await access.createGuestLink({ actor: owner, entryId, name: 'L', useLimit: 1000 })).token);
  }
  const joined: { id: string; entryId: string }[] = [];
  for (const o of ops) {
    if (o.do === 'join') {
      const email = `${SPELLINGS[o.person]}@${domain}`;
      const result = await access.joinGuestLink({ token: links[o.room]!, name: 'G', email, ...(o.client === null ? {} : { clientKey: `device-${run}-${o.client}` }) });
      if (result.ok) joined.push({ id: result.value.session.id, entryId: rooms[o.room]! });
    } else if (o.do === 'erase') {
      const email = `${SPELLINGS[o.person]}@${domain}`;
      const erased = guestErasureKey(email);
      const before = await held(rooms);
      const result = ok(await access.eraseGuest({ actor: admin, email }));
      const after = await held(rooms);
      const theirs = [...before.sessions].filter(([, s]) => s.erasureKey === erased);
      const theirBlocks = [...before.blocks].filter(([, whose]) => whose === erased);
      expect(result).toEqual({ sessions: theirs.length, blocks: theirBlocks.length });
      // Nothing of the person is left.
      expect([...after.sessions.values()].filter((s) => s.erasureKey === erased)).toEqual([]);
      expect([...after.blocks.values()].filter((whose) => whose === erased)).toEqual([]);
      // Everybody else's blocks are as they were.
      expect([...after.blocks].sort()).toEqual([...before.blocks].filter(([, whose]) => whose !== erased).sort());
      // Everybody else's sessions are as they were; one reads otherwise only if the erased
      // person's decline was what declined it.
      const others = [...before.sessions].filter(([, s]) => s.erasureKey !== erased);
      expect([...after.sessions.keys()].sort()).toEqual(others.map(([id]) => id).sort());
      for (const [id, was] of others) {
        const now = after.sessions.get(id)!;
        expect(now.row, id).toBe(was.row);
        if (now.status !== was.status) {
          expect(was.status).toBe('declined');
          const keys = [`${was.entryId} email:${was.emailKey}`, ...(was.clientKey === null ? [] : [`${was.entryId} client:${was.clientKey}`])];
          expect(keys.some((key) => theirBlocks.some(([block]) => block === key))).toBe(true);
          expect(keys.some((key) => after.blocks.has(key))).toBe(false);
        }
      }
    } else {
      const session = joined[o.session % Math.max(1, joined.length)];
      if (session === undefined) continue;
      const decide = o.do === 'decline' ? access.declineGuest : access.admitGuest;
      await decide({ actor: owner, entryId: session.entryId, sessionId: session.id });
    }
  }
}

describe('erasure acts on one person (R1)', () => {
  it('john@ and j0hn@ share a look-alike key (G10) and are two people: erasing one keeps the other', () => {
    expect(guestEmailKey('john@example.org')).toBe(guestEmailKey('j0hn@example.org'));
    expect(guestErasureKey('john@example.org')).not.toBe(guestErasureKey('j0hn@example.org'));
    expect(guestErasureKey('JOHN+news@example.org')).toBe(guestErasureKey('john@example.org'));
  });

  it('memory store: erasing an address changes no other address’s sessions or declines, for any sequence of joins, decisions and erasures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const store = createMemoryGuestStore();
        await holdsForOnePerson(
          store,
          async () => {
            const state = store.inspect();
            return {
              sessions: new Map(
                state.sessions.map((s) => [s.id, { erasureKey: s.erasureKey, emailKey: s.emailKey, clientKey: s.clientKey, entryId: s.entryId, status: s.status, row: JSON.stringify({ ...s, status: undefined }) }]),
              ),
              blocks: new Map(state.blocks.map((b) => [`${b.entryId} ${b.kind}:${b.key}`, b.erasureKey])),
            };
          },
          ops,
        );
      }),
      { numRuns: runs(200) },
    );
  });

  it('the conformance kit fails a store that erases by the look-alike key', async () => {
    // Erases everyone who shares a look-alike key with the person: what eraseGuest did before.
    const byLookAlike = (): GuestStore => {
      const store = createMemoryGuestStore();
      return {
        ...store,
        eraseGuest: async (erasureKey) => {
          const alike = new Set(store.inspect().sessions.filter((s) => s.erasureKey === erasureKey).map((s) => s.emailKey));
          const people = new Set([erasureKey, ...store.inspect().sessions.filter((s) => alike.has(s.emailKey)).map((s) => s.erasureKey)]);
          const total = { sessions: 0, blocks: 0 };
          for (const person of people) {
            const erased = await store.eraseGuest(person);
            total.sessions += erased.sessions;
            total.blocks += erased.blocks;
          }
          return total;
        },
      };
    };
    const failed: string[] = [];
    const cases: ConformanceCase[] = guestStoreConformance(async () => ({ store: byLookAlike() }));
    for (const c of cases) await c.run().catch(() => failed.push(c.name));
    expect(failed).toEqual(['GuestStore: eraseGuest erases one person: a look-alike address (same emailKey, another erasureKey) keeps its sessions and its declines']);
  });
});

const target = inject('postgres');
const pgConfig = (max: number): pg.PoolConfig =>
  target === null
    ? {}
    : 'connectionString' in target
      ? { connectionString: target.connectionString, max }
      : { host: target.socketDir, port: target.port, user: target.user, database: target.database, max };

describe.skipIf(target === null)('erasure acts on one person on PostgreSQL (R1)', () => {
  let pool: pg.Pool;
  let client: SqlClient;

  beforeAll(async () => {
    pool = new pg.Pool(pgConfig(5));
    client = fromPg(pool);
    await migrate(client);
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('erasing an address changes no other address’s rows, for any sequence of joins, decisions and erasures', async () => {
    const store = createPostgresGuestStore(client);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
        await holdsForOnePerson(
          store,
          async (rooms) => {
            // The rows as stored: the stored status, whatever blocks hold.
            const sessions = await client.query('SELECT * FROM access_links_guest_sessions WHERE entry_id = ANY($1::text[]) ORDER BY id', [rooms]);
            const blocks = await client.query('SELECT * FROM access_links_guest_blocks WHERE entry_id = ANY($1::text[])', [rooms]);
            return {
              sessions: new Map(
                sessions.map((s) => [
                  String(s['id']),
                  { erasureKey: String(s['erasure_key']), emailKey: String(s['email_key']), clientKey: (s['client_key'] as string | null) ?? null, entryId: String(s['entry_id']), status: String(s['status']), row: JSON.stringify(s) },
                ]),
              ),
              blocks: new Map(blocks.map((b) => [`${String(b['entry_id'])} ${String(b['kind'])}:${String(b['key'])}`, String(b['erasure_key'])])),
            };
          },
          ops,
        );
      }),
      { numRuns: runs(25) },
    );
  });

  it('migration 5 keys the sessions and blocks stored before it: ASCII addresses exactly, and each block by whose decline it was', async () => {
    const database = `access_links_erasure_${Date.now()}`;
    await client.query(`CREATE DATABASE ${database}`);
    const scratch = new pg.Pool({ ...pgConfig(2), database });
    try {
      const db = fromPg(scratch);
      expect(await migrate(db, MIGRATIONS.filter((m) => m.version < 5))).toEqual([1, 2, 3, 4]);
      await db.query(
        `INSERT INTO access_links_guest_sessions (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, client_key, status, joined_at)
         VALUES ('s1', 'room', 'l1', 'L', 'John', 'John+News@Example.ORG', 'john@example.org', 'c1', 'declined', 1),
                ('s2', 'room', 'l1', 'L', 'J0hn', 'j0hn@example.org', 'john@example.org', NULL, 'admitted', 2),
                ('s3', 'room', 'l1', 'L', 'Plus', '+tag@example.org', '+tag@example.org', NULL, 'admitted', 3)`,
      );
      await db.query(
        `INSERT INTO access_links_guest_blocks (entry_id, kind, key, session_id, blocked_at)
         VALUES ('room', 'email', 'john@example.org', 's1', 1), ('room', 'client', 'c1', 's1', 1), ('room', 'email', 'gone@example.org', 's0', 1)`,
      );
      expect(await migrate(db, MIGRATIONS.filter((m) => m.version <= 5))).toEqual([5]);
      const sessions = await db.query('SELECT id, guest_email, erasure_key FROM access_links_guest_sessions ORDER BY id');
      for (const row of sessions) expect(row['erasure_key']).toBe(guestErasureKey(String(row['guest_email'])));
      const blocks = await db.query('SELECT key, erasure_key FROM access_links_guest_blocks ORDER BY key');
      expect(blocks.map((b) => [b['key'], b['erasure_key']])).toEqual([
        ['c1', 'john@example.org'],
        ['gone@example.org', null],
        ['john@example.org', 'john@example.org'],
      ]);
      const store = createPostgresGuestStore(db);
      expect(await store.eraseGuest('john@example.org')).toEqual({ sessions: 1, blocks: 2 });
      expect((await store.listSessions('room')).map((s) => [s.id, s.status])).toEqual([
        ['s2', 'admitted'],
        ['s3', 'admitted'],
      ]);
    } finally {
      await scratch.end();
      await client.query(`DROP DATABASE ${database}`);
    }
  });
});
