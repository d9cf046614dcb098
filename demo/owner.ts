/**
 * The owner's and the moderator's pages: managing guest access and links, and the lobby.
 * Refusals are worded for the owner, never as a code. What cannot be taken back
 * — turning guest access off, deleting a link, declining every waiting guest — goes through a
 * confirmation page first, which needs no script.
 */
import type { Context, Hono } from 'hono';
import type { Entry, GuestLinkList, GuestSessionView, LinkActivity } from 'access-links';
import type { EntryCapabilities } from 'access-links/capabilities';
import { API, entryOf, formAgain, formValues, typeLabel, type DemoKit } from './kit';
import { ago, apiForm, askFirst, badge, confirmPage, done, html, inputField, notice, timeOf, when, type FormState, type Html } from './pages';
import type { DemoWorld } from './world';

const LINK_FIELDS = ['name', 'useLimit', 'durationDays', 'allowedDomains', 'passcode', 'verifyEmail'] as const;

/** What the page came back from, said on it. */
const DONE: Readonly<Record<string, string>> = {
  made: 'The link is ready: copy it from the list.',
  deleted: 'The link was deleted.',
  passcode: 'The link’s passcode was changed.',
  'no-passcode': 'The link no longer asks for a passcode.',
  off: 'Guest access is off: no link lets anyone in now.',
};

/** A count with its noun: "1 open", "3 opens". */
const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const managePath = (entryId: string) => `/entries/${encodeURIComponent(entryId)}`;
const lobbyPath = (entryId: string) => `/entries/${entryId}/lobby`;
/** The HTTP layer's path of an entry, under the API. */
const apiEntry = (entryId: string) => `/entries/${encodeURIComponent(entryId)}`;

export function ownerPages(app: Hono, world: DemoWorld, kit: DemoKit) {
  /** What the page came back with from a button: a refusal (focused: it answers what was just sent), or what was done. */
  const cameBack = (c: Context): Html | string => {
    const code = kit.said(c, 'code');
    if (code) return notice(kit.say(c, code, 'owner'), { focus: true });
    const what = DONE[kit.said(c, 'done') ?? ''];
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
    const [list, can] = await Promise.all([world.guestLinks.listGuestLinks({ actor, entryId: entry.id }), kit.can(c, entry.id)]);
    if (!list.ok) return kit.refusal(c, list.code, 'owner', elsewhere(entry, list.code));
    if (!can) return kit.refusal(c, 'SERVICE_UNAVAILABLE', 'owner');
    const value = list.value;
    // Each link's last two weeks (A1), for its chart.
    const activity = await Promise.all(value.links.map((link) => world.guestLinks.linkActivity({ actor, entryId: entry.id, linkId: link.id })));
    const now = world.clock.now();
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
          ${switchSection(c, entry, value, can)} ${linksSection(entry, value, can, now)}
          ${activitySection(c, value, activity.flatMap((answer) => (answer.ok ? [answer.value] : [])))} ${deliverySection(entry)}
          ${createSection(c, entry, can, form)}`,
        managePath(entry.id),
      ),
    );
  }

  const notOffered = kit.notOffered;

  /** Where an owner may go instead when the entry offers no guest links. */
  const elsewhere = (entry: Entry, code: string): Html =>
    html`${code === 'ENTRY_TYPE_UNSUPPORTED' ? html`<a class="button" href="/entries/${entry.id}/invites">Invite people by email</a>` : ''}
      <a class="button secondary" href="/">Back to the entries</a>`;

  const switchSection = (c: Context, entry: Entry, value: GuestLinkList, can: EntryCapabilities): Html => {
    const turn = value.enabled ? can.guestLinks.disableGuestAccess : can.guestLinks.enableGuestAccess;
    const control = value.enabled
      ? askFirst(`${managePath(entry.id)}/turn-off`, 'Turn guest access off', { className: 'danger' })
      : apiForm(`${apiEntry(entry.id)}/guest-access`, managePath(entry.id), { enabled: 'true' }, 'Turn guest access on', { method: 'PUT' });
    return html`<section class="card" aria-labelledby="switch-title">
      <h2 id="switch-title">Guest access</h2>
      <p class="switch" id="switch-state">Guest access is <strong>${value.enabled ? 'on' : 'off'}</strong>.</p>
      ${turn.allowed ? control : notOffered(c, turn)}
      ${can.lobby.setRoomLock.allowed ? html` <a class="button secondary" href="${lobbyPath(entry.id)}">Open the lobby</a>` : ''}
    </section>`;
  };

  const linksSection = (entry: Entry, value: GuestLinkList, can: EntryCapabilities, now: number): Html =>
    html`<section class="card" aria-labelledby="links-title">
      <h2 id="links-title">Guest links <span class="muted">(${value.links.length} of ${value.cap})</span></h2>
      ${value.links.length === 0
        ? html`<p class="muted">No guest links yet.</p>`
        : html`<table>
            <thead><tr><th scope="col">Name</th><th scope="col">State</th><th scope="col">Uses</th><th scope="col">Expires</th><th scope="col">Link</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
            <tbody>
              ${value.links.map(
                (link, i) => html`<tr data-link-id="${link.id}">
                  <td data-label="Name">${link.name}${link.allowedDomains.length > 0 ? html`<br /><span class="muted">only addresses at ${link.allowedDomains.join(', ')}</span>` : ''}${link.hasPasscode ? html`<br /><span class="muted">asks for a passcode</span>` : ''}${link.verifyEmail ? html`<br /><span class="muted">checks addresses with a code</span>` : ''}</td>
                  <td data-label="State">${badge(link.state)}</td>
                  <td data-label="Uses">${link.useLimit === null ? `${link.uses}, no limit` : `${link.uses} of ${link.useLimit}`}<br /><span class="muted">${counted(link.activity.opens, 'open', 'opens')} in ${world.guestLinks.rules.activityRetentionDays} days</span></td>
                  <td data-label="Expires">${when(link.expiresAt, now)}</td>
                  <td data-label="Link"><span class="url" id="url-${i}">${link.url}</span></td>
                  <td data-label="Actions"><div class="row">
                    ${link.state === 'expired' || link.state === 'used_up'
                      ? ''
                      : html`<button type="button" class="secondary" data-copy="${link.url}" aria-describedby="copied-${i}" hidden>Copy link</button>
                          <span id="copied-${i}" role="status" class="muted"></span>`}
                    ${can.guestLinks.setGuestLinkPasscode.allowed && link.state !== 'expired'
                      ? html`<form class="inline" method="post" action="${managePath(entry.id)}/links/${link.id}/passcode">
                          <input id="passcode-${i}" name="passcode" aria-label="New passcode for ${link.name}" autocomplete="off" minlength="6" maxlength="128" placeholder="${link.hasPasscode ? 'New passcode, or empty for none' : 'Passcode'}" />
                          <button type="submit" class="secondary">${link.hasPasscode ? 'Change passcode' : 'Set passcode'}</button>
                        </form>`
                      : ''}
                    ${can.guestLinks.deleteGuestLink.allowed
                      ? askFirst(`${managePath(entry.id)}/links/${link.id}/delete`, 'Delete', { className: 'danger', label: `Delete ${link.name}` })
                      : ''}
                  </div></td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;

  /**
   * Each link's last 14 days as a small bar chart drawn on the server (A1): opens, joins and
   * refusals side by side per day, with its numbers in a table for whoever cannot see the bars.
   */
  const activitySection = (c: Context, value: GuestLinkList, series: readonly LinkActivity[]): Html | string =>
    series.length === 0
      ? ''
      : html`<section class="card" aria-labelledby="activity-title">
          <h2 id="activity-title">What happened to each link <span class="muted">(the last two weeks)</span></h2>
          ${series.map((one, i) => activityChart(c, value.links.find((link) => link.id === one.linkId)?.name ?? '', one, i))}
        </section>`;

  const activityChart = (c: Context, name: string, one: LinkActivity, i: number): Html => {
    const { opens, joins, refusals } = one.totals;
    const summary = `${name}: ${counted(opens, 'open', 'opens')}, ${counted(joins, 'guest came in', 'guests came in')}, ${counted(refusals, 'turned away', 'turned away')}`;
    const top = Math.max(1, ...one.days.map((day) => Math.max(day.opens, day.joins, day.refusals)));
    const bar = (n: number, day: number, k: number, kind: string) => {
      const height = Math.round((n / top) * 56);
      return html`<rect class="${kind}" x="${day * 20 + k * 6}" y="${60 - height}" width="5" height="${height}" />`;
    };
    return html`<figure class="chart" data-activity-link="${one.linkId}">
      <figcaption id="chart-${i}">${summary}</figcaption>
      <svg role="img" aria-labelledby="chart-${i}" viewBox="0 0 280 72" width="420" height="108">
        ${one.days.map((day, d) => html`${bar(day.opens, d, 0, 'opens')}${bar(day.joins, d, 1, 'joins')}${bar(day.refusals, d, 2, 'refusals')}`)}
        <line x1="0" y1="60.5" x2="280" y2="60.5" class="axis" />
        <text x="0" y="71" class="tick">${one.days[0]!.day.slice(5)}</text>
        <text x="280" y="71" text-anchor="end" class="tick">${one.days.at(-1)!.day.slice(5)}</text>
      </svg>
      <p class="legend muted"><span class="key opens"></span> opened <span class="key joins"></span> came in <span class="key refusals"></span> turned away</p>
      <details>
        <summary>The numbers, day by day</summary>
        <table>
          <thead><tr><th scope="col">Day (UTC)</th><th scope="col">Opened</th><th scope="col">Came in</th><th scope="col">Turned away</th></tr></thead>
          <tbody>
            ${one.days.map(
              (day) => html`<tr>
                <td data-label="Day">${day.day}</td><td data-label="Opened">${day.opens}</td><td data-label="Came in">${day.joins}</td>
                <td data-label="Turned away">${day.refusals}${Object.entries(day.refusedBy).map(([code, n]) => html`<br /><span class="muted">${n} × ${kit.say(c, code, 'owner').text}</span>`)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </details>
    </figure>`;
  };

  /**
   * The latest webhook deliveries of the entry's events: each attempt of the dispatcher, with
   * what the receiver answered. The events were written with their changes; none is lost if a
   * delivery fails, it is tried again.
   */
  const deliverySection = (entry: Entry): Html => {
    const attempts = world.hooks.deliveries.filter((delivery) => delivery.entryId === entry.id).slice(0, 8);
    return html`<section class="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Webhook deliveries <span class="muted">(the latest)</span></h2>
      <p class="muted">Each change is sent, signed, to <code>${world.hooks.url}</code>, and tried again until it is taken.</p>
      ${attempts.length === 0
        ? html`<p>Nothing sent yet for this entry.</p>`
        : html`<table data-deliveries>
            <thead><tr><th scope="col">Event</th><th scope="col">Outcome</th><th scope="col">Answer</th><th scope="col">Took</th><th scope="col">When</th></tr></thead>
            <tbody>
              ${attempts.map(
                (delivery) => html`<tr data-event-id="${delivery.eventId}">
                  <td data-label="Event"><code>${delivery.type}</code></td>
                  <td data-label="Outcome">${delivery.outcome === 'delivered' ? 'delivered' : html`<strong>${delivery.outcome.replace('_', ' ')}</strong>, will be tried again`}</td>
                  <td data-label="Answer">${delivery.status === null ? 'none' : `HTTP ${delivery.status}`}</td>
                  <td data-label="Took">${Math.round(delivery.durationMs)} ms</td>
                  <td data-label="When">${timeOf(delivery.at, Date.now())}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  };

  /** The create form when a link may be made now; else why not, in words, instead of a button that would be refused. */
  const createSection = (c: Context, entry: Entry, can: EntryCapabilities, form: FormState): Html =>
    html`<section class="card" aria-labelledby="create-title">
      <h2 id="create-title">Create a guest link</h2>
      ${notice(form.summary, { focus: form.focus === null })}
      ${can.guestLinks.createGuestLink.allowed
        ? html`<form method="post" action="${managePath(entry.id)}" aria-labelledby="create-title">
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
            ${inputField(form, {
              name: 'allowedDomains',
              id: 'link-domains',
              label: html`Only for addresses at <span class="muted">(domains such as example.org, separated by commas; empty for anyone)</span>`,
              attributes: html`autocomplete="off"`,
            })}
            ${inputField(form, {
              name: 'passcode',
              id: 'link-passcode',
              label: html`Passcode <span class="muted">(6 to 128 characters guests must type; empty for none)</span>`,
              attributes: html`autocomplete="off" minlength="6" maxlength="128"`,
            })}
            <p class="check">
              <input type="checkbox" id="link-verify" name="verifyEmail" value="on"${form.values['verifyEmail'] === 'on' ? html` checked` : ''} />
              <label for="link-verify">Check each guest’s email address with a code mailed to it</label>
            </p>
            <p><button type="submit">Create link</button></p>
          </form>`
        : notOffered(c, can.guestLinks.createGuestLink, 'create-unavailable')}
    </section>`;

  app.get('/entries/:entryId', (c) => manage(c, kit.formSaid(c, LINK_FIELDS, 'owner'), 200));

  // Creating a link: through the HTTP layer; then the list (post, redirect, get), or the form again.
  app.post('/entries/:entryId', async (c) => {
    const values = await formValues(c, LINK_FIELDS);
    const answer = await kit.send(c, `${apiEntry(c.req.param('entryId'))}/guest-links`, values);
    const here = managePath(c.req.param('entryId'));
    if (answer.ok) return kit.sayOnce(c, here, { done: 'made' });
    // The passcode is never kept to fill the form again.
    const kept = { ...values, passcode: '' };
    return kit.formRefused(c, here, answer.reasons, kept, () => manage(c, formAgain(answer.reasons, kept, LINK_FIELDS, (code) => kit.say(c, code, 'owner')), answer.status));
  });

  // A link's passcode set, changed or removed (empty): through the HTTP layer's PUT.
  app.post('/entries/:entryId/links/:linkId/passcode', async (c) => {
    const { passcode = '' } = await formValues(c, ['passcode']);
    const answer = await kit.send(c, `${apiEntry(c.req.param('entryId'))}/guest-links/${encodeURIComponent(c.req.param('linkId'))}/passcode`, { _method: 'PUT', passcode });
    const here = managePath(c.req.param('entryId'));
    if (answer.ok) return kit.sayOnce(c, here, { done: passcode.trim() === '' ? 'no-passcode' : 'passcode' });
    return kit.sayOnce(c, here, { code: answer.code });
  });

  app.get('/entries/:entryId/turn-off', (c) => {
    const found = ownerOf(c, 'manage guest access');
    if ('refused' in found) return found.refused;
    const here = managePath(found.entry.id);
    return kit.page(
      c,
      200,
      confirmPage(kit.viewer(c), {
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
      confirmPage(kit.viewer(c), {
        title: `Delete the link “${link.name}”?`,
        consequences: 'Deleting is final: nobody can join through this link any more, and guests who came in through it are stopped the next time their page loads.',
        action: apiForm(`${apiEntry(found.entry.id)}/guest-links/${link.id}`, `${here}?done=deleted`, {}, 'Delete the link', { method: 'DELETE', className: 'danger', back: here }),
        cancel: here,
        path: c.req.path,
      }),
    );
  });

  /** What a moderator may do with one guest, by where they stand; nothing when the lobby cannot be moderated here. */
  const guestActions = (guest: GuestSessionView, path: string, here: string): Html | string => {
    const admit = apiForm(`${path}/guests/${guest.id}/admit`, here, {}, 'Admit', { label: `Admit ${guest.guestName}` });
    const decline = (word: string) => apiForm(`${path}/guests/${guest.id}/decline`, here, {}, word, { className: 'danger', label: `${word} ${guest.guestName}` });
    if (guest.status === 'waiting') return html`${admit} ${decline('Decline')}`;
    if (guest.status === 'admitted') return decline('Remove');
    if (guest.status === 'left') return html`<span class="muted">Gone; coming back through the link is a new join.</span>`;
    return html`${admit} <span class="muted">Admitting lets them back in: their browser gets in at its next check.</span>`;
  };

  /** When a guest joined and, once a moderator decided, when; in words. */
  const guestTimes = (guest: GuestSessionView, now: number): Html => {
    const decided = guest.decidedAt;
    return html`joined ${ago(guest.joinedAt, now)}${decided === null ? '' : html`<br />${guest.status} ${ago(decided, now)}`}`;
  };

  /** One list of the lobby: the guests who stand in one place, with what may be done with each. */
  const guestSection = (
    group: { readonly id: string; readonly title: string; readonly empty: string; readonly extra?: Html | string },
    guests: readonly GuestSessionView[],
    actions: ((guest: GuestSessionView) => Html | string) | null,
    now: number,
  ): Html =>
    html`<section class="card" aria-labelledby="${group.id}-title" data-group="${group.id}">
      <h2 id="${group.id}-title">${group.title} <span class="muted">(${guests.length})</span></h2>
      ${guests.length === 0
        ? html`<p class="muted">${group.empty}</p>`
        : html`${group.extra ?? ''}<table>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Link</th><th scope="col">Status</th><th scope="col">When</th>${actions ? html`<th scope="col"><span class="muted">Actions</span></th>` : ''}</tr></thead>
            <tbody>
              ${guests.map(
                (guest) => html`<tr data-session-id="${guest.id}">
                  <td data-label="Name">${guest.guestName}</td>
                  <td data-label="Email">${guest.guestEmailAscii}${guest.guestEmailNonAscii ? html` <span class="badge refused" title="The address has characters outside ASCII">look-alike?</span>` : ''}${guest.verified ? html` <span class="badge admitted" title="The guest typed a code mailed to this address">verified</span>` : ''}</td>
                  <td data-label="Link">${guest.linkName}</td>
                  <td data-label="Status">${badge(guest.status)}</td>
                  <td data-label="When">${guestTimes(guest, now)}</td>
                  ${actions ? html`<td data-label="Actions"><div class="row">${actions(guest)}</div></td>` : ''}
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;

  /** Admit all and decline all, for the waiting list. */
  const everyone = (can: EntryCapabilities, path: string, here: string): Html =>
    html`<div class="row actions">
      ${can.lobby.admitAllGuests.allowed ? apiForm(`${path}/guests/admit-all`, here, {}, 'Admit all') : ''}
      ${can.lobby.declineAllGuests.allowed ? askFirst(`${here}/decline-all`, 'Decline all', { className: 'danger' }) : ''}
    </div>`;

  /** The lock of a room's waiting room, when it may be locked here. */
  const lockSection = (c: Context, can: EntryCapabilities, locked: boolean | null, path: string, here: string): Html =>
    html`<section class="card" aria-labelledby="lock-title">
      <h2 id="lock-title">${can.lobby.setRoomLock.allowed ? 'Waiting room' : 'How guests come in'}</h2>
      ${can.lobby.setRoomLock.allowed
        ? html`${locked === null
              ? ''
              : html`<p id="lock-state">The room is <strong>${locked ? 'locked' : 'open'}</strong>: ${locked ? 'new guests wait here until you admit them.' : 'new guests come straight in.'}</p>`}
            ${apiForm(`${path}/room-lock`, here, { locked: String(!locked) }, locked ? 'Unlock the room' : 'Lock the room', { method: 'PUT' })}`
        : notOffered(c, can.lobby.setRoomLock)}
      ${can.guestLinks.createGuestLink.allowed ? html`<p><a class="button secondary" href="${managePath(can.entryId)}#create-title">New guest link</a></p>` : ''}
      <noscript><a class="button secondary" href="${here}">Refresh</a></noscript>
    </section>`;

  // The moderator's lobby: who waits, who is in, who was declined; on an entry without a waiting room, who joined.
  app.get('/entries/:entryId/lobby', async (c) => {
    const found = ownerOf(c, 'moderate the room');
    if ('refused' in found) return found.refused;
    const { entry, actor } = found;
    const [guests, access, can] = await Promise.all([
      world.guestLinks.listGuests({ actor, entryId: entry.id, limit: 100 }),
      world.guestLinks.getGuestAccess({ actor, entryId: entry.id }),
      kit.can(c, entry.id),
    ]);
    if (!guests.ok) return kit.refusal(c, guests.code, 'owner', html`<a class="button secondary" href="/">Back to the entries</a>`);
    if (!can) return kit.refusal(c, 'SERVICE_UNAVAILABLE', 'owner');
    const now = world.clock.now();
    const here = lobbyPath(entry.id);
    const path = apiEntry(entry.id);
    const moderated = can.lobby.admitGuest.allowed;
    const standing = (status: string) => guests.value.items.filter((g) => g.status === status);
    const actions = moderated ? (guest: GuestSessionView) => guestActions(guest, path, here) : null;
    const title = can.lobby.setRoomLock.allowed ? `Lobby: ${entry.title}` : `Guests who joined: ${entry.title}`;
    return kit.page(
      c,
      200,
      kit.layout(
        c,
        title,
        html`<h1>${title}</h1>
          ${cameBack(c)}
          <p id="lobby-status" class="muted" role="status"></p>
          <div data-lobby-events="${API}${path}/guests/events">
          ${lockSection(c, can, access.ok ? access.value.roomLocked : null, path, here)}
          ${moderated ? guestSection({ id: 'waiting', title: 'Waiting', empty: 'Nobody is waiting.', extra: everyone(can, path, here) }, standing('waiting'), actions, now) : ''}
          ${guestSection({ id: 'admitted', title: moderated ? 'Admitted' : 'Joined', empty: 'Nobody is in.' }, standing('admitted'), actions, now)}
          ${moderated
            ? guestSection(
                { id: 'declined', title: 'Declined', empty: 'Nobody was declined.', extra: html`<p class="muted">A declined guest's browser keeps its visit: admitting them after all lets that browser in again.</p>` },
                standing('declined'),
                actions,
                now,
              )
            : ''}
          ${guestSection({ id: 'left', title: 'Left', empty: 'Nobody has left.' }, standing('left'), actions, now)}
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
      confirmPage(kit.viewer(c), {
        title: count === 1 ? `Decline the guest waiting for ${entry.title}?` : `Decline all ${count} guests waiting for ${entry.title}?`,
        consequences:
          'They are not let in, and they cannot join again: not with the same address, nor from the same browser. They move to the Declined list, where admitting one after all lets their browser in at its next check.',
        action: apiForm(`${apiEntry(entry.id)}/guests/decline-all`, here, {}, 'Decline all', { className: 'danger' }),
        cancel: here,
        path: c.req.path,
      }),
    );
  });
}
