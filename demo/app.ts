/**
 * The demo's pages, served by Hono. Pages read through the library; every change goes through
 * the HTTP layer (`/access-links/…`) as a plain form post that comes back to the page, except
 * the invite form, whose per-address answers this page shows itself.
 */
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { rolesFor } from 'access-links/invites';
import { apiForm, html, layout, messagePage, notice, SCRIPT, sentence, STYLE, when, type Html } from './pages';
import { ENTRIES, USERS, type DemoWorld } from './world';

const typeLabel: Record<string, string> = {
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  room: 'Live room',
  'live-event': 'Live event',
  'channel-room': 'Channel room',
  'media-gallery-room': 'Media gallery room',
};
const isRoom = (type: string) => type === 'room' || type === 'live-event' || type === 'channel-room' || type === 'media-gallery-room';

/** Where the demo mounts the library's HTTP layer. */
const API = '/access-links';

export function createDemoApp(world: DemoWorld): Hono {
  const app = new Hono();
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

  const page = (c: Context, status: number, body: Html) => c.html(body, status as 200, { 'cache-control': 'no-store' });
  const userOf = (c: Context) => world.userOf(c.req.raw);
  const signInFirst = (c: Context, what: string) =>
    page(c, 401, layout('Sign in', userOf(c), html`<h1>Sign in</h1><p class="notice">Use the “Signed in as” switch above to ${what}.</p>`, { path: c.req.path }));

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

  app.get('/', (c) => {
    const user = userOf(c);
    return page(
      c,
      200,
      layout(
        'Entries',
        user,
        html`<h1>Entries</h1>
          <p class="muted">Every entry belongs to Olivia. Sign in as her to manage guest access and invites; open a guest link in a private window (or sign in as nobody) to be the guest. Storage: ${world.storage}.</p>
          <ul class="card" style="list-style:none;padding-left:1rem">
            ${ENTRIES.map(
              (entry) => html`<li style="margin:.5rem 0">
                <strong>${entry.title}</strong> <span class="muted">(${typeLabel[entry.type] ?? entry.type})</span><br />
                <a href="/entries/${entry.id}">Manage guest access</a>
                ${isRoom(entry.type) ? html` · <a href="/entries/${entry.id}/lobby">Lobby</a>` : ''} ·
                <a href="/entries/${entry.id}/invites">Invites</a>
              </li>`,
            )}
          </ul>`,
      ),
    );
  });

  // The owner's "manage guest access" window.
  app.get('/entries/:entryId', async (c) => {
    const user = userOf(c);
    const entryId = c.req.param('entryId');
    const entry = ENTRIES.find((e) => e.id === entryId);
    const actor = world.actorOf(c.req.raw);
    if (!entry) return page(c, 404, messagePage('ENTRY_NOT_FOUND', user));
    if (!actor) return signInFirst(c, 'manage guest access');
    const list = await world.guestLinks.listGuestLinks({ actor, entryId });
    const here = `/entries/${entryId}`;
    if (!list.ok) {
      return page(c, 403, layout(`Guest access: ${entry.title}`, user, html`<h1>Guest access: ${entry.title}</h1>${notice(list.code)}`, { path: here }));
    }
    const value = list.value;
    const code = c.req.query('code');
    return page(
      c,
      200,
      layout(
        `Guest access: ${entry.title}`,
        user,
        html`<h1>Manage guest access</h1>
          <p class="muted">${entry.title} · ${typeLabel[entry.type] ?? entry.type}</p>
          ${notice(code)}
          ${value.inactiveReasons.length > 0 && value.enabled
            ? html`<p class="notice bad" role="status">No link works here: ${value.inactiveReasons.map((r) => r.message).join(' ')}</p>`
            : ''}
          <section class="card" aria-labelledby="switch-title">
            <h2 id="switch-title">Guest access</h2>
            <p class="switch" id="switch-state">Guest access is <strong>${value.enabled ? 'on' : 'off'}</strong>.</p>
            ${apiForm(`/entries/${encodeURIComponent(entryId)}/guest-access`, here, { enabled: String(!value.enabled) }, value.enabled ? 'Turn guest access off' : 'Turn guest access on', {
              method: 'PUT',
              className: value.enabled ? 'danger' : '',
            })}
            ${isRoom(entry.type) ? html` <a class="button secondary" href="/entries/${entryId}/lobby">Open the lobby</a>` : ''}
          </section>
          <section class="card" aria-labelledby="links-title">
            <h2 id="links-title">Guest links <span class="muted">(${value.links.length} of ${value.cap})</span></h2>
            ${value.links.length === 0 ? html`<p class="muted">No guest links yet.</p>` : ''}
            <table>
              ${value.links.length > 0
                ? html`<thead><tr><th scope="col">Name</th><th scope="col">State</th><th scope="col">Uses</th><th scope="col">Expires</th><th scope="col">Link</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>`
                : ''}
              <tbody>
                ${value.links.map(
                  (link, i) => html`<tr data-link-id="${link.id}">
                    <td data-label="Name">${link.name}</td>
                    <td data-label="State"><span class="badge ${link.state}">${link.state}</span></td>
                    <td data-label="Uses">${link.uses} of ${link.useLimit ?? 'unlimited'}</td>
                    <td data-label="Expires">${when(link.expiresAt)}</td>
                    <td data-label="Link"><span class="url" id="url-${i}">${link.url}</span></td>
                    <td data-label="Actions" class="row">
                      <button type="button" class="secondary" data-copy="${link.url}" aria-describedby="copied-${i}">Copy link</button>
                      <span id="copied-${i}" role="status" class="muted"></span>
                      ${apiForm(`/entries/${encodeURIComponent(entryId)}/guest-links/${link.id}`, here, {}, 'Delete', {
                        method: 'DELETE',
                        className: 'danger',
                        label: `Delete ${link.name}`,
                      })}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <h2 id="create-title">Create a guest link</h2>
            ${value.canCreate
              ? ''
              : html`<p class="muted" role="status">${value.enabled ? `This entry has all ${value.cap} links it may have.` : 'Turn guest access on to create links.'}</p>`}
            <form method="post" action="/access-links/entries/${encodeURIComponent(entryId)}/guest-links" aria-labelledby="create-title">
              <input type="hidden" name="next" value="${here}" />
              <label for="link-name">Name</label>
              <input id="link-name" name="name" required maxlength="100" placeholder="Guest speakers" />
              <label for="link-uses"># of clicks <span class="muted">(empty for unlimited)</span></label>
              <input id="link-uses" name="useLimit" inputmode="numeric" pattern="[0-9]*" />
              <label for="link-days">Days <span class="muted">(empty for never expiring)</span></label>
              <input id="link-days" name="durationDays" inputmode="numeric" pattern="[0-9]*" />
              <p><button type="submit" ${value.canCreate ? '' : 'disabled'}>Create link</button></p>
            </form>
          </section>`,
        { path: here },
      ),
    );
  });

  // The moderator's lobby.
  app.get('/entries/:entryId/lobby', async (c) => {
    const user = userOf(c);
    const entryId = c.req.param('entryId');
    const entry = ENTRIES.find((e) => e.id === entryId);
    const actor = world.actorOf(c.req.raw);
    if (!entry) return page(c, 404, messagePage('ENTRY_NOT_FOUND', user));
    if (!actor) return signInFirst(c, 'moderate the room');
    const here = `/entries/${entryId}/lobby`;
    const [guests, access] = await Promise.all([world.guestLinks.listGuests({ actor, entryId }), world.guestLinks.getGuestAccess({ actor, entryId })]);
    if (!guests.ok) return page(c, 403, layout(`Lobby: ${entry.title}`, user, html`<h1>Lobby: ${entry.title}</h1>${notice(guests.code)}`, { path: here }));
    const locked = access.ok ? access.value.roomLocked : null;
    const waiting = guests.value.items.filter((g) => g.status === 'waiting');
    const path = `/entries/${encodeURIComponent(entryId)}`;
    return page(
      c,
      200,
      layout(
        `Lobby: ${entry.title}`,
        user,
        html`<h1>Lobby: ${entry.title}</h1>
          ${notice(c.req.query('code'))}
          <p id="lobby-status" class="muted" role="status"></p>
          <div data-lobby-events="${API}${path}/guests/events">
          <section class="card" aria-labelledby="lock-title">
            <h2 id="lock-title">Waiting room</h2>
            ${locked === null
              ? ''
              : html`<p id="lock-state">The room is <strong>${locked ? 'locked' : 'open'}</strong>: ${locked ? 'new guests wait here until you admit them.' : 'new guests come straight in.'}</p>`}
            ${apiForm(`${path}/room-lock`, here, { locked: String(!locked) }, locked ? 'Unlock the room' : 'Lock the room', { method: 'PUT' })}
            <noscript><a class="button secondary" href="${here}">Refresh</a></noscript>
          </section>
          <section class="card" aria-labelledby="waiting-title">
            <h2 id="waiting-title">Waiting <span class="muted">(${waiting.length})</span></h2>
            ${waiting.length > 0
              ? html`<p class="row">${apiForm(`${path}/guests/admit-all`, here, {}, 'Admit all')} ${apiForm(`${path}/guests/decline-all`, here, {}, 'Decline all', { className: 'danger' })}</p>`
              : html`<p class="muted">Nobody is waiting.</p>`}
          </section>
          <section class="card" aria-labelledby="guests-title">
            <h2 id="guests-title">Guests</h2>
            <table>
              <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Link</th><th scope="col">Status</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
              <tbody>
                ${guests.value.items.map(
                  (guest) => html`<tr data-session-id="${guest.id}">
                    <td data-label="Name">${guest.guestName}</td>
                    <td data-label="Email">${guest.guestEmailAscii}${guest.guestEmailNonAscii ? html` <span class="badge refused" title="The address has characters outside ASCII">look-alike?</span>` : ''}</td>
                    <td data-label="Link">${guest.linkName}</td>
                    <td data-label="Status"><span class="badge ${guest.status}">${guest.status}</span></td>
                    <td data-label="Actions" class="row">
                      ${guest.status !== 'admitted' ? apiForm(`${path}/guests/${guest.id}/admit`, here, {}, 'Admit', { label: `Admit ${guest.guestName}` }) : ''}
                      ${guest.status !== 'declined'
                        ? apiForm(`${path}/guests/${guest.id}/decline`, here, {}, guest.status === 'admitted' ? 'Remove' : 'Decline', {
                            className: 'danger',
                            label: `${guest.status === 'admitted' ? 'Remove' : 'Decline'} ${guest.guestName}`,
                          })
                        : ''}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </section>
          </div>`,
        { path: here },
      ),
    );
  });

  // The guest entry page: what the link shows, and the join form.
  app.get('/g/:token', async (c) => {
    const user = userOf(c);
    const token = c.req.param('token');
    const landing = await world.guestLinks.openGuestLink({ token });
    if (!landing.ok) return page(c, landing.code === 'LINK_INVALID' ? 404 : 403, messagePage(landing.code, user));
    const { entry, link, waitingRoom } = landing.value;
    const here = `/g/${token}`;
    // A visitor who already joined through this link (Back, a second tab) may go straight on (G12).
    const { result: held, setCookie } = await world.handler.checkGuestSession(c.req.raw, entry.id);
    if (setCookie) c.header('set-cookie', setCookie, { append: true });
    const already = held.ok && held.value.linkId === link.id ? held.value : null;
    return page(
      c,
      200,
      layout(
        entry.title ?? 'Guest access',
        user,
        html`<section class="card" aria-labelledby="join-title">
          <p class="muted">You are invited as a guest to</p>
          <h1 id="join-title">${entry.title}</h1>
          <p class="muted">${typeLabel[entry.type] ?? entry.type} · link “${link.name}” · ${when(link.expiresAt)}</p>
          ${waitingRoom ? html`<p class="notice">The room is locked: after you join, a moderator lets you in.</p>` : ''}
          ${notice(c.req.query('code'))}
          ${already
            ? html`<p>You already joined through this link as <strong>${already.guestName}</strong>.</p>
                <p><a class="button" href="/watch/${entry.id}">Continue as ${already.guestName}</a></p>
                <h2 id="other-title">Not ${already.guestName}? Join with your own name</h2>`
            : ''}
          <form method="post" action="/access-links/guest-links/${token}/join"${already ? html` aria-labelledby="other-title"` : ''}>
            <input type="hidden" name="next" value="/watch/${entry.id}" />
            <input type="hidden" name="back" value="${here}" />
            <label for="guest-name">Your name</label>
            <input id="guest-name" name="name" required maxlength="100" autocomplete="name" />
            <label for="guest-email">Your email</label>
            <input id="guest-email" name="email" type="email" required autocomplete="email" />
            <p class="muted">No account is made; your email is kept only so the host knows who joined.</p>
            <p><button type="submit">Join as a guest</button></p>
          </form>
        </section>`,
        { path: here },
      ),
    );
  });

  // The entry as a guest sees it, or why not.
  app.get('/watch/:entryId', async (c) => {
    const user = userOf(c);
    const entryId = c.req.param('entryId');
    const { result, setCookie } = await world.handler.checkGuestSession(c.req.raw, entryId);
    if (setCookie) c.header('set-cookie', setCookie, { append: true });
    if (!result.ok && result.code === 'GUEST_WAITING') {
      return page(
        c,
        200,
        layout(
          'Waiting room',
          user,
          html`<section
            class="card"
            aria-labelledby="wait-title"
            data-code="GUEST_WAITING"
            data-session-events="${API}/entries/${encodeURIComponent(entryId)}/guest-session/events"
            data-session-check="${API}/entries/${encodeURIComponent(entryId)}/guest-session"
          >
            <h1 id="wait-title">You are in the waiting room</h1>
            <p role="status">${sentence('GUEST_WAITING')} This page opens the entry as soon as you are let in.</p>
            <noscript><p><a class="button secondary" href="${c.req.path}">Check again</a></p></noscript>
          </section>`,
          { path: c.req.path },
        ),
      );
    }
    if (!result.ok) return page(c, result.code === 'SESSION_INVALID' ? 401 : 403, messagePage(result.code, user));
    const session = result.value;
    const entry = ENTRIES.find((e) => e.id === entryId)!;
    const playable = entry.type === 'video' || entry.type === 'audio' || isRoom(entry.type);
    return page(
      c,
      200,
      layout(
        entry.title ?? 'Entry',
        user,
        html`<h1>${entry.title}</h1>
          <p class="muted">Viewing as a guest: <strong>${session.guestName}</strong> · view only</p>
          <figure class="player" aria-label="${entry.title}">
            <span>${typeLabel[entry.type] ?? entry.type}</span>
            <strong style="font-size:1.4rem">${entry.title}</strong>
            <div class="controls">
              ${playable ? html`<button type="button" data-toggle-play aria-pressed="false">Play</button>` : html`<span>Page 1 of 12</span>`}
              <span class="muted" style="color:#dfe6ff">Guests can view; they cannot edit, share, download or invite.</span>
            </div>
          </figure>
          <p>${apiForm(`/entries/${encodeURIComponent(entryId)}/guest-session/leave`, '/', {}, 'Leave', { className: 'secondary' })}</p>`,
        { path: c.req.path },
      ),
    );
  });

  // Invites: the form, the per-address answers, and the list.
  const invitesPage = async (c: Context, outcomes: Html | string = '') => {
    const user = userOf(c);
    const entryId = c.req.param('entryId')!;
    const entry = ENTRIES.find((e) => e.id === entryId);
    const actor = world.actorOf(c.req.raw);
    if (!entry) return page(c, 404, messagePage('ENTRY_NOT_FOUND', user));
    if (!actor) return signInFirst(c, 'invite people');
    const here = `/entries/${entryId}/invites`;
    const list = await world.inviteLinks.listInvites({ actor, entryId });
    const roles = rolesFor(entry.type, world.inviteLinks.rules);
    const path = `/entries/${encodeURIComponent(entryId)}/invites`;
    return page(
      c,
      200,
      layout(
        `Invites: ${entry.title}`,
        user,
        html`<h1>Invite people to ${entry.title}</h1>
          ${notice(c.req.query('code'))}
          ${outcomes}
          <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">Invite by email</h2>
            <form method="post" action="${here}">
              <label for="invite-emails">Email addresses <span class="muted">(one per line, or separated by commas)</span></label>
              <textarea id="invite-emails" name="emails" required></textarea>
              <label for="invite-role">Role</label>
              <select id="invite-role" name="role">${roles.map((role) => html`<option>${role}</option>`)}</select>
              <p><button type="submit">Send invites</button></p>
            </form>
          </section>
          <section class="card" aria-labelledby="invited-title">
            <h2 id="invited-title">Who is invited</h2>
            ${!list.ok
              ? notice(list.code)
              : list.value.items.length === 0
                ? html`<p class="muted">Nobody yet.</p>`
                : html`<table>
                    <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Delivery</th><th scope="col">Expires</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
                    <tbody>
                      ${list.value.items.map(
                        (invite) => html`<tr data-invite-id="${invite.id}">
                          <td data-label="Email">${invite.email}</td>
                          <td data-label="Role">${invite.role}</td>
                          <td data-label="State"><span class="badge ${invite.state}">${invite.state}</span></td>
                          <td data-label="Delivery"><span class="badge ${invite.deliveryStatus}">${invite.deliveryStatus}</span></td>
                          <td data-label="Expires">${when(invite.expiresAt)}</td>
                          <td data-label="Actions" class="row">
                            ${invite.state === 'pending'
                              ? html`${apiForm(`${path}/${invite.id}/resend`, here, {}, 'Resend', { className: 'secondary', label: `Resend to ${invite.email}` })}
                                ${apiForm(`${path}/${invite.id}/revoke`, here, {}, 'Revoke', { className: 'danger', label: `Revoke ${invite.email}` })}`
                              : ''}
                          </td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>`}
          </section>`,
        { path: here },
      ),
    );
  };

  app.get('/entries/:entryId/invites', (c) => invitesPage(c));
  app.post('/entries/:entryId/invites', async (c) => {
    const actor = world.actorOf(c.req.raw);
    if (!actor) return signInFirst(c, 'invite people');
    const form = await c.req.parseBody();
    const emails = String(form['emails'] ?? '')
      .split(/[\s,;]+/u)
      .filter((email) => email !== '');
    const sent = await world.inviteLinks.createInvites({ actor, entryId: c.req.param('entryId'), emails, role: String(form['role'] ?? '') });
    const outcomes = !sent.ok
      ? notice(sent.code)
      : html`<section class="card" aria-labelledby="results-title" role="status">
          <h2 id="results-title">Results</h2>
          <ul>
            ${sent.value.map(
              (outcome) =>
                html`<li><strong>${String(outcome.input)}</strong>:
                  <span class="badge ${outcome.status}">${outcome.status}</span>
                  ${outcome.status === 'invited' || outcome.status === 're-invited' ? html` · delivery <span class="badge ${outcome.delivery}">${outcome.delivery}</span>` : ''}
                  ${outcome.status === 'refused' ? html` · ${outcome.reason.message}` : ''}
                  ${outcome.status === 'error' ? ' · could not be stored; try again' : ''}</li>`,
            )}
          </ul>
          <p><a href="/mailbox">Open the mailbox</a></p>
        </section>`;
    return invitesPage(c, outcomes);
  });

  // The demo mailbox: what the mailer sent.
  app.get('/mailbox', (c) => {
    const messages = world.mailer.outbox();
    return page(
      c,
      200,
      layout(
        'Mailbox',
        userOf(c),
        html`<h1>Mailbox</h1>
          <p class="muted">What the library's mailer sent, newest first. In production this goes out through your SMTP server or provider.</p>
          ${messages.length === 0 ? html`<p class="card muted">No mail yet: invite someone first.</p>` : ''}
          <ul class="card" style="list-style:none;padding-left:1rem">
            ${messages
              .map((m, i) => ({ m, i }))
              .reverse()
              .map(({ m, i }) => html`<li style="margin:.4rem 0"><a href="/mailbox/${i}">${m.subject}</a> <span class="muted">to ${m.to}</span></li>`)}
          </ul>`,
        { path: '/mailbox' },
      ),
    );
  });

  app.get('/mailbox/:n', (c) => {
    const message = world.mailer.outbox()[Number(c.req.param('n'))];
    if (!message) return c.notFound();
    const link = /https?:\/\/\S+/u.exec(message.text)?.[0];
    return page(
      c,
      200,
      layout(
        message.subject,
        userOf(c),
        html`<p><a href="/mailbox">← Mailbox</a></p>
          <article class="card" aria-labelledby="mail-subject">
            <h1 id="mail-subject">${message.subject}</h1>
            <p class="muted">To: ${message.to}</p>
            <div class="mail">${message.text}</div>
            ${link ? html`<p><a class="button" href="${link}">Open the invite</a></p>` : ''}
          </article>`,
        { path: c.req.path },
      ),
    );
  });

  // The invite landing page.
  app.get('/i/:token', async (c) => {
    const user = userOf(c);
    const token = c.req.param('token');
    const here = `/i/${token}`;
    if (c.req.query('done') === 'accepted' || c.req.query('done') === 'declined') {
      const accepted = c.req.query('done') === 'accepted';
      return page(
        c,
        200,
        layout(
          accepted ? 'Invite accepted' : 'Invite declined',
          user,
          html`<section class="card"><h1>${accepted ? 'You accepted the invite' : 'You declined the invite'}</h1>
            <p class="notice ok" role="status">${accepted ? `Welcome, ${user?.name ?? ''}: the role is yours.` : 'Nobody will be added.'}</p>
            <p><a href="/">Back to the start</a></p></section>`,
          { path: here },
        ),
      );
    }
    const landing = await world.inviteLinks.openInvite({ token });
    if (!landing.ok) return page(c, landing.code === 'INVITE_INVALID' ? 404 : 410, messagePage(landing.code, user));
    const invite = landing.value;
    const code = c.req.query('code');
    return page(
      c,
      200,
      layout(
        'Invite',
        user,
        html`<section class="card" aria-labelledby="invite-title">
          <h1 id="invite-title">${invite.inviter.name ?? 'Someone'} invites you to ${invite.entry.title}</h1>
          <p>as <strong>${invite.role}</strong>, for <strong>${invite.email}</strong>; it ${when(invite.expiresAt)}.</p>
          ${code ? html`<div data-code="${code}">${notice(code)}</div>` : ''}
          ${user === null
            ? html`<p class="notice">Sign in (the switch above) as the person this invite is for, then accept it.</p>`
            : html`<p>Signed in as <strong>${user.name}</strong> (${user.email}${user.emailVerified ? '' : ', not verified'}).</p>
                <p class="row">
                  ${apiForm(`/invites/${token}/accept`, `${here}?done=accepted`, { back: here }, 'Accept the invite')}
                  ${apiForm(`/invites/${token}/decline`, `${here}?done=declined`, { back: here }, 'Decline', { className: 'secondary' })}
                </p>`}
        </section>`,
        { path: here },
      ),
    );
  });

  return app;
}
