/**
 * One app server of the load run: the library over PostgreSQL through PgBouncer in transaction
 * mode, the PostgreSQL rate limiter and notifier (listening on a direct connection), served by
 * Node's http. Configured by the environment that load/run.ts sets.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { createGuestLinks, createKeyRing } from 'access-links';
import { createHttpHandler, toNodeHandler } from 'access-links/http';
import { createMemoryEntryDirectory } from 'access-links/memory';
import { createPostgresNotifier, createPostgresStores, fromPg, listenWithPg } from 'access-links/postgres';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const pooled = { host: env('LOAD_POOLER_SOCKET'), port: Number(env('LOAD_POOLER_PORT')), user: env('LOAD_USER'), database: env('LOAD_DATABASE') };
const direct = { host: env('LOAD_PG_SOCKET'), port: Number(env('LOAD_PG_PORT')), user: env('LOAD_USER'), database: env('LOAD_DATABASE') };

const pool = new pg.Pool({ ...pooled, max: 16 });
const client = fromPg(pool);
const { guests, rateLimiter } = createPostgresStores(client);
const notifier = await createPostgresNotifier(
  client,
  listenWithPg(async () => {
    const connection = new pg.Client(direct);
    await connection.connect();
    return connection;
  }),
);
const guestLinks = createGuestLinks({
  store: guests,
  directory: createMemoryEntryDirectory({
    entries: [
      { id: 'event', type: 'live-event', title: 'Launch', ownerId: 'owner', available: true },
      { id: 'race', type: 'live-event', title: 'Race', ownerId: 'owner', available: true },
      { id: 'flood', type: 'live-event', title: 'Flood', ownerId: 'owner', available: true },
      { id: 'room', type: 'room', title: 'Town hall', ownerId: 'owner', available: true },
    ],
  }),
  keyRing: await createKeyRing({ keys: [{ id: 'load', secret: env('LOAD_SECRET') }] }),
  notifier,
  guestLinkUrl: (token) => token,
});
const handler = createHttpHandler({
  guestLinks,
  authenticate: (request) => (request.headers.get('x-user') === 'owner' ? { userId: 'owner' } : null),
  // Each simulated client names itself, as a trusted proxy's header would.
  clientKey: (request) => request.headers.get('x-client'),
  trustedOrigins: ['http://load.test'],
  cookie: { secure: false },
  rateLimiter,
  // One link takes a whole event's arrivals: 5,000 in a minute (the default is 600).
  rateLimits: { joinPerLink: { limit: 10_000, windowSeconds: 60 }, openPerLink: { limit: 10_000, windowSeconds: 60 } },
  notifier,
  onError: (error) => console.error(error),
});
const server = createServer(toNodeHandler(handler, { origin: 'http://load.test' }));
server.keepAliveTimeout = 60_000;
server.listen(Number(env('PORT')), '127.0.0.1', () => console.log(`listening ${(server.address() as { port: number }).port}`));
const stop = async () => {
  server.closeAllConnections();
  server.close();
  await notifier.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
