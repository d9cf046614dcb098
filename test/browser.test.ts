/**
 * The demo in a real browser (Debian's chromium, driven by playwright-core): every story of the
 * help-centre articles, clicked as people would, with a screenshot of each page. The screenshots
 * go to .cache/screenshots/ (ignored by git), so a test run leaves the checkout as it was;
 * `npm run screenshots` runs these tests to refresh the ones in docs/images/. Without chromium
 * the tests are skipped, except under CI=true, where they fail.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../demo/server';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  const how = "install Debian's chromium package (apt-get install chromium)";
  if (process.env['CI']) throw new Error(`The browser tests must run under CI, but ${CHROMIUM} is missing: ${how}.`);
  console.warn(`\nNo chromium at ${CHROMIUM}: the browser tests are skipped. To run them, ${how}.\n`);
}

const IMAGES = new URL(process.env['ACCESS_LINKS_SCREENSHOTS'] === 'docs' ? '../docs/images/' : '../.cache/screenshots/', import.meta.url);
let demo: RunningDemo;
let browser: Browser;

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's findings on the page as it is: every rule, every impact. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run()).violations);
  return found.map((violation) => `${violation.impact} ${violation.id} (${violation.nodes.length})`);
}

/** A screenshot of the page, which axe-core finds nothing wrong with. */
async function shot(page: Page, name: string) {
  expect(await violations(page), `axe-core on ${name}`).toEqual([]);
  await page.screenshot({ path: new URL(`${name}.png`, IMAGES).pathname, fullPage: true });
}

async function person(userId: string | null, options: { phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    // axe-core goes in as an inline script, which the demo's own policy forbids.
    bypassCSP: true,
    viewport: options.phone ? { width: 390, height: 780 } : { width: 1100, height: 760 },
    ...(options.phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url });
  const page = await context.newPage();
  await page.goto(`${demo.url}/`);
  if (userId !== null) await signIn(page, userId);
  return { context, page };
}

async function signIn(page: Page, userId: string) {
  await page.getByLabel('Signed in as').selectOption(userId);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Switch' }).click()]);
}

async function turnGuestAccessOn(page: Page, entryId: string) {
  await page.goto(`${demo.url}/entries/${entryId}`);
  if (await page.getByRole('button', { name: 'Turn guest access on' }).isVisible()) {
    await page.getByRole('button', { name: 'Turn guest access on' }).click();
  }
  await expect.poll(() => page.locator('#switch-state').textContent()).toContain('on');
}

async function createLink(page: Page, entryId: string, name: string, uses = '', days = ''): Promise<string> {
  await turnGuestAccessOn(page, entryId);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('# of clicks').fill(uses);
  await page.getByLabel('Days').fill(days);
  await page.getByRole('button', { name: 'Create link' }).click();
  const row = page.locator('tr', { hasText: name }).last();
  await row.waitFor();
  return (await row.locator('.url').textContent())!.trim();
}

async function joinAsGuest(page: Page, url: string, name: string, email: string) {
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your email').fill(email);
  await page.getByRole('button', { name: 'Join as a guest' }).click();
  await page.waitForLoadState('load');
}

describe.skipIf(!available)('the demo in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(IMAGES, { recursive: true });
    demo = await startDemo({ port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('the owner creates a link and copies it; a guest joins and sees the entry; guest access off shows the message page', async () => {
    const owner = await person('olivia');
    await owner.page.goto(`${demo.url}/`);
    await shot(owner.page, 'entries');
    const url = await createLink(owner.page, 'design-review', 'Guest speakers', '2', '7');
    const row = owner.page.locator('tr', { hasText: 'Guest speakers' });
    await expect.poll(() => row.locator('.badge').textContent()).toBe('active');
    await expect.poll(() => row.textContent()).toContain('0 of 2');
    await row.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Copied.');
    expect(await owner.page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await shot(owner.page, 'manage-guest-access');

    const guest = await person(null);
    await guest.page.goto(url);
    await shot(guest.page, 'guest-join');
    await joinAsGuest(guest.page, url, 'Ada Lovelace', 'ada@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Design review');
    expect(await guest.page.textContent('main')).toContain('view only');
    const cookies = await guest.context.cookies();
    const session = cookies.find((cookie) => cookie.name.startsWith('__Host-al-guest-'));
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    await shot(guest.page, 'guest-entry');

    // Back to the link (G12): the guest may continue as herself, and joining again costs no click.
    await guest.page.goto(url);
    await guest.page.getByRole('link', { name: 'Continue as Ada Lovelace' }).click();
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Design review');
    await joinAsGuest(guest.page, url, 'Ada Lovelace', 'Ada@Example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Design review');

    const phone = await person(null, { phone: true });
    await phone.page.goto(url);
    await shot(phone.page, 'guest-join-phone');
    await phone.context.close();

    await owner.page.reload();
    await expect.poll(() => row.textContent()).toContain('1 of 2');
    await owner.page.getByRole('button', { name: 'Turn guest access off' }).click();
    await expect.poll(() => owner.page.locator('#switch-state').textContent()).toContain('off');
    await guest.page.reload();
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Guest access is off');
    expect(await guest.page.getAttribute('[data-code]', 'data-code')).toBe('GUEST_ACCESS_OFF');
    expect((await guest.context.cookies()).some((cookie) => cookie.name.startsWith('__Host-al-guest-'))).toBe(false);
    await shot(guest.page, 'message-guest-access-off');
    await owner.context.close();
    await guest.context.close();
  });

  it("a locked room's guest waits until the moderator admits, and the page follows", async () => {
    const owner = await person('olivia');
    const url = await createLink(owner.page, 'town-hall', 'Panel guests');
    const moderator = await person('max');
    await moderator.page.goto(`${demo.url}/entries/town-hall/lobby`);
    await moderator.page.getByRole('button', { name: 'Lock the room', exact: true }).click();
    await expect.poll(() => moderator.page.locator('#lock-state').textContent()).toContain('locked');

    const guest = await person(null);
    await guest.page.goto(url);
    expect(await guest.page.textContent('main')).toContain('The room is locked');
    await joinAsGuest(guest.page, url, 'Grace Hopper', 'grace@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('You are in the waiting room');
    await shot(guest.page, 'waiting-room');

    // The lobby shows her without being reloaded, and says so.
    const row = moderator.page.locator('tr', { hasText: 'Grace Hopper' });
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 4_000 }).toBe('waiting');
    expect(await moderator.page.locator('#lobby-status').textContent()).toBe('The lobby was updated.');
    await shot(moderator.page, 'lobby');
    await row.getByRole('button', { name: 'Admit Grace Hopper' }).click();
    await expect.poll(() => moderator.page.locator('tr', { hasText: 'Grace Hopper' }).locator('.badge').textContent()).toBe('admitted');
    // The waiting page is told, well before its fallback would ask (every 5 s) or a heartbeat look again (25 s).
    await expect.poll(() => guest.page.locator('h1').textContent(), { timeout: 4_000 }).toBe('Town hall');
    await shot(guest.page, 'room-as-guest');
    for (const p of [owner, moderator, guest]) await p.context.close();
  });

  it('without script, the waiting page never reloads itself and offers to check again', async () => {
    const owner = await person('olivia');
    const url = await createLink(owner.page, 'town-hall', 'Late guests');
    const moderator = await person('max');
    await moderator.page.goto(`${demo.url}/entries/town-hall/lobby`);
    const lock = moderator.page.getByRole('button', { name: 'Lock the room', exact: true });
    if (await lock.isVisible()) await Promise.all([moderator.page.waitForURL(/lobby/u, { waitUntil: 'load' }), lock.click()]);
    await expect.poll(() => moderator.page.locator('#lock-state').textContent()).toContain('locked');

    const context = await browser.newContext({ javaScriptEnabled: false, bypassCSP: true });
    const page = await context.newPage();
    await joinAsGuest(page, url, 'Katherine Johnson', 'katherine@example.org');
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are in the waiting room');
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    const row = moderator.page.locator('tr', { hasText: 'Katherine Johnson' });
    await row.getByRole('button', { name: 'Admit Katherine Johnson' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('admitted');
    // Nothing moves by itself; the link does.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.locator('h1').textContent()).toBe('You are in the waiting room');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Check again' }).click()]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Town hall');
    for (const p of [owner, moderator]) await p.context.close();
    await context.close();
  });

  it('an invite is accepted from the mailbox by the right user and refused for the wrong ones', async () => {
    const owner = await person('olivia');
    await owner.page.goto(`${demo.url}/entries/launch/invites`);
    await owner.page.getByLabel('Email addresses').fill('alan@example.org\nnot-an-address\nALAN@example.org');
    await owner.page.getByLabel('Role').selectOption('speaker');
    await owner.page.getByRole('button', { name: 'Send invites' }).click();
    const results = owner.page.locator('section', { hasText: 'Results' });
    await expect.poll(() => results.locator('li').allTextContents()).toHaveLength(3);
    const texts = await results.locator('li').allTextContents();
    expect(texts[0]).toMatch(/alan@example\.org:\s*invited\s*· delivery\s*sent/);
    expect(texts[1]).toContain('refused');
    expect(texts[2]).toContain('appears earlier');
    await shot(owner.page, 'invite-results');

    const invitee = await person('mallory');
    await invitee.page.goto(`${demo.url}/mailbox`);
    await invitee.page.getByRole('link', { name: /invite/i }).first().click();
    await shot(invitee.page, 'mailbox-message');
    await invitee.page.getByRole('link', { name: 'Open the invite' }).click();
    const inviteUrl = invitee.page.url();
    await invitee.page.getByRole('button', { name: 'Accept the invite' }).click();
    await expect.poll(() => invitee.page.getAttribute('[data-code]', 'data-code')).toBe('EMAIL_MISMATCH');
    await shot(invitee.page, 'invite-wrong-user');

    await signIn(invitee.page, 'alan-unverified');
    await invitee.page.goto(inviteUrl);
    await invitee.page.getByRole('button', { name: 'Accept the invite' }).click();
    await expect.poll(() => invitee.page.getAttribute('[data-code]', 'data-code')).toBe('EMAIL_NOT_VERIFIED');

    await signIn(invitee.page, 'alan');
    await invitee.page.goto(inviteUrl);
    await shot(invitee.page, 'invite-landing');
    await invitee.page.getByRole('button', { name: 'Accept the invite' }).click();
    await expect.poll(() => invitee.page.locator('h1').textContent()).toBe('You accepted the invite');
    await shot(invitee.page, 'invite-accepted');

    await owner.page.goto(`${demo.url}/entries/launch/invites`);
    await expect.poll(() => owner.page.locator('tr', { hasText: 'alan@example.org' }).locator('.badge').first().textContent()).toBe('accepted');
    await owner.context.close();
    await invitee.context.close();
  });

  it('a 2-use link admits exactly 2 of 5 guests racing in 5 browsers', async () => {
    const owner = await person('olivia');
    const url = await createLink(owner.page, 'podcast-12', 'Two seats', '2');
    const guests = await Promise.all(Array.from({ length: 5 }, () => person(null)));
    await Promise.all(
      guests.map(async ({ page }, i) => {
        await page.goto(url);
        await page.getByLabel('Your name').fill(`Racer ${i}`);
        await page.getByLabel('Your email').fill(`racer${i}@example.org`);
      }),
    );
    await Promise.all(guests.map(({ page }) => page.getByRole('button', { name: 'Join as a guest' }).click()));
    await Promise.all(guests.map(({ page }) => page.waitForLoadState('load')));
    const headings = await Promise.all(guests.map(({ page }) => page.locator('h1').textContent()));
    expect(headings.filter((h) => h === 'Podcast, episode 12')).toHaveLength(2);
    expect(headings.filter((h) => h === 'This link no longer works')).toHaveLength(3);
    const loser = guests[headings.indexOf('This link no longer works')]!;
    await shot(loser.page, 'message-link-invalid');
    await owner.page.reload();
    await expect.poll(() => owner.page.locator('tr', { hasText: 'Two seats' }).locator('.badge').textContent()).toBe('used_up');
    const listed = await demo.world.guestLinks.listGuests({ actor: { userId: 'olivia' }, entryId: 'podcast-12' });
    expect(listed.ok && listed.value.items.length).toBe(2);
    for (const p of [owner, ...guests]) await p.context.close();
  });

  it('entries of every type: a channel room and a media-gallery room refuse guest access', async () => {
    const owner = await person('olivia');
    for (const entryId of ['team-channel', 'photo-wall']) {
      await owner.page.goto(`${demo.url}/entries/${entryId}`);
      await expect.poll(() => owner.page.getAttribute('[data-code]', 'data-code')).toBe('ENTRY_TYPE_UNSUPPORTED');
      // The switch is refused through the HTTP layer too, as a form on the page would send it.
      const status = await owner.page.evaluate(async (path) => {
        const response = await fetch(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled: true }) });
        return [response.status, ((await response.json()) as { code: string }).code];
      }, `/access-links/entries/${entryId}/guest-access`);
      expect(status).toEqual([403, 'ENTRY_TYPE_UNSUPPORTED']);
    }
    await shot(owner.page, 'unsupported-entry');
    await owner.context.close();
  });
});
