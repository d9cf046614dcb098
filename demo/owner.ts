/**
 * The owner's and the moderator's pages: managing guest access and links, and the lobby.
 * Refusals are worded for the owner, with the code in small print. What cannot be taken back
 * — turning guest access off, deleting a link, declining every waiting guest — goes through a
 * confirmation page first, which needs no script.
 */
import type { Context, Hono } from 'hono';
import type { Entry, GuestLinkList } from 'access-links';
import { API, entryOf, formAgain, formValues, isRoom, typeLabel, type DemoKit } from './kit';
import { apiForm, askFirst, badge, BLANK_FORM, confirmPage, done, html, inputField, notice, when, type FormState, type Html } from './pages';
import type { DemoWorld } from './world';

const LINK_FIELDS = ['name', 'useLimit', 'durationDays'] as const;

/** What the page came back from, said on it. */
const DONE: Readonly<Record<string, string>> = {
  made: 'The link is ready: copy it from the list.',
  deleted: 'The link was deleted.',
  off: 'Guest access is off: no link lets anyone in now.',
};

const managePath = (entryId: string) => `/entries/${entryId}`;
const lobbyPath = (entryId: string) => `/entries/${entryId}/lobby`;
/** The HTTP layer's path of an entry, under the API. */
const apiEntry = (entryId: string) => `/entries/${encodeURIComponent(entryId)}`;

export function ownerPages(app: Hono, world: DemoWorld, kit: DemoKit) {
  /** What the page came back with from a button: a refusal (focused: it answers what was just sent), or what was done. */
  const cameBack = (c: Context): Html | string => {
    const code = c.req.query('code');
    if (code) return notice(kit.say(c, code, 'owner'), { focus: true });
    const what = DONE[c.req.query('done') ?? ''];
    return what ? done(what) : '';
  };

  /** The entry and the signed-in actor a page needs, or the page that says why not. */
  const ownerOf = (c: Context, what: string) => {
    const entry = entryOf(c.req.param('entryId'));
    const actor = world.actorOf(c.req.raw);
    if (!entry) return { refused: kit.notFound(c) } as const;
    if (!actor) return { refused: kit.signInFirst(c, what) } as const;
    return { entry, actor } as const;
  };

  /** The "manage guest access" window; the create form as it was sent, after a refusal. */
  async function manage(c: Context, form: FormState, status: number) {
    const found = ownerOf(c, 'manage guest access');
    if ('refused' in found) return found.refused;
    const { entry, actor } = found;
    const list = await world.guestLinks.listGuestLinks({ actor, entryId: entry.id });
    if (!list.ok) return kit.refusal(c, list.code, 'owner', elsewhere(entry, list.code));
    const value = list.value;
    return kit.page(
      c,
      status,
      kit.layout(
        c,
        `Guest access: ${entry.title}`,
        html`<h1>Manage guest access</h1>
          <p class="muted">${entry.title} · ${typeLabel(entry.type)}</p>
          ${cameBack(c)}
          ${value.inactiveReasons.length > 0 && value.enabled
            ? html`<p class="notice bad" role="status">No link works here: ${value.inactiveReasons.map((r) => kit.say(c, r.code, 'owner').text).join(' ')}</p>`
            : ''}
          ${switchSection(entry, value)} ${linksSection(entry, value)} ${createSection(entry, value, form)}`,
        managePath(entry.id),
      ),
    );
  }

  /** Where an owner may go instead when the entry offers no guest links. */
  const elsewhere = (entry: Entry, code: string): Html =>
    html`${code === 'ENTRY_TYPE_UNSUPPORTED' ? html`<a class="button" href="/entries/${entry.id}/invites">Invite people by email</a>` : ''}
      <a class="button secondary" href="/">Back to the entries</a>`;

  const switchSection = (entry: Entry, value: GuestLinkList): Html =>
    html`<section class="card" aria-labelledby="switch-title">
      <h2 id="switch-title">Guest access</h2>
      <p class="switch" id="switch-state">Guest access is <strong>${value.enabled ? 'on' : 'off'}</strong>.</p>
      ${value.enabled
        ? askFirst(`${managePath(entry.id)}/turn-off`, 'Turn guest access off', { className: 'danger' })
        : apiForm(`${apiEntry(entry.id)}/guest-access`, managePath(entry.id), { enabled: 'true' }, 'Turn guest access on', { method: 'PUT' })}
      ${isRoom(entry.type) ? html` <a class="button secondary" href="${lobbyPath(entry.id)}">Open the lobby</a>` : ''}
    </section>`;

  const linksSection = (entry: Entry, value: GuestLinkList): Html =>
    html`<section class="card" aria-labelledby="links-title">
      <h2 id="links-title">Guest links <span class="muted">(${value.links.length} of ${value.cap})</span></h2>
      ${value.links.length === 0
        ? html`<p class="muted">No guest links yet.</p>`
        : html`<table>
            <thead><tr><th scope="col">Name</th><th scope="col">State</th><th scope="col">Uses</th><th scope="col">Expires</th><th scope="col">Link</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
            <tbody>
              ${value.links.map(
                (link, i) => html`<tr data-link-id="${link.id}">
                  <td data-label="Name">${link.name}</td>
                  <td data-label="State">${badge(link.state)}</td>
                  <td data-label="Uses">${link.uses} of ${link.useLimit ?? 'unlimited'}</td>
                  <td data-label="Expires">${when(link.expiresAt)}</td>
                  <td data-label="Link"><span class="url" id="url-${i}">${link.url}</span></td>
                  <td data-label="Actions" class="row">
                    <button type="button" class="secondary" data-copy="${link.url}" aria-describedby="copied-${i}">Copy link</button>
                    <span id="copied-${i}" role="status" class="muted"></span>
                    ${askFirst(`${managePath(entry.id)}/links/${link.id}/delete`, 'Delete', { className: 'danger', label: `Delete ${link.name}` })}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;

  const createSection = (entry: Entry, value: GuestLinkList, form: FormState): Html =>
    html`<section class="card" aria-labelledby="create-title">
      <h2 id="create-title">Create a guest link</h2>
      ${value.canCreate
        ? ''
        : html`<p class="muted" role="status">${value.enabled ? `This entry has all ${value.cap} links it may have.` : 'Turn guest access on to create links.'}</p>`}
      ${notice(form.summary, { focus: form.focus === null })}
      <form method="post" action="${managePath(entry.id)}" aria-labelledby="create-title">
        ${inputField(form, { name: 'name', id: 'link-name', label: 'Name', attributes: html`required maxlength="100" placeholder="Guest speakers"` })}
        ${inputField(form, {
          name: 'useLimit',
          id: 'link-uses',
          label: html`# of clicks <span class="muted">(empty for unlimited)</span>`,
          attributes: html`inputmode="numeric" pattern="[0-9]*"`,
        })}
        ${inputField(form, {
          name: 'durationDays',
          id: 'link-days',
          label: html`Days <span class="muted">(empty for never expiring)</span>`,
          attributes: html`inputmode="numeric" pattern="[0-9]*"`,
        })}
        <p><button type="submit" ${value.canCreate ? '' : 'disabled'}>Create link</button></p>
      </form>
    </section>`;

  app.get('/entries/:entryId', (c) => manage(c, BLANK_FORM, 200));

  // Creating a link: through the HTTP layer; then the list (post, redirect, get), or the form again.
  app.post('/entries/:entryId', async (c) => {
    const values = await formValues(c, LINK_FIELDS);
    const answer = await kit.send(c, `${apiEntry(c.req.param('entryId'))}/guest-links`, values);
    if (answer.ok) return c.redirect(`${managePath(c.req.param('entryId'))}?done=made`, 303);
    return manage(c, formAgain(answer.reasons, values, LINK_FIELDS, (code) => kit.say(c, code, 'owner')), answer.status);
  });

  app.get('/entries/:entryId/turn-off', (c) => {
    const found = ownerOf(c, 'manage guest access');
    if ('refused' in found) return found.refused;
    const here = managePath(found.entry.id);
    return kit.page(
      c,
      200,
      confirmPage(kit.userOf(c), {
        title: `Turn guest access off for ${found.entry.title}?`,
        consequences:
          'Every guest link of this entry stops letting people in at once, and guests who are in are stopped the next time their page loads. The links are kept: turning guest access on again makes those still valid work again.',
        action: apiForm(`${apiEntry(found.entry.id)}/guest-access`, `${here}?done=off`, { enabled: 'false' }, 'Turn guest access off', {
          method: 'PUT',
          className: 'danger',
          back: here,
        }),
        cancel: here,
        path: c.req.path,
      }),
    );
  });

  app.get('/entries/:entryId/links/:linkId/delete', async (c) => {
    const found = ownerOf(c, 'manage guest access');
    if ('refused' in found) return found.refused;
    const here = managePath(found.entry.id);
    const list = await world.guestLinks.listGuestLinks({ actor: found.actor, entryId: found.entry.id });
    const link = list.ok ? list.value.links.find((l) => l.id === c.req.param('linkId')) : undefined;
    const back = html`<a class="button secondary" href="${here}">Back to guest access</a>`;
    if (!link) return kit.refusal(c, list.ok ? 'LINK_NOT_FOUND' : list.code, 'owner', back);
    return kit.page(
      c,
      200,
      confirmPage(kit.userOf(c), {
        title: `Delete the link “${link.name}”?`,
        consequences: 'Deleting is final: nobody can join through this link any more, and guests who came in through it are stopped the next time their page loads.',
        action: apiForm(`${apiEntry(found.entry.id)}/guest-links/${link.id}`, `${here}?done=deleted`, {}, 'Delete the link', { method: 'DELETE', className: 'danger', back: here }),
        cancel: here,
        path: c.req.path,
      }),
    );
  });

  // The moderator's lobby.
  app.get('/entries/:entryId/lobby', async (c) => {
    const found = ownerOf(c, 'moderate the room');
    if ('refused' in found) return found.refused;
    const { entry, actor } = found;
    const [guests, access] = await Promise.all([world.guestLinks.listGuests({ actor, entryId: entry.id }), world.guestLinks.getGuestAccess({ actor, entryId: entry.id })]);
    if (!guests.ok) return kit.refusal(c, guests.code, 'owner', html`<a class="button secondary" href="/">Back to the entries</a>`);
    const locked = access.ok ? access.value.roomLocked : null;
    const waiting = guests.value.items.filter((g) => g.status === 'waiting');
    const here = lobbyPath(entry.id);
    const path = apiEntry(entry.id);
    return kit.page(
      c,
      200,
      kit.layout(
        c,
        `Lobby: ${entry.title}`,
        html`<h1>Lobby: ${entry.title}</h1>
          ${cameBack(c)}
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
              ? html`<div class="row actions">${apiForm(`${path}/guests/admit-all`, here, {}, 'Admit all')} ${askFirst(`${here}/decline-all`, 'Decline all', { className: 'danger' })}</div>`
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
                    <td data-label="Status">${badge(guest.status)}</td>
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
        here,
      ),
    );
  });

  app.get('/entries/:entryId/lobby/decline-all', async (c) => {
    const found = ownerOf(c, 'moderate the room');
    if ('refused' in found) return found.refused;
    const { entry, actor } = found;
    const here = lobbyPath(entry.id);
    const waiting = await world.guestLinks.listGuests({ actor, entryId: entry.id, status: 'waiting', limit: 1000 });
    if (!waiting.ok) return kit.refusal(c, waiting.code, 'owner', html`<a class="button secondary" href="${here}">Back to the lobby</a>`);
    const count = waiting.value.items.length;
    if (count === 0) return c.redirect(here, 303);
    return kit.page(
      c,
      200,
      confirmPage(kit.userOf(c), {
        title: count === 1 ? `Decline the guest waiting for ${entry.title}?` : `Decline all ${count} guests waiting for ${entry.title}?`,
        consequences: 'They are not let in, and they cannot come back: not with the same address, nor from the same browser.',
        action: apiForm(`${apiEntry(entry.id)}/guests/decline-all`, here, {}, 'Decline all', { className: 'danger' }),
        cancel: here,
        path: c.req.path,
      }),
    );
  });
}
