/**
 * The PostgreSQL adapter on PGlite, PostgreSQL compiled to WebAssembly in the process: the same
 * migrations, the whole conformance kit (its races too: PGlite runs one statement at a time, and
 * each operation is one statement), the rate limiter's kit, and data that outlives the process
 * when PGlite keeps it in a folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { createPostgresGuestStore, createPostgresInviteStore, createPostgresRateLimiter, createPostgresStores, fromPglite, migrate, MIGRATIONS, type SqlClient } from '../src/postgres';
import { guestStoreConformance, inviteStoreConformance, outboxConformance, rateLimiterConformance, runConformance } from '../src/testing';
import { ok, owner } from './harness';
import { guestLinksOver } from './support/pglite-library';
import { guestPeek, invitePeek } from './support/postgres-peek';

let db: PGlite;
let client: SqlClient;


describe('the PostgreSQL adapter on PGlite', () => {
  beforeAll(async () => {
    db = new PGlite();
    client = fromPglite(db);
    await migrate(client);
  }, 60_000);

  afterAll(async () => {
    await client?.close?.();
  });

  it('is at the latest migration', async () => {
    const [row] = await client.query('SELECT max(version)::int AS version FROM access_links_migrations');
    expect(row?.['version']).toBe(MIGRATIONS.at(-1)!.version);
  });

  describe('passes the conformance kit', () => {
    runConformance(
      guestStoreConformance(async () => ({
        store: createPostgresGuestStore(client),
        second: createPostgresGuestStore(client),
        peek: guestPeek(client),
      })),
      test,
    );
    runConformance(
      inviteStoreConformance(async () => ({
        store: createPostgresInviteStore(client),
        second: createPostgresInviteStore(client),
        peek: invitePeek(client),
      })),
      test,
    );
    runConformance(rateLimiterConformance(async () => ({ store: createPostgresRateLimiter(client), second: createPostgresRateLimiter(client) })), test);
    runConformance(outboxConformance(async () => ({ store: createPostgresStores(client) })), test);
  });

  it('keeps what it stored in a folder: a link made before a restart still admits a guest after it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'access-links-pglite-'));
    try {
      const open = async () => {
        const stored = fromPglite(new PGlite(folder));
        return { stored, library: await guestLinksOver(stored) };
      };
      const first = await open();
      ok(await first.library.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
      const link = ok(await first.library.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Kept', useLimit: 2 }));
      ok(await first.library.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
      await first.stored.close!();

      const second = await open();
      const joined = ok(await second.library.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@example.org' }));
      expect(joined.session.status).toBe('admitted');
      const refused = await second.library.joinGuestLink({ token: link.token, name: 'Alan', email: 'alan@example.org' });
      expect(refused.ok).toBe(false); // two uses, both spent
      await second.stored.close!();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
