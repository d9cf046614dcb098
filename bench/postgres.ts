/**
 * Throughput of a guest joining through the PostgreSQL adapter, against the least a join must
 * do on the same server in the same run: one conditional UPDATE of the link's uses. Both run
 * with 20 calls in flight over a pool of 20 connections. Starts a throwaway server (as the
 * tests do), or uses ACCESS_LINKS_TEST_DATABASE_URL.
 *
 * Run with `npm run bench:postgres`.
 */
import pg from 'pg';
import { createGuestLinks, createKeyRing, generateSecret } from '../src/index';
import { createMemoryEntryDirectory } from '../src/memory';
import { createPostgresStores, fromPg, migrate } from '../src/postgres';
import { startPgServer } from '../test/support/pg-cluster';

const DURATION_MS = Number(process.env['BENCH_MS'] ?? 3000);
const IN_FLIGHT = 20;

async function rate(fn: (i: number) => Promise<unknown>): Promise<number> {
  let n = 0;
  const worker = async (deadline: number) => {
    while (performance.now() < deadline) await fn(n++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => worker(performance.now() + 300))); // warm up
  n = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => worker(start + DURATION_MS)));
  return (n * 1000) / (performance.now() - start);
}

const url = process.env['ACCESS_LINKS_TEST_DATABASE_URL'];
const server = url ? null : await startPgServer();
if (!url && server === null) {
  console.log('No PostgreSQL found: install postgresql or set ACCESS_LINKS_TEST_DATABASE_URL.');
  process.exit(0);
}
const pool = new pg.Pool(
  url ? { connectionString: url, max: 20 } : { host: server!.socketDir, port: server!.port, user: server!.user, database: server!.database, max: 20 },
);
try {
  const client = fromPg(pool);
  await migrate(client);
  const entryId = `bench-${Date.now()}`;
  const owner = { userId: 'owner' };
  const { guests } = createPostgresStores(client);
  const access = createGuestLinks({
    store: guests,
    directory: createMemoryEntryDirectory({ entries: [{ id: entryId, type: 'video', ownerId: owner.userId, available: true }] }),
    keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] }),
    guestLinkUrl: (token) => token,
  });
  await access.setGuestAccess({ actor: owner, entryId, enabled: true });
  const link = await access.createGuestLink({ actor: owner, entryId, name: 'Bench' });
  if (!link.ok) throw new Error(link.code);

  const bare = await rate(() =>
    pool.query(
      `UPDATE access_links_guest_links SET uses = uses + 1
       WHERE id = $1 AND (use_limit IS NULL OR uses < use_limit) AND (expires_at IS NULL OR expires_at > $2::bigint) RETURNING id`,
      [link.value.id, Date.now()],
    ),
  );
  const joins = await rate((i) => access.joinGuestLink({ token: link.value.token, name: 'Guest', email: `g${i}@example.org` }));
  const opens = await rate(() => access.openGuestLink({ token: link.value.token }));
  console.table([
    { operation: 'bare conditional UPDATE (baseline)', 'ops/s': Math.round(bare), 'vs baseline': '1.00×' },
    { operation: 'joinGuestLink through the adapter', 'ops/s': Math.round(joins), 'vs baseline': `${(joins / bare).toFixed(2)}×` },
    { operation: 'openGuestLink through the adapter', 'ops/s': Math.round(opens), 'vs baseline': `${(opens / bare).toFixed(2)}×` },
  ]);
} finally {
  await pool.end();
  await server?.stop();
}
