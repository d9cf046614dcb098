/** The demo's HTML: one layout, a few parts, and a page per refusal. Every value is escaped by `html`. */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { REASON_MESSAGES } from 'access-links';
import { en, formatExpiry } from 'access-links/format';
import { INVITE_REASON_MESSAGES } from 'access-links/invites';
import { USERS, type DemoUser } from './world';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const STYLE = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5a6478; --line: #d7dce5; --accent: #2454d6; --ok: #1d7a46; --warn: #9a5b00; --bad: #b3261e; --bg: #f6f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 9; }
header { background: #fff; border-bottom: 1px solid var(--line); }
.bar { max-width: 60rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; justify-content: space-between; }
.brand { font-weight: 700; text-decoration: none; color: var(--ink); }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; } h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: .75rem; padding: 1rem; margin: 0 0 1rem; }
.muted { color: var(--muted); }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input, select, textarea { font: inherit; width: 100%; max-width: 28rem; padding: .55rem .65rem; border: 1px solid #9aa3b5; border-radius: .5rem; background: #fff; }
textarea { min-height: 6rem; }
button, .button { font: inherit; display: inline-block; padding: .5rem .9rem; border-radius: .5rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: #fff; color: var(--bad); border-color: var(--bad); }
button:disabled { opacity: .5; cursor: not-allowed; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.inline { display: inline; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: .5rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
@media (max-width: 40rem) { table, thead, tbody, tr, th, td { display: block; } thead { display: none; } tr { border-bottom: 1px solid var(--line); padding: .5rem 0; } td { border: 0; padding: .15rem 0; } td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; } }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85rem; border: 1px solid currentColor; }
.badge.active, .badge.admitted, .badge.accepted, .badge.sent, .badge.invited { color: var(--ok); }
.badge.inactive, .badge.waiting, .badge.pending, .badge.re-invited { color: var(--warn); }
.badge.expired, .badge.used_up, .badge.declined, .badge.revoked, .badge.failed, .badge.refused { color: var(--bad); }
.notice { border-left: 4px solid var(--accent); background: #eef3ff; padding: .75rem 1rem; border-radius: .25rem; margin: 0 0 1rem; }
.notice.bad { border-color: var(--bad); background: #fdeeee; } .notice.ok { border-color: var(--ok); background: #ecf7f0; }
.player { aspect-ratio: 16 / 9; max-width: 40rem; border-radius: .75rem; background: linear-gradient(135deg, #27345c, #4b6bd6); color: #fff; display: flex; flex-direction: column; justify-content: space-between; padding: 1rem; }
.player .controls { display: flex; gap: .5rem; align-items: center; }
.player button { background: rgba(255,255,255,.15); border-color: rgba(255,255,255,.6); }
.switch { font-weight: 600; }
.url { font-family: ui-monospace, monospace; font-size: .85rem; word-break: break-all; }
.mail { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: .9rem; background: #fff; border: 1px solid var(--line); padding: 1rem; border-radius: .5rem; }
`;

export const SCRIPT = `
for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const status = document.getElementById(button.getAttribute('aria-describedby'));
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      if (status) status.textContent = 'Copied.';
    } catch {
      if (status) status.textContent = 'Copy failed: select the address and copy it.';
    }
  });
}
// The waiting room: the session's event stream says when a moderator decides; if it cannot be
// opened (too many streams, a proxy that buffers), the page asks the plain way every 5 s.
for (const waiting of document.querySelectorAll('[data-session-events]')) {
  const done = () => location.reload();
  const poll = async () => {
    try {
      const response = await fetch(waiting.dataset.sessionCheck, { headers: { accept: 'application/json' } });
      if (response.status !== 202) return done();
    } catch {}
    setTimeout(poll, 5000);
  };
  const stream = new EventSource(waiting.dataset.sessionEvents);
  stream.addEventListener('check', (event) => {
    if (JSON.parse(event.data).status !== 202) {
      stream.close();
      done();
    }
  });
  stream.addEventListener('error', () => {
    if (stream.readyState === EventSource.CLOSED) poll();
  });
}
// The lobby: each change of the entry's guests fetches the page again and puts its lists in place.
for (const lobby of document.querySelectorAll('[data-lobby-events]')) {
  let pending = null;
  const refresh = async () => {
    pending = null;
    const response = await fetch(location.pathname, { headers: { accept: 'text/html' } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-lobby-events]');
    // Nothing to do when nothing changed: a control is never swapped under the pointer for nothing.
    if (!fresh || fresh.innerHTML === lobby.innerHTML) return;
    // Focus stays on the same control when it is still there.
    const focused = lobby.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent : null;
    lobby.innerHTML = fresh.innerHTML;
    const again = focused === null ? null : [...lobby.querySelectorAll('button, a')].find((control) => (control.getAttribute('aria-label') ?? control.textContent) === focused);
    again?.focus();
    const status = document.getElementById('lobby-status');
    if (status) status.textContent = 'The lobby was updated.';
  };
  const stream = new EventSource(lobby.dataset.lobbyEvents);
  const soon = () => {
    pending ??= setTimeout(refresh, 250);
  };
  stream.addEventListener('change', soon);
  // A stream that comes back may have missed changes meanwhile: list again.
  let opened = false;
  stream.addEventListener('open', () => {
    if (opened) soon();
    opened = true;
  });
}
for (const button of document.querySelectorAll('[data-toggle-play]')) {
  button.addEventListener('click', () => {
    const playing = button.getAttribute('aria-pressed') === 'true';
    button.setAttribute('aria-pressed', String(!playing));
    button.textContent = playing ? 'Play' : 'Pause';
  });
}
`;

export function layout(title: string, user: DemoUser | null, body: Html, options: { path?: string } = {}): Html {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · access-links demo</title>
    <link rel="stylesheet" href="/style.css" />
    <script src="/app.js" defer></script>
  </head>
  <body>
    <a class="skip" href="#main">Skip to content</a>
    <header>
      <div class="bar">
        <a class="brand" href="/">access-links demo</a>
        <nav aria-label="Main">
          <ul>
            <li><a href="/">Entries</a></li>
            <li><a href="/mailbox">Mailbox</a></li>
          </ul>
        </nav>
        <form class="row" method="post" action="/sign-in">
          <label for="signed-in-as" style="margin:0">Signed in as</label>
          <select id="signed-in-as" name="user" style="width:auto">
            <option value="" ${user === null ? 'selected' : ''}>nobody (a guest)</option>
            ${USERS.map((u) => html`<option value="${u.id}" ${user?.id === u.id ? 'selected' : ''}>${u.name}</option>`)}
          </select>
          <input type="hidden" name="next" value="${options.path ?? '/'}" />
          <button class="secondary" type="submit">Switch</button>
        </form>
      </div>
    </header>
    <main id="main" tabindex="-1">${body}</main>
  </body>
</html>`;
}

const TITLES: Record<string, string> = {
  LINK_INVALID: 'This link no longer works',
  GUEST_ACCESS_OFF: 'Guest access is off',
  ENTRY_UNAVAILABLE: 'This media is gone',
  ENTRY_TYPE_UNSUPPORTED: 'No guest access here',
  INVITE_TO_MEDIA_MODULE_OFF: 'Guest access is not available',
  MEDIA_PAGE_OFF: 'Guest access is not available',
  SESSION_INVALID: 'Join through a link first',
  SESSION_EXPIRED: 'Your guest session has ended',
  GUEST_DECLINED: 'A moderator declined you',
  RATE_LIMITED: 'Slow down',
  INVITE_INVALID: 'This invite link does not work',
  INVITE_EXPIRED: 'This invite has expired',
  INVITE_REVOKED: 'This invite was withdrawn',
  INVITE_DECLINED: 'This invite was declined',
  INVITE_ALREADY_ACCEPTED: 'This invite was accepted',
  EMAIL_MISMATCH: 'This invite is for someone else',
  EMAIL_NOT_VERIFIED: 'Verify your email first',
};

const SENTENCES: Record<string, string> = {
  ...REASON_MESSAGES,
  ...INVITE_REASON_MESSAGES,
  RATE_LIMITED: 'Too many requests; wait a minute and try again.',
  UNAUTHENTICATED: 'Sign in to do this.',
  CROSS_SITE_REQUEST: 'This request did not come from this site.',
};

/** The sentence for a code, as the library words it. */
export const sentence = (code: string): string => SENTENCES[code] ?? 'Something went wrong.';

/** One message page per refusal reason. */
export function messagePage(code: string, user: DemoUser | null, extra: Html | string = ''): Html {
  const title = TITLES[code] ?? 'This did not work';
  return layout(
    title,
    user,
    html`<section class="card" aria-labelledby="message-title" data-code="${code}">
      <h1 id="message-title">${title}</h1>
      <p class="notice bad" role="alert">${sentence(code)}</p>
      <p class="muted">Reason code: <code>${code}</code></p>
      ${extra}
      <p><a href="/">Back to the start</a></p>
    </section>`,
  );
}

export function notice(code: string | undefined, okText?: string): Html | string {
  if (code) return html`<p class="notice bad" role="alert" data-code="${code}">${sentence(code)} <span class="muted">(${code})</span></p>`;
  if (okText) return html`<p class="notice ok" role="status">${okText}</p>`;
  return '';
}

/** An expiry in words and as a date, as `access-links/format` writes it. */
export const when = (ms: number | null): string => {
  const expiry = formatExpiry(ms, Date.now(), { catalogue: en, timeZone: 'UTC' });
  return expiry.date === null ? expiry.text : `${expiry.text} (${expiry.date} UTC)`;
};

/** A form that posts to the HTTP layer and comes back to this page. */
export function apiForm(action: string, next: string, fields: Record<string, string>, button: Html | string, options: { method?: string; className?: string; label?: string } = {}): Html {
  return html`<form class="inline" method="post" action="/access-links${action}">
    ${options.method ? html`<input type="hidden" name="_method" value="${options.method}" />` : ''}
    ${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    <input type="hidden" name="next" value="${next}" />
    <button type="submit" class="${options.className ?? ''}" ${options.label ? html`aria-label="${options.label}"` : ''}>${button}</button>
  </form>`;
}

export { html, raw };
export type { Html };
