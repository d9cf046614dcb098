/**
 * The guest's pages: the link's page with the join form, the entry (or the waiting room, or
 * why not), and the page after leaving. Every word a guest reads about a refusal is the
 * library's, for the guest, in their language; never a code.
 *
 * A guest has no account. The library's session cookie holds their session; the demo keeps,
 * per entry, a cookie of its own with the link they came through and the name they gave, so
 * that its pages can name them and always lead back to the link — after guest access went off
 * and on again, after leaving, after a session ended.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Entry, GuestSessionView } from 'access-links';
import { API, entryOf, formAgain, formValues, isRoom, typeLabel, type ApiReason, type DemoKit } from './kit';
import { html, inputField, messagePage, notice, when, type FormState, type Html } from './pages';
import type { DemoWorld } from './world';

/** What the demo remembers of a guest's visit to an entry: the link's token, and their name while they are in. */
interface Visit {
  readonly link: string;
  readonly name: string | null;
}

/** A link token as the library makes them: anything else read from a cookie is ignored. */
const TOKEN = /^[A-Za-z0-9._~-]{1,512}$/u;

/** After these, the link cannot let this guest in: no page offers it again. */
const DEAD_ENDS = new Set(['LINK_INVALID', 'LINK_NOT_FOUND', 'LINK_GUEST_CAP_REACHED', 'GUEST_DECLINED', 'ENTRY_NOT_FOUND', 'ENTRY_UNAVAILABLE', 'ENTRY_TYPE_UNSUPPORTED']);

const JOIN_FIELDS = ['name', 'email', 'passcode'] as const;

const visitCookie = (entryId: string) => `demo-visit-${entryId}`;

function visitOf(c: Context, entryId: string): Visit | null {
  const fields = new URLSearchParams(getCookie(c, visitCookie(entryId)) ?? '');
  const link = fields.get('link');
  return link !== null && TOKEN.test(link) ? { link, name: fields.get('name') } : null;
}

function remember(c: Context, entryId: string, visit: Visit) {
  const value = new URLSearchParams({ link: visit.link, ...(visit.name === null ? {} : { name: visit.name }) });
  setCookie(c, visitCookie(entryId), value.toString(), { path: '/', httpOnly: true, sameSite: 'Lax' });
}

/**
 * The way back in: the link again. Its page lets a guest whose session still counts go on as
 * themselves (G12) and anyone else join; the HTTP layer has cleared a session cookie that can
 * never work again, and kept one that can (guest access off, which may come back on).
 */
const openLinkAgain = (token: string): Html => html`<a class="button" href="/g/${token}">Open the link again</a>`;

const leaveButton = (entryId: string): Html =>
  html`<form class="inline" method="post" action="/watch/${entryId}/leave"><button type="submit" class="secondary">Leave</button></form>`;

export function guestPages(app: Hono, world: DemoWorld, kit: DemoKit) {
  /** A refusal as the guest reads it, with the link again when it can still let them in. */
  const refusal = (c: Context, code: string, link: string | null) =>
    kit.refusal(
      c,
      code,
      'guest',
      // Guest access off: the link's page says the same until the owner turns it on, so the way on is to look again later.
      code === 'GUEST_ACCESS_OFF' && link !== null
        ? html`<a class="button secondary" href="/g/${link}">Check again</a>`
        : link !== null && !DEAD_ENDS.has(code)
          ? openLinkAgain(link)
          : '',
    );

  /** The link's page: what it opens, and the join form (again after a refusal, as it was sent). */
  async function landing(c: Context, token: string, form: FormState, status: number) {
    const landed = await world.guestLinks.openGuestLink({ token });
    if (!landed.ok) return refusal(c, landed.code, token);
    const { entry, link, waitingRoom, passcode, verifyEmail } = landed.value;
    const here = `/g/${token}`;
    // A visitor who already joined through this link (Back, a second tab) may go straight on (G12).
    const { result: held, setCookie: cleared } = await world.handler.checkGuestSession(c.req.raw, entry.id);
    if (cleared) c.header('set-cookie', cleared, { append: true });
    const already = held.ok && held.value.linkId === link.id ? held.value : null;
    // A guest waiting in the room (Back, a second tab) is offered the waiting page, not only the form.
    const visit = visitOf(c, entry.id);
    const waiting = !held.ok && held.code === 'GUEST_WAITING' && visit?.link === token ? visit.name : undefined;
    return kit.page(
      c,
      status,
      kit.layout(
        c,
        entry.title ?? 'Guest access',
        html`<section class="card" aria-labelledby="join-title">
          <p class="muted">You are invited as a guest to</p>
          <h1 id="join-title">${entry.title}</h1>
          <p class="muted">${typeLabel(entry.type)} · link “${link.name}” · ${when(link.expiresAt, world.clock.now())}</p>
          ${waitingRoom ? html`<p class="notice">The room is locked: after you join, a moderator lets you in.</p>` : ''}
          ${already
            ? html`<p>You already joined through this link as <strong>${already.guestName}</strong>.</p>
                <p><a class="button" href="/watch/${entry.id}">Continue as ${already.guestName}</a></p>
                <h2 id="other-title">Not ${already.guestName}? Join with your own name</h2>`
            : waiting !== undefined
              ? html`<p>You are in the waiting room${waiting === null ? '' : html` as <strong>${waiting}</strong>`}.</p>
                  <p><a class="button" href="/watch/${entry.id}">Back to the waiting room</a></p>
                  <h2 id="other-title">${waiting === null ? 'Someone else' : html`Not ${waiting}`}? Join with your own name</h2>`
              : ''}
          ${notice(form.summary, { focus: form.focus === null })}
          <form method="post" action="${verifyEmail ? `${here}/code` : here}"${already || waiting !== undefined ? html` aria-labelledby="other-title"` : ''}>
            ${inputField(form, { name: 'name', id: 'guest-name', label: 'Your name', attributes: html`required maxlength="100" autocomplete="name"` })}
            ${inputField(form, { name: 'email', id: 'guest-email', label: 'Your email', attributes: html`type="email" required autocomplete="email"` })}
            ${passcode
              ? inputField(form, {
                  name: 'passcode',
                  id: 'guest-passcode',
                  label: html`Passcode <span class="muted">(the person who shared the link gave it to you)</span>`,
                  attributes: html`type="password" required minlength="6" maxlength="128" autocomplete="off"`,
                })
              : ''}
            ${verifyEmail
              ? html`<p class="muted">No account is made. We mail a code to this address; typing it shows the host the address is yours.</p>
                  <p><button type="submit">Send me a code</button></p>`
              : html`<p class="muted">No account is made; your email is kept only so the host knows who joined.</p>
                  <p><button type="submit">Join as a guest</button></p>`}
          </form>
        </section>`,
        here,
      ),
    );
  }

  app.get('/g/:token', (c) => landing(c, c.req.param('token'), kit.formSaid(c, JOIN_FIELDS, 'guest'), 200));

  /** A join (or a code's request) refused: back to the link's page, the form as it was sent but for the passcode, never kept. */
  const joinRefused = (c: Context, token: string, values: Readonly<Record<string, string>>, answer: { readonly status: number; readonly reasons: readonly ApiReason[] }) => {
    const kept = { ...values, passcode: '' };
    return kit.formRefused(c, `/g/${encodeURIComponent(token)}`, answer.reasons, kept, () =>
      landing(c, token, formAgain(answer.reasons, kept, JOIN_FIELDS, (code) => kit.say(c, code, 'guest')), answer.status),
    );
  };

  /** A guest let in: the demo remembers the link and the name, and the entry's page follows. */
  const joined = (c: Context, token: string, value: unknown) => {
    const { session } = value as { session: GuestSessionView };
    remember(c, session.entryId, { link: token, name: session.guestName });
    return c.redirect(`/watch/${encodeURIComponent(session.entryId)}`, 303);
  };

  // Joining: through the HTTP layer, which sets the session cookie; then on to the entry, or back to the form (post, redirect, get).
  app.post('/g/:token', async (c) => {
    const token = c.req.param('token');
    const values = await formValues(c, JOIN_FIELDS);
    const answer = await kit.send(c, `/guest-links/${encodeURIComponent(token)}/join`, values);
    if (!answer.ok) return joinRefused(c, token, values, answer);
    return joined(c, token, answer.value);
  });

  // A link that checks addresses (V4): the form asks for a code, which the demo's mailbox shows;
  // the verification waits in a cookie of the link's pages for ten minutes (post, redirect, get).
  const codeCookie = 'demo-verification';
  const codePath = (token: string) => `/g/${encodeURIComponent(token)}/code`;

  app.post('/g/:token/code', async (c) => {
    const token = c.req.param('token');
    const values = await formValues(c, JOIN_FIELDS);
    const answer = await kit.send(c, `/guest-links/${encodeURIComponent(token)}/code`, values);
    if (!answer.ok) return joinRefused(c, token, values, answer);
    const { verification, email } = answer.value as { verification: string; email: string };
    setCookie(c, codeCookie, new URLSearchParams({ verification, email }).toString(), { path: codePath(token), httpOnly: true, sameSite: 'Lax', maxAge: 600 });
    return c.redirect(codePath(token), 303);
  });

  /** The page that asks for the code: where it went, the field, and the way to ask for another. */
  function codePage(c: Context, token: string, form: FormState, status: number) {
    const sent = new URLSearchParams(getCookie(c, codeCookie) ?? '');
    const email = sent.get('email');
    if (sent.get('verification') === null || email === null) return c.redirect(`/g/${encodeURIComponent(token)}`, 303);
    return kit.page(
      c,
      status,
      kit.layout(
        c,
        'Type your code',
        html`<section class="card" aria-labelledby="code-title">
          <h1 id="code-title">Type your code</h1>
          <p>We sent six digits to <strong>${email}</strong>. They work for 10 minutes.</p>
          <p class="muted">In this demo, the message is in the <a href="/mailbox">mailbox</a>.</p>
          ${notice(form.summary, { focus: form.focus === null })}
          <form method="post" action="${codePath(token)}/verify">
            ${inputField(form, { name: 'code', id: 'guest-code', label: 'Code', attributes: html`required inputmode="numeric" autocomplete="one-time-code" maxlength="20"` })}
            <p><button type="submit">Join as a guest</button></p>
          </form>
          <p><a href="/g/${token}">Send a new code</a></p>
        </section>`,
        codePath(token),
      ),
    );
  }

  app.get('/g/:token/code', (c) => codePage(c, c.req.param('token'), kit.formSaid(c, ['code'], 'guest'), 200));

  app.post('/g/:token/code/verify', async (c) => {
    const token = c.req.param('token');
    const { code = '' } = await formValues(c, ['code']);
    const verification = new URLSearchParams(getCookie(c, codeCookie) ?? '').get('verification') ?? '';
    const answer = await kit.send(c, '/guest-verifications', { verification, code });
    if (!answer.ok) {
      // A wrong code is said at its field; anything else ends this code, and says what to do.
      if (answer.code === 'WRONG_CODE') {
        return kit.formRefused(c, codePath(token), answer.reasons, { code: '' }, () =>
          codePage(c, token, formAgain(answer.reasons, { code: '' }, ['code'], (said) => kit.say(c, said, 'guest')), answer.status),
        );
      }
      return refusal(c, answer.code, token);
    }
    deleteCookie(c, codeCookie, { path: codePath(token) });
    return joined(c, token, answer.value);
  });

  // The entry as a guest sees it, the waiting room, or why not.
  app.get('/watch/:entryId', async (c) => {
    const entry = entryOf(c.req.param('entryId'));
    if (!entry) return kit.notFound(c);
    const { result, setCookie: cleared } = await world.handler.checkGuestSession(c.req.raw, entry.id);
    if (cleared) c.header('set-cookie', cleared, { append: true });
    const visit = visitOf(c, entry.id);
    if (result.ok) return kit.page(c, 200, viewing(c, entry, result.value));
    if (result.code === 'GUEST_WAITING') return kit.page(c, 200, waiting(c, entry, visit));
    // A moderator may still admit a declined guest, and the owner turn guest access on again: the
    // library keeps the session, and the page follows it, so it lets them in once that happens.
    const session = `${API}/entries/${encodeURIComponent(entry.id)}/guest-session`;
    const again = html`<noscript><a class="button secondary" href="${c.req.path}">Check again</a></noscript>`;
    if (result.code === 'GUEST_DECLINED') return kit.refusal(c, result.code, 'guest', again, session);
    if (result.code === 'GUEST_ACCESS_OFF') return kit.refusal(c, result.code, 'guest', again, session);
    return refusal(c, result.code, visit?.link ?? null);
  });

  function waiting(c: Context, entry: Entry, visit: Visit | null): Html {
    const path = `${API}/entries/${encodeURIComponent(entry.id)}/guest-session`;
    const words = kit.say(c, 'GUEST_WAITING', 'guest');
    return kit.layout(
      c,
      `Waiting room: ${entry.title}`,
      html`<section class="card" aria-labelledby="wait-title" data-code="GUEST_WAITING" data-session-events="${path}/events" data-session-check="${path}">
        <h1 id="wait-title">You are in the waiting room</h1>
        <p>of <strong>${entry.title}</strong>${visit?.name ? html`, as <strong>${visit.name}</strong>` : ''}.</p>
        <p role="status" lang="${words.lang}">${words.text}</p>
        <p lang="${words.lang}" data-live-note hidden>${words.next}</p>
        <noscript><p>This page does not update itself without JavaScript. <a class="button secondary" href="${c.req.path}">Check again</a></p></noscript>
        <div class="actions">${leaveButton(entry.id)}</div>
      </section>`,
      c.req.path,
    );
  }

  function viewing(c: Context, entry: Entry, session: GuestSessionView): Html {
    const playable = entry.type === 'video' || entry.type === 'audio' || isRoom(entry.type);
    return kit.layout(
      c,
      entry.title ?? 'Entry',
      html`<h1>${entry.title}</h1>
        <p class="muted">Viewing as a guest: <strong>${session.guestName}</strong> · view only</p>
        <figure class="player" aria-label="${entry.title}">
          <span>${typeLabel(entry.type)}</span>
          <strong style="font-size:1.4rem">${entry.title}</strong>
          <div class="controls">
            ${playable ? html`<button type="button" data-toggle-play aria-pressed="false">Play</button>` : html`<span>Page 1 of 12</span>`}
            <span class="muted" style="color:#dfe6ff">Guests can view; they cannot edit, share, download or invite.</span>
          </div>
        </figure>
        <div class="actions">${leaveButton(entry.id)}</div>`,
      c.req.path,
    );
  }

  // Leaving: the HTTP layer clears the session cookie; the demo forgets the name, keeps the link.
  app.post('/watch/:entryId/leave', async (c) => {
    const entry = entryOf(c.req.param('entryId'));
    if (!entry) return kit.notFound(c);
    const visit = visitOf(c, entry.id);
    const answer = await kit.send(c, `/entries/${encodeURIComponent(entry.id)}/guest-session/leave`, {});
    if (!answer.ok) return refusal(c, answer.code, visit?.link ?? null);
    if (visit) remember(c, entry.id, { link: visit.link, name: null });
    return c.redirect(`/left/${encodeURIComponent(entry.id)}`, 303);
  });

  app.get('/left/:entryId', (c) => {
    const entry = entryOf(c.req.param('entryId'));
    if (!entry) return kit.notFound(c);
    const visit = visitOf(c, entry.id);
    const message = { text: `You left ${entry.title}`, next: visit ? 'To come back, open the link again.' : 'To come back, open the link you received again.' };
    return kit.page(c, 200, messagePage(kit.viewer(c), message, { actions: visit ? openLinkAgain(visit.link) : '', path: c.req.path }));
  });
}
