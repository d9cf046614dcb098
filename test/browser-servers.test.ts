/**
 * A live event on two app servers: two demo processes over one PostgreSQL database, their
 * notices carried by LISTEN/NOTIFY. A guest waits on one server; a moderator admits her on the
 * other; her page, in a real browser, follows at once. Needs PostgreSQL and chromium (both
 * required under CI=true by the global set-up and browser.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const database = inject('postgres');
const root = fileURLToPath(new URL('..', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

function connectionString(): string {
  if (database === null) throw new Error('no database');
  if ('connectionString' in database) return database.connectionString;
  return `postgresql://${encodeURIComponent(database.user)}@/${database.database}?host=${encodeURIComponent(database.socketDir)}&port=${database.port}`;
}

/** Starts `npm run demo`'s server in a process of its own; answers its address. */
async function server(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATABASE_URL: connectionString(), LINK_SECRET: 'a secret both app servers of this test share, 32+ bytes' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /at (http:\/\/\S+)/u.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}): ${output}`)));
  });
  return { url, child };
}

async function axeFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run()).violations);
  return found.map((violation) => `${violation.impact} ${violation.id}`);
}

describe.skipIf(database === null || !existsSync(CHROMIUM))('a live event on two app servers', () => {
  let browser: Browser;
  const servers: { url: string; child: ChildProcess }[] = [];

  beforeAll(async () => {
    servers.push(...(await Promise.all([server(), server()])));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const { child } of servers) child.kill('SIGTERM');
  });

  it("a guest waiting on one server is let in by a moderator on the other, and her page follows at once", async () => {
    const [a, b] = [servers[0]!, servers[1]!];
    const context = async (userId: string | null, origin: string) => {
      const made = await browser.newContext({ bypassCSP: true });
      const page = await made.newPage();
      await page.goto(`${origin}/`);
      if (userId !== null) {
        await page.getByLabel('Signed in as').selectOption(userId);
        await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Switch' }).click()]);
      }
      return { made, page };
    };
    // The owner, on server B, opens guest access, locks the room and makes a link.
    const owner = await context('olivia', b.url);
    await owner.page.goto(`${b.url}/entries/town-hall`);
    if (await owner.page.getByRole('button', { name: 'Turn guest access on' }).isVisible()) await owner.page.getByRole('button', { name: 'Turn guest access on' }).click();
    await owner.page.getByLabel('Name').fill('Two servers');
    await owner.page.getByRole('button', { name: 'Create link' }).click();
    const link = (await owner.page.locator('tr', { hasText: 'Two servers' }).last().locator('.url').textContent())!.trim();
    await owner.page.goto(`${b.url}/entries/town-hall/lobby`);
    if (await owner.page.getByRole('button', { name: 'Lock the room', exact: true }).isVisible()) await owner.page.getByRole('button', { name: 'Lock the room', exact: true }).click();
    await expect.poll(() => owner.page.locator('#lock-state').textContent()).toContain('locked');

    // The guest joins on server A and waits there.
    const guest = await context(null, a.url);
    await guest.page.goto(link.replace(b.url, a.url));
    await guest.page.getByLabel('Your name').fill('Mary Jackson');
    await guest.page.getByLabel('Your email').fill('mary@example.org');
    await guest.page.getByRole('button', { name: 'Join as a guest' }).click();
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('You are in the waiting room');
    expect(await axeFindings(guest.page)).toEqual([]);

    // The lobby on server B shows her without a reload: server A's notice crossed the database.
    const row = owner.page.locator('tr', { hasText: 'Mary Jackson' });
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 4_000 }).toBe('waiting');
    expect(await axeFindings(owner.page)).toEqual([]);

    const admitted = Date.now();
    await row.getByRole('button', { name: 'Admit Mary Jackson' }).click();
    // Told by the push: the page's own fallback asks only every 5 s, a heartbeat every 25 s.
    await expect.poll(() => guest.page.locator('h1').textContent(), { timeout: 4_000, interval: 20 }).toBe('Town hall');
    console.log(`the admit reached the guest's page on the other server after ${Date.now() - admitted} ms`);
    await owner.made.close();
    await guest.made.close();
  }, 60_000);
});
