/**
 * Invites: the owner's form, its per-address answers and the list (with a role change and a
 * resend per pending invite, each offered only when the capability list allows it, and a resend
 * only once the library's throttle lets it send); the invitee's landing page, their own list
 * ("Your invitations"), and the entry once a role is theirs. The form calls the library itself
 * (its answers are per address). After sending, the browser is sent on to the results (post,
 * redirect, get), so a reload shows them again without sending anything again; the demo keeps
 * recent results in memory for that page.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { InviteActions } from 'access-links/capabilities';
import type { InviteOutcome, InviteView } from 'access-links/invites';
import { entryOf, formAgain, formValues, statusOf, typeLabel, type ApiReason, type DemoKit } from './kit';
import { apiForm, askFirst, badge, confirmPage, done, html, messagePage, notice, raw, selectField, textareaField, timeOf, when, type FormState, type Html } from './pages';
import type { DemoUser, DemoWorld } from './world';

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

const invitesPath = (entryId: string) => `/entries/${encodeURIComponent(entryId)}/invites`;

export function invitePages(app: Hono, world: DemoWorld, kit: DemoKit) {
  const batches = createBatches();

  /** When an invite's email went out, and when it may go again: "Sent at 14:04; you can resend from 14:05". */
  const deliveryWords = (invite: InviteView, now: number): string => {
    const sent = invite.lastSentAt === null ? 'Not sent yet' : `Sent at ${timeOf(invite.lastSentAt, now)}`;
    return invite.resendableAt !== null && invite.resendableAt > now ? `${sent}; you can resend from ${timeOf(invite.resendableAt, now)}` : sent;
  };

  /** One address's answer, in words. */
  const outcomeItem = (c: Context, outcome: InviteOutcome, now: number): Html => {
    const invited = outcome.status === 'invited' || outcome.status === 're-invited';
    const refused = outcome.status === 'refused' ? kit.say(c, outcome.reason.code, 'owner') : null;
    const throttled = invited && outcome.delivery === 'throttled' && outcome.invite.resendableAt !== null;
    return html`<li><strong>${String(outcome.input)}</strong>: ${badge(outcome.status)}
      ${invited && !throttled ? html` · delivery ${badge(outcome.delivery)}` : ''}
      ${throttled ? html` · the new role is saved; the email with it can go from ${timeOf(outcome.invite.resendableAt!, now)}` : ''}
      ${refused ? html` · <span lang="${refused.lang}">${refused.text} ${refused.next}</span>` : ''}
      ${outcome.status === 'error' ? ' · it could not be stored; try again' : ''}</li>`;
  };

  const results = (c: Context, outcomes: readonly InviteOutcome[] | null, now: number): Html | string =>
    outcomes === null
      ? ''
      : html`<section class="card" aria-labelledby="results-title">
          <h2 id="results-title" tabindex="-1" autofocus>Results</h2>
          <ul>
            ${outcomes.map((outcome) => outcomeItem(c, outcome, now))}
          </ul>
          <p><a href="/mailbox">Open the mailbox</a></p>
        </section>`;

  /** The roles the signed-in person may grant on the entry, lowest first. */
  const grantable = (actions: InviteActions): string[] => actions.roles.filter((grant) => grant.allowed).map((grant) => grant.role);

  /** A pending invite's role, with a control to change it when that is allowed. */
  const roleCell = (entryId: string, invite: InviteView, actions: InviteActions): Html | string => {
    const roles = grantable(actions);
    if (invite.state !== 'pending' || !actions.changeInviteRole.allowed || roles.length < 2) return invite.role;
    return html`<form class="row" method="post" action="${invitesPath(entryId)}/${invite.id}/role">
      <select name="role" aria-label="Role for ${invite.email}" style="width:auto">
        ${roles.map((role) => html`<option${role === invite.role ? raw(' selected') : ''}>${role}</option>`)}
      </select>
      <button type="submit" class="secondary" aria-label="Change role for ${invite.email}">Change role</button>
    </form>`;
  };

  /** Resend and revoke, for a pending invite: resend only once the throttle lets it send. */
  const inviteActions = (here: string, invite: InviteView, actions: InviteActions, now: number): Html | string => {
    if (invite.state !== 'pending') return '';
    const resendable = actions.resendInvite.allowed && (invite.resendableAt === null || invite.resendableAt <= now);
    return html`${resendable ? apiForm(`${here}/${invite.id}/resend`, here, {}, 'Resend', { className: 'secondary', label: `Resend to ${invite.email}` }) : ''}
      ${actions.revokeInvite.allowed ? askFirst(`${here}/${invite.id}/revoke`, 'Revoke', { className: 'danger', label: `Revoke ${invite.email}` }) : ''}`;
  };

  /** Expiry matters only while an invite waits for an answer. */
  const expiryCell = (invite: InviteView, now: number): string => (invite.state === 'pending' || invite.state === 'expired' ? when(invite.expiresAt, now) : '—');

  const inviteTable = (entryId: string, invites: readonly InviteView[], actions: InviteActions, now: number): Html => {
    const here = invitesPath(entryId);
    return html`<table>
      <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Delivery</th><th scope="col">Expires</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
      <tbody>
        ${invites.map(
          (invite) => html`<tr data-invite-id="${invite.id}">
            <td data-label="Email">${invite.email}</td>
            <td data-label="Role">${roleCell(entryId, invite, actions)}</td>
            <td data-label="State">${badge(invite.state)}</td>
            <td data-label="Delivery">${badge(invite.deliveryStatus)}${invite.state === 'pending' ? html`<br /><span class="muted">${deliveryWords(invite, now)}</span>` : ''}</td>
            <td data-label="Expires">${expiryCell(invite, now)}</td>
            <td data-label="Actions"><div class="row">${inviteActions(here, invite, actions, now)}</div></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  };

  /** The form, the last batch's answers, and the list; the form as it was sent, after a refusal. */
  async function invitesPage(c: Context, form: FormState, status: number) {
    const entry = entryOf(c.req.param('entryId'));
    const actor = world.actorOf(c.req.raw);
    if (!entry) return kit.notFound(c);
    if (!actor) return kit.signInFirst(c, 'invite people');
    const here = invitesPath(entry.id);
    const [list, can] = await Promise.all([world.inviteLinks.listInvites({ actor, entryId: entry.id }), kit.can(c, entry.id)]);
    if (!list.ok) return kit.refusal(c, list.code, 'owner', html`<a class="button secondary" href="/">Back to the entries</a>`);
    const actions = can?.invites;
    if (!actions) return kit.refusal(c, 'SERVICE_UNAVAILABLE', 'owner');
    const now = world.clock.now();
    const code = kit.said(c, 'code');
    return kit.page(
      c,
      status,
      kit.layout(
        c,
        `Invites: ${entry.title}`,
        html`<h1>Invite people to ${entry.title}</h1>
          ${code ? notice(kit.say(c, code, 'owner'), { focus: true }) : ''}
          ${kit.said(c, 'done') === 'role' ? done('The new role is saved. The invitee sees it when they open the invite; resend it to email them the change.') : ''}
          ${kit.said(c, 'done') === 'revoked' ? done('The invite was revoked: its link no longer works.') : ''}
          ${results(c, batches.find(c.req.query('batch'), actor.userId, entry.id), now)}
          <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">Invite by email</h2>
            ${notice(form.summary, { focus: form.focus === null })}
            ${actions.createInvites.allowed
              ? html`<form method="post" action="${here}">
                  ${textareaField(form, {
                    name: 'emails',
                    id: 'invite-emails',
                    label: html`Email addresses <span class="muted">(one per line, or separated by commas or semicolons)</span>`,
                    attributes: html`required`,
                  })}
                  ${selectField(form, { name: 'role', id: 'invite-role', label: 'Role', options: grantable(actions) })}
                  <p><button type="submit">Send invites</button></p>
                </form>`
              : kit.notOffered(c, actions.createInvites)}
          </section>
          <section class="card" aria-labelledby="invited-title">
            <h2 id="invited-title">Who is invited</h2>
            ${list.value.items.length === 0 ? html`<p class="muted">Nobody yet.</p>` : inviteTable(entry.id, list.value.items, actions, now)}
          </section>`,
        here,
      ),
    );
  }

  app.get('/entries/:entryId/invites', (c) => invitesPage(c, kit.formSaid(c, INVITE_FIELDS, 'owner'), 200));

  app.post('/entries/:entryId/invites', async (c) => {
    const actor = world.actorOf(c.req.raw);
    if (!actor) return kit.signInFirst(c, 'invite people');
    const entryId = c.req.param('entryId');
    const values = await formValues(c, INVITE_FIELDS);
    const emails = addressesOf(values['emails'] ?? '');
    // Refused, the form comes back as it was sent (post, redirect, get).
    const again = (reasons: readonly ApiReason[], status: number) =>
      kit.formRefused(c, invitesPath(entryId), reasons, values, () =>
        invitesPage(c, formAgain(reasons, values, INVITE_FIELDS, (code) => kit.say(c, code, 'owner')), status),
      );
    // Nothing to send is the form's own refusal: the library answers an empty batch with no outcome.
    if (emails.length === 0) return again([{ code: 'INVALID_EMAIL_LIST', path: ['emails'] }], 400);
    const sent = await world.inviteLinks.createInvites({ actor, entryId, emails, role: values['role'] ?? '' });
    if (!sent.ok) return again(sent.reasons, statusOf(sent.code));
    return c.redirect(`${invitesPath(entryId)}?batch=${batches.keep(actor.userId, entryId, sent.value)}`, 303);
  });

  // Revoking cannot be taken back: a page says what it does first.
  app.get('/entries/:entryId/invites/:inviteId/revoke', async (c) => {
    const entry = entryOf(c.req.param('entryId'));
    const actor = world.actorOf(c.req.raw);
    if (!entry) return kit.notFound(c);
    if (!actor) return kit.signInFirst(c, 'invite people');
    const here = invitesPath(entry.id);
    const back = html`<a class="button secondary" href="${here}">Back to the invites</a>`;
    const list = await world.inviteLinks.listInvites({ actor, entryId: entry.id });
    if (!list.ok) return kit.refusal(c, list.code, 'owner', back);
    const invite = list.value.items.find((item) => item.id === c.req.param('inviteId'));
    if (!invite || invite.state !== 'pending') return kit.refusal(c, invite ? 'INVITE_NOT_PENDING' : 'INVITE_NOT_FOUND', 'owner', back);
    return kit.page(
      c,
      200,
      confirmPage(kit.viewer(c), {
        title: `Revoke the invite to ${invite.email}?`,
        consequences: `The link in the email to ${invite.email} stops working at once. To invite them again, send a new invite: it comes with a new link.`,
        action: apiForm(`${here}/${invite.id}/revoke`, `${here}?done=revoked`, {}, 'Revoke the invite', { className: 'danger', back: here }),
        cancel: here,
        path: c.req.path,
      }),
    );
  });

  // A pending invite's new role; the list again, with what was done or why not.
  app.post('/entries/:entryId/invites/:inviteId/role', async (c) => {
    const actor = world.actorOf(c.req.raw);
    if (!actor) return kit.signInFirst(c, 'invite people');
    const entryId = c.req.param('entryId');
    const { role = '' } = await formValues(c, ['role']);
    const changed = await world.inviteLinks.changeInviteRole({ actor, entryId, inviteId: c.req.param('inviteId'), role });
    return kit.sayOnce(c, invitesPath(entryId), changed.ok ? { done: 'role' } : { code: changed.code });
  });

  // The invitations waiting for the signed-in person, on every entry.
  app.get('/invitations', async (c) => {
    const user = kit.userOf(c);
    const claimant = world.claimantOf(c.req.raw);
    if (!user || !claimant) return kit.signInFirst(c, 'see the invitations sent to you');
    const mine = await world.inviteLinks.listInvitesFor({ claimant });
    const now = world.clock.now();
    return kit.page(
      c,
      200,
      kit.layout(
        c,
        'Your invitations',
        html`<h1>Your invitations</h1>
          <p class="muted">Invitations sent to ${user.email} that you may still accept.</p>
          ${!mine.ok
            ? notice(kit.say(c, mine.code, 'guest'))
            : mine.value.items.length === 0
              ? html`<p class="card muted">No invitation is waiting for you.</p>`
              : html`<ul class="card" style="list-style:none;padding-left:1rem">
                  ${mine.value.items.map(
                    (invite) => html`<li style="margin:.5rem 0" data-invite-id="${invite.inviteId}">
                      <strong>${invite.entry.title ?? 'An entry'}</strong>${invite.entry.type ? html` <span class="muted">(${typeLabel(invite.entry.type)})</span>` : ''}:
                      as <strong>${invite.role}</strong>, from ${invite.inviter.name ?? 'someone'}; it ${when(invite.expiresAt, now)}.<br />
                      <a href="/i/${invite.token}">Open the invitation to ${invite.entry.title ?? 'the entry'}</a>
                    </li>`,
                  )}
                </ul>`}`,
        '/invitations',
      ),
    );
  });

  /** Why the signed-in person cannot accept this invite, before they try: another address, or one not verified. */
  const cannotAccept = (user: DemoUser, email: string): string | null =>
    user.email.toLowerCase() !== email.toLowerCase() ? 'EMAIL_MISMATCH' : user.emailVerified ? null : 'EMAIL_NOT_VERIFIED';

  /** What the invitee can do on the landing page: sign in, switch account, verify, or accept or decline. */
  const answerInvite = (c: Context, user: DemoUser | null, token: string, email: string): Html => {
    const here = `/i/${token}`;
    if (user === null) return html`<p class="notice">Sign in (the switch above) as the person this invite is for, then accept it.</p>`;
    const signedIn = html`<p>Signed in as <strong>${user.name}</strong> (${user.email}${user.emailVerified ? '' : ', not verified'}).</p>`;
    const blocked = cannotAccept(user, email);
    // The demo has no account settings: its "Signed in as" switch stands in for signing in as the
    // right person, or with a verified address.
    if (blocked !== null) {
      return html`${signedIn}${notice(kit.say(c, blocked, 'guest'))}
        <p>In this demo, use the “Signed in as” switch at the top of the page to sign in as ${email}${blocked === 'EMAIL_NOT_VERIFIED' ? ' with a verified address' : ''}.</p>
        <div class="row actions"><a href="/">Back to the start</a></div>`;
    }
    return html`${signedIn}
      <div class="row actions">
        <form class="inline" method="post" action="${here}/accept"><button type="submit">Accept the invite</button></form>
        ${apiForm(`/invites/${token}/decline`, `${here}?done=declined`, {}, 'Decline', { className: 'secondary', back: here })}
      </div>`;
  };

  /** After accepting: the role, named, and the way to the entry. */
  const accepted = (c: Context, user: DemoUser | null, here: string) => {
    const grant = user === null ? null : world.grants.of(c.req.query('invite') ?? '', user.id);
    const entry = entryOf(grant?.entryId);
    const message = {
      text: 'You accepted the invite',
      next: grant && entry ? `You are now ${article(grant.role)} ${grant.role} of ${entry.title}.` : 'The role is yours.',
    };
    const actions = entry ? html`<a class="button" href="/member/${entry.id}">Open ${entry.title}</a>` : html`<a href="/">Back to the start</a>`;
    return kit.page(c, 200, messagePage(kit.viewer(c), message, { actions, path: here }));
  };

  // Accepting: through the HTTP layer (its limits and checks apply); then what was granted.
  app.post('/i/:token/accept', async (c) => {
    const token = c.req.param('token');
    const answer = await kit.send(c, `/invites/${encodeURIComponent(token)}/accept`, {});
    if (!answer.ok) return c.redirect(`/i/${token}?code=${answer.code}`, 303);
    const grant = answer.value as { inviteId: string };
    return c.redirect(`/i/${token}?done=accepted&invite=${encodeURIComponent(grant.inviteId)}`, 303);
  });

  // The invitee's landing page.
  app.get('/i/:token', async (c) => {
    const user = kit.userOf(c);
    const token = c.req.param('token');
    const here = `/i/${token}`;
    const answered = c.req.query('done');
    if (answered === 'accepted') return accepted(c, user, here);
    if (answered === 'declined') {
      return kit.page(c, 200, messagePage(kit.viewer(c), { text: 'You declined the invite', next: 'Nobody will be added.' }, { actions: html`<a href="/">Back to the start</a>`, path: here }));
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
          <p>as <strong>${invite.role}</strong>, for <strong>${invite.email}</strong>; it ${when(invite.expiresAt, world.clock.now())}.</p>
          ${code ? notice(kit.say(c, code, 'guest'), { focus: true }) : ''}
          ${answerInvite(c, user, token, invite.email)}
        </section>`,
        here,
      ),
    );
  });

  // The entry as someone with a role on it sees it: the demo's stand-in for the host's own page.
  app.get('/member/:entryId', (c) => {
    const entry = entryOf(c.req.param('entryId'));
    const user = kit.userOf(c);
    if (!entry) return kit.notFound(c);
    if (!user) return kit.signInFirst(c, 'open the entries you were invited to');
    const role = world.grants.roleOn(entry.id, user.id);
    if (role === null) return kit.refusal(c, 'NOT_PERMITTED', 'guest', html`<a class="button secondary" href="/invitations">Your invitations</a>`);
    return kit.page(
      c,
      200,
      kit.layout(
        c,
        entry.title ?? 'Entry',
        html`<h1>${entry.title}</h1>
          <p class="card">You are ${article(role)} <strong>${role}</strong> of this ${typeLabel(entry.type).toLowerCase()}, by an invite you accepted.</p>`,
        c.req.path,
      ),
    );
  });
}

/** "a" or "an", for a role's name. */
const article = (word: string) => (/^[aeiou]/iu.test(word) ? 'an' : 'a');
