/**
 * `npm run bench:postgres`: the PostgreSQL adapter's goals as ratios to references measured on
 * the same server in the same run, with 20 calls in flight over a pool of 20 connections. The
 * reference join is the least correct SQL a join needs: one statement that takes a use with a
 * conditional UPDATE … RETURNING and inserts the session from it. Starts a throwaway server (as
 * the tests do), or uses ACCESS_LINKS_TEST_DATABASE_URL.
 */
import pg from 'pg';
import { ulid } from 'ulid';
import { createGuestLinks, createKeyRing, generateSecret } from '../src/index';
import { createMemoryEntryDirectory } from '../src/memory';
import { PGlite } from '@electric-sql/pglite';
import { createDispatcher } from '../src/events';
import { createPostgresOutbox, createPostgresStores, fromPg, fromPglite, migrate } from '../src/postgres';
import { startPgServer } from '../test/support/pg-cluster';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const ROUND_MS = Number(process.env['BENCH_MS'] ?? 1000);
const IN_FLIGHT = 20;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function rate(fn: (i: number) => Promise<unknown>, ms = ROUND_MS): Promise<number> {
  let n = 0;
  const start = performance.now();
  const worker = async () => {
    while (performance.now() - start < ms) await fn(n++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return (n * 1000) / (performance.now() - start);
}
async function versus(subject: (i: number) => Promise<unknown>, reference: (i: number) => Promise<unknown>): Promise<[number, number]> {
  await rate(subject, 300);
  await rate(reference, 300);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(await rate(subject));
    b.push(await rate(reference));
  }
  return [median(a), median(b)];
}

const url = process.env['ACCESS_LINKS_TEST_DATABASE_URL'];
const server = url ? null : await startPgServer();
if (!url && server === null) {
  console.log('No PostgreSQL found: install postgresql or set ACCESS_LINKS_TEST_DATABASE_URL.');
  process.exit(0);
}
const pool = new pg.Pool(
  url ? { connectionString: url, max: IN_FLIGHT } : { host: server!.socketDir, port: server!.port, user: server!.user, database: server!.database, max: IN_FLIGHT },
);
const rows: Record<string, string>[] = [];
const row = (what: string, value: string, reference: string, ratio: number, goal: string, pass: boolean) =>
  rows.push({ what, value, reference, ratio: `${ratio.toFixed(2)}×`, goal, pass: pass ? 'pass' : 'FAIL' });
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;

try {
  const client = fromPg(pool);
  await migrate(client);
  const owner = { userId: 'owner' };
  const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] });
  const { guests } = createPostgresStores(client);
  async function entry(entryId: string, store = guests, activity = true, outbox = false) {
    const guestLinks = createGuestLinks({
      store,
      activity,
      outbox,
      directory: createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'video', ownerId: owner.userId, available: true }] }),
      keyRing,
      guestLinkUrl: (token) => token,
      // Every join measured must be a join: no link may fill up (R2) while it is measured.
      rules: { maxGuestsPerLink: 2_147_483_647 },
    });
    await guestLinks.setGuestAccess({ actor: owner, entryId, enabled: true });
    const link = await guestLinks.createGuestLink({ actor: owner, entryId, name: 'Bench' });
    if (!link.ok) throw new Error(link.code);
    return { guestLinks, link: link.value };
  }

  // ---- a join, against the least correct SQL a join needs ----
  const { guestLinks, link } = await entry(`bench-${ulid().toLowerCase()}`);
  const minimalJoin = (i: number) =>
    pool.query(
      `WITH used AS (
         UPDATE access_links_guest_links SET uses = uses + 1
         WHERE id = $1 AND (use_limit IS NULL OR uses < use_limit) AND (expires_at IS NULL OR expires_at > $2::bigint)
         RETURNING id, entry_id, name)
       INSERT INTO access_links_guest_sessions (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, erasure_key, status, joined_at)
       SELECT $3, entry_id, id, name, 'Guest', $4, $4, $4, 'admitted', $2::bigint FROM used`,
      [link.id, Date.now(), ulid(), `m${i}@example.org`],
    );
  const joined = async (attempt: Promise<{ ok: boolean; code?: string }>) => {
    const outcome = await attempt;
    if (!outcome.ok) throw new Error(`join refused: ${outcome.code}`);
  };
  const [joins, minimal] = await versus((i) => joined(guestLinks.joinGuestLink({ token: link.token, name: 'Guest', email: `g${i}@example.org` })), minimalJoin);
  row('joinGuestLink (20 in flight, pool of 20)', perSecond(joins), `${perSecond(minimal)} minimal SQL join`, joins / minimal, '≥ 0.80×', joins / minimal >= 0.8);
  const [opens] = await versus(() => guestLinks.openGuestLink({ token: link.token }), minimalJoin);
  row('  openGuestLink', perSecond(opens), 'the same minimal join', opens / minimal, '(shown)', true);

  // ---- A1: counting a link's activity costs a join at most 10 %, measured side by side ----
  // Two fresh links, so that neither starts with more sessions than the other.
  const counting = await entry(`bench-counting-${ulid().toLowerCase()}`);
  const silent = await entry(`bench-silent-${ulid().toLowerCase()}`, guests, false);
  const [counted, uncounted] = await versus(
    (i) => joined(counting.guestLinks.joinGuestLink({ token: counting.link.token, name: 'Guest', email: `c${i}@example.org` })),
    (i) => joined(silent.guestLinks.joinGuestLink({ token: silent.link.token, name: 'Guest', email: `u${i}@example.org` })),
  );
  row('joinGuestLink, counting activity on vs off', perSecond(counted), `${perSecond(uncounted)} activity: false`, counted / uncounted, '≥ 0.90×', counted / uncounted >= 0.9);
  const [countedOpens, silentOpens] = await versus(() => counting.guestLinks.openGuestLink({ token: counting.link.token }), () => silent.guestLinks.openGuestLink({ token: silent.link.token }));
  row('  openGuestLink, counting activity on vs off', perSecond(countedOpens), `${perSecond(silentOpens)} activity: false`, countedOpens / silentOpens, '(shown)', true);

  // ---- the outbox: a join that writes its event in its own statement, against one that writes none ----
  const writing = await entry(`bench-outbox-${ulid().toLowerCase()}`, guests, true, true);
  const quiet = await entry(`bench-quiet-${ulid().toLowerCase()}`);
  const [withEvents, withoutEvents] = await versus(
    (i) => joined(writing.guestLinks.joinGuestLink({ token: writing.link.token, name: 'Guest', email: `o${i}@example.org` })),
    (i) => joined(quiet.guestLinks.joinGuestLink({ token: quiet.link.token, name: 'Guest', email: `q${i}@example.org` })),
  );
  row('joinGuestLink, outbox on vs off (the event written in the join\'s statement)', perSecond(withEvents), `${perSecond(withoutEvents)} outbox off`, withEvents / withoutEvents, '(shown)', true);

  // ---- the dispatcher: events delivered per second, by one dispatcher and by two at once ----
  // 20,000 events over 1,000 entries, written straight into an outbox of their own; the consumer
  // does nothing, so what is measured is the outbox: claims, settles, the order per entry.
  const delivery = async (dispatchers: number): Promise<{ perSecond: number; told: number; events: number }> => {
    const prefix = `bench_outbox_${dispatchers}_${ulid().slice(-8).toLowerCase()}_`;
    await migrate(client, { prefix });
    const events = 20_000;
    await pool.query(
      `INSERT INTO ${prefix}outbox (id, queue, event, available_at)
       SELECT 'ev' || n, 'entry-' || (n % 1000), jsonb_build_object('id', 'ev' || n, 'type', 'guest.joined', 'at', 1, 'entryId', 'entry-' || (n % 1000),
         'actorId', null, 'subjectId', 's' || n, 'detail', '{}'::jsonb), 0
       FROM generate_series(1, $1::int) AS n ORDER BY n`,
      [events],
    );
    let told = 0;
    const pools = Array.from({ length: dispatchers }, () => new pg.Pool(url ? { connectionString: url, max: 10 } : { host: server!.socketDir, port: server!.port, user: server!.user, database: server!.database, max: 10 }));
    const running = pools.map((each) =>
      createDispatcher({ outbox: createPostgresOutbox(fromPg(each), { prefix }), consumers: { count: { publish: async () => void (told += 1) } }, batchSize: 100, pollMs: 5 }),
    );
    const start = performance.now();
    for (const dispatcher of running) dispatcher.start();
    for (;;) {
      const [left] = await pool.query(`SELECT count(*)::int AS n FROM ${prefix}outbox WHERE state = 'pending'`).then((r) => r.rows);
      if (Number(left.n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - start) / 1000;
    await Promise.all(running.map((dispatcher) => dispatcher.stop()));
    await Promise.all(pools.map((each) => each.end()));
    return { perSecond: events / seconds, told, events };
  };
  const one = await delivery(1);
  const two = await delivery(2);
  row('dispatcher: events delivered, one dispatcher (batches of 100, pool of 10)', perSecond(one.perSecond), `${one.told.toLocaleString('en')} told of ${one.events.toLocaleString('en')}`, 1, '(shown)', true);
  row('dispatcher: events delivered, two dispatchers at once (a pool of 10 each)', perSecond(two.perSecond), `${perSecond(one.perSecond)} one dispatcher`, two.perSecond / one.perSecond, 'none told twice', two.told === two.events);

  // ---- the same join on PGlite (PostgreSQL compiled to WebAssembly, in this process) ----
  const lite = fromPglite(new PGlite());
  try {
    await migrate(lite);
    const onLite = await entry(`bench-lite-${ulid().toLowerCase()}`, createPostgresStores(lite).guests);
    const [liteJoins, serverJoins] = await versus(
      (i) => joined(onLite.guestLinks.joinGuestLink({ token: onLite.link.token, name: 'Guest', email: `l${i}@example.org` })),
      (i) => joined(guestLinks.joinGuestLink({ token: link.token, name: 'Guest', email: `s${i}@example.org` })),
    );
    row('  joinGuestLink on PGlite (in the process, one statement at a time)', perSecond(liteJoins), `${perSecond(serverJoins)} on the server`, liteJoins / serverJoins, '(shown)', true);
  } finally {
    await lite.close?.();
  }

  // ---- a join's cost with many earlier sessions of the same guest on the entry ----
  const seeded = async (count: number) => {
    const world = await entry(`bench-seed-${count}-${ulid().toLowerCase()}`);
    await pool.query(
      `INSERT INTO access_links_guest_sessions (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, erasure_key, status, joined_at)
       SELECT 'seed-' || $2 || '-' || n, $1, $3, 'Bench', 'Same', 'same@example.org', 'same@example.org', 'same@example.org', 'admitted', n
       FROM generate_series(1, $4::int) AS n`,
      [world.link.entryId, count, world.link.id, count],
    );
    await pool.query('ANALYZE access_links_guest_sessions');
    return (i: number) => joined(world.guestLinks.joinGuestLink({ token: world.link.token, name: 'Same', email: i % 2 === 0 ? 'same@example.org' : 'SAME@example.org' }));
  };
  const empty = await seeded(0);
  for (const count of [10_000, 200_000]) {
    const [many, none] = await versus(await seeded(count), empty);
    row(`join with ${count.toLocaleString('en')} earlier sessions of the guest`, perSecond(many), `${perSecond(none)} with none`, none / many, '≤ 1.50× the time', none / many <= 1.5);
  }
  // ---- housekeeping: sessions of a deleted link swept in batches, by two sweepers at once ----
  const sweepRate = async (dead: number, label: string) => {
    const world = await entry(`bench-sweep-${ulid().toLowerCase()}`);
    await pool.query(
      `INSERT INTO access_links_guest_sessions (id, entry_id, link_id, link_name, guest_name, guest_email, email_key, erasure_key, status, joined_at)
       SELECT 'dead-' || $2 || '-' || n, $1, 'a-deleted-link', 'Gone', 'Guest', 'g' || n || '@example.org', 'g' || n || '@example.org', 'g' || n || '@example.org', 'admitted', 1000000 + n
       FROM generate_series(1, $3::int) AS n`,
      [world.link.entryId, ulid(), dead],
    );
    await pool.query('ANALYZE access_links_guest_sessions');
    const start = performance.now();
    let removed = 0;
    await Promise.all(
      [0, 1].map(async () => {
        for (;;) {
          const swept = await guests.sweep({ now: Date.now(), sessionsJoinedBefore: 2_000_000_000, blocksBefore: 0, activityBefore: 0, limit: 1000 });
          removed += swept.sessions;
          if (swept.sessions === 0) break;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    if (removed !== dead) throw new Error(`swept ${removed} of ${dead}`);
    row(`sweep: ${dead.toLocaleString('en')} sessions of a deleted link, ${label}`, perSecond(removed / seconds), `${seconds.toFixed(2)} s, batches of 1,000`, 0, '(shown)', true);
  };
  await sweepRate(50_000, 'two sweepers at once');

  console.table(rows);
  const failed = rows.filter((r) => r['pass'] === 'FAIL');
  console.log(failed.length === 0 ? 'every goal is met' : `${failed.length} goal(s) missed: ${failed.map((r) => r['what']).join('; ')}`);
} finally {
  await pool.end();
  await server?.stop();
}
