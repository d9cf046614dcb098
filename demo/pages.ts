/**
 * The demo's HTML: one layout, and the parts every page is made of — a message page (what
 * happened and what to do next), notices, form fields that show their own refusal, a
 * confirmation step, state badges. Every value is escaped by `html`.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatDistanceStrict } from 'date-fns';
import { en, formatDate, formatExpiry, type Audience } from 'access-links/format';
import { stateWords, type Said } from './words';
import { USERS, type DemoUser } from './world';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const STYLE = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5a6478; --line: #d7dce5; --accent: #2454d6; --ok: #1d7a46; --warn: #9a5b00; --bad: #b3261e; --bg: #f6f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); overflow-wrap: anywhere; }
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
button.danger, .button.danger { background: #fff; color: var(--bad); border-color: var(--bad); }
button:disabled { opacity: .5; cursor: not-allowed; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.actions { margin: 1rem 0; }
.inline { display: inline; }
[hidden] { display: none !important; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: .5rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
@media (max-width: 40rem) { table, thead, tbody, tr, th, td { display: block; } thead { display: none; } tr { border-bottom: 1px solid var(--line); padding: .5rem 0; } td { border: 0; padding: .15rem 0; } td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; } }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85rem; border: 1px solid currentColor; white-space: nowrap; }
/* Names and addresses people typed wrap anywhere (body) rather than widen the page; the demo's own words never break inside. */
th, label, button, .button, .badge, td:not([data-label="Name"], [data-label="Email"], [data-label="Link"]) { overflow-wrap: normal; }
td[data-label="Name"] { min-width: 9rem; } td[data-label="Email"] { min-width: 12rem; } td[data-label="Link"] { min-width: 7rem; } td[data-label="When"] { min-width: 11rem; }
/* What gets focus only to be read (a refusal, the results) is not a control: no ring around it. */
[tabindex="-1"]:focus-visible { outline: none; }
.badge.active, .badge.admitted, .badge.accepted, .badge.sent, .badge.invited { color: var(--ok); }
.badge.inactive, .badge.waiting, .badge.pending, .badge.re-invited { color: var(--warn); }
.badge.expired, .badge.used_up, .badge.declined, .badge.revoked, .badge.failed, .badge.refused { color: var(--bad); }
.notice { border-left: 4px solid var(--accent); background: #eef3ff; padding: .75rem 1rem; border-radius: .25rem; margin: 0 0 1rem; }
.notice.bad { border-color: var(--bad); background: #fdeeee; } .notice.ok { border-color: var(--ok); background: #ecf7f0; }
.field-error { color: var(--bad); font-weight: 600; margin: .25rem 0; max-width: 28rem; }
[aria-invalid="true"] { border: 2px solid var(--bad); }
.next { font-size: 1.05rem; }
.player { aspect-ratio: 16 / 9; max-width: 40rem; border-radius: .75rem; background: linear-gradient(135deg, #27345c, #4b6bd6); color: #fff; display: flex; flex-direction: column; justify-content: space-between; padding: 1rem; }
.player .controls { display: flex; gap: .5rem; align-items: center; }
.player button { background: rgba(255,255,255,.15); border-color: rgba(255,255,255,.6); }
.switch { font-weight: 600; }
.url { display: inline-block; max-width: 20rem; font-family: ui-monospace, monospace; font-size: .85rem; word-break: break-all; }
.chart { margin: 0 0 1rem; } .chart svg { display: block; max-width: 100%; height: auto; margin: .25rem 0; }
.chart .opens, .key.opens { fill: #5a6fa8; background: #5a6fa8; } .chart .joins, .key.joins { fill: var(--ok); background: var(--ok); } .chart .refusals, .key.refusals { fill: var(--bad); background: var(--bad); }
.chart .axis { stroke: var(--line); } .chart .tick { font-size: 9px; fill: var(--muted); }
.key { display: inline-block; width: .8rem; height: .8rem; border-radius: .15rem; vertical-align: middle; margin-left: .5rem; }
footer.clock { border-top: 1px solid var(--line); background: #fff; margin-top: 2rem; }
.mail { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: .9rem; background: #fff; border: 1px solid var(--line); padding: 1rem; border-radius: .5rem; }
`;

export const SCRIPT = `
// Copying needs script: the button is shown only once it can work (the address is on the page to copy by hand).
for (const button of document.querySelectorAll('[data-copy]')) {
  button.hidden = false;
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
// A guest's page that can still change (waiting, declined, guest access off): the session's event
// stream says when a moderator or the owner changes it, and the page loads again to show what
// it became. If the stream cannot be opened (too many streams, a proxy that buffers), the page
// asks the plain way every 5 s.
for (const waiting of document.querySelectorAll('[data-session-events]')) {
  // "This page updates itself" is true only now that script runs.
  for (const note of waiting.querySelectorAll('[data-live-note]')) note.hidden = false;
  const shown = waiting.dataset.code;
  const changed = (status, body) => (status === 200 ? 'IN' : body?.code) !== shown;
  const done = () => location.reload();
  const poll = async () => {
    try {
      const response = await fetch(waiting.dataset.sessionCheck, { headers: { accept: 'application/json' } });
      if (changed(response.status, await response.json().catch(() => null))) return done();
    } catch {}
    setTimeout(poll, 5000);
  };
  const stream = new EventSource(waiting.dataset.sessionEvents);
  stream.addEventListener('check', (event) => {
    const { status, body } = JSON.parse(event.data);
    if (changed(status, body)) {
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

/** Who reads a page, and when on the demo's clock. */
export interface Viewer {
  readonly user: DemoUser | null;
  readonly now: number;
}

/** How far the clock form moves the demo's time, by the value of its buttons. */
export const CLOCK_STEPS: Readonly<Record<string, { label: string; ms: number }>> = {
  hour: { label: '+1 hour', ms: 3_600_000 },
  day: { label: '+1 day', ms: 86_400_000 },
  week: { label: '+7 days', ms: 7 * 86_400_000 },
};

/** The demo's clock, at the foot of every page: what time it is there, and buttons to move it forward. */
const clockForm = (now: number, path: string): Html =>
  html`<footer class="clock">
    <section class="bar" aria-labelledby="clock-title">
      <h2 id="clock-title" style="margin:0;font-size:1rem">Move the clock forward</h2>
      <p style="margin:0">The demo's clock says <strong id="clock-now">${formatDate(now, { catalogue: en, timeZone: 'UTC' })} UTC</strong>: move it to see links, sessions and invites expire.</p>
      <form class="row" method="post" action="/clock">
        <input type="hidden" name="next" value="${path}" />
        ${Object.entries(CLOCK_STEPS).map(([by, step]) => html`<button class="secondary" type="submit" name="by" value="${by}">${step.label}</button>`)}
      </form>
    </section>
  </footer>`;

export function layout(title: string, viewer: Viewer, body: Html, options: { path?: string | undefined } = {}): Html {
  const user = viewer.user;
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
            ${user === null ? '' : html`<li><a href="/invitations">Your invitations</a></li>`}
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
    ${clockForm(viewer.now, options.path ?? '/')}
  </body>
</html>`;
}

/** What a message page says: a heading, and what to do next. A refusal's {@link Said} is one. */
export interface Message {
  readonly text: string;
  readonly next: string;
  /** The language of both sentences. @defaultValue `'en'` */
  readonly lang?: string | undefined;
  /** A refusal's code: in `data-code` for scripts and tests, never shown to anyone. */
  readonly code?: string | undefined;
  readonly audience?: Audience | undefined;
}

/**
 * The one message page: what happened as the heading, what to do next under it, and the ways
 * on (a button back to the link, a link home, …). Refusals, "you left", "not found" all use it.
 */
export function messagePage(viewer: Viewer, message: Message, options: { actions?: Html | string; path?: string; watch?: string } = {}): Html {
  const lang = message.lang ?? 'en';
  const watch = options.watch === undefined ? '' : html` data-session-events="${options.watch}/events" data-session-check="${options.watch}"`;
  return layout(
    message.text,
    viewer,
    html`<section class="card" aria-labelledby="message-title"${message.code === undefined ? '' : html` data-code="${message.code}"`}${watch}>
      <h1 id="message-title" lang="${lang}">${message.text}</h1>
      <p class="next" lang="${lang}">${message.next}</p>
      ${options.watch === undefined ? '' : html`<p data-live-note hidden>This page updates itself when that changes.</p>`}
      ${options.actions ? html`<div class="row actions">${options.actions}</div>` : ''}
    </section>`,
    { path: options.path },
  );
}

/**
 * A refusal on the page where it happened, above what it is about. `focus` moves focus to it
 * as the page loads (`autofocus`, so without script too): for the answer to something just sent.
 */
export function notice(words: Said | null | undefined, options: { focus?: boolean } = {}): Html | string {
  if (!words) return '';
  return html`<p class="notice bad" role="alert" data-code="${words.code}"${options.focus ? raw(' tabindex="-1" autofocus') : ''}>
    <span lang="${words.lang}">${words.text} ${words.next}</span>
  </p>`;
}

/** Something done, said on the page it comes back to. */
export const done = (text: string): Html => html`<p class="notice ok" role="status">${text}</p>`;

/** A state (of a link, a guest, an invite, a delivery) as a coloured word. */
export const badge = (state: string): Html => html`<span class="badge ${state}">${stateWords(state)}</span>`;

/** A form as it comes back after a refusal: the values sent, and the words of each field at fault. */
export interface FormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, Said>>;
  /** A refusal not about one field, shown above the form. */
  readonly summary: Said | null;
  /** The field focus moves to: the first at fault, in the form's order. */
  readonly focus: string | null;
}

export const BLANK_FORM: FormState = { values: {}, errors: {}, summary: null, focus: null };

/** A field's refusal, tied to its control by `aria-describedby`, and the control's attributes. */
function fieldParts(form: FormState, name: string, id: string): { message: Html | string; state: Html | string } {
  const error = form.errors[name];
  if (!error) return { message: '', state: '' };
  return {
    message: html`<p class="field-error" id="${id}-error" lang="${error.lang}">${error.text} ${error.next}</p>`,
    state: html` aria-invalid="true" aria-describedby="${id}-error"${form.focus === name ? raw(' autofocus') : ''}`,
  };
}

/** What every field has: its name in the form, its id, its label, and attributes of its own. */
export interface FieldSpec {
  readonly name: string;
  readonly id: string;
  readonly label: Html | string;
  /** Its own attributes, as markup: `html\`required maxlength="100"\``. */
  readonly attributes?: Html;
}

/** A labelled text input, with the value sent and its refusal when it comes back. */
export function inputField(form: FormState, spec: FieldSpec): Html {
  const { message, state } = fieldParts(form, spec.name, spec.id);
  return html`<label for="${spec.id}">${spec.label}</label>${message}
    <input id="${spec.id}" name="${spec.name}" value="${form.values[spec.name] ?? ''}" ${spec.attributes ?? ''}${state} />`;
}

/** A labelled text area, with the text sent and its refusal when it comes back. */
export function textareaField(form: FormState, spec: FieldSpec): Html {
  const { message, state } = fieldParts(form, spec.name, spec.id);
  return html`<label for="${spec.id}">${spec.label}</label>${message}
    <textarea id="${spec.id}" name="${spec.name}" ${spec.attributes ?? ''}${state}>${form.values[spec.name] ?? ''}</textarea>`;
}

/** A labelled choice, with the option sent still chosen and its refusal when it comes back. */
export function selectField(form: FormState, spec: FieldSpec & { readonly options: readonly string[] }): Html {
  const { message, state } = fieldParts(form, spec.name, spec.id);
  const chosen = form.values[spec.name];
  return html`<label for="${spec.id}">${spec.label}</label>${message}
    <select id="${spec.id}" name="${spec.name}" ${spec.attributes ?? ''}${state}>
      ${spec.options.map((option) => html`<option${option === chosen ? raw(' selected') : ''}>${option}</option>`)}
    </select>`;
}

/** A button that opens the confirmation page of an action: a form that gets the page, so it needs no script. */
export function askFirst(path: string, button: string, options: { className?: string; label?: string } = {}): Html {
  return html`<form class="inline" method="get" action="${path}">
    <button type="submit" class="${options.className ?? ''}"${options.label ? html` aria-label="${options.label}"` : ''}>${button}</button>
  </form>`;
}

/** The confirmation step of an action that cannot be taken back: what it does, the action, and a way back without doing it. */
export function confirmPage(viewer: Viewer, step: { title: string; consequences: string; action: Html; cancel: string; path: string }): Html {
  return layout(
    step.title,
    viewer,
    html`<section class="card" aria-labelledby="confirm-title">
      <h1 id="confirm-title">${step.title}</h1>
      <p>${step.consequences}</p>
      <div class="row actions">${step.action} <a class="button secondary" href="${step.cancel}">Cancel</a></div>
    </section>`,
    { path: step.path },
  );
}

/** An expiry in words and as a date, as `access-links/format` writes it, at `now` on the demo's clock. */
export const when = (ms: number | null, now: number): string => {
  const expiry = formatExpiry(ms, now, { catalogue: en, timeZone: 'UTC' });
  return expiry.date === null ? expiry.text : `${expiry.text} (${expiry.date} UTC)`;
};

/** An instant as a time of day ("14:04 UTC"), with its date when it is not today's. */
export const timeOf = (ms: number, now: number): string => {
  const time = new Date(ms).toISOString().slice(11, 16);
  return new Date(ms).toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? `${time} UTC` : `${formatDate(ms, { catalogue: en, timeZone: 'UTC' })} UTC`;
};

/** An instant in the past in words: "3 minutes ago, at 14:04 UTC". */
export const ago = (ms: number, now: number): string =>
  `${now - ms < 60_000 ? 'just now' : formatDistanceStrict(ms, now, { addSuffix: true })}, at ${timeOf(ms, now)}`;

/**
 * A form that posts to the HTTP layer, which sends the browser to `next`, or on a refusal to
 * `back` (else `next`) with `?code=`.
 */
export function apiForm(
  action: string,
  next: string,
  fields: Record<string, string>,
  button: Html | string,
  options: { method?: string; className?: string; label?: string; back?: string } = {},
): Html {
  return html`<form class="inline" method="post" action="/access-links${action}">
    ${options.method ? html`<input type="hidden" name="_method" value="${options.method}" />` : ''}
    ${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    <input type="hidden" name="next" value="${next}" />
    ${options.back ? html`<input type="hidden" name="back" value="${options.back}" />` : ''}
    <button type="submit" class="${options.className ?? ''}" ${options.label ? html`aria-label="${options.label}"` : ''}>${button}</button>
  </form>`;
}

export { html, raw };
export type { Html };
