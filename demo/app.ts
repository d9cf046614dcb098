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
import { guestPages } from './guest';
import { invitePages } from './invites';
import { createKit, isRoom, typeLabel } from './kit';
import { ownerPages } from './owner';
import { html, SCRIPT, STYLE } from './pages';
import { ENTRIES, USERS, type DemoWorld } from './world';

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
  // The demo's own form posts get the same same-origin check.
  app.use('*', csrf());

  app.get('/style.css', (c) => c.body(STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=60' }));
  app.get('/app.js', (c) => c.body(SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=60' }));

  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const user = USERS.find((u) => u.id === form['user']);
    // A path of this site only: `/`, then printable ASCII without `//` or a backslash. Browsers
    // drop tabs and line breaks from a URL, so `/\t/evil.example` would lead to another site.
    const wanted = form['next'];
    const next = typeof wanted === 'string' && wanted.length <= 2048 && /^\/[\x21-\x7e]*$/u.test(wanted) && !/\/\/|\\/u.test(wanted) ? wanted : '/';
    c.header('set-cookie', user ? `demo-user=${user.id}; Path=/; HttpOnly; SameSite=Lax` : 'demo-user=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    return c.redirect(next, 303);
  });

  app.get('/', (c) =>
    kit.page(
      c,
      200,
      kit.layout(
        c,
        'Entries',
        html`<h1>Entries</h1>
          <p class="muted">Every entry belongs to Olivia. Sign in as her to manage guest access and invites; open a guest link in a private window (or sign in as nobody) to be the guest. Storage: ${world.storage}.</p>
          <ul class="card" style="list-style:none;padding-left:1rem">
            ${ENTRIES.map(
              (entry) => html`<li style="margin:.5rem 0">
                <strong>${entry.title}</strong> <span class="muted">(${typeLabel(entry.type)})</span><br />
                <a href="/entries/${entry.id}">Manage guest access</a>
                ${isRoom(entry.type) ? html` · <a href="/entries/${entry.id}/lobby">Lobby</a>` : ''} ·
                <a href="/entries/${entry.id}/invites">Invites</a>
              </li>`,
            )}
          </ul>`,
        '/',
      ),
    ),
  );

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
          <ul class="card" style="list-style:none;padding-left:1rem">
            ${messages
              .map((m, i) => ({ m, i }))
              .reverse()
              .map(({ m, i }) => html`<li style="margin:.4rem 0"><a href="/mailbox/${i}">${m.subject}</a> <span class="muted">to ${m.to}</span></li>`)}
          </ul>`,
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
            <p class="muted">To: ${message.to}</p>
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
