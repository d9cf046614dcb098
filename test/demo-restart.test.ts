/**
 * `npm run demo` keeps its data: PGlite in a folder, and the key ring's secret made once beside
 * it. A link made before a restart admits a guest after it, through the demo's HTTP layer.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../demo/server';

describe('the demo on PGlite', () => {
  it('keeps a link, and its key, across a restart: the link still admits a guest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'access-links-demo-'));
    const before = process.env['LINK_SECRET'];
    delete process.env['LINK_SECRET'];
    try {
      const first = await startDemo({ port: 0, dataDir });
      expect(first.world.storage).toBe(`PGlite, kept in ${dataDir}`);
      const owner = { userId: 'olivia' };
      expect((await first.world.guestLinks.setGuestAccess({ actor: owner, entryId: 'design-review', enabled: true })).ok).toBe(true);
      const made = await first.world.guestLinks.createGuestLink({ actor: owner, entryId: 'design-review', name: 'Before the restart' });
      if (!made.ok) throw new Error(made.code);
      await first.close();
      const secret = readFileSync(join(dataDir, 'link-secret'), 'utf8');
      expect(secret.trim().length).toBeGreaterThanOrEqual(43);
      expect(statSync(join(dataDir, 'link-secret')).mode & 0o077).toBe(0);

      const second = await startDemo({ port: 0, dataDir });
      try {
        expect(readFileSync(join(dataDir, 'link-secret'), 'utf8')).toBe(secret);
        const page = await fetch(`${second.url}/g/${made.value.token}`);
        expect(await page.text()).toContain('Before the restart');
        const joined = await fetch(`${second.url}/access-links/guest-links/${made.value.token}/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: second.url },
          body: JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.org' }),
        });
        expect(joined.status).toBe(201);
        expect(((await joined.json()) as { session: { status: string } }).session.status).toBe('admitted');
      } finally {
        await second.close();
      }
    } finally {
      if (before !== undefined) process.env['LINK_SECRET'] = before;
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);
});
