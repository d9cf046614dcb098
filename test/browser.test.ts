/**
 * The demo in a real browser (Debian's chromium, driven by playwright-core): every story of the
 * help-centre articles, clicked as people would, with a screenshot of each page. The screenshots
 * go to .cache/screenshots/ (ignored by git), so a test run leaves the checkout as it was;
 * `npm run screenshots` runs these tests to refresh the ones in docs/images/. Without chromium
 * the tests are skipped, except under CI=true, where they fail.
 *
 * The later stories check what each page says to whom (a guest never reads a code; every
 * message says what to do next), the ways back, confirmations, refused forms, and every page
 * state they visit at a phone's width and a desktop's: axe-core finds nothing, nothing scrolls
 * sideways.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
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

/** The widths every page state of the newer stories is checked at: a phone's and a desktop's. */
const WIDTHS = [390, 1280] as const;

/**
 * The page as it is, at a phone's width and a desktop's: axe-core finds nothing wrong, and
 * nothing is wider than the screen (a long name wraps rather than pushing the page sideways).
 */
async function clean(page: Page, what: string) {
  const before = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    expect(await violations(page), `axe-core on ${what} at ${width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `the width of ${what} at ${width} px`).toBeLessThanOrEqual(width);
  }
  if (before) await page.setViewportSize(before);
}

/** What the page's main part says, as read. */
const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/gu, ' ');

/** A name of 100 characters with no space to break at. */
const LONG_NAME = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(3).slice(0, 100);

/** A reason code as the library spells them (GUEST_ACCESS_OFF): a guest never reads one. */
const CODE = /\b[A-Z]{2,}(?:_[A-Z]+)+\b/u;

async function person(
  userId: string | null,
  options: { phone?: boolean; locale?: string; script?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    // axe-core goes in as an inline script, which the demo's own policy forbids.
    bypassCSP: true,
    viewport: options.phone ? { width: 390, height: 780 } : { width: 1100, height: 760 },
    ...(options.phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.script === false ? { javaScriptEnabled: false } : {}),
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

/** Turning guest access off asks first: the button leads to a page that says what it does. */
async function turnGuestAccessOff(page: Page, entryId: string) {
  await page.goto(`${demo.url}/entries/${entryId}`);
  await Promise.all([page.waitForURL(/\/turn-off/u), page.getByRole('button', { name: 'Turn guest access off' }).click()]);
  await Promise.all([page.waitForURL(new RegExp(`/entries/${entryId}$`, 'u')), page.getByRole('button', { name: 'Turn guest access off' }).click()]);
  await expect.poll(() => page.locator('#switch-state').textContent()).toContain('off');
}

async function fillLinkForm(page: Page, name: string, uses = '', days = '') {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('# of clicks').fill(uses);
  await page.getByLabel('Days').fill(days);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Create link' }).click()]);
}

async function createLink(page: Page, entryId: string, name: string, uses = '', days = ''): Promise<string> {
  await makeRoomForALink(page, entryId);
  await fillLinkForm(page, name, uses, days);
  const row = page.locator('tr', { hasText: name }).last();
  await row.waitFor();
  return (await row.locator('.url').textContent())!.trim();
}

/** Locks a room from its lobby, if it is not locked yet. */
async function lockRoom(page: Page, entryId: string) {
  await page.goto(`${demo.url}/entries/${entryId}/lobby`);
  const lock = page.getByRole('button', { name: 'Lock the room', exact: true });
  if (await lock.isVisible()) await Promise.all([page.waitForURL(/lobby/u, { waitUntil: 'load' }), lock.click()]);
  await expect.poll(() => page.locator('#lock-state').textContent()).toContain('locked');
}

async function joinAsGuest(page: Page, url: string, name: string, email: string) {
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your email').fill(email);
  await page.getByRole('button', { name: 'Join as a guest' }).click();
  await page.waitForLoadState('load');
}

/** Deletes the entry's oldest links until one more may be made (an entry holds 3). */
async function makeRoomForALink(page: Page, entryId: string) {
  await turnGuestAccessOn(page, entryId);
  while ((await page.getByRole('button', { name: 'Create link' }).count()) === 0) {
    await Promise.all([page.waitForURL(/\/delete\??$/u), page.getByRole('button', { name: /^Delete / }).first().click()]);
    await Promise.all([page.waitForURL(new RegExp(`/entries/${entryId}$`, 'u')), page.getByRole('button', { name: 'Delete the link' }).click()]);
  }
}

/** One entry of the list of entries. */
const entryItem = (page: Page, entryId: string) => page.locator(`li[data-entry-id="${entryId}"]`);

/** The names of the links an entry of the list offers. */
const entryLinks = async (page: Page, entryId: string) => (await entryItem(page, entryId).getByRole('link').allInnerTexts()).map((text) => text.trim());

/** One of the lobby's lists: waiting, admitted or declined. */
const lobbyGroup = (page: Page, group: 'waiting' | 'admitted' | 'declined' | 'left') => page.locator(`[data-group="${group}"]`);

/** Moves the demo's clock forward with the form at the foot of the page, which comes back to the page. */
async function moveClock(page: Page, step: '+1 hour' | '+1 day' | '+7 days') {
  const before = await page.locator('#clock-now').textContent();
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: step, exact: true }).click()]);
  await expect.poll(() => page.locator('#clock-now').textContent()).not.toBe(before);
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
    await turnGuestAccessOff(owner.page, 'design-review');
    await guest.page.reload();
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('This media is closed to visitors for now.');
    expect(await guest.page.getAttribute('[data-code]', 'data-code')).toBe('GUEST_ACCESS_OFF');
    // The session cookie is kept: guest access may come back on, and her session with it (G1).
    expect((await guest.context.cookies()).some((cookie) => cookie.name.startsWith('__Host-al-guest-'))).toBe(true);
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
    // Addresses are split on lines, commas and semicolons, never on spaces: "not an address" is one refusal.
    await owner.page.getByLabel('Email addresses').fill('alan@example.org\nnot an address; ALAN@example.org');
    await owner.page.getByLabel('Role', { exact: true }).selectOption('speaker');
    await owner.page.getByRole('button', { name: 'Send invites' }).click();
    const results = owner.page.locator('section', { hasText: 'Results' });
    await expect.poll(() => results.locator('li').allTextContents()).toHaveLength(3);
    const texts = (await results.locator('li').allInnerTexts()).map((text) => text.replace(/\s+/gu, ' ').trim());
    expect(texts[0]).toMatch(/alan@example\.org:\s*invited\s*· delivery\s*sent/);
    expect(texts[1]).toBe('not an address: refused · This email address does not look right. Check the address and send again.');
    expect(texts[2]).toContain('This address is already higher up in the list.');
    await shot(owner.page, 'invite-results');

    const invitee = await person('mallory');
    await invitee.page.goto(`${demo.url}/mailbox`);
    await invitee.page.getByRole('link', { name: /invite/i }).first().click();
    await shot(invitee.page, 'mailbox-message');
    await invitee.page.getByRole('link', { name: 'Open the invite' }).click();
    const inviteUrl = invitee.page.url();
    // The wrong account is told before it tries: no Accept, and what to do next.
    await expect.poll(() => invitee.page.getAttribute('[data-code]', 'data-code')).toBe('EMAIL_MISMATCH');
    expect(await invitee.page.getByRole('button', { name: 'Accept the invite' }).count()).toBe(0);
    expect(await mainText(invitee.page)).toContain('Sign in with the account that has the address the invitation was sent to.');
    await clean(invitee.page, 'an invite for another account');
    await shot(invitee.page, 'invite-wrong-user');

    await signIn(invitee.page, 'alan-unverified');
    await invitee.page.goto(inviteUrl);
    expect(await invitee.page.getAttribute('[data-code]', 'data-code')).toBe('EMAIL_NOT_VERIFIED');
    expect(await invitee.page.getByRole('button', { name: 'Accept the invite' }).count()).toBe(0);
    expect(await mainText(invitee.page)).toContain('Verify it in your account settings, then try again.');
    // Not a dead end: how to go on in the demo, and a way back.
    expect(await mainText(invitee.page)).toContain('use the “Signed in as” switch at the top of the page to sign in as alan@example.org with a verified address');
    expect(await invitee.page.getByRole('link', { name: 'Back to the start' }).count()).toBe(1);
    await clean(invitee.page, 'an invite for an unverified address');

    await signIn(invitee.page, 'alan');
    await invitee.page.goto(inviteUrl);
    await shot(invitee.page, 'invite-landing');
    await invitee.page.getByRole('button', { name: 'Accept the invite' }).click();
    await expect.poll(() => invitee.page.locator('h1').textContent()).toBe('You accepted the invite');
    // It names the role, and leads to the entry.
    expect(await invitee.page.locator('.next').textContent()).toBe('You are now a speaker of Product launch.');
    await clean(invitee.page, 'an invite accepted');
    await shot(invitee.page, 'invite-accepted');
    await Promise.all([invitee.page.waitForURL(/\/member\/launch$/u), invitee.page.getByRole('link', { name: 'Open Product launch' }).click()]);
    expect(await mainText(invitee.page)).toContain('You are a speaker of this live event');
    await clean(invitee.page, 'the entry for who accepted');
    // The entries page leads there again.
    await invitee.page.goto(`${demo.url}/`);
    await Promise.all([invitee.page.waitForURL(/\/member\/launch$/u), invitee.page.getByRole('link', { name: 'Open as speaker' }).click()]);

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
    const refused = 'This link no longer works: it may have expired, been used up or been deleted.';
    expect(headings.filter((h) => h === 'Podcast, episode 12')).toHaveLength(2);
    expect(headings.filter((h) => h === refused)).toHaveLength(3);
    const loser = guests[headings.indexOf(refused)]!;
    expect(await mainText(loser.page)).toContain('Ask the person who shared it with you for a new one.');
    expect(await mainText(loser.page)).not.toMatch(CODE);
    await shot(loser.page, 'message-link-invalid');
    await owner.page.reload();
    await expect.poll(() => owner.page.locator('tr', { hasText: 'Two seats' }).locator('.badge').textContent()).toBe('used up');
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

  // Each page tells its reader what happened and what to do next, in words meant for them.

  it('message pages speak to their reader: the guest reads what happened and what to do next, never a code, in the language the browser asks for', async () => {
    const owner = await person('olivia');
    const url = await createLink(owner.page, 'style-guide', 'Reviewers');
    const guest = await person(null);
    await joinAsGuest(guest.page, url, 'Ada Lovelace', 'ada@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Style guide');
    await turnGuestAccessOff(owner.page, 'style-guide');
    expect(await owner.page.locator('.notice.ok').textContent()).toBe('Guest access is off: no link lets anyone in now.');
    await clean(owner.page, 'guest access, just turned off');

    await guest.page.reload();
    expect(await guest.page.locator('h1').textContent()).toBe('This media is closed to visitors for now.');
    expect(await guest.page.locator('.next').textContent()).toBe('Ask the person who shared the link with you to open access again.');
    expect(await mainText(guest.page)).not.toMatch(CODE);
    await clean(guest.page, 'guest access off, to the guest');

    // A browser that asks for French first reads the library's French words, marked as French.
    const french = await person(null, { locale: 'fr-FR' });
    await french.page.goto(url);
    expect(await french.page.locator('h1').textContent()).toBe('Ce média est fermé aux visiteurs pour le moment.');
    expect(await french.page.locator('h1').getAttribute('lang')).toBe('fr');
    expect(await french.page.locator('.next').textContent()).toBe('Demandez à la personne qui vous a transmis le lien de rouvrir l’accès.');
    await clean(french.page, 'guest access off, in French');

    // Someone who may not manage the entry reads the words for the people who manage.
    const moderator = await person('max');
    const response = await moderator.page.goto(`${demo.url}/entries/style-guide`);
    expect(response?.status()).toBe(403);
    expect(await moderator.page.locator('h1').textContent()).toBe('You are not allowed to do this for this media.');
    // Nobody is shown a code, owners and moderators included: the words say it.
    expect(await moderator.page.locator('.next').textContent()).toBe('If you need to, ask its owner or a site administrator.');
    await clean(moderator.page, 'a refusal to someone who may not manage');
    for (const p of [owner, guest, french, moderator]) await p.context.close();
  });

  it('after guest access goes off and on again, a guest who saw the "off" page is let back in by it, and the link offers to look again', async () => {
    const owner = await person('olivia');
    const url = await createLink(owner.page, 'design-review', 'Back again');
    const guest = await person(null);
    await joinAsGuest(guest.page, url, 'Grace Hopper', 'grace@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Design review');
    await turnGuestAccessOff(owner.page, 'design-review');
    await guest.page.reload();
    expect(await guest.page.getAttribute('[data-code]', 'data-code')).toBe('GUEST_ACCESS_OFF');
    // The link would say the same: the page offers nothing that shows it again, and follows the session instead.
    expect(await guest.page.getByRole('link', { name: 'Open the link again' }).count()).toBe(0);
    await clean(guest.page, 'guest access off, the page following the session');

    // The link's own page (a second tab) says so too, and offers to look again.
    const tab = await guest.context.newPage();
    await tab.goto(url);
    expect(await tab.getAttribute('[data-code]', 'data-code')).toBe('GUEST_ACCESS_OFF');
    const again = tab.getByRole('link', { name: 'Check again' });
    expect(await again.getAttribute('href')).toBe(new URL(url).pathname);
    await clean(tab, 'the link while guest access is off');

    // Once it is on again, the "off" page lets her in by itself, and the link lets her go on as herself.
    await turnGuestAccessOn(owner.page, 'design-review');
    await expect.poll(() => guest.page.locator('h1').textContent(), { timeout: 4_000 }).toBe('Design review');
    await Promise.all([tab.waitForURL(url), again.click()]);
    await clean(tab, 'the link again, for a guest whose session came back');
    await Promise.all([tab.waitForURL(/\/watch\/design-review$/u), tab.getByRole('link', { name: 'Continue as Grace Hopper' }).click()]);
    expect(await tab.locator('h1').textContent()).toBe('Design review');
    await tab.close();

    // A visit the page no longer knows (its cookie gone, here by hand) shows the same way back, and the link lets her in again.
    await guest.context.clearCookies({ name: /^__Host-al-guest-/u });
    await guest.page.reload();
    expect(await guest.page.getAttribute('[data-code]', 'data-code')).toBe('SESSION_INVALID');
    expect(await guest.page.locator('h1').textContent()).toBe('This page does not recognise your visit.');
    expect(await mainText(guest.page)).not.toMatch(CODE);
    await clean(guest.page, 'a visit the page no longer knows');
    await Promise.all([guest.page.waitForURL(url), guest.page.getByRole('link', { name: 'Open the link again' }).click()]);
    await joinAsGuest(guest.page, url, 'Grace Hopper', 'grace@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Design review');
    for (const p of [owner, guest]) await p.context.close();
  });

  it('Leave lands on a page for the guest, "You left …", with the way back in through the link', async () => {
    const owner = await person('olivia');
    const url = await createLink(owner.page, 'podcast-12', 'Listeners');
    const guest = await person(null);
    await joinAsGuest(guest.page, url, 'Alan Turing', 'alan.t@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Podcast, episode 12');
    await Promise.all([guest.page.waitForURL(/\/left\/podcast-12$/u), guest.page.getByRole('button', { name: 'Leave' }).click()]);
    expect(await guest.page.locator('h1').textContent()).toBe('You left Podcast, episode 12');
    expect(await guest.page.locator('.next').textContent()).toBe('To come back, open the link again.');
    expect((await guest.context.cookies()).some((cookie) => cookie.name.startsWith('__Host-al-guest-'))).toBe(false);
    await clean(guest.page, 'the page after leaving');
    await Promise.all([guest.page.waitForURL(url), guest.page.getByRole('link', { name: 'Open the link again' }).click()]);
    expect(await guest.page.getByRole('button', { name: 'Join as a guest' }).isVisible()).toBe(true);
    expect(await guest.page.getByRole('link', { name: /^Continue as/u }).count()).toBe(0);
    await clean(guest.page, 'the link again, after leaving');
    for (const p of [owner, guest]) await p.context.close();
  });

  it('the waiting page names the room and the guest and lets them leave; declining all asks first; a declined guest is told in words for them', async () => {
    const owner = await person('olivia');
    const url = await createLink(owner.page, 'town-hall', 'Waiting guests');
    const moderator = await person('max');
    await lockRoom(moderator.page, 'town-hall');

    const grace = await person(null);
    await joinAsGuest(grace.page, url, 'Grace Hopper', 'grace.h@example.org');
    await expect.poll(() => grace.page.locator('h1').textContent()).toBe('You are in the waiting room');
    expect(await mainText(grace.page)).toContain('of Town hall, as Grace Hopper.');
    expect(await grace.page.getByText('Wait here: this page updates itself.').isVisible()).toBe(true);
    await clean(grace.page, 'the waiting page');
    // The moderator's lobby lists her while she waits, and as gone when she leaves, by itself.
    await moderator.page.goto(`${demo.url}/entries/town-hall/lobby`);
    const graceRow = lobbyGroup(moderator.page, 'waiting').locator('tr', { hasText: 'Grace Hopper' });
    await expect.poll(() => graceRow.count()).toBe(1);
    await Promise.all([grace.page.waitForURL(/\/left\/town-hall$/u), grace.page.getByRole('button', { name: 'Leave' }).click()]);
    expect(await grace.page.locator('h1').textContent()).toBe('You left Town hall');
    await clean(grace.page, 'the page after leaving the waiting room');
    await expect.poll(() => graceRow.count(), { timeout: 4_000 }).toBe(0);
    const gone = lobbyGroup(moderator.page, 'left').locator('tr', { hasText: 'Grace Hopper' });
    expect(await gone.innerText()).toMatch(/left just now, at \d\d:\d\d UTC/u);
    expect(await gone.getByRole('button').count()).toBe(0);
    await clean(moderator.page, 'the lobby, a guest who left');

    const hedy = await person(null);
    await joinAsGuest(hedy.page, url, 'Hedy Lamarr', 'hedy@example.org');
    await expect.poll(() => hedy.page.locator('h1').textContent()).toBe('You are in the waiting room');
    // The link again (Back, a second tab) offers her the waiting page, not only a blank form.
    await hedy.page.goto(url);
    expect(await mainText(hedy.page)).toContain('You are in the waiting room as Hedy Lamarr.');
    await clean(hedy.page, 'the link again, while waiting');
    await Promise.all([hedy.page.waitForURL(/\/watch\/town-hall$/u), hedy.page.getByRole('link', { name: 'Back to the waiting room' }).click()]);
    await expect.poll(() => hedy.page.locator('h1').textContent()).toBe('You are in the waiting room');
    const long = await person(null, { phone: true });
    await joinAsGuest(long.page, url, LONG_NAME, 'long.name@example.org');
    await expect.poll(() => long.page.locator('h1').textContent()).toBe('You are in the waiting room');
    await clean(long.page, 'the waiting page of a guest with a long name');

    await moderator.page.goto(`${demo.url}/entries/town-hall/lobby`);
    await clean(moderator.page, 'the lobby, with a long name');
    const declineAll = () => Promise.all([moderator.page.waitForURL(/\/decline-all/u), moderator.page.getByRole('button', { name: 'Decline all' }).click()]);
    await declineAll();
    expect(await moderator.page.locator('h1').textContent()).toMatch(/^Decline all \d+ guests waiting for Town hall\?$/u);
    await clean(moderator.page, 'the confirmation of declining all');
    await Promise.all([moderator.page.waitForURL(/\/lobby$/u), moderator.page.getByRole('link', { name: 'Cancel' }).click()]);
    expect(await moderator.page.locator('tr', { hasText: 'Hedy Lamarr' }).locator('.badge').textContent()).toBe('waiting');
    await declineAll();
    await Promise.all([moderator.page.waitForURL(/\/lobby$/u), moderator.page.getByRole('button', { name: 'Decline all' }).click()]);
    await expect.poll(() => moderator.page.locator('tr', { hasText: 'Hedy Lamarr' }).locator('.badge').textContent()).toBe('declined');
    await clean(moderator.page, 'the lobby, all declined');

    // Her page follows, and speaks to her: no "declined this guest", no code, and no link that could not let her in.
    await expect.poll(() => hedy.page.locator('h1').textContent(), { timeout: 4_000 }).toBe('A moderator has closed this room to you.');
    expect(await mainText(hedy.page)).not.toMatch(CODE);
    expect(await mainText(hedy.page)).not.toContain('this guest');
    expect(await hedy.page.getByRole('link', { name: 'Open the link again' }).count()).toBe(0);
    await clean(hedy.page, 'a declined guest');
    for (const p of [owner, moderator, grace, hedy, long]) await p.context.close();
  });

  it('an address with nothing behind it is a 404 page in the demo’s layout, with a way home', async () => {
    const visitor = await person(null);
    for (const path of ['/mailbox/999', '/no/such/page', '/watch/no-such-entry', '/entries/no-such-entry']) {
      const response = await visitor.page.goto(`${demo.url}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await visitor.page.locator('h1').textContent()).toBe('Page not found');
      expect(await visitor.page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
      expect(await visitor.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 250)');
      await clean(visitor.page, `the 404 page of ${path}`);
    }
    await Promise.all([visitor.page.waitForURL(`${demo.url}/`), visitor.page.getByRole('link', { name: 'Go to the list of entries' }).click()]);
    expect(await visitor.page.locator('h1').textContent()).toBe('Entries');
    await visitor.context.close();
  });

  it('a refused form comes back as it was sent, each error tied to its field and focused, with the range in words', async () => {
    const owner = await person('olivia');
    await turnGuestAccessOn(owner.page, 'style-guide');
    await fillLinkForm(owner.page, 'Guest speakers', '0', '99999');
    const name = owner.page.getByLabel('Name');
    const uses = owner.page.getByLabel('# of clicks');
    const days = owner.page.getByLabel('Days');
    const describedBy = async (page: Page, field: Locator) => page.locator(`#${await field.getAttribute('aria-describedby')}`).textContent();
    expect([await name.inputValue(), await uses.inputValue(), await days.inputValue()]).toEqual(['Guest speakers', '0', '99999']);
    expect([await name.getAttribute('aria-invalid'), await uses.getAttribute('aria-invalid'), await days.getAttribute('aria-invalid')]).toEqual([null, 'true', 'true']);
    expect(await describedBy(owner.page, uses)).toBe(
      'The number of clicks must be a whole number from 1 to 2,147,483,647. Fix the number, or leave it empty for unlimited clicks, and send again.',
    );
    expect(await describedBy(owner.page, days)).toContain('The duration must be a whole number of days from 1 to 36,500.');
    await expect.poll(() => owner.page.evaluate(() => document.activeElement?.id)).toBe('link-uses');
    await clean(owner.page, 'the link form, refused');
    // Refused, the form came back through a redirect: a reload shows a blank form, no error, nothing sent again.
    expect(new URL(owner.page.url()).pathname).toBe('/entries/style-guide');
    await owner.page.reload();
    expect([await name.inputValue(), await uses.getAttribute('aria-invalid')]).toEqual(['', null]);
    // Mended, it goes through, and the browser is sent on to the list (post, redirect, get).
    await fillLinkForm(owner.page, 'Guest speakers', '5', '30');
    expect(new URL(owner.page.url()).search).toBe('');
    expect(await owner.page.locator('.notice.ok').textContent()).toBe('The link is ready: copy it from the list.');
    const row = owner.page.locator('tr', { hasText: 'Guest speakers' });
    expect(await row.count()).toBe(1);
    await clean(owner.page, 'guest access, a link just made');
    // Said once: a reload shows the list, not the notice again.
    await owner.page.reload();
    expect(await owner.page.locator('.notice.ok').count()).toBe(0);
    expect(await row.count()).toBe(1);
    const url = (await row.locator('.url').textContent())!.trim();

    // The join form: an address the browser lets through and the library refuses.
    const guest = await person(null);
    await guest.page.goto(url);
    await guest.page.getByLabel('Your name').fill('Ada Lovelace');
    await guest.page.getByLabel('Your email').fill('ada@localhost');
    await Promise.all([guest.page.waitForLoadState('load'), guest.page.getByRole('button', { name: 'Join as a guest' }).click()]);
    const email = guest.page.getByLabel('Your email');
    expect([await guest.page.getByLabel('Your name').inputValue(), await email.inputValue()]).toEqual(['Ada Lovelace', 'ada@localhost']);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(guest.page, email)).toBe('This email address does not look right. Check your email address and send again.');
    await expect.poll(() => guest.page.evaluate(() => document.activeElement?.id)).toBe('guest-email');
    expect(await mainText(guest.page)).not.toMatch(CODE);
    await clean(guest.page, 'the join form, refused');
    // Mended, she is in; Back lands on the link's page (a page, never the answer to a post), which lets her go on.
    await email.fill('ada@example.org');
    await Promise.all([guest.page.waitForURL(/\/watch\//u), guest.page.getByRole('button', { name: 'Join as a guest' }).click()]);
    await guest.page.goBack();
    expect(new URL(guest.page.url()).pathname).toBe(new URL(url).pathname);
    expect(await guest.page.getByRole('link', { name: 'Continue as Ada Lovelace' }).count()).toBe(1);
    expect(await email.getAttribute('aria-invalid')).toBe(null);

    // The invite form: separators alone are no address.
    await owner.page.goto(`${demo.url}/entries/style-guide/invites`);
    await owner.page.getByLabel('Email addresses').fill(' , ;');
    await owner.page.getByLabel('Role', { exact: true }).selectOption('contributor');
    await Promise.all([owner.page.waitForLoadState('load'), owner.page.getByRole('button', { name: 'Send invites' }).click()]);
    const emails = owner.page.getByLabel('Email addresses');
    expect([await emails.inputValue(), await owner.page.getByLabel('Role', { exact: true }).inputValue()]).toEqual([' , ;', 'contributor']);
    expect(await emails.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(owner.page, emails)).toBe('The email addresses could not be read. Enter one or more email addresses and send again.');
    await expect.poll(() => owner.page.evaluate(() => document.activeElement?.id)).toBe('invite-emails');
    await clean(owner.page, 'the invite form, refused');
    for (const p of [owner, guest]) await p.context.close();
  });

  it('a link for some domains only: the owner names them, the list shows them, a guest at another domain is told in words and spends nothing', async () => {
    const owner = await person('olivia');
    await makeRoomForALink(owner.page, 'style-guide');
    await owner.page.getByLabel('Name').fill('Staff only');
    await owner.page.getByLabel('# of clicks').fill('2');
    await owner.page.getByLabel('Only for addresses at').fill('Example.org, bücher.example');
    await Promise.all([owner.page.waitForLoadState('load'), owner.page.getByRole('button', { name: 'Create link' }).click()]);
    const row = owner.page.locator('tr', { hasText: 'Staff only' });
    expect(await row.innerText()).toContain('only addresses at example.org, xn--bcher-kva.example');
    await clean(owner.page, 'guest access, a link for some domains');
    const url = (await row.locator('.url').textContent())!.trim();

    const outsider = await person(null);
    await joinAsGuest(outsider.page, url, 'Mallory', 'mallory@elsewhere.example');
    const email = outsider.page.getByLabel('Your email');
    expect([await email.inputValue(), await email.getAttribute('aria-invalid')]).toEqual(['mallory@elsewhere.example', 'true']);
    expect(await outsider.page.locator(`#${await email.getAttribute('aria-describedby')}`).textContent()).toContain('This link is not for addresses at your email’s domain.');
    expect(await mainText(outsider.page)).not.toMatch(CODE);
    await clean(outsider.page, 'the join form, an address at another domain');
    await owner.page.reload();
    expect(await row.innerText()).toContain('0 of 2');

    await joinAsGuest(outsider.page, url, 'Ada', 'ada@eu.example.org');
    await expect.poll(() => outsider.page.locator('h1').textContent()).toBe('Style guide');
    await owner.page.reload();
    expect(await row.innerText()).toContain('1 of 2');

    // A domain list that cannot be read comes back to its field, with what was typed.
    await makeRoomForALink(owner.page, 'style-guide');
    await owner.page.getByLabel('Name').fill('Broken');
    await owner.page.getByLabel('Only for addresses at').fill('not a domain');
    await Promise.all([owner.page.waitForLoadState('load'), owner.page.getByRole('button', { name: 'Create link' }).click()]);
    const domains = owner.page.getByLabel('Only for addresses at');
    expect([await domains.inputValue(), await domains.getAttribute('aria-invalid')]).toEqual(['not a domain', 'true']);
    for (const p of [owner, outsider]) await p.context.close();
  });

  it('each link’s last 14 days are a bar chart drawn on the server: an open, a guest in, and a guest turned away show in it and in its numbers', async () => {
    const owner = await person('olivia');
    await makeRoomForALink(owner.page, 'style-guide');
    await owner.page.getByLabel('Name').fill('Counted');
    await owner.page.getByLabel('Only for addresses at').fill('example.org');
    await Promise.all([owner.page.waitForLoadState('load'), owner.page.getByRole('button', { name: 'Create link' }).click()]);
    const url = (await owner.page.locator('tr', { hasText: 'Counted' }).locator('.url').textContent())!.trim();
    const linkId = await owner.page.locator('tr', { hasText: 'Counted' }).getAttribute('data-link-id');
    const chart = owner.page.locator(`figure[data-activity-link="${linkId}"]`);
    expect(await chart.locator('figcaption').textContent()).toBe('Counted: 0 opens, 0 guests came in, 0 turned away');

    const guest = await person(null);
    await joinAsGuest(guest.page, url, 'Mallory', 'mallory@elsewhere.example');
    await joinAsGuest(guest.page, url, 'Ada', 'ada@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Style guide');

    await owner.page.reload();
    // The link's page was opened three times (twice by the guest, once more to show the refused
    // form again, which reads the link afresh); one guest came in, one was turned away.
    expect(await chart.locator('figcaption').textContent()).toBe('Counted: 3 opens, 1 guest came in, 1 turned away');
    const svg = chart.getByRole('img', { name: 'Counted: 3 opens, 1 guest came in, 1 turned away' });
    expect(await svg.locator('rect').count()).toBe(42);
    const tallest = async (kind: string) => Math.max(...(await svg.locator(`rect.${kind}`).evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('height'))))));
    expect([await tallest('opens'), await tallest('joins'), await tallest('refusals')]).toEqual([56, 19, 19]);
    await chart.getByText('The numbers, day by day').click();
    const today = chart.locator('tbody tr').last();
    expect((await today.innerText()).replace(/\s+/gu, ' ')).toContain('3 1 1 1 × The guest’s address is at a domain this link does not let in.');
    await clean(owner.page, 'guest access, each link’s last 14 days');
    await shot(owner.page, 'link-activity');
    for (const p of [owner, guest]) await p.context.close();
  });

  it('the owner sees each change go out as a signed webhook, delivered to the receiver, in a log on the same page', async () => {
    const owner = await person('olivia');
    await makeRoomForALink(owner.page, 'style-guide');
    await owner.page.getByLabel('Name').fill('Announced');
    await Promise.all([owner.page.waitForLoadState('load'), owner.page.getByRole('button', { name: 'Create link' }).click()]);
    const log = owner.page.locator('section', { has: owner.page.getByRole('heading', { name: /^Webhook deliveries/ }) });
    // The dispatcher sends within its poll; the page shows what it has sent when it is drawn.
    await expect
      .poll(async () => {
        await owner.page.reload();
        return (await log.locator('tbody tr').first().innerText().catch(() => '')).replace(/\s+/gu, ' ');
      }, { timeout: 15_000 })
      .toMatch(/^guest_link\.created delivered HTTP 204 \d+ ms /u);
    await clean(owner.page, 'guest access, the webhook delivery log');
    for (const p of [owner]) await p.context.close();
  });

  it('a link with a passcode: the owner sets it, the guest page asks for it, a wrong one is said at its field and never shown again, and the owner changes or removes it', async () => {
    const owner = await person('olivia');
    await makeRoomForALink(owner.page, 'style-guide');
    await owner.page.getByLabel('Name').fill('Board only');
    await owner.page.getByRole('textbox', { name: /^Passcode \(/ }).fill('board-only-42');
    await Promise.all([owner.page.waitForLoadState('load'), owner.page.getByRole('button', { name: 'Create link' }).click()]);
    const row = owner.page.locator('tr', { hasText: 'Board only' });
    expect(await row.innerText()).toContain('asks for a passcode');
    expect(await owner.page.content()).not.toContain('board-only-42');
    await clean(owner.page, 'guest access, a link with a passcode');
    const url = (await row.locator('.url').textContent())!.trim();

    const guest = await person(null);
    await guest.page.goto(url);
    const passcode = guest.page.getByLabel('Passcode');
    expect(await passcode.getAttribute('type')).toBe('password');
    await guest.page.getByLabel('Your name').fill('Ada');
    await guest.page.getByLabel('Your email').fill('ada@example.org');
    await passcode.fill('board-only-41');
    await Promise.all([guest.page.waitForLoadState('load'), guest.page.getByRole('button', { name: 'Join as a guest' }).click()]);
    // Said at its field, the name and address kept, the passcode not.
    expect([await passcode.inputValue(), await passcode.getAttribute('aria-invalid')]).toEqual(['', 'true']);
    expect(await guest.page.locator(`#${await passcode.getAttribute('aria-describedby')}`).textContent()).toContain('That passcode is not the one for this link.');
    expect(await guest.page.getByLabel('Your name').inputValue()).toBe('Ada');
    expect(await mainText(guest.page)).not.toMatch(CODE);
    await clean(guest.page, 'the join form, a wrong passcode');
    await passcode.fill('board-only-42');
    await Promise.all([guest.page.waitForLoadState('load'), guest.page.getByRole('button', { name: 'Join as a guest' }).click()]);
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Style guide');

    // The owner changes it: the old one no longer opens the link. Then removes it: none is asked.
    await owner.page.reload();
    await row.getByLabel('New passcode for Board only').fill('board-only-43');
    await Promise.all([owner.page.waitForLoadState('load'), row.getByRole('button', { name: 'Change passcode' }).click()]);
    expect(await owner.page.locator('.notice.ok').textContent()).toBe('The link’s passcode was changed.');
    const second = await person(null);
    await second.page.goto(url);
    await second.page.getByLabel('Your name').fill('Bo');
    await second.page.getByLabel('Your email').fill('bo@example.org');
    await second.page.getByLabel('Passcode').fill('board-only-42');
    await Promise.all([second.page.waitForLoadState('load'), second.page.getByRole('button', { name: 'Join as a guest' }).click()]);
    expect(await second.page.getByLabel('Passcode').getAttribute('aria-invalid')).toBe('true');
    await Promise.all([owner.page.waitForLoadState('load'), row.getByRole('button', { name: 'Change passcode' }).click()]);
    expect(await owner.page.locator('.notice.ok').textContent()).toBe('The link no longer asks for a passcode.');
    expect(await row.innerText()).not.toContain('asks for a passcode');
    await joinAsGuest(second.page, url, 'Bo', 'bo@example.org');
    await expect.poll(() => second.page.locator('h1').textContent()).toBe('Style guide');
    for (const p of [owner, guest, second]) await p.context.close();
  });

  it('a link that checks addresses: the guest asks for a code, finds it in the mailbox, a wrong one is said at its field, the right one lets them in, and the owner sees the address was checked', async () => {
    const owner = await person('olivia');
    await makeRoomForALink(owner.page, 'style-guide');
    await owner.page.getByLabel('Name').fill('Checked');
    await owner.page.getByLabel('Check each guest’s email address with a code mailed to it').check();
    await Promise.all([owner.page.waitForLoadState('load'), owner.page.getByRole('button', { name: 'Create link' }).click()]);
    const row = owner.page.locator('tr', { hasText: 'Checked' });
    expect(await row.innerText()).toContain('checks addresses with a code');
    await clean(owner.page, 'guest access, a link that checks addresses');
    const url = (await row.locator('.url').textContent())!.trim();

    const guest = await person(null);
    await guest.page.goto(url);
    await guest.page.getByLabel('Your name').fill('Vera');
    await guest.page.getByLabel('Your email').fill('vera@example.org');
    await Promise.all([guest.page.waitForURL(/\/code$/u), guest.page.getByRole('button', { name: 'Send me a code' }).click()]);
    expect(await guest.page.locator('h1').textContent()).toBe('Type your code');
    expect(await mainText(guest.page)).toContain('We sent six digits to vera@example.org.');
    await clean(guest.page, 'the code page');
    const codePage = guest.page.url();

    // The code, from the demo's mailbox, in a tab of the guest's own.
    const mailbox = await guest.context.newPage();
    await mailbox.goto(`${demo.url}/mailbox`);
    await Promise.all([mailbox.waitForLoadState('load'), mailbox.getByRole('link', { name: /is your code for Style guide$/u }).first().click()]);
    const code = /\b(\d{6})\b/u.exec(await mailbox.locator('.mail').innerText())![1]!;
    await mailbox.close();

    const field = guest.page.getByRole('textbox', { name: 'Code', exact: true });
    await field.fill(code === '000000' ? '111111' : '000000');
    await Promise.all([guest.page.waitForLoadState('load'), guest.page.getByRole('button', { name: 'Join as a guest' }).click()]);
    expect(guest.page.url()).toBe(codePage);
    expect([await field.inputValue(), await field.getAttribute('aria-invalid')]).toEqual(['', 'true']);
    expect(await guest.page.locator(`#${await field.getAttribute('aria-describedby')}`).textContent()).toContain('That code is not the one we sent.');
    expect(await mainText(guest.page)).not.toMatch(CODE);
    await clean(guest.page, 'the code page, a wrong code');
    await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await Promise.all([guest.page.waitForLoadState('load'), guest.page.getByRole('button', { name: 'Join as a guest' }).click()]);
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Style guide');
    // The owner's list of guests says the address was checked.
    await owner.page.goto(`${demo.url}/entries/style-guide/lobby`);
    expect(await owner.page.locator('tr', { hasText: 'vera@example.org' }).innerText()).toContain('verified');
    await clean(owner.page, 'the guests who joined, one verified');
    for (const p of [owner, guest]) await p.context.close();
  });

  it('what cannot be taken back asks first, without script too: deleting a link, turning guest access off', async () => {
    const owner = await person('olivia', { script: false });
    const url = await createLink(owner.page, 'style-guide', 'Short-lived');
    // Without script nothing can copy: no "Copy link" button is offered, the address is there to copy by hand.
    expect(await owner.page.getByRole('button', { name: 'Copy link' }).count()).toBe(0);
    expect(await owner.page.locator('tr', { hasText: 'Short-lived' }).textContent()).toContain(url);
    const ask = (button: string, page: RegExp) => Promise.all([owner.page.waitForURL(page), owner.page.getByRole('button', { name: button }).click()]);
    const cancel = () => Promise.all([owner.page.waitForURL(/\/entries\/style-guide$/u), owner.page.getByRole('link', { name: 'Cancel' }).click()]);

    await ask('Delete Short-lived', /\/delete/u);
    expect(await owner.page.locator('h1').textContent()).toBe('Delete the link “Short-lived”?');
    const deleting = owner.page.url();
    await cancel();
    expect(await owner.page.locator('tr', { hasText: 'Short-lived' }).count()).toBe(1);
    await ask('Delete Short-lived', /\/delete/u);
    await ask('Delete the link', /\/entries\/style-guide$/u);
    expect(await owner.page.locator('.notice.ok').textContent()).toBe('The link was deleted.');
    expect(await owner.page.locator('tr', { hasText: 'Short-lived' }).count()).toBe(0);

    await ask('Turn guest access off', /\/turn-off/u);
    expect(await owner.page.locator('h1').textContent()).toBe('Turn guest access off for Style guide?');
    const turningOff = owner.page.url();
    await cancel();
    expect(await owner.page.locator('#switch-state').textContent()).toContain('on');
    await ask('Turn guest access off', /\/turn-off/u);
    await ask('Turn guest access off', /\/entries\/style-guide$/u);
    expect(await owner.page.locator('#switch-state').textContent()).toContain('off');

    // The same pages, with script, for axe-core (which needs it); the deleted link no longer opens.
    const checker = await person('olivia');
    for (const page of [deleting, turningOff, `${demo.url}/entries/style-guide?done=deleted`]) {
      await checker.page.goto(page);
      await clean(checker.page, `the page at ${new URL(page).pathname}${new URL(page).search}`);
    }
    await checker.page.goto(url);
    expect(await checker.page.getAttribute('[data-code]', 'data-code')).toBe('LINK_INVALID');
    for (const p of [owner, checker]) await p.context.close();
  });

  it('long names wrap: at 390 px no page is wider than the screen with a 100-character name', async () => {
    const owner = await person('olivia', { phone: true });
    const url = await createLink(owner.page, 'design-review', LONG_NAME);
    expect(await owner.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await clean(owner.page, 'guest access, with a long link name');
    const guest = await person(null, { phone: true });
    await guest.page.goto(url);
    expect(await guest.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await clean(guest.page, 'the join page of a link with a long name');
    await joinAsGuest(guest.page, url, LONG_NAME, 'long.name@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Design review');
    expect(await guest.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await clean(guest.page, 'the entry, for a guest with a long name');
    for (const p of [owner, guest]) await p.context.close();
  });

  it('a reload of the invite results shows them again and sends nothing again (post, redirect, get)', async () => {
    const owner = await person('olivia');
    await owner.page.goto(`${demo.url}/entries/podcast-12/invites`);
    await owner.page.getByLabel('Email addresses').fill('grace@example.org; hedy@example.org');
    await Promise.all([owner.page.waitForURL(/\?batch=/u), owner.page.getByRole('button', { name: 'Send invites' }).click()]);
    const results = owner.page.locator('section', { hasText: 'Results' });
    expect(await results.locator('li').count()).toBe(2);
    await expect.poll(() => owner.page.evaluate(() => document.activeElement?.id)).toBe('results-title');
    await clean(owner.page, 'the invite results');
    const sent = demo.world.mailer.outbox().length;
    const response = await owner.page.reload();
    expect(response?.request().method()).toBe('GET');
    expect(await results.locator('li').count()).toBe(2);
    expect(demo.world.mailer.outbox().length).toBe(sent);
    // The results are for whoever sent them.
    const other = await person('alan');
    await other.page.goto(owner.page.url());
    expect(await other.page.locator('section', { hasText: 'Results' }).count()).toBe(0);
    for (const p of [owner, other]) await p.context.close();
  });

  // What each page offers is what the capability list allows; the rest is said in words, or not offered.

  it('each page offers only the actions the capability list allows: no lock for a video, a lock for a room; a moderator runs the lobby but makes no link', async () => {
    const owner = await person('olivia');
    await makeRoomForALink(owner.page, 'town-hall');
    await owner.page.goto(`${demo.url}/`);
    expect(await entryLinks(owner.page, 'design-review')).toEqual(['Manage guest access', 'Guests who joined', 'Invites']);
    expect(await entryLinks(owner.page, 'town-hall')).toEqual(['Manage guest access', 'Lobby', 'Invites']);
    expect(await entryLinks(owner.page, 'launch')).not.toContain('Lobby');
    for (const entryId of ['team-channel', 'photo-wall']) {
      expect(await entryLinks(owner.page, entryId)).toEqual(['Invites']);
      expect(await entryItem(owner.page, entryId).innerText()).toContain('No guest links: Guest links are not offered for this kind of media.');
    }
    await clean(owner.page, 'the entries, for the owner');

    // A video: the guests who joined, and no lock, said in words.
    await owner.page.goto(`${demo.url}/entries/design-review/lobby`);
    expect(await owner.page.locator('h1').textContent()).toBe('Guests who joined: Design review');
    expect(await owner.page.getByRole('button', { name: /Lock the room|Unlock the room/u }).count()).toBe(0);
    expect(await mainText(owner.page)).toContain('This kind of media has no waiting room: its guests go straight in.');
    await clean(owner.page, 'the guests of a video');
    await owner.page.goto(`${demo.url}/entries/design-review`);
    expect(await owner.page.getByRole('link', { name: 'Open the lobby' }).count()).toBe(0);

    // A room: the lock, and a new link for the owner.
    await owner.page.goto(`${demo.url}/entries/town-hall`);
    expect(await owner.page.getByRole('link', { name: 'Open the lobby' }).count()).toBe(1);
    await owner.page.goto(`${demo.url}/entries/town-hall/lobby`);
    expect(await owner.page.getByRole('button', { name: /^(Lock|Unlock) the room$/u }).count()).toBe(1);
    expect(await owner.page.getByRole('link', { name: 'New guest link' }).count()).toBe(1);

    // With guest access off, no form that would be refused: why, and what to do.
    await turnGuestAccessOn(owner.page, 'design-review');
    await turnGuestAccessOff(owner.page, 'design-review');
    expect(await owner.page.getByRole('button', { name: 'Create link' }).count()).toBe(0);
    expect(await owner.page.locator('#create-unavailable').textContent()).toBe('Guest access to this media is turned off. Turn guest access on, then try again.');
    await clean(owner.page, 'guest access off, no link to make');
    await makeRoomForALink(owner.page, 'design-review');
    expect(await owner.page.getByRole('button', { name: 'Create link' }).count()).toBe(1);

    // The moderator: the lobby of his room, nothing to manage elsewhere, and no link to make.
    const moderator = await person('max');
    await moderator.page.goto(`${demo.url}/`);
    expect(await entryLinks(moderator.page, 'town-hall')).toEqual(['Lobby']);
    expect(await entryLinks(moderator.page, 'design-review')).toEqual([]);
    expect(await entryItem(moderator.page, 'design-review').innerText()).toContain('Nothing to manage here: You are not allowed to do this for this media.');
    await clean(moderator.page, 'the entries, for the moderator');
    await moderator.page.goto(`${demo.url}/entries/town-hall/lobby`);
    expect(await moderator.page.getByRole('button', { name: /^(Lock|Unlock) the room$/u }).count()).toBe(1);
    expect(await moderator.page.getByRole('link', { name: 'New guest link' }).count()).toBe(0);
    await clean(moderator.page, 'the lobby, for the moderator');
    for (const p of [owner, moderator]) await p.context.close();
  });

  it('the lobby lists waiting, admitted and declined guests apart, with when they joined and were decided; admitting a declined guest lets their browser in', async () => {
    const owner = await person('olivia');
    await makeRoomForALink(owner.page, 'town-hall');
    const url = await createLink(owner.page, 'town-hall', 'Lobby story');
    const moderator = await person('max');
    await lockRoom(moderator.page, 'town-hall');
    const guest = await person(null);
    await joinAsGuest(guest.page, url, 'Ada Byron', 'ada.byron@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('You are in the waiting room');

    await moderator.page.goto(`${demo.url}/entries/town-hall/lobby`);
    const waitingRow = lobbyGroup(moderator.page, 'waiting').locator('tr', { hasText: 'Ada Byron' });
    expect(await waitingRow.innerText()).toMatch(/joined just now, at \d\d:\d\d UTC/u);
    await clean(moderator.page, 'the lobby, a guest waiting');
    await Promise.all([moderator.page.waitForLoadState('load'), waitingRow.getByRole('button', { name: 'Decline Ada Byron' }).click()]);

    const declinedRow = lobbyGroup(moderator.page, 'declined').locator('tr', { hasText: 'Ada Byron' });
    await expect.poll(() => declinedRow.count()).toBe(1);
    expect(await lobbyGroup(moderator.page, 'waiting').locator('tr', { hasText: 'Ada Byron' }).count()).toBe(0);
    const declined = await declinedRow.innerText();
    expect(declined).toMatch(/joined just now, at \d\d:\d\d UTC\s+declined just now, at \d\d:\d\d UTC/u);
    expect(declined).toContain('Admitting lets them back in: their browser gets in at its next check.');
    await clean(moderator.page, 'the lobby, a guest declined');
    await shot(moderator.page, 'lobby-declined');

    // Her page follows, and goes on following: a moderator may still admit her.
    await expect.poll(() => guest.page.locator('h1').textContent(), { timeout: 4_000 }).toBe('A moderator has closed this room to you.');
    expect(await guest.page.locator('[data-live-note]').isVisible()).toBe(true);
    await clean(guest.page, 'a declined guest, the page following the session');

    await Promise.all([moderator.page.waitForLoadState('load'), declinedRow.getByRole('button', { name: 'Admit Ada Byron' }).click()]);
    const admittedRow = lobbyGroup(moderator.page, 'admitted').locator('tr', { hasText: 'Ada Byron' });
    await expect.poll(() => admittedRow.count()).toBe(1);
    expect(await admittedRow.innerText()).toMatch(/admitted just now, at \d\d:\d\d UTC/u);
    expect(await admittedRow.getByRole('button', { name: 'Remove Ada Byron' }).count()).toBe(1);
    await clean(moderator.page, 'the lobby, a declined guest admitted after all');

    // Admitted after all, she is let in by the page itself.
    await expect.poll(() => guest.page.locator('h1').textContent(), { timeout: 4_000 }).toBe('Town hall');
    for (const p of [owner, moderator, guest]) await p.context.close();
  });

  it('invites: a role change per pending invite, honest throttle words, expiry only while pending, the invitee’s own list, a mailbox with times', async () => {
    const owner = await person('olivia');
    const invitesPage = `${demo.url}/entries/town-hall/invites`;
    const send = async (emails: string, role: string) => {
      await owner.page.goto(invitesPage);
      await owner.page.getByLabel('Email addresses').fill(emails);
      await owner.page.getByLabel('Role', { exact: true }).selectOption(role);
      await Promise.all([owner.page.waitForURL(/\?batch=/u), owner.page.getByRole('button', { name: 'Send invites' }).click()]);
    };
    await send('mallory@example.org; withdrawn@example.org', 'viewer');
    const row = (email: string) => owner.page.locator('tr', { hasText: email });

    // Just sent: when, and from when it may go again; no Resend button until then.
    const delivery = await row('mallory@example.org').locator('td[data-label="Delivery"]').innerText();
    expect(delivery).toMatch(/Sent at (\d\d:\d\d) UTC; you can resend from (\d\d:\d\d) UTC/u);
    expect(await row('mallory@example.org').getByRole('button', { name: 'Resend to mallory@example.org' }).count()).toBe(0);
    expect(await row('mallory@example.org').locator('td[data-label="Expires"]').innerText()).toMatch(/^expires in 7 days/u);

    // A new role for one pending invite.
    await row('mallory@example.org').getByRole('combobox', { name: 'Role for mallory@example.org' }).selectOption('speaker');
    await Promise.all([owner.page.waitForURL(/\/invites$/u), row('mallory@example.org').getByRole('button', { name: 'Change role for mallory@example.org' }).click()]);
    expect(await owner.page.locator('.notice.ok').textContent()).toContain('The new role is saved.');
    expect(await row('mallory@example.org').getByRole('combobox').inputValue()).toBe('speaker');
    await clean(owner.page, 'the invites, a role changed');

    // Invited again at once: the change is kept, and the email waits for the throttle.
    await send('mallory@example.org', 'moderator');
    const result = (await owner.page.locator('section', { hasText: 'Results' }).locator('li').innerText()).replace(/\s+/gu, ' ');
    expect(result).toMatch(/^mallory@example\.org: re-invited · the new role is saved; the email with it can go from \d\d:\d\d UTC$/u);
    await clean(owner.page, 'a re-invite that must wait to be emailed');

    // Revoking asks first, and can be cancelled; revoked: no expiry, no actions.
    const revoke = () => Promise.all([owner.page.waitForURL(/\/revoke\??$/u), row('withdrawn@example.org').getByRole('button', { name: 'Revoke withdrawn@example.org' }).click()]);
    await revoke();
    expect(await owner.page.locator('h1').textContent()).toBe('Revoke the invite to withdrawn@example.org?');
    await clean(owner.page, 'the confirmation of revoking an invite');
    await Promise.all([owner.page.waitForURL(/\/invites$/u), owner.page.getByRole('link', { name: 'Cancel' }).click()]);
    expect(await row('withdrawn@example.org').locator('.badge').first().textContent()).toBe('pending');
    await revoke();
    await Promise.all([owner.page.waitForURL(/\/invites$/u), owner.page.getByRole('button', { name: 'Revoke the invite' }).click()]);
    expect(await owner.page.locator('.notice.ok').textContent()).toBe('The invite was revoked: its link no longer works.');
    await expect.poll(() => row('withdrawn@example.org').locator('.badge').first().textContent()).toBe('revoked');
    expect(await row('withdrawn@example.org').locator('td[data-label="Expires"]').innerText()).toBe('—');
    expect(await row('withdrawn@example.org').innerText()).not.toContain('expires in');
    await clean(owner.page, 'the invites, one revoked');
    await shot(owner.page, 'invites-list');

    // The mailbox: each message with its recipient and the time it went.
    await owner.page.goto(`${demo.url}/mailbox`);
    const mail = owner.page.locator('tr', { hasText: 'withdrawn@example.org' }).first();
    expect(await mail.locator('td[data-label="Sent"]').innerText()).toMatch(/^\d\d:\d\d UTC$/u);
    await clean(owner.page, 'the mailbox');

    // The invitee's own list leads to the invite, which names the role and the entry once accepted.
    const invitee = await person('mallory');
    await invitee.page.goto(`${demo.url}/invitations`);
    const mine = invitee.page.locator('li', { hasText: 'Town hall' });
    expect((await mine.innerText()).replace(/\s+/gu, ' ')).toContain('as moderator, from Olivia');
    await clean(invitee.page, 'your invitations');
    await shot(invitee.page, 'your-invitations');
    await Promise.all([invitee.page.waitForURL(/\/i\//u), mine.getByRole('link', { name: 'Open the invitation to Town hall' }).click()]);
    await Promise.all([invitee.page.waitForURL(/done=accepted/u), invitee.page.getByRole('button', { name: 'Accept the invite' }).click()]);
    expect(await invitee.page.locator('.next').textContent()).toBe('You are now a moderator of Town hall.');
    await invitee.page.goto(`${demo.url}/invitations`);
    expect(await invitee.page.locator('li', { hasText: 'Town hall' }).count()).toBe(0);

    // An address not verified yet is told what to do.
    await signIn(invitee.page, 'alan-unverified');
    await invitee.page.goto(`${demo.url}/invitations`);
    expect(await invitee.page.getAttribute('[data-code]', 'data-code')).toBe('EMAIL_NOT_VERIFIED');
    expect(await mainText(invitee.page)).toContain('Verify it in your account settings, then try again.');
    await clean(invitee.page, 'your invitations, not verified');
    for (const p of [owner, invitee]) await p.context.close();
  });

  // Last: it moves the demo's clock forward for every later page.
  it('the clock at the foot of every page moves forward: a 1-day link expires a day later, and an invite a week later', async () => {
    const owner = await person('olivia');
    await makeRoomForALink(owner.page, 'podcast-12');
    const url = await createLink(owner.page, 'podcast-12', 'One day only', '', '1');
    const guest = await person(null);
    await joinAsGuest(guest.page, url, 'Mary Somerville', 'mary@example.org');
    await expect.poll(() => guest.page.locator('h1').textContent()).toBe('Podcast, episode 12');
    await owner.page.goto(`${demo.url}/entries/style-guide/invites`);
    await owner.page.getByLabel('Email addresses').fill('late@example.org');
    await Promise.all([owner.page.waitForURL(/\?batch=/u), owner.page.getByRole('button', { name: 'Send invites' }).click()]);
    const inviteUrl = /https?:\/\/\S+/u.exec(demo.world.mailer.outbox().find((m) => m.to === 'late@example.org')!.text)![0];

    await owner.page.goto(`${demo.url}/entries/podcast-12`);
    await clean(owner.page, 'guest access, with the demo clock');
    await moveClock(owner.page, '+1 day');
    expect(new URL(owner.page.url()).pathname).toBe('/entries/podcast-12');
    const row = owner.page.locator('tr', { hasText: 'One day only' });
    expect(await row.locator('.badge').textContent()).toBe('expired');
    expect(await row.locator('td[data-label="Expires"]').innerText()).toMatch(/^expired/u);
    await clean(owner.page, 'a link expired by the demo clock');
    await shot(owner.page, 'demo-clock');

    // The guest's visit ends with its link, and the link no longer opens.
    await guest.page.reload();
    expect(['LINK_INVALID', 'SESSION_EXPIRED']).toContain(await guest.page.getAttribute('[data-code]', 'data-code'));
    expect(await mainText(guest.page)).not.toMatch(CODE);
    await clean(guest.page, 'a guest whose link expired');
    await guest.page.goto(url);
    expect(await guest.page.getAttribute('[data-code]', 'data-code')).toBe('LINK_INVALID');

    // A week on, the invite has expired too.
    await moveClock(guest.page, '+7 days');
    await guest.page.goto(inviteUrl);
    expect(await guest.page.getAttribute('[data-code]', 'data-code')).toBe('INVITE_EXPIRED');
    expect(await guest.page.locator('h1').textContent()).toBe('Your invitation has expired.');
    await clean(guest.page, 'an invite expired by the demo clock');
    for (const p of [owner, guest]) await p.context.close();
  });
});
