/**
 * Invites: the owner's form, its per-address answers and the list; the invitee's landing page.
 * The form calls the library itself (its answers are per address). After sending, the browser
 * is sent on to the results (post, redirect, get), so a reload shows them again without
 * sending anything again; the demo keeps recent results in memory for that page.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { rolesFor, type InviteOutcome } from 'access-links/invites';
import { entryOf, formAgain, formValues, statusOf, type ApiReason, type DemoKit } from './kit';
import { apiForm, badge, BLANK_FORM, html, messagePage, notice, selectField, textareaField, when, type FormState, type Html } from './pages';
import type { DemoWorld } from './world';

const INVITE_FIELDS = ['emails', 'role'] as const;

/** Addresses as typed: one per line, or separated by commas or semicolons. Spaces belong to an address: "not an address" is one refusal, not three. */
export const addressesOf = (text: string): string[] =>
  text
    .split(/[,;\r\n]+/u)
    .map((address) => address.trim())
    .filter((address) => address !== '');

/** The answers of recent batches, for the page the browser is sent to after sending: only for who sent them, on their entry. */
function createBatches(kept = 100) {
  const batches = new Map<string, { userId: string; entryId: string; outcomes: readonly InviteOutcome[] }>();
  return {
    keep(userId: string, entryId: string, outcomes: readonly InviteOutcome[]): string {
      const id = randomUUID();
      batches.set(id, { userId, entryId, outcomes });
      if (batches.size > kept) batches.delete(batches.keys().next().value!);
      return id;
    },
    find(id: string | undefined, userId: string, entryId: string): readonly InviteOutcome[] | null {
      const batch = id === undefined ? undefined : batches.get(id);
      return batch && batch.userId === userId && batch.entryId === entryId ? batch.outcomes : null;
    },
  };
}

const invitesPath = (entryId: string) => `/entries/${entryId}/invites`;

export function invitePages(app: Hono, world: DemoWorld, kit: DemoKit) {
  const batches = createBatches();

  /** One address's answer, in words. */
  const outcomeItem = (c: Context, outcome: InviteOutcome): Html => {
    const invited = outcome.status === 'invited' || outcome.status === 're-invited';
    const refused = outcome.status === 'refused' ? kit.say(c, outcome.reason.code, 'owner') : null;
    return html`<li><strong>${String(outcome.input)}</strong>: ${badge(outcome.status)}
      ${invited ? html` · delivery ${badge(outcome.delivery)}` : ''}
      ${refused ? html` · <span lang="${refused.lang}">${refused.text} ${refused.next}</span>` : ''}
      ${outcome.status === 'error' ? ' · it could not be stored; try again' : ''}</li>`;
  };

  const results = (c: Context, outcomes: readonly InviteOutcome[] | null): Html | string =>
    outcomes === null
      ? ''
      : html`<section class="card" aria-labelledby="results-title">
          <h2 id="results-title" tabindex="-1" autofocus>Results</h2>
          <ul>
            ${outcomes.map((outcome) => outcomeItem(c, outcome))}
          </ul>
          <p><a href="/mailbox">Open the mailbox</a></p>
        </section>`;

  /** The form, the last batch's answers, and the list; the form as it was sent, after a refusal. */
  async function invitesPage(c: Context, form: FormState, status: number) {
    const entry = entryOf(c.req.param('entryId'));
    const actor = world.actorOf(c.req.raw);
    if (!entry) return kit.notFound(c);
    if (!actor) return kit.signInFirst(c, 'invite people');
    const here = invitesPath(entry.id);
    const list = await world.inviteLinks.listInvites({ actor, entryId: entry.id });
    const code = c.req.query('code');
    return kit.page(
      c,
      status,
      kit.layout(
        c,
        `Invites: ${entry.title}`,
        html`<h1>Invite people to ${entry.title}</h1>
          ${code ? notice(kit.say(c, code, 'owner'), { focus: true }) : ''}
          ${results(c, batches.find(c.req.query('batch'), actor.userId, entry.id))}
          <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">Invite by email</h2>
            ${notice(form.summary, { focus: form.focus === null })}
            <form method="post" action="${here}">
              ${textareaField(form, {
                name: 'emails',
                id: 'invite-emails',
                label: html`Email addresses <span class="muted">(one per line, or separated by commas or semicolons)</span>`,
                attributes: html`required`,
              })}
              ${selectField(form, { name: 'role', id: 'invite-role', label: 'Role', options: rolesFor(entry.type, world.inviteLinks.rules) })}
              <p><button type="submit">Send invites</button></p>
            </form>
          </section>
          <section class="card" aria-labelledby="invited-title">
            <h2 id="invited-title">Who is invited</h2>
            ${!list.ok
              ? notice(kit.say(c, list.code, 'owner'))
              : list.value.items.length === 0
                ? html`<p class="muted">Nobody yet.</p>`
                : html`<table>
                    <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Delivery</th><th scope="col">Expires</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
                    <tbody>
                      ${list.value.items.map(
                        (invite) => html`<tr data-invite-id="${invite.id}">
                          <td data-label="Email">${invite.email}</td>
                          <td data-label="Role">${invite.role}</td>
                          <td data-label="State">${badge(invite.state)}</td>
                          <td data-label="Delivery">${badge(invite.deliveryStatus)}</td>
                          <td data-label="Expires">${when(invite.expiresAt)}</td>
                          <td data-label="Actions" class="row">
                            ${invite.state === 'pending'
                              ? html`${apiForm(`${here}/${invite.id}/resend`, here, {}, 'Resend', { className: 'secondary', label: `Resend to ${invite.email}` })}
                                ${apiForm(`${here}/${invite.id}/revoke`, here, {}, 'Revoke', { className: 'danger', label: `Revoke ${invite.email}` })}`
                              : ''}
                          </td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>`}
          </section>`,
        here,
      ),
    );
  }

  app.get('/entries/:entryId/invites', (c) => invitesPage(c, BLANK_FORM, 200));

  app.post('/entries/:entryId/invites', async (c) => {
    const actor = world.actorOf(c.req.raw);
    if (!actor) return kit.signInFirst(c, 'invite people');
    const entryId = c.req.param('entryId');
    const values = await formValues(c, INVITE_FIELDS);
    const emails = addressesOf(values['emails'] ?? '');
    const again = (reasons: readonly ApiReason[]) =>
      formAgain(reasons, values, INVITE_FIELDS, (code) => kit.say(c, code, 'owner'));
    // Nothing to send is the form's own refusal: the library answers an empty batch with no outcome.
    if (emails.length === 0) return invitesPage(c, again([{ code: 'INVALID_EMAIL_LIST', path: ['emails'] }]), 400);
    const sent = await world.inviteLinks.createInvites({ actor, entryId, emails, role: values['role'] ?? '' });
    if (!sent.ok) return invitesPage(c, again(sent.reasons), statusOf(sent.code));
    return c.redirect(`${invitesPath(entryId)}?batch=${batches.keep(actor.userId, entryId, sent.value)}`, 303);
  });

  // The invitee's landing page.
  app.get('/i/:token', async (c) => {
    const user = kit.userOf(c);
    const token = c.req.param('token');
    const here = `/i/${token}`;
    const answered = c.req.query('done');
    if (answered === 'accepted' || answered === 'declined') {
      const accepted = answered === 'accepted';
      const message = accepted
        ? { text: 'You accepted the invite', next: user ? `Welcome, ${user.name}: the role is yours.` : 'The role is yours.' }
        : { text: 'You declined the invite', next: 'Nobody will be added.' };
      return kit.page(c, 200, messagePage(user, message, { actions: html`<a href="/">Back to the start</a>`, path: here }));
    }
    const landing = await world.inviteLinks.openInvite({ token });
    if (!landing.ok) return kit.refusal(c, landing.code, 'guest');
    const invite = landing.value;
    const code = c.req.query('code');
    return kit.page(
      c,
      200,
      kit.layout(
        c,
        'Invite',
        html`<section class="card" aria-labelledby="invite-title">
          <h1 id="invite-title">${invite.inviter.name ?? 'Someone'} invites you to ${invite.entry.title}</h1>
          <p>as <strong>${invite.role}</strong>, for <strong>${invite.email}</strong>; it ${when(invite.expiresAt)}.</p>
          ${code ? notice(kit.say(c, code, 'guest'), { focus: true }) : ''}
          ${user === null
            ? html`<p class="notice">Sign in (the switch above) as the person this invite is for, then accept it.</p>`
            : html`<p>Signed in as <strong>${user.name}</strong> (${user.email}${user.emailVerified ? '' : ', not verified'}).</p>
                <div class="row actions">
                  ${apiForm(`/invites/${token}/accept`, `${here}?done=accepted`, {}, 'Accept the invite', { back: here })}
                  ${apiForm(`/invites/${token}/decline`, `${here}?done=declined`, {}, 'Decline', { className: 'secondary', back: here })}
                </div>`}
        </section>`,
        here,
      ),
    );
  });
}
