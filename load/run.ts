/**
 * `npm run load`: a live event on real infrastructure. Four app-server processes (load/server.ts)
 * over one PostgreSQL behind PgBouncer in transaction mode, with the PostgreSQL rate limiter and
 * notifier, driven over HTTP on loopback:
 *
 *   (a) 5,000 guests from distinct clients join one unlimited link;
 *   (b) a 100-use link raced by 2,000 guests admits exactly 100;
 *   (c) 500 waiting guests each hold an event stream; one admit-all; every stream is told;
 *   (d) one client floods a link with 2,000 joins while 200 others join.
 *
 * `--small` runs (b)–(d) at a tenth of the size (npm test runs it). Prints a table, then one
 * line of JSON with every figure. Starts its own PostgreSQL and PgBouncer unless LOAD_PG_SOCKET,
 * LOAD_PG_PORT, LOAD_POOLER_SOCKET, LOAD_POOLER_PORT and LOAD_USER name running ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate, fromPg } from 'access-links/postgres';
import { startPgBouncer, startPgServer } from '../test/support/pg-cluster';

const small = process.argv.includes('--small');
const SERVERS = 4;
const DATABASE = 'access_links_load';
const ORIGIN = 'http://load.test';
const root = fileURLToPath(new URL('..', import.meta.url));

interface Reply {
  readonly status: number;
  readonly ms: number;
  readonly body: Record<string, unknown>;
  readonly cookies: string[];
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Runs `count` calls of `task`, at most `concurrency` at once. */
async function inParallel<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

async function main() {
  // The database: the one named in the environment, or our own.
  const stops: (() => Promise<void>)[] = [];
  let where: { pgSocket: string; pgPort: number; poolerSocket: string; poolerPort: number; user: string };
  if (process.env['LOAD_PG_SOCKET']) {
    where = {
      pgSocket: process.env['LOAD_PG_SOCKET'],
      pgPort: Number(process.env['LOAD_PG_PORT']),
      poolerSocket: process.env['LOAD_POOLER_SOCKET']!,
      poolerPort: Number(process.env['LOAD_POOLER_PORT']),
      user: process.env['LOAD_USER']!,
    };
  } else {
    const server = await startPgServer();
    if (server === null) throw new Error("No PostgreSQL: install Debian's postgresql package.");
    stops.push(() => server.stop());
    const bouncer = await startPgBouncer(server, 20);
    if (bouncer === null) throw new Error("No PgBouncer: install Debian's pgbouncer package.");
    stops.unshift(() => bouncer.stop());
    where = { pgSocket: server.socketDir, pgPort: server.port, poolerSocket: bouncer.socketDir, poolerPort: bouncer.port, user: server.user };
  }
  const admin = new pg.Client({ host: where.pgSocket, port: where.pgPort, user: where.user, database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const direct = new pg.Pool({ host: where.pgSocket, port: where.pgPort, user: where.user, database: DATABASE, max: 2 });
  await migrate(fromPg(direct));

  // Four app servers.
  const children: ChildProcess[] = [];
  const ports = await Promise.all(
    Array.from({ length: SERVERS }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'load/server.ts'], {
        cwd: root,
        env: {
          ...process.env,
          PORT: '0',
          LOAD_PG_SOCKET: where.pgSocket,
          LOAD_PG_PORT: String(where.pgPort),
          LOAD_POOLER_SOCKET: where.poolerSocket,
          LOAD_POOLER_PORT: String(where.poolerPort),
          LOAD_USER: where.user,
          LOAD_DATABASE: DATABASE,
          LOAD_SECRET: 'the load run secret, shared by every app server of it',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return new Promise<number>((resolve, reject) => {
        let output = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening (\d+)/u.exec(output);
          if (found) resolve(Number(found[1]));
        });
        child.once('exit', (code) => reject(new Error(`an app server exited (${code}): ${output}`)));
      });
    }),
  );
  const base = (i: number) => `http://127.0.0.1:${ports[i % SERVERS]}/access-links`;

  let fiveHundreds = 0;
  const send = async (server: number, method: string, path: string, options: { json?: unknown; client?: string; cookie?: string; owner?: boolean } = {}): Promise<Reply> => {
    const headers: Record<string, string> = { origin: ORIGIN, accept: 'application/json' };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.client !== undefined) headers['x-client'] = options.client;
    if (options.cookie !== undefined) headers['cookie'] = options.cookie;
    if (options.owner === true) headers['x-user'] = 'owner';
    const started = performance.now();
    const response = await fetch(`${base(server)}${path}`, { method, headers, ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }) });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status >= 500) fiveHundreds += 1;
    return { status: response.status, ms, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), cookies: response.headers.getSetCookie().map((line) => line.split(';')[0]!) };
  };
  const link = async (entryId: string, useLimit: number | null) => {
    await send(0, 'PUT', `/entries/${entryId}/guest-access`, { owner: true, json: { enabled: true } });
    const made = await send(0, 'POST', `/entries/${entryId}/guest-links`, { owner: true, json: { name: 'Load', useLimit } });
    if (made.status !== 201) throw new Error(`could not make a link: ${JSON.stringify(made.body)}`);
    return { token: made.body['token'] as string, id: made.body['id'] as string };
  };
  const usesOf = async (entryId: string, linkId: string) => {
    const listed = await send(0, 'GET', `/entries/${entryId}/guest-links`, { owner: true });
    const links = (listed.body['links'] ?? listed.body['items']) as { id: string; uses: number }[];
    return links.find((l) => l.id === linkId)!.uses;
  };
  const join = (i: number, token: string, client: string, email = `${client}@example.org`) =>
    send(i, 'POST', `/guest-links/${token}/join`, { client, json: { name: `Guest ${client}`, email } });
  const count = (replies: Reply[], status: number) => replies.filter((reply) => reply.status === status).length;
  const figures: Record<string, unknown> = { servers: SERVERS, small };
  const rows: string[][] = [];

  // (a) Arrivals at one unlimited link.
  if (!small) {
    const guests = 5_000;
    const { token, id } = await link('event', null);
    const started = performance.now();
    const replies = await inParallel(guests, 64, (i) => join(i, token, `a-${i}`));
    const seconds = (performance.now() - started) / 1000;
    const uses = await usesOf('event', id);
    figures['a'] = { guests, seconds, joinsPerSecond: guests / seconds, p50: percentile(replies.map((r) => r.ms), 50), p99: percentile(replies.map((r) => r.ms), 99), joined: count(replies, 201), uses };
    rows.push(['(a) 5,000 joins, one unlimited link', `${count(replies, 201)} joined in ${seconds.toFixed(1)} s (${(guests / seconds).toFixed(0)}/s)`, `p50 ${percentile(replies.map((r) => r.ms), 50).toFixed(0)} ms, p99 ${percentile(replies.map((r) => r.ms), 99).toFixed(0)} ms`, `uses ${uses}, lost ${count(replies, 201) - uses}`]);
  }

  // (b) A 100-use link raced.
  {
    const limit = small ? 10 : 100;
    const guests = small ? 200 : 2_000;
    const { token, id } = await link('race', limit);
    const started = performance.now();
    const replies = await inParallel(guests, 128, (i) => join(i, token, `b-${i}`));
    const seconds = (performance.now() - started) / 1000;
    const uses = await usesOf('race', id);
    figures['b'] = { limit, guests, seconds, joined: count(replies, 201), uses, p50: percentile(replies.map((r) => r.ms), 50), p99: percentile(replies.map((r) => r.ms), 99), statuses: Object.fromEntries([...new Set(replies.map((r) => r.status))].map((s) => [s, count(replies, s)])) };
    rows.push([`(b) ${guests.toLocaleString('en')} guests race a ${limit}-use link`, `${count(replies, 201)} joined, uses ${uses}`, `p50 ${percentile(replies.map((r) => r.ms), 50).toFixed(0)} ms, p99 ${percentile(replies.map((r) => r.ms), 99).toFixed(0)} ms`, `over-spent ${Math.max(0, uses - limit)}`]);
  }

  // (c) A waiting room pushed: every stream told of one admit-all.
  {
    const guests = small ? 50 : 500;
    const { token } = await link('room', null);
    await send(0, 'PUT', '/entries/room/room-lock', { owner: true, json: { locked: true } });
    const joined = await inParallel(guests, 32, (i) => join(i, token, `c-${i}`));
    if (count(joined, 201) !== guests) throw new Error(`(c): ${count(joined, 201)} of ${guests} joined`);
    const streams = await Promise.all(
      joined.map(async (reply, i) => {
        const response = await fetch(`${base(i)}/entries/room/guest-session/events`, { headers: { cookie: reply.cookies.join('; '), origin: ORIGIN } });
        if (response.status !== 200) throw new Error(`(c): a stream answered ${response.status}`);
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        const next = async (): Promise<number | null> => {
          for (;;) {
            const match = /data: (\{.*\})\n\n/u.exec(buffer);
            if (match) {
              buffer = buffer.slice(match.index + match[0].length);
              return (JSON.parse(match[1]!) as { status: number }).status;
            }
            const { done, value } = await reader.read();
            if (done) return null;
            buffer += value;
          }
        };
        if ((await next()) !== 202) throw new Error('(c): a stream did not start waiting');
        return { next, reader };
      }),
    );
    const started = performance.now();
    const told = streams.map(async ({ next }) => ((await next()) === 200 ? performance.now() - started : null));
    const admitted = await send(1, 'POST', '/entries/room/guests/admit-all', { owner: true });
    const admitMs = performance.now() - started;
    const times = (await Promise.race([Promise.all(told), new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000))])) ?? [];
    const reached = times.filter((t): t is number => t !== null);
    for (const { reader } of streams) await reader.cancel().catch(() => {});
    figures['c'] = { guests, admitted: (admitted.body as unknown as unknown[]).length, admitAllMs: admitMs, told: reached.length, p50: percentile(reached, 50), p99: percentile(reached, 99), max: Math.max(0, ...reached) };
    rows.push([`(c) ${guests} waiting streams, one admit-all`, `${reached.length} told; admit-all answered in ${admitMs.toFixed(0)} ms`, `told p50 ${percentile(reached, 50).toFixed(0)} ms, p99 ${percentile(reached, 99).toFixed(0)} ms`, `last ${Math.max(0, ...reached).toFixed(0)} ms`]);
  }

  // (d) One client floods a link while others join.
  {
    const floods = small ? 200 : 2_000;
    const others = small ? 20 : 200;
    const { token, id } = await link('flood', null);
    const [flood, honest] = await Promise.all([
      inParallel(floods, 16, (i) => join(i, token, 'flooder', `flood-${i}@example.org`)),
      inParallel(others, 16, (i) => join(i + 1, token, `d-${i}`)),
    ]);
    const uses = await usesOf('flood', id);
    figures['d'] = { floods, others, floodJoined: count(flood, 201), floodRefused: count(flood, 429), othersJoined: count(honest, 201), uses, p99Others: percentile(honest.map((r) => r.ms), 99) };
    rows.push([`(d) one client floods (${floods.toLocaleString('en')}), ${others} others join`, `others ${count(honest, 201)} of ${others} joined`, `flood: ${count(flood, 201)} joined, ${count(flood, 429)} × 429`, `uses ${uses}`]);
  }

  figures['fiveHundreds'] = fiveHundreds;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
  await direct.end();
  for (const stop of stops) await stop();

  console.log(`access-links load run: ${SERVERS} app servers, PostgreSQL behind PgBouncer (transaction mode), ${small ? 'small' : 'full'} size`);
  for (const row of rows) console.log(`  ${row.join(' · ')}`);
  console.log(`  5xx answers: ${fiveHundreds}`);
  console.log(JSON.stringify(figures));
}

await main();
