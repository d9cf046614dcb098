/**
 * The PostgreSQL adapter on PGlite when things go wrong. PGlite runs in the process, so the
 * faults that matter are the process's own: it is killed, the database is closed under it, or a
 * statement fails inside one of the adapter's database functions.
 *
 * - A process killed while guests join keeps every join it acknowledged, and nothing half done:
 *   the guests stored are exactly the first ones it joined, each link's use count equals its
 *   stored sessions (no use spent without its session, no session without its use), and the
 *   reopened database goes on working. Killed while the schema is being made, it keeps all of
 *   the schema or none of it, and `migrate` finishes it.
 * - A closed database fails loudly: every operation throws `STORAGE_FAILED`, and the folder
 *   reopened holds exactly what it held. Closed while joins are in flight, each join either
 *   answered and is stored, or threw and left nothing.
 * - A statement that fails part-way through a database function takes the whole operation back:
 *   a join's use with its session, a new link's slot with the link, a deleted link with the
 *   entry's count, a decline's block with the decline.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccessLinksError, type GuestLinks } from '../src/index';
import { fromPglite, migrate, MIGRATIONS, type SqlClient } from '../src/postgres';
import { ok, owner } from './harness';
import { guestLinksOver } from './support/pglite-library';

const WORKER = fileURLToPath(new URL('./support/pglite-worker.ts', import.meta.url));

const folders: string[] = [];
function newFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'access-links-pglite-faults-'));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The library over PGlite: in a folder, or in memory without one. */
async function open(folder?: string): Promise<{ client: SqlClient; library: GuestLinks }> {
  const client = fromPglite(folder === undefined ? new PGlite() : new PGlite(folder));
  return { client, library: await guestLinksOver(client) };
}

/** What an operation threw, or `null` when it answered. */
async function thrown(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => null,
    (error: unknown) => error,
  );
}

/** Checks that `error` is the library's STORAGE_FAILED, its cause's message matching `cause`. */
function expectStorageFailed(error: unknown, cause?: RegExp): void {
  expect(error).toBeInstanceOf(AccessLinksError);
  expect((error as AccessLinksError).code).toBe('STORAGE_FAILED');
  if (cause !== undefined) expect(((error as AccessLinksError).cause as Error).message).toMatch(cause);
}

/** Each link's stored use count beside the number of its stored sessions. */
async function usesAndSessions(client: SqlClient): Promise<{ id: string; uses: number; sessions: number }[]> {
  const rows = await client.query(
    `SELECT l.id, l.uses, (SELECT count(*)::int FROM access_links_guest_sessions s WHERE s.link_id = l.id) AS sessions
     FROM access_links_guest_links l ORDER BY l.id`,
  );
  return rows.map((row) => ({ id: String(row['id']), uses: Number(row['uses']), sessions: Number(row['sessions']) }));
}

/** Every row of the guest tables, to compare before and after. */
async function everything(client: SqlClient): Promise<Record<string, unknown[]>> {
  const tables = ['access_links_guest_access', 'access_links_guest_links', 'access_links_guest_sessions', 'access_links_guest_blocks'];
  const all: Record<string, unknown[]> = {};
  for (const table of tables) all[table] = await client.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return all;
}

interface Killed {
  /** The lines the worker printed before it died, in order. */
  readonly lines: readonly string[];
  /** The link it joined through, once made. */
  readonly link: { readonly id: string; readonly token: string } | null;
  /** The joins it acknowledged: guest number to session id. */
  readonly joined: ReadonlyMap<number, string>;
}

/**
 * Runs the worker on `folder` and `entryId`, and kills it with SIGKILL as soon as `killWhen`
 * holds of the lines read so far; answers every line it printed before it died (lines already
 * on their way when it was killed included). Fails when the worker ends any other way.
 */
function runAndKill(folder: string, entryId: string, killWhen: (killed: Killed) => boolean): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, folder, entryId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const lines: string[] = [];
    const joined = new Map<number, string>();
    let link: Killed['link'] = null;
    let killed = false;
    const soFar = (): Killed => ({ lines, link, joined });
    // A worker that never gets there is killed too, and the test fails below.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (line) => {
      lines.push(line);
      const [kind, first, second] = line.split(' ');
      if (kind === 'link') link = { id: first!, token: second! };
      if (kind === 'joined') joined.set(Number(first), second!);
      if (!killed && killWhen(soFar())) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let readerClosed = false;
    const settle = () => {
      if (exit === null || !readerClosed) return;
      clearTimeout(deadline);
      if (killed && exit.signal === 'SIGKILL') resolve(soFar());
      else reject(new Error(`The worker ended with ${exit.signal ?? exit.code} after ${lines.length} lines, not killed by the test:\n${stderr}`));
    };
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      settle();
    });
    reader.on('close', () => {
      readerClosed = true;
      settle();
    });
  });
}

describe('PGlite in a folder, its process killed', () => {
  it('keeps every join it acknowledged, and no use without its session: killed after 1, 17 and 60 joins, reopened each time', async () => {
    const folder = newFolder();
    const acknowledged = new Map<string, string>(); // session id → the link it joined
    // One folder through every kill: each run recovers a database the previous kill left, on an entry of its own.
    const runs = [
      { entryId: 'video-1', killAfter: 1 },
      { entryId: 'video-2', killAfter: 17 },
      { entryId: 'room-1', killAfter: 60 },
    ];
    for (const [index, { entryId, killAfter }] of runs.entries()) {
      const killed = await runAndKill(folder, entryId, ({ joined }) => joined.size >= killAfter);
      expect(killed.link, `the link of ${entryId}`).not.toBeNull();
      const link = killed.link!;
      expect(killed.joined.size).toBeGreaterThanOrEqual(killAfter);
      for (const sessionId of killed.joined.values()) acknowledged.set(sessionId, link.id);

      const { client, library } = await open(folder);
      try {
        expect(await migrate(client), 'the schema is whole').toEqual([]);
        // Every join acknowledged, in this run and the ones before, is stored, on its link.
        const stored = await client.query('SELECT id, link_id, guest_name FROM access_links_guest_sessions');
        const linkOf = new Map(stored.map((row) => [String(row['id']), String(row['link_id'])]));
        for (const [sessionId, linkId] of acknowledged) expect(linkOf.get(sessionId), `session ${sessionId}`).toBe(linkId);
        // This run's link holds exactly its first k guests, each under the id acknowledged for
        // it: nothing skipped, nothing out of order. k may pass the joins read, by the ones
        // stored but not yet answered when the kill came.
        const ours = stored.filter((row) => row['link_id'] === link.id);
        const numbers = ours.map((row) => Number(String(row['guest_name']).replace('Guest ', ''))).sort((a, b) => a - b);
        expect(numbers).toEqual(numbers.map((_, i) => i));
        expect(numbers.length).toBeGreaterThanOrEqual(killed.joined.size);
        for (const [i, sessionId] of killed.joined) {
          expect(ours.find((row) => row['guest_name'] === `Guest ${i}`)?.['id'], `Guest ${i}`).toBe(sessionId);
        }
        // No use spent without its session, nor a session without its use, on any link.
        const counts = await usesAndSessions(client);
        expect(counts).toHaveLength(index + 1);
        for (const count of counts) expect(count.uses, `link ${count.id}`).toBe(count.sessions);
        // And the library goes on: one more guest joins through the same link.
        const after = ok(await library.joinGuestLink({ token: link.token, name: 'After the kill', email: 'after@example.org' }));
        expect(after.session.status).toBe('admitted');
        const [row] = await client.query('SELECT uses FROM access_links_guest_links WHERE id = $1', [link.id]);
        expect(row?.['uses']).toBe(numbers.length + 1);
        acknowledged.set(after.session.id, link.id);
      } finally {
        await client.close!();
      }
    }
  }, 60_000);

  it('killed as the schema is being made: reopened, it holds all of the schema or none of it, and migrate finishes it', async () => {
    const folder = newFolder();
    // `opened` is printed just before migrate starts, and the kill follows at once: as a rule inside
    // migrate's one transaction. Wherever it lands, the schema must be all there or not at all.
    const killed = await runAndKill(folder, 'video-1', ({ lines }) => lines.includes('opened'));
    expect(killed.lines.some((line) => line.startsWith('link '))).toBe(false);

    const db = new PGlite(folder);
    const client = fromPglite(db);
    try {
      const [present] = await client.query(
        `SELECT to_regclass('access_links_migrations') IS NOT NULL AS migrations, to_regclass('access_links_guest_sessions') IS NOT NULL AS sessions,
                to_regprocedure('access_links_insert_invite(text, text, text, text, text, text, text, text, bigint, bigint, bigint, text, text, text, integer, bigint, text, integer, bigint)') IS NOT NULL AS last_function`,
      );
      if (present?.['migrations'] === true) {
        const [row] = await client.query('SELECT count(*)::int AS n FROM access_links_migrations');
        expect(row?.['n']).toBe(MIGRATIONS.length);
        expect(present['last_function']).toBe(true);
      } else {
        expect(present?.['sessions']).toBe(false);
        expect(present?.['last_function']).toBe(false);
      }
    } finally {
      await client.close!();
    }
    const { client: reopened, library } = await open(folder);
    try {
      const [row] = await reopened.query('SELECT max(version)::int AS version FROM access_links_migrations');
      expect(row?.['version']).toBe(MIGRATIONS.at(-1)!.version);
      ok(await library.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
      const link = ok(await library.createGuestLink({ actor: owner, entryId: 'video-1', name: 'After the kill', useLimit: 1 }));
      ok(await library.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    } finally {
      await reopened.close!();
    }
  }, 60_000);
});

describe('PGlite closed under the library', () => {
  it('fails every operation with STORAGE_FAILED, its cause saying the database is closed, and changes nothing', async () => {
    const folder = newFolder();
    const first = await open(folder);
    ok(await first.library.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const link = ok(await first.library.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Two uses', useLimit: 2 }));
    ok(await first.library.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const before = await everything(first.client);
    await first.client.close!();

    const attempts: Record<string, () => Promise<unknown>> = {
      join: () => first.library.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@example.org' }),
      open: () => first.library.openGuestLink({ token: link.token }),
      create: () => first.library.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Another' }),
      list: () => first.library.listGuestLinks({ actor: owner, entryId: 'video-1' }),
      delete: () => first.library.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: link.id }),
      'switch off': () => first.library.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: false }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      const error = await thrown(attempt);
      expect(error, name).not.toBeNull();
      expectStorageFailed(error, /closed/i);
    }

    const second = await open(folder);
    try {
      expect(await everything(second.client)).toEqual(before);
      // The second use is still there, and only one.
      ok(await second.library.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@example.org' }));
      const refused = await second.library.joinGuestLink({ token: link.token, name: 'Alan', email: 'alan@example.org' });
      expect(refused.ok).toBe(false);
    } finally {
      await second.client.close!();
    }
  }, 60_000);

  it('closed while joins are in flight: each join answered is stored, each that threw left nothing', async () => {
    const folder = newFolder();
    const { client, library } = await open(folder);
    ok(await library.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const link = ok(await library.createGuestLink({ actor: owner, entryId: 'video-1', name: 'In flight', useLimit: 1000 }));
    type Outcome = { readonly name: string; readonly sessionId: string | null; readonly error: unknown };
    const attempt = (name: string): Promise<Outcome> =>
      library.joinGuestLink({ token: link.token, name, email: `${name.toLowerCase().replace(' ', '-')}@example.org` }).then(
        (result) => ({ name, sessionId: ok(result).session.id, error: null }),
        (error: unknown) => ({ name, sessionId: null, error }),
      );
    // Ten joins at once; when the first answers the database is closed, and ten more start.
    const early = Array.from({ length: 10 }, (_, i) => attempt(`Early ${i}`));
    const late: Promise<Outcome>[] = [];
    const closed = early[0]!.then(() => {
      const closing = client.close!();
      for (let i = 0; i < 10; i += 1) late.push(attempt(`Late ${i}`));
      return closing;
    });
    await closed;
    const outcomes = await Promise.all([...early, ...late]);
    expect(outcomes).toHaveLength(20);
    expect(outcomes[0]!.sessionId).not.toBeNull();
    for (const outcome of outcomes) {
      if (outcome.sessionId === null) expectStorageFailed(outcome.error);
    }
    // A join that starts once close has begun never answers. (Its cause need not say "closed":
    // PGlite lets a statement queue behind a close that has yet to take the database, and it
    // then fails inside PGlite.)
    for (const outcome of outcomes.slice(10)) expect(outcome.sessionId, outcome.name).toBeNull();

    const reopened = await open(folder);
    try {
      const stored = await reopened.client.query('SELECT id, guest_name FROM access_links_guest_sessions');
      const byName = new Map(stored.map((row) => [String(row['guest_name']), String(row['id'])]));
      for (const outcome of outcomes) expect(byName.get(outcome.name) ?? null, outcome.name).toBe(outcome.sessionId);
      expect(stored).toHaveLength(outcomes.filter((outcome) => outcome.sessionId !== null).length);
      expect(await usesAndSessions(reopened.client)).toEqual([{ id: link.id, uses: stored.length, sessions: stored.length }]);
    } finally {
      await reopened.client.close!();
    }
  }, 60_000);
});

describe('a statement failing inside a database function', () => {
  let client: SqlClient;
  let library: GuestLinks;
  const failing: { table: string }[] = [];

  beforeAll(async () => {
    ({ client, library } = await open());
    await client.query(`CREATE FUNCTION access_links_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
  }, 60_000);

  afterEach(async () => {
    for (const { table } of failing.splice(0)) await client.query(`DROP TRIGGER IF EXISTS access_links_test_refuse ON ${table}`);
  });

  afterAll(async () => {
    await client?.close?.();
  });

  /** Makes every row written to `table` by `event` (and passing `when`) fail, after it is written. */
  async function failAfter(event: 'INSERT' | 'UPDATE' | 'DELETE', table: string, when = 'true'): Promise<void> {
    await client.query(
      `CREATE TRIGGER access_links_test_refuse AFTER ${event} ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION access_links_test_refuse()`,
    );
    failing.push({ table });
  }
  async function stopFailing(): Promise<void> {
    for (const { table } of failing.splice(0)) await client.query(`DROP TRIGGER access_links_test_refuse ON ${table}`);
  }

  it('a join: its use is not spent when its session cannot be stored', async () => {
    ok(await library.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const link = ok(await library.createGuestLink({ actor: owner, entryId: 'video-1', name: 'One use', useLimit: 1 }));
    await failAfter('INSERT', 'access_links_guest_sessions');
    expectStorageFailed(await thrown(() => library.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })), /refused by the test/);
    expect(await usesAndSessions(client)).toContainEqual({ id: link.id, uses: 0, sessions: 0 });

    await stopFailing();
    ok(await library.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })); // the one use is still there
    expect(await usesAndSessions(client)).toContainEqual({ id: link.id, uses: 1, sessions: 1 });
  });

  it("a new link: the entry's link count is not raised when the link cannot be stored", async () => {
    ok(await library.setGuestAccess({ actor: owner, entryId: 'video-2', enabled: true }));
    const count = async () =>
      (await client.query("SELECT link_count FROM access_links_guest_access WHERE entry_id = 'video-2'"))[0]?.['link_count'];
    expect(await count()).toBe(0);
    await failAfter('INSERT', 'access_links_guest_links');
    expectStorageFailed(await thrown(() => library.createGuestLink({ actor: owner, entryId: 'video-2', name: 'Refused' })), /refused by the test/);
    expect(await count()).toBe(0);
    expect(await client.query("SELECT id FROM access_links_guest_links WHERE entry_id = 'video-2'")).toEqual([]);

    await stopFailing();
    ok(await library.createGuestLink({ actor: owner, entryId: 'video-2', name: 'Made' }));
    expect(await count()).toBe(1);
  });

  it("deleting a link: the link stays when the entry's count cannot be lowered", async () => {
    ok(await library.setGuestAccess({ actor: owner, entryId: 'event-1', enabled: true }));
    const link = ok(await library.createGuestLink({ actor: owner, entryId: 'event-1', name: 'Kept' }));
    await failAfter('UPDATE', 'access_links_guest_access', 'OLD.link_count IS DISTINCT FROM NEW.link_count');
    expectStorageFailed(await thrown(() => library.deleteGuestLink({ actor: owner, entryId: 'event-1', linkId: link.id })), /refused by the test/);
    expect(await client.query('SELECT id FROM access_links_guest_links WHERE id = $1', [link.id])).toHaveLength(1);
    expect((await client.query("SELECT link_count FROM access_links_guest_access WHERE entry_id = 'event-1'"))[0]?.['link_count']).toBe(1);

    await stopFailing();
    ok(await library.deleteGuestLink({ actor: owner, entryId: 'event-1', linkId: link.id }));
    expect(await client.query('SELECT id FROM access_links_guest_links WHERE id = $1', [link.id])).toEqual([]);
    expect((await client.query("SELECT link_count FROM access_links_guest_access WHERE entry_id = 'event-1'"))[0]?.['link_count']).toBe(0);
  });

  it('declining a guest: no block is left when the decline cannot be stored', async () => {
    ok(await library.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    const link = ok(await library.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Town hall' }));
    const grace = ok(await library.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@example.org' }));
    const blocks = async () => client.query("SELECT kind FROM access_links_guest_blocks WHERE entry_id = 'room-1'");
    await failAfter('UPDATE', 'access_links_guest_sessions');
    expectStorageFailed(await thrown(() => library.declineGuest({ actor: owner, entryId: 'room-1', sessionId: grace.session.id })), /refused by the test/);
    expect(await blocks()).toEqual([]);
    expect((await client.query('SELECT status FROM access_links_guest_sessions WHERE id = $1', [grace.session.id]))[0]?.['status']).toBe('admitted');
    ok(await library.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@example.org' })); // not declined: she may join again

    await stopFailing();
    ok(await library.declineGuest({ actor: owner, entryId: 'room-1', sessionId: grace.session.id }));
    expect(await blocks()).toEqual([{ kind: 'email' }]);
    const refused = await library.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@example.org' });
    expect(refused.ok === false && refused.code).toBe('GUEST_DECLINED');
  });
});
