/**
 * The demo's pages, served by Hono. Pages read through the library; changes go through its
 * HTTP layer (`/access-links/…`): buttons as plain form posts that come back to the page, and
 * the forms that must come back filled in after a refusal through the page itself (see
 * ./kit.ts). The invite form calls the library, whose answers are per address. The pages are
 * grouped by who reads them: ./owner.ts, ./guest.ts, ./invites.ts.
 */
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { verifyWebhook } from 'access-links/webhooks';
import { guestPages } from './guest';
import { invitePages } from './invites';
import type { Context } from 'hono';
import type { Entry } from 'access-links';
import type { EntryCapabilities } from 'access-links/capabilities';
import { createKit, safeNext, typeLabel, whyNot, type DemoKit } from './kit';
import { ownerPages } from './owner';
import { CLOCK_STEPS, html, SCRIPT, STYLE, timeOf, type Html } from './pages';
import { ENTRIES, USERS, type DemoWorld } from './world';

/** The pages of an entry the signed-in person may open, each only if what it offers is allowed. */
function entryLinks(entry: Entry, can: EntryCapabilities): Html[] {
  const links: Html[] = [];
  if (can.guestLinks.listGuestLinks.allowed) links.push(html`<a href="/entries/${entry.id}">Manage guest access</a>`);
  if (can.lobby.setRoomLock.allowed) links.push(html`<a href="/entries/${entry.id}/lobby">Lobby</a>`);
  else if (can.lobby.listGuests.allowed) links.push(html`<a href="/entries/${entry.id}/lobby">Guests who joined</a>`);
  if (can.invites?.listInvites.allowed) links.push(html`<a href="/entries/${entry.id}/invites">Invites</a>`);
  return links;
}

/** One entry of the list: its pages for the signed-in person, and in plain words why guest links are not among them. */
function entryItem(c: Context, kit: DemoKit, entry: Entry, can: EntryCapabilities | null, role: string | null): Html {
  // An accepted invite's role opens the entry as a member.
  const links = [...(role === null ? [] : [html`<a href="/member/${entry.id}">Open as ${role}</a>`]), ...(can === null ? [] : entryLinks(entry, can))];
  const guestLinksRefused = can === null ? null : whyNot(can.guestLinks.listGuestLinks);
  const why = guestLinksRefused === null ? null : kit.say(c, guestLinksRefused, 'owner');
  return html`<li style="margin:.5rem 0" data-entry-id="${entry.id}">
    <strong>${entry.title}</strong> <span class="muted">(${typeLabel(entry.type)})</span><br />
    ${links.map((link, i) => html`${i > 0 ? ' · ' : ''}${link}`)}
    ${why && (links.length === 0 || guestLinksRefused !== 'NOT_PERMITTED')
      ? html`<span class="muted" lang="${why.lang}">${links.length > 0 ? ' · ' : ''}${guestLinksRefused === 'NOT_PERMITTED' ? 'Nothing to manage here: ' : 'No guest links: '}${why.text}</span>`
      : ''}
  </li>`;
}

export function createDemoApp(world: DemoWorld): Hono {
  const app = new Hono();
  const kit = createKit(world);
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'none'"], formAction: ["'self'"] },
      referrerPolicy: 'no-referrer',
    }),
  );
  // The library's routes, as a host mounts them.
  app.all('/access-links/*', (c) => world.handler(c.req.raw));
  // The webhook receiver, as a partner would run it: it checks the signature on the raw body
  // before it trusts a byte, and takes each message id once.
  app.post('/hooks/receiver', async (c) => {
    const body = await c.req.text();
    const checked = await verifyWebhook({ headers: c.req.raw.headers, body, secret: world.hooks.secret });
    if (!checked.ok) return c.body(null, 401);
    world.hooks.received.add(checked.id);
    return c.body(null, 204);
  });
  // The demo's own form posts get the same same-origin check.
  app.use('*', csrf());
  // What the owner's pages and the link's page say once, after a post: never again on a reload.
  app.use('/entries/*', kit.once);
  app.use('/g/*', kit.once);

  app.get('/style.css', (c) => c.body(STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=60' }));
  app.get('/app.js', (c) => c.body(SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=60' }));

  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const user = USERS.find((u) => u.id === form['user']);
    const next = safeNext(form['next']);
    c.header('set-cookie', user ? `demo-user=${user.id}; Path=/; HttpOnly; SameSite=Lax` : 'demo-user=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    return c.redirect(next, 303);
  });

  // The demo's clock: moved forward by the form at the foot of every page.
  app.post('/clock', async (c) => {
    const form = await c.req.parseBody();
    const step = CLOCK_STEPS[String(form['by'])];
    if (step) world.clock.advance(step.ms);
    return c.redirect(safeNext(form['next']), 303);
  });

  app.get('/', async (c) => {
    const can = await Promise.all(ENTRIES.map((entry) => kit.can(c, entry.id)));
    const user = kit.userOf(c);
    return kit.page(
      c,
      200,
      kit.layout(
        c,
        'Entries',
        html`<h1>Entries</h1>
          <p class="muted">Every entry belongs to Olivia. Sign in as her to manage guest access and invites; open a guest link in a private window (or sign in as nobody) to be the guest. Storage: ${world.storage}.</p>
          ${user === null ? html`<p class="notice">Sign in (the switch above) to see what you may do with each entry.</p>` : ''}
          <ul class="card" style="list-style:none;padding-left:1rem">
            ${ENTRIES.map((entry, i) => entryItem(c, kit, entry, can[i] ?? null, user === null ? null : world.grants.roleOn(entry.id, user.id)))}
          </ul>`,
        '/',
      ),
    );
  });

  ownerPages(app, world, kit);
  guestPages(app, world, kit);
  invitePages(app, world, kit);

  // The demo mailbox: what the mailer sent.
  app.get('/mailbox', (c) => {
    const messages = world.mailer.outbox();
    return kit.page(
      c,
      200,
      kit.layout(
        c,
        'Mailbox',
        html`<h1>Mailbox</h1>
          <p class="muted">What the library's mailer sent, newest first. In production this goes out through your SMTP server or provider.</p>
          ${messages.length === 0 ? html`<p class="card muted">No mail yet: invite someone first.</p>` : ''}
          ${messages.length === 0
            ? ''
            : html`<table class="card">
                <thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Sent</th></tr></thead>
                <tbody>
                  ${messages
                    .map((m, i) => ({ m, i }))
                    .reverse()
                    .map(
                      ({ m, i }) => html`<tr>
                        <td data-label="Subject"><a href="/mailbox/${i}">${m.subject}</a></td>
                        <td data-label="Email">${m.to}</td>
                        <td data-label="Sent">${timeOf(m.sentAt, world.clock.now())}</td>
                      </tr>`,
                    )}
                </tbody>
              </table>`}`,
        '/mailbox',
      ),
    );
  });

  app.get('/mailbox/:n', (c) => {
    const message = world.mailer.outbox()[Number(c.req.param('n'))];
    if (!message) return kit.notFound(c);
    const link = /https?:\/\/\S+/u.exec(message.text)?.[0];
    return kit.page(
      c,
      200,
      kit.layout(
        c,
        message.subject,
        html`<p><a href="/mailbox">← Mailbox</a></p>
          <article class="card" aria-labelledby="mail-subject">
            <h1 id="mail-subject">${message.subject}</h1>
            <p class="muted">To: ${message.to} · sent ${timeOf(message.sentAt, world.clock.now())}</p>
            <div class="mail">${message.text}</div>
            ${link ? html`<p><a class="button" href="${link}">Open the invite</a></p>` : ''}
          </article>`,
        c.req.path,
      ),
    );
  });

  app.notFound((c) => kit.notFound(c));

  return app;
}
