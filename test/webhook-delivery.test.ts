/**
 * Signed webhooks fed by the outbox, end to end: changes on PostgreSQL write their events, a
 * dispatcher in a process of its own sends them to a real HTTP receiver on loopback, and is
 * killed in the middle of a delivery and started again. Every event arrives at least once, a
 * repeat carries the same id and body, nothing arrives out of order per entry, and every request
 * verifies with the endpoint's secret.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGuestLinks, createKeyRing } from '../src/index';
import { createMemoryEntryDirectory } from '../src/memory';
import { createPostgresStores, fromPg, migrate, type SqlClient } from '../src/postgres';
import { generateWebhookSecret, verifyWebhook, webhookConsumers } from '../src/webhooks';
import { entries, moderator, ok, owner, SECRET } from './harness';

const target = inject('postgres');
const socket = target !== null && !('connectionString' in target) ? target : null;

interface Received {
  readonly id: string;
  readonly body: string;
  readonly verified: boolean;
}

describe.skipIf(socket === null)('webhooks fed by the outbox, with the dispatcher killed mid-delivery', () => {
  const s = socket!;
  const prefix = `hooks_${ulid().toLowerCase()}_`;
  const secret = generateWebhookSecret();
  let pool: pg.Pool;
  let client: SqlClient;

  beforeAll(async () => {
    pool = new pg.Pool({ host: s.socketDir, port: s.port, user: s.user, database: s.database, max: 6 });
    client = fromPg(pool);
    await migrate(client, { prefix });
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('every event arrives at least once, repeats with the same id and body, in order per entry, each verified', async () => {
    // The receiver: it answers 204, except the request it is told to hold, which never gets an answer.
    const received: Received[] = [];
    let holdAt = 7;
    let held: (() => void) | null = null;
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = new Headers(Object.entries(request.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : [])));
        void verifyWebhook({ headers, body, secret }).then((checked) => {
          received.push({ id: headers.get('webhook-id') ?? '', body, verified: checked.ok });
          if (received.length === holdAt && held === null) {
            held = () => response.destroy();
            return;
          }
          response.writeHead(204).end();
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;

    // Changes on three entries, each writing its events with it.
    const { guests } = createPostgresStores(client, { prefix });
    const directory = createMemoryEntryDirectory({ entries });
    const library = createGuestLinks({ store: guests, directory, keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }), guestLinkUrl: (t) => t, outbox: true });
    for (const entryId of ['room-1', 'video-1', 'video-2']) {
      ok(await library.setGuestAccess({ actor: owner, entryId, enabled: true }));
      const link = ok(await library.createGuestLink({ actor: owner, entryId, name: 'Hooks' }));
      for (let n = 0; n < 4; n += 1) ok(await library.joinGuestLink({ token: link.token, name: `Guest ${n}`, email: `g${n}-${entryId}@example.org` }));
    }
    ok(await library.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const link = ok(await library.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Late' }));
    const late = ok(await library.joinGuestLink({ token: link.token, name: 'Late', email: 'late@example.org' }));
    ok(await library.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: late.session.id }));
    const written = (await client.query(`SELECT event FROM ${prefix}outbox ORDER BY position`)).map((row) => row['event'] as { id: string; entryId: string });
    expect(written.length).toBe(3 * 6 + 4);

    const start = (): ChildProcess =>
      spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'dispatcher-process.ts')], {
        env: { ...process.env, PGHOST: s.socketDir, PGPORT: String(s.port), PGUSER: s.user, PGDATABASE: s.database, OUTBOX_PREFIX: prefix, RECEIVER_URL: url, RECEIVER_SECRET: secret },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const until = async (test: () => boolean, what: string, ms = 60_000) => {
      const deadline = Date.now() + ms;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${received.length} requests so far`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      const first = start();
      await until(() => held !== null, 'the request to hold');
      // Killed while the receiver holds a request: its claim is neither settled nor released.
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      held!();
      holdAt = Number.POSITIVE_INFINITY;
      const second = start();
      try {
        await until(() => new Set(received.map((r) => r.id)).size === written.length, 'every event');
      } finally {
        second.kill('SIGKILL');
        await new Promise((resolve) => second.once('exit', resolve));
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    expect(received.every((r) => r.verified)).toBe(true);
    const byId = new Map<string, string>();
    for (const r of received) {
      if (byId.has(r.id)) expect(r.body).toBe(byId.get(r.id));
      byId.set(r.id, r.body);
    }
    expect([...byId.keys()].sort()).toEqual(written.map((e) => e.id).sort());
    // The held event came again after the restart, with the same id.
    expect(received.length).toBeGreaterThan(written.length);
    // Per entry, the first arrival of each event follows the order of writing.
    for (const entryId of ['room-1', 'video-1', 'video-2']) {
      const order = written.filter((e) => e.entryId === entryId).map((e) => e.id);
      const firsts = [...new Set(received.map((r) => r.id).filter((id) => order.includes(id)))];
      expect(firsts).toEqual(order);
    }
    const payload = JSON.parse(received[0]!.body) as { type: string; timestamp: string; data: { id: string } };
    expect(payload).toMatchObject({ type: 'guest_access.changed', data: { id: received[0]!.id } });
    expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
  }, 120_000);
});

describe('webhook endpoints as consumers', () => {
  const secret = generateWebhookSecret();

  it('an endpoint takes only the events of its filter, and one that is down holds back no other', async () => {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(request.url ?? '');
      response.writeHead(request.url === '/down' ? 503 : 200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const attempts: { endpoint: string; outcome: string; status: number | null }[] = [];
    try {
      const consumers = webhookConsumers(
        [
          { name: 'joins', url: `${base}/joins`, secret, events: ['guest.joined'] },
          { name: 'down', url: `${base}/down`, secret },
        ],
        { allowPrivateNetworks: true, onAttempt: ({ endpoint, outcome, status }) => attempts.push({ endpoint, outcome, status }) },
      );
      expect(Object.keys(consumers)).toEqual(['webhook:joins', 'webhook:down']);
      const event = { id: ulid(), type: 'guest_access.changed' as const, at: Date.now(), entryId: 'room-1', actorId: 'u-1', subjectId: 'room-1', detail: { enabled: true } };
      await consumers['webhook:joins']!.publish(event);
      await expect(consumers['webhook:down']!.publish(event)).rejects.toThrow('http_error 503');
      await consumers['webhook:joins']!.publish({ ...event, id: ulid(), type: 'guest.joined' });
      expect(seen).toEqual(['/down', '/joins']);
      expect(attempts).toEqual([
        { endpoint: 'down', outcome: 'http_error', status: 503 },
        { endpoint: 'joins', outcome: 'delivered', status: 200 },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses endpoints that cannot work', () => {
    const good = { name: 'crm', url: 'https://crm.example.org/hooks', secret };
    const bad: unknown[] = [
      [{ ...good, name: '' }],
      [{ ...good, name: 'has space' }],
      [{ ...good, url: 'not a url' }],
      [{ ...good, url: 'ftp://crm.example.org/' }],
      [{ ...good, url: 'https://user:pw@crm.example.org/' }],
      [{ ...good, secret: 'plain' }],
      [{ ...good, secret: [] }],
      [{ ...good, events: [] }],
      [{ ...good, events: ['guest.vanished'] }],
      [good, good],
      'crm',
      [null],
    ];
    for (const endpoints of bad) expect(() => webhookConsumers(endpoints as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    for (const options of [{ timeoutMs: 0 }, { timeoutMs: 60_001 }, { allowPrivateNetworks: 'yes' }, { clock: {} }, { onAttempt: 5 }]) {
      expect(() => webhookConsumers([good], options as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
    expect(Object.keys(webhookConsumers([good, { ...good, name: 'crm-2', secret: [secret, generateWebhookSecret()] }]))).toEqual(['webhook:crm', 'webhook:crm-2']);
  });
});
