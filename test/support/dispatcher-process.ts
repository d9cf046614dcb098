/**
 * A dispatcher as a server runs it, in a process of its own, so that a test can kill it in the
 * middle of a delivery: PostgreSQL's outbox, one webhook endpoint, short leases. Its settings
 * come from the environment; it runs until it is killed.
 */
import pg from 'pg';
import { createDispatcher } from '../../src/events';
import { createPostgresOutbox, fromPg } from '../../src/postgres';
import { webhookConsumers } from '../../src/webhooks';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const pool = new pg.Pool({ host: env('PGHOST'), port: Number(env('PGPORT')), user: env('PGUSER'), database: env('PGDATABASE'), max: 4 });
const outbox = createPostgresOutbox(fromPg(pool), { prefix: env('OUTBOX_PREFIX') });
const consumers = webhookConsumers([{ name: 'receiver', url: env('RECEIVER_URL'), secret: env('RECEIVER_SECRET') }], { allowPrivateNetworks: true, timeoutMs: 30_000 });
const dispatcher = createDispatcher({ outbox, consumers, leaseMs: 1_000, pollMs: 20, batchSize: 10, retryDelayMs: 0, maxRetryDelayMs: 100 });
dispatcher.start();
process.stdout.write('started\n');
